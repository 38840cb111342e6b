"""seed_demo makes feedback pages a newcomer can find from the home page, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from cms.models import FeedbackPage, YouSaidWeDidPage
from surveys.models import Response


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_makes_live_feedback_pages_linked_from_the_home_page(client, seeded):
    hostel_page = FeedbackPage.objects.get(slug="harbour-house-feedback")
    open_page = FeedbackPage.objects.get(slug="give-feedback")
    home = client.get("/").content.decode()

    assert hostel_page.live and hostel_page.service.code == "HOSTEL"
    assert open_page.live and open_page.service is None
    assert f'href="{hostel_page.url}"' in home
    assert f'href="{open_page.url}"' in home
    assert "Try /harbour-house-feedback/ and the poster at /f/riverside/HOSTEL/poster/." in seeded


def test_demo_feedback_page_takes_feedback_and_prints_a_poster(client, seeded):
    page = FeedbackPage.objects.get(slug="harbour-house-feedback")
    before = Response.objects.filter(channel="web").count()

    answer = client.post(
        page.url,
        {"token": "0b0f4b1e-0000-4000-8000-000000000001", "feeling_score": "3"},
    )

    assert answer.status_code == 302
    assert Response.objects.filter(channel="web").count() == before + 1
    poster = client.get("/f/riverside/HOSTEL/poster/").content.decode()
    assert "<svg" in poster and "and how you feel to 07700 900000" in poster


def test_seed_adds_a_few_web_responses_with_themes(seeded):
    web = Response.objects.filter(channel="web")

    assert web.count() == 4
    assert web.filter(theme_links__status="confirmed").exists()
    assert web.filter(theme_links__status="suggested").exists()


def test_seeding_again_makes_no_new_pages_revisions_or_responses(seeded):
    counts = (FeedbackPage.objects.count(), Revision.objects.count(), Response.objects.count())

    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert (
        FeedbackPage.objects.count(),
        Revision.objects.count(),
        Response.objects.count(),
    ) == counts
    assert "Pages: 0 feedback pages created." in out.getvalue()
    assert "Web feedback: 0 responses added." in out.getvalue()


def test_demo_thank_you_pages_point_to_you_said_we_did(client, seeded):
    you_said_we_did = YouSaidWeDidPage.objects.get(slug="you-said-we-did")
    pages = FeedbackPage.objects.filter(slug__in=["harbour-house-feedback", "give-feedback"])
    home = client.get("/").content.decode()

    assert {page.next_steps_page_id for page in pages} == {you_said_we_did.pk}
    assert you_said_we_did.live
    assert f'href="{you_said_we_did.url}"' in home
