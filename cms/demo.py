"""Demo pages: feedback pages for Riverside, linked from the home page.

Idempotent: each page is found by its slug under the home page and only created when
missing, so an editor's later changes to a demo page are left alone.
"""

from django.core.management.base import OutputWrapper

from coproduce.demo import RIVERSIDE
from coproduce.models import Area, Service

from . import panel_demo
from .models import FeedbackPage, FeedbackQuestion, HomePage, YouSaidWeDidPage
from .panel_demo import publish_child

HOSTEL_PAGE_SLUG = "harbour-house-feedback"
OPEN_PAGE_SLUG = "give-feedback"
HOSTEL_CODE = "HOSTEL"


def seed(*, stdout: OutputWrapper) -> None:
    # First, so the feedback pages' thank-you can point at "You said, we did".
    panel_demo.seed(stdout=stdout)
    home = HomePage.objects.first()
    area = Area.objects.filter(slug=RIVERSIDE).first()
    hostel = Service.objects.filter(area=area, code=HOSTEL_CODE).first()
    if home is None or area is None or hostel is None:
        stdout.write("Pages: skipped (no home page or no Riverside hostel).")
        return
    next_steps = YouSaidWeDidPage.objects.live().filter(area=area).first()
    made = []
    if not FeedbackPage.objects.child_of(home).filter(slug=OPEN_PAGE_SLUG).exists():
        publish_child(
            home,
            FeedbackPage(
                title="Tell us how a service made you feel",
                slug=OPEN_PAGE_SLUG,
                show_in_menus=True,
                area=area,
                next_steps_page=next_steps,
                intro="<p>Pick the service, then tell us how it went. Good or bad, we want to "
                "hear it.</p>",
            ),
        )
        made.append(OPEN_PAGE_SLUG)
    if not FeedbackPage.objects.child_of(home).filter(slug=HOSTEL_PAGE_SLUG).exists():
        page = FeedbackPage(
            title="Tell us about Harbour House",
            slug=HOSTEL_PAGE_SLUG,
            show_in_menus=True,
            area=area,
            service=hostel,
            next_steps_page=next_steps,
            intro="<p>Staying at Harbour House, or been there recently? Tell us how it was.</p>",
        )
        page.questions.add(
            FeedbackQuestion(question="Did you feel safe there?", choices="Yes\nNo\nNot sure")
        )
        page.questions.add(
            FeedbackQuestion(
                question="Did staff explain the house rules?", choices="Yes\nNo\nI can't remember"
            )
        )
        publish_child(home, page)
        made.append(HOSTEL_PAGE_SLUG)
    hostel_page = FeedbackPage.objects.get(slug=HOSTEL_PAGE_SLUG)
    stdout.write(
        f"Pages: {len(made)} feedback pages created. Try {hostel_page.url} and the poster at "
        f"/f/{RIVERSIDE}/{HOSTEL_CODE}/poster/."
    )
