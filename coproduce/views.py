"""Wagtail's generic admin views for the core models, scoped to the staff user's areas.

Which rows a user may reach, and what they may do to each, is decided by the permission
policies in ``coproduce.permissions``; these views only ask.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.users.views import users

from .permissions import ANY_ACTION, VIEW_PHONE_NUMBER
from .phones import mask_phone


class AreaScopedViewMixin:
    """For Wagtail's generic model views.

    The object comes from the rows the user may reach, so one in another area is a 404 however
    its URL was found. One they can reach but may not act on this way (a shared theme, for an
    area admin) is a 403.
    """

    def get_scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ANY_ACTION
        )

    def get_object(self, queryset=None):
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        instance = get_object_or_404(self.get_scoped_queryset(), pk=pk)
        action = getattr(self, "permission_required", None)
        if action and not self.user_has_permission_for_instance(action, instance):
            raise PermissionDenied
        return instance


class ScopedIndexView(AreaScopedViewMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.get_scoped_queryset()

    # Per row, so that nobody is offered a link they would be refused.
    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class ScopedEditView(AreaScopedViewMixin, generic.EditView):
    pass


class ScopedDeleteView(AreaScopedViewMixin, generic.DeleteView):
    pass


class ScopedHistoryView(AreaScopedViewMixin, history.HistoryView):
    pass


class ScopedUsageView(AreaScopedViewMixin, usage.UsageView):
    pass


class ScopedInspectView(AreaScopedViewMixin, generic.InspectView):
    def get_edit_url(self):
        if self.user_has_permission_for_instance("change", self.object):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        if self.user_has_permission_for_instance("delete", self.object):
            return super().get_delete_url()
        return None


class PersonInspectView(ScopedInspectView):
    """Contact details only for those allowed them; consent as read-only history."""

    @property
    def can_see_contact_details(self) -> bool:
        return self.request.user.has_perm(VIEW_PHONE_NUMBER)

    def get_fields(self):
        fields = super().get_fields()
        if not self.can_see_contact_details:
            fields = [name for name in fields if name != "email"]
        return fields

    def get_phone_display_value(self):
        if self.can_see_contact_details:
            return self.object.phone
        return mask_phone(self.object.phone)

    def get_opted_out_at_display_value(self):
        if self.object.opted_out_at is None:
            return "No"
        return date_format(localtime(self.object.opted_out_at), "DATETIME_FORMAT")

    def get_consents_display_value(self):
        consents = self.object.consents.select_related("recorded_by")
        if not consents:
            return "None recorded"
        rows = (
            (
                consent,
                consent.get_channel_display(),
                date_format(localtime(consent.recorded_at), "DATETIME_FORMAT"),
                consent.note,
            )
            for consent in consents
        )
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} ({}, {}) {}</li>", rows))


class FormForRequestUserMixin:
    """Wagtail only tells its own model forms who is using them; the user forms need it too."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class StaffUserCreateView(FormForRequestUserMixin, users.CreateView):
    pass


class StaffUserEditView(FormForRequestUserMixin, users.EditView):
    pass


class AdminPageMixin(WagtailAdminTemplateMixin):
    """A custom admin page whose header names it ("SMS simulator"), not just "Home"."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
