"""Admin screens for the core domain: areas, people, services and themes, and staff users."""

from django import forms
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views.users import UserViewSet

from . import views
from .forms import (
    AreaScopedForm,
    PersonForm,
    ServiceForm,
    StaffUserCreationForm,
    StaffUserEditForm,
)
from .models import Area, Person, Service, Theme
from .permissions import VIEW_PHONE_NUMBER
from .phones import mask_phone


class AreaScopedViewSet(ModelViewSet):
    """Every view shows only the rows in the user's areas (see ``coproduce.permissions``)."""

    index_view_class = views.ScopedIndexView
    edit_view_class = views.ScopedEditView
    delete_view_class = views.ScopedDeleteView
    history_view_class = views.ScopedHistoryView
    usage_view_class = views.ScopedUsageView
    inspect_view_class = views.ScopedInspectView
    inspect_view_enabled = True
    # A copy starts from someone else's row (and, for a person, their phone number).
    copy_view_enabled = False
    # The database backend would need these models indexed; a LIKE query is plenty here.
    search_backend_name = None


class AreaViewSet(AreaScopedViewSet):
    model = Area
    name = "areas"
    icon = "site"
    list_display = ["name", "slug", BooleanColumn("is_active", label="Active")]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sms_number"), FieldPanel("is_active")]
    )


class PersonViewSet(AreaScopedViewSet):
    model = Person
    name = "people"
    icon = "user"
    inspect_view_class = views.PersonInspectView
    # Records, not content: indexing their references queued a background task on every
    # save, one or two per inbound text.
    add_to_reference_index = False
    list_display = [
        "__str__",
        "area",
        BooleanColumn("is_cohort_member", label="Cohort member"),
        BooleanColumn("is_expert_by_experience", label="EbE"),
        Column("phone", label="Phone", accessor=lambda person: mask_phone(person.phone)),
        BooleanColumn("is_opted_out", label="Opted out"),
    ]
    search_fields = ["display_name"]
    inspect_view_fields = [
        "display_name",
        "area",
        "is_cohort_member",
        "is_expert_by_experience",
        "phone",
        "email",
        "preferred_contact",
        "language",
        "opted_out_at",
        "consents",
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("area"),
            FieldPanel("display_name"),
            FieldPanel("is_cohort_member"),
            FieldPanel("is_expert_by_experience"),
            # Not on the form at all without the permission: nobody overwrites a number
            # they can't see.
            FieldPanel(
                "phone",
                widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
                permission=VIEW_PHONE_NUMBER,
            ),
            FieldPanel("email", widget=forms.EmailInput, permission=VIEW_PHONE_NUMBER),
            FieldPanel("preferred_contact"),
            FieldPanel("language"),
        ],
        base_form_class=PersonForm,
    )


class ServiceViewSet(AreaScopedViewSet):
    model = Service
    name = "services"
    icon = "site"
    list_display = ["name", "code", "area", BooleanColumn("is_active", label="Active")]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("area"),
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("aliases", widget=forms.Textarea(attrs={"rows": 4})),
            FieldPanel("description"),
            FieldPanel("is_active"),
        ],
        base_form_class=ServiceForm,
    )


class ThemeViewSet(AreaScopedViewSet):
    model = Theme
    name = "themes"
    icon = "tag"
    list_display = [
        "name",
        Column("area", label="Area", accessor=lambda theme: theme.area or "Shared"),
        BooleanColumn("is_active", label="Active"),
    ]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("area"),
            FieldPanel("is_active"),
        ],
        base_form_class=AreaScopedForm,
    )


class PeopleAndServicesViewSetGroup(ViewSetGroup):
    menu_label = "People and services"
    menu_icon = "group"
    menu_order = 200
    items = (PersonViewSet, ServiceViewSet, ThemeViewSet, AreaViewSet)


class StaffUserViewSet(UserViewSet):
    """Wagtail's user screens, plus areas and the national role (superusers only)."""

    add_view_class = views.StaffUserCreateView
    edit_view_class = views.StaffUserEditView

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
