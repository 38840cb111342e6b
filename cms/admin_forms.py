"""Page editor forms: an editor chooses only among their own areas, services and panels."""

from wagtail.admin.forms import WagtailAdminPageForm

from coproduce.models import Service
from panels.models import Panel


class AreaScopedPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        user = self.for_user
        choices = {
            "area": user.visible_areas(),
            "service": Service.objects.for_user(user),
            "panel": Panel.objects.for_user(user),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
