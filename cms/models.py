"""Public Wagtail pages: the home page, plain content pages and web feedback pages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from coproduce.models import Area, Service

from .admin_forms import AreaScopedPageForm

# Plain formatting only: headings, lists and links read well on a cheap phone and a screen reader.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(Page):
    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A few short sentences: who we are and how to tell us what you think.",
    )
    body = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(Page):
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    body = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "standard page"


class FeedbackPage(RoutablePageMixin, Page):
    """A short web form that asks how a service made someone feel. No login; anonymous unless
    the person leaves contact details. Each answer becomes a survey Response (channel web)."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="One or two short sentences above the questions.",
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="feedback_pages",
        help_text="Feedback from this page belongs to this area.",
    )
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_pages",
        help_text="Choose one for a page about one service (e.g. on the hostel's poster). "
        "Leave empty to let people pick from the area's services.",
    )
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language of the page's fixed words (questions, buttons, errors).",
    )
    ask_for_contact = models.BooleanField(
        "offer to contact people back",
        default=True,
        help_text="Adds an optional box for a phone number or email.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="What happens next, shown after someone sends feedback. Leave empty for "
        "the standard wording.",
    )
    next_steps_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text='The page that shows what changed, e.g. "You said, we did". Linked from '
        "the thank-you page while it is live.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("area"), FieldPanel("service"), FieldPanel("language")],
            heading="Where feedback goes",
        ),
        InlinePanel(
            "questions",
            heading="Extra questions",
            label="Question",
            help_text="Optional multiple-choice questions, asked after the fixed ones.",
        ),
        FieldPanel("ask_for_contact"),
        MultiFieldPanel(
            [FieldPanel("thank_you_text"), FieldPanel("next_steps_page")],
            heading="After sending",
        ),
        HelpPanel(template="cms/admin/poster_links_panel.html", heading="Posters"),
    ]

    base_form_class = AreaScopedPageForm
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "feedback page"

    def clean(self) -> None:
        super().clean()
        if self.service_id and self.area_id and self.service.area_id != self.area_id:
            raise ValidationError({"service": "Choose a service in this page's area."})

    def serve(self, request, *args, **kwargs):
        # Rendered inside the override so the template, errors and lang attribute all use the
        # page's language, whatever the browser asked for.
        with translation.override(self.language):
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response.headers["Content-Language"] = self.language
        return response

    @path("")
    def feedback_form(self, request):
        from . import views

        return views.feedback_form(request, page=self)

    @path("thanks/")
    def thanks(self, request):
        from . import views

        return views.feedback_thanks(request, page=self)

    @property
    def thanks_url(self) -> str:
        return self.url + self.reverse_subpage("thanks")

    @property
    def live_next_steps_page(self) -> Page | None:
        page = self.next_steps_page
        return page if page is not None and page.live else None

    @classmethod
    def for_service(cls, service: Service) -> "FeedbackPage | None":
        """The live page for ``service``: its own page first, else one where people pick."""
        pages = cls.objects.live().filter(area_id=service.area_id).order_by("path")
        return pages.filter(service=service).first() or pages.filter(service=None).first()


class FeedbackQuestion(Orderable):
    """An extra multiple-choice question an editor adds to a feedback page."""

    page = ParentalKey(FeedbackPage, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(
        max_length=200, help_text="Short and plain, e.g. 'Did you feel safe?'"
    )
    choices = models.TextField(help_text="One answer per line, e.g. Yes / No / Not sure.")
    required = models.BooleanField(default=False, help_text="People must answer to send.")

    panels = [FieldPanel("question"), FieldPanel("choices"), FieldPanel("required")]

    def __str__(self) -> str:
        return self.question

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        if len(self.choice_list) < 2:
            raise ValidationError({"choices": "Give at least two answers, one per line."})


from .panel_pages import PanelPage, YouSaidWeDidPage  # noqa: E402,F401
