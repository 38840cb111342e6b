"""Public pages for panels: a page per panel, and "You said, we did", which lists escalations
marked public with what changed (or why it couldn't), in plain English."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from coproduce.models import Area
from panels.models import Escalation, Panel, Session

from .admin_forms import AreaScopedPageForm

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]
UPCOMING_SHOWN = 6


class PanelPage(Page):
    """What one panel is, when it meets and how to join. Sessions show date and place only:
    online links and papers are for members, on their own page."""

    panel = models.ForeignKey(
        Panel, on_delete=models.PROTECT, related_name="pages", help_text="The panel this is about."
    )
    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A few short sentences: who the panel is for and what it does.",
    )
    how_to_join = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Plain steps, e.g. 'Ask your key worker, or text JOIN to ...'. Say that "
        "members are paid and how.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("panel"),
        FieldPanel("intro"),
        FieldPanel("how_to_join"),
    ]
    base_form_class = AreaScopedPageForm
    subpage_types: list[str] = []
    template = "cms/panel_page_public.html"

    class Meta:
        verbose_name = "panel page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_sessions"] = list(
            Session.objects.filter(panel=self.panel).upcoming()[:UPCOMING_SHOWN]
        )
        context["raised"] = list(
            Escalation.objects.published().filter(raised_by=self.panel).order_by("-updated_at")
        )
        return context


class YouSaidWeDidPage(Page):
    """Escalations marked public for one area, newest change first."""

    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="you_said_we_did_pages",
        help_text="Shows what this area's panels raised.",
    )
    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="One or two sentences, e.g. 'Our peer panels told the board what needs to "
        "change. Here is what happened.'",
    )

    content_panels = [*Page.content_panels, FieldPanel("area"), FieldPanel("intro")]
    base_form_class = AreaScopedPageForm
    subpage_types: list[str] = []
    template = "cms/you_said_we_did_page.html"

    class Meta:
        verbose_name = '"You said, we did" page'

    def clean(self) -> None:
        super().clean()
        if not self.area_id:
            raise ValidationError({"area": "Choose an area."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["escalations"] = (
            Escalation.objects.published()
            .for_area(self.area)
            .select_related("raised_by", "governance_group")
            .prefetch_related("themes")
            .annotate(last_update_at=Max("updates__created_at"))
            .order_by("-last_update_at", "-pk")
        )
        return context
