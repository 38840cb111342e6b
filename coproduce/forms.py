"""Admin forms for the core models. They parse and check input; the rules they apply are
the models' constraints and the user's areas."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import Person
from .phones import normalise_phone

DUPLICATE_PHONE_MESSAGE = "Someone in this area already has that phone number."


class AreaScopedForm(WagtailAdminModelForm):
    """Base form for anything that belongs to an area.

    The area choices are the user's own areas, so a crafted id for anyone else's area fails
    validation. An empty area means "shared by every area" (themes), which only national
    users may choose. Someone with exactly one area has it chosen for them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area_field = self.fields.get("area")
        if area_field is None:
            return
        if self.for_user is None:
            area_field.queryset = area_field.queryset.none()
            return
        area_field.queryset = self.for_user.visible_areas()
        if not self.for_user.sees_all_areas:
            area_field.required = True
        if not area_field.required:
            area_field.empty_label = "Shared by every area"
        areas = list(area_field.queryset[:2])
        if area_field.required and len(areas) == 1 and self.instance.pk is None:
            self.initial.setdefault("area", areas[0].pk)


class PersonForm(AreaScopedForm):
    def _post_clean(self):
        super()._post_clean()
        # The unique constraint is on phone_hash, which isn't a form field, so Django's own
        # constraint check skips it; without this a duplicate would fail at save time.
        person = self.instance
        if not person.phone or not person.area_id or self.has_error("phone"):
            return
        clash = (
            Person.objects.filter(area_id=person.area_id)
            .by_phone(person.phone)
            .exclude(pk=person.pk)
        )
        if clash.exists():
            self.add_error("phone" if "phone" in self.fields else None, DUPLICATE_PHONE_MESSAGE)


class ServiceForm(AreaScopedForm):
    def clean_code(self):
        # Upper-case before the model's validator sees it: people type "hostel".
        return self.cleaned_data["code"].strip().upper()

    def clean_aliases(self):
        lines = (line.strip() for line in self.cleaned_data["aliases"].splitlines())
        return "\n".join(line for line in lines if line)


class StaffScopeFieldsMixin:
    """Areas and the national role decide what a staff member sees, so only superusers set
    them; for anyone else the fields are not on the form at all. Who is on call for
    safeguarding alerts, and on which mobile, only people who manage users set."""

    scope_fields = ("areas", "is_national")
    on_call_fields = ("is_on_call", "on_call_phone")

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is None or not for_user.is_superuser:
            for name in self.scope_fields:
                self.fields.pop(name, None)
        if not _manages_users(for_user):
            for name in self.on_call_fields:
                self.fields.pop(name, None)

    def clean_on_call_phone(self) -> str:
        """E.164, as the alert is sent to it; UK numbers may be typed as people write them."""
        number = self.cleaned_data.get("on_call_phone", "").strip()
        return normalise_phone(number) if number else ""


def _manages_users(user) -> bool:
    return user is not None and (
        user.has_perm("coproduce.add_user") or user.has_perm("coproduce.change_user")
    )


_STAFF_FIELDS = {"areas", "is_national", "is_on_call", "on_call_phone"}
_ON_CALL_PHONE_WIDGET = forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})


class StaffUserCreationForm(StaffScopeFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | _STAFF_FIELDS
        widgets = {
            **UserCreationForm.Meta.widgets,
            "areas": forms.CheckboxSelectMultiple,
            "on_call_phone": _ON_CALL_PHONE_WIDGET,
        }


class StaffUserEditForm(StaffScopeFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | _STAFF_FIELDS
        widgets = {
            **UserEditForm.Meta.widgets,
            "areas": forms.CheckboxSelectMultiple,
            "on_call_phone": _ON_CALL_PHONE_WIDGET,
        }
