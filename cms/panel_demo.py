"""Demo pages for panels: Riverside Voices' page and Riverside's "You said, we did".

Idempotent: each page is found by its slug under the home page and only created when missing.
Needs panels' demo data (panels.demo runs before cms in seed_demo).
"""

from django.core.management.base import OutputWrapper

from coproduce.demo import RIVERSIDE
from coproduce.models import Area
from panels.models import Panel

from .models import HomePage, PanelPage, YouSaidWeDidPage

YOU_SAID_WE_DID_SLUG = "you-said-we-did"
PANEL_PAGE_SLUG = "riverside-voices"
PANEL_NAME = "Riverside Voices"


def seed(*, stdout: OutputWrapper) -> None:
    home = HomePage.objects.first()
    area = Area.objects.filter(slug=RIVERSIDE).first()
    panel = Panel.objects.filter(area=area, name=PANEL_NAME).first()
    if home is None or area is None or panel is None:
        stdout.write("Panel pages: skipped (no home page or no Riverside Voices panel).")
        return
    made = []
    if not YouSaidWeDidPage.objects.child_of(home).filter(slug=YOU_SAID_WE_DID_SLUG).exists():
        publish_child(
            home,
            YouSaidWeDidPage(
                title="You said, we did",
                slug=YOU_SAID_WE_DID_SLUG,
                show_in_menus=True,
                area=area,
                intro="<p>Our peer panels tell the people who run services what needs to "
                "change. Here is what they raised, and what happened.</p>",
            ),
        )
        made.append(YOU_SAID_WE_DID_SLUG)
    if not PanelPage.objects.child_of(home).filter(slug=PANEL_PAGE_SLUG).exists():
        publish_child(
            home,
            PanelPage(
                title="Riverside Voices",
                slug=PANEL_PAGE_SLUG,
                show_in_menus=True,
                panel=panel,
                intro="<p>A group of people who have been through homelessness, addiction, "
                "prison or mental ill-health. We meet once a month and tell the partnership "
                "what works and what doesn't.</p>",
                how_to_join="<p>Ask your key worker, or ask at the Hope Centre. You don't "
                "need any experience of meetings. Members are paid £25 for each session "
                "they come to, and we can talk about how it affects your benefits.</p>",
            ),
        )
        made.append(PANEL_PAGE_SLUG)
    stdout.write(f"Panel pages: {len(made)} created. Try /{YOU_SAID_WE_DID_SLUG}/.")


def publish_child(parent, page) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()
