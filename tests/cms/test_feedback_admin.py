"""Editors add and edit feedback pages in the Wagtail admin, and find the posters there."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from cms.models import FeedbackPage
from panels.models import Panel
from tests.factories import ServiceFactory


def test_area_admin_can_add_a_feedback_page_under_the_home_page(verified_client, area_admin):
    home = Page.objects.get(depth=2)
    url = reverse("wagtailadmin_pages:add", args=["cms", "feedbackpage", home.pk])

    html = verified_client(area_admin).get(url).content.decode()

    for label in ["Extra questions", "Offer to contact people back", "Next steps page", "Language"]:
        assert label in html


def test_edit_page_links_to_the_poster_for_its_service(verified_client, area_admin, feedback_page):
    url = reverse("wagtailadmin_pages:edit", args=[feedback_page.pk])

    html = verified_client(area_admin).get(url).content.decode()

    assert 'href="/f/riverside/HOSTEL/poster/"' in html
    assert "Poster for Harbour House hostel" in html


def test_open_page_links_to_a_poster_per_service(
    verified_client, area_admin, open_feedback_page, hostel, drop_in
):
    url = reverse("wagtailadmin_pages:edit", args=[open_feedback_page.pk])

    html = verified_client(area_admin).get(url).content.decode()

    assert 'href="/f/riverside/HOSTEL/poster/"' in html
    assert 'href="/f/riverside/DROPIN/poster/"' in html


@pytest.mark.parametrize(
    "editor, refusal",
    [
        # Not even offered to an editor of one area...
        ("area_admin", b"Select a valid choice."),
        # ...and refused for someone who sees every area.
        ("superuser", b"Choose a service in this page&#x27;s area."),
    ],
)
def test_publishing_with_a_service_from_another_area_is_refused(
    verified_client, request, editor, refusal, feedback_page, other_area
):
    from tests.factories import ServiceFactory

    elsewhere = ServiceFactory(area=other_area, code="SHELTER")
    url = reverse("wagtailadmin_pages:edit", args=[feedback_page.pk])
    data = {
        "title": feedback_page.title,
        "slug": feedback_page.slug,
        "area": feedback_page.area_id,
        "service": elsewhere.pk,
        "language": "en-gb",
        "ask_for_contact": "on",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "action-publish": "publish",
    }

    answer = verified_client(request.getfixturevalue(editor)).post(url, data)

    assert answer.status_code == 200
    assert refusal in answer.content
    assert FeedbackPage.objects.get(pk=feedback_page.pk).service.code == "HOSTEL"


def _options(html: str, field: str) -> set[str]:
    page = BeautifulSoup(html, "html.parser")
    return {option.get_text(strip=True) for option in page.select(f'select[name="{field}"] option')}


def test_page_editors_choose_only_their_own_areas_and_services(
    verified_client, area_admin, area, other_area
):
    ServiceFactory(area=area, name="Hope House")
    ServiceFactory(area=other_area, name="Hillford Hostel")
    Panel.objects.create(area=area, name="Riverside Voices")
    Panel.objects.create(area=other_area, name="Hillford Voices")
    home = Page.objects.get(depth=2)
    client = verified_client(area_admin)

    feedback = client.get(reverse("wagtailadmin_pages:add", args=["cms", "feedbackpage", home.pk]))
    panel = client.get(reverse("wagtailadmin_pages:add", args=["cms", "panelpage", home.pk]))
    html = feedback.content.decode()

    assert _options(html, "area") - {"---------"} == {"Riverside"}
    assert _options(html, "service") - {"---------"} == {"Hope House"}
    assert _options(panel.content.decode(), "panel") - {"---------"} == {"Riverside Voices"}
