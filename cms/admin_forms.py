"""Page editor forms: an editor chooses only among their own areas, services and panels."""

from wagtail.admin.forms import WagtailAdminPageForm

from coproduce.models import Service
from panels.models import Panel


class AreaScopedPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        areas = self.for_user.visible_areas()
        choices = {
            "area": areas,
            "service": Service.objects.filter(area__in=areas),
            "panel": Panel.objects.filter(area__in=areas),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
