from django import forms

from coproduce.forms import AreaScopedForm
from coproduce.models import Area, Person, Service
from coproduce.phones import InvalidPhoneNumber, normalise_phone

from .simulator import DEFAULT_SIMULATOR_NUMBER
from .texts import SPECS, validate_text


class SegmentCounterTextarea(forms.Textarea):
    """A textarea that shows characters used of 160 as staff type (works without JS too:
    the form refuses anything over one segment)."""

    template_name = "sms/admin/segment_counter_textarea.html"

    class Media:
        js = ["sms/segment_counter.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 3, "data-segment-counter": "", **(attrs or {})})


class SmsTemplateForm(AreaScopedForm):
    """An area's wording for one system text: refused unless it is one plain-GSM segment."""

    def clean(self):
        cleaned = super().clean()
        key, body = cleaned.get("key"), cleaned.get("body")
        if key and key not in SPECS:
            self.add_error("key", "Choose one of the listed texts.")
        elif key and body:
            try:
                validate_text(key, body)
            except forms.ValidationError as error:
                self.add_error("body", error)
        return cleaned


class SimulatorForm(forms.Form):
    area = forms.ModelChoiceField(queryset=Area.objects.none(), label="Texting the number for")
    sender = forms.CharField(
        label="Pretend to be",
        initial=DEFAULT_SIMULATOR_NUMBER,
        help_text="Use a made-up number from 07700 900000 to 07700 900999.",
    )
    body = forms.CharField(label="Text", max_length=1600, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        areas = user.visible_areas().exclude(sms_number="")
        self.fields["area"].queryset = areas
        if len(areas) == 1:  # nothing to choose: don't make them
            self.fields["area"].initial = areas[0]

    def clean_sender(self):
        try:
            number = normalise_phone(self.cleaned_data["sender"])
        except InvalidPhoneNumber as error:
            raise forms.ValidationError(error.messages[0]) from error
        if not number.startswith("+447700900"):
            raise forms.ValidationError(
                "Use a made-up number from 07700 900000 to 07700 900999, so no real person "
                "gets a text."
            )
        return number


class FeedbackPromptForm(forms.Form):
    service = forms.ModelChoiceField(queryset=Service.objects.none(), label="Service they saw")
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Only people who can get texts are listed.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.for_user(user).active()
        self.fields["people"].queryset = (
            Person.objects.for_user(user).contactable_by_sms().order_by("display_name", "pk")
        )

    def clean(self):
        cleaned = super().clean()
        service, people = cleaned.get("service"), cleaned.get("people")
        if service and people and any(person.area_id != service.area_id for person in people):
            raise forms.ValidationError("Everyone must be in the same area as the service.")
        return cleaned
