"""Filters for the feedback inbox. Choices come from the areas the user may see."""

import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from coproduce.models import Service, Theme

from .models import Response


def _areas(request):
    return request.user.visible_areas()


def _services(request):
    return Service.objects.for_user(request.user).select_related("area").order_by("name")


def _themes(request):
    return Theme.objects.for_user(request.user).order_by("name")


class ResponseFilterSet(WagtailFilterSet):
    area = django_filters.ModelChoiceFilter(queryset=_areas, label="Area")
    service = django_filters.ModelChoiceFilter(queryset=_services, label="Service")
    channel = django_filters.ChoiceFilter(
        choices=Response.Channel.choices, widget=forms.RadioSelect, empty_label="All"
    )
    created_at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    feeling_score = django_filters.MultipleChoiceFilter(
        label="How it made them feel",
        choices=[(score, str(score)) for score in range(1, 6)],
        widget=forms.CheckboxSelectMultiple,
    )
    themes = django_filters.ModelChoiceFilter(queryset=_themes, label="Theme", distinct=True)
    is_safeguarding = django_filters.BooleanFilter(
        label="Safeguarding concern", widget=BooleanRadioSelect
    )

    class Meta:
        model = Response
        fields: list[str] = []
