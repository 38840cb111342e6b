from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from coproduce.models import Theme

from .response_themes import set_confirmed_themes


class ResponseThemesForm(WagtailAdminModelForm):
    """Staff change only a response's themes; what people said is never edited."""

    confirmed_themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick what this feedback is about. Suggested themes start ticked; saving "
        "confirms the ticked ones and removes the rest.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        response = self.instance
        current = Theme.objects.filter(response_links__response=response)
        offered = Theme.objects.for_area(response.area).filter(is_active=True)
        field = self.fields["confirmed_themes"]
        field.queryset = (offered | current).distinct().order_by("name")
        field.initial = list(current.values_list("pk", flat=True))

    def save(self, commit=True):
        response = super().save(commit=commit)
        set_confirmed_themes(
            response=response, themes=self.cleaned_data["confirmed_themes"], by=self.for_user
        )
        return response
