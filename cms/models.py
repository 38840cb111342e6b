"""Public Wagtail pages: the home page and plain content pages."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

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
