"""Admin forms for panels. They limit every choice to the user's areas and parse input; the
rules are the models' and the domain modules'."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from coproduce.forms import AreaScopedForm
from coproduce.models import Person, Theme

from .models import Panel, Recommendation, Session


class PanelForm(AreaScopedForm):
    pass


class PanelChildForm(WagtailAdminModelForm):
    """For rows that belong to an area through a panel: only the user's panels and people."""

    panel_field = "panel"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is Panel:
                field.queryset = Panel.objects.for_user(user) if user else Panel.objects.none()
            elif model is Person:
                field.queryset = Person.objects.for_user(user) if user else Person.objects.none()
            elif model in (Session, Recommendation):
                field.queryset = model.objects.for_user(user) if user else model.objects.none()
            elif model is Theme and name == "themes":
                field.queryset = Theme.objects.for_user(user).filter(is_active=True)
        governance = self.fields.get("governance_group")
        if governance is not None:
            governance.queryset = governance.queryset.governance()


class MembershipForm(PanelChildForm):
    pass


class SessionForm(PanelChildForm):
    pass


class SessionPaperForm(PanelChildForm):
    pass


class RecommendationForm(PanelChildForm):
    pass


class EscalationForm(PanelChildForm):
    update_note = forms.CharField(
        label="Add to the history",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What happened, e.g. 'Agreed at the March board; housing team to change the "
        "letter'. Saved with today's date. A change of status is always recorded.",
    )

    def clean(self):
        cleaned = super().clean()
        reason = (cleaned.get("declined_reason") or "").strip()
        if cleaned.get("status") == "declined" and not reason:
            self.add_error("declined_reason", "Say why it was declined.")
        return cleaned


class RegisterForm(forms.Form):
    """One row per person: the phone-friendly register. Built from ``people``."""

    def __init__(self, *args, people, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            record = existing.get(person.pk)
            self.fields[f"present_{person.pk}"] = forms.BooleanField(
                label=str(person),
                required=False,
                initial=record.was_present if record else False,
            )
            self.fields[f"late_{person.pk}"] = forms.TimeField(
                label="Arrived late at",
                required=False,
                initial=record.arrived_late_at if record else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"early_{person.pk}"] = forms.TimeField(
                label="Left early at",
                required=False,
                initial=record.left_early_at if record else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )

    def rows(self):
        for person in self.people:
            yield (
                person,
                self[f"present_{person.pk}"],
                self[f"late_{person.pk}"],
                self[f"early_{person.pk}"],
            )

    def lines(self):
        from .attendance import RegisterLine

        return [
            RegisterLine(
                person_id=person.pk,
                was_present=self.cleaned_data[f"present_{person.pk}"],
                arrived_late_at=self.cleaned_data[f"late_{person.pk}"],
                left_early_at=self.cleaned_data[f"early_{person.pk}"],
            )
            for person in self.people
        ]


class WalkInForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Someone who came without an invitation",
        help_text="They are added to the register as present.",
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(area=area)

    def clean_person(self):
        person = self.cleaned_data["person"]
        if person is None:
            raise ValidationError("Choose a person.")
        return person
