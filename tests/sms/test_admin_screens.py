"""Staff screens for texts: simulator, conversation view, needs attention, wording, prompts."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from coproduce import roles
from sms.backends import locmem
from sms.models import Attention, Message, SmsTemplate
from surveys.models import Response
from tests.factories import PersonFactory, ServiceFactory, UserFactory
from tests.sms.conftest import run_tasks


@pytest.fixture
def time_of_day():
    """Fix the clock at a London time on a fixed day, so quiet hours don't depend on when the
    suite runs."""
    patches = []

    def set_time(hhmm):
        hours, minutes = map(int, hhmm.split(":"))
        moment = datetime(2026, 6, 10, hours, minutes, tzinfo=ZoneInfo("Europe/London"))
        patcher = mock.patch("django.utils.timezone.now", return_value=moment)
        patcher.start()
        patches.append(patcher)

    yield set_time
    for patcher in patches:
        patcher.stop()


def _coordinator(area):
    return UserFactory(roles=[roles.COORDINATOR], areas=[area])


def test_simulator_plays_a_whole_conversation_through_the_signed_webhook(
    verified_client, sms_area, hostel
):
    client = verified_client(_coordinator(sms_area))
    url = "/admin/sms/simulator/"
    for body in ["hostel", "2", "they shouted at me"]:
        response = client.post(url, {"area": sms_area.pk, "sender": "07700 900999", "body": body})
        assert response.status_code == 200
    page = response.content.decode()
    assert "How did Hope House make you feel today?" in page
    assert "Anything else you want to tell us?" in page
    feedback = Response.objects.get()
    assert (feedback.service, feedback.feeling_score) == (hostel, 2)
    assert feedback.text == "they shouted at me"
    # Six texts: three in, three replies (plus the first-contact privacy note).
    assert Message.objects.inbound().count() == 3
    assert Message.objects.outbound().count() == 4


def test_simulator_is_titled_and_picks_the_only_area_for_you(verified_client, sms_area):
    response = verified_client(_coordinator(sms_area)).get("/admin/sms/simulator/")

    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "SMS simulator"
    selected = page.select('select[name="area"] option[selected]')
    assert [option["value"] for option in selected] == [str(sms_area.pk)]


def test_simulator_refuses_a_real_looking_number(verified_client, sms_area):
    client = verified_client(_coordinator(sms_area))
    response = client.post(
        "/admin/sms/simulator/", {"area": sms_area.pk, "sender": "07911 123456", "body": "hi"}
    )
    assert response.status_code == 200
    assert "made-up number" in response.content.decode()
    assert not Message.objects.exists()


def test_conversation_view_is_area_scoped(verified_client, sms_area, other_area):
    theirs = PersonFactory(area=other_area)
    client = verified_client(_coordinator(sms_area))
    assert client.get(f"/admin/sms/people/{theirs.pk}/").status_code == 404
    mine = PersonFactory(area=sms_area, display_name="Jay")
    assert client.get(f"/admin/sms/people/{mine.pk}/").status_code == 200


def test_panel_organisers_cannot_read_texts(verified_client, sms_area):
    organiser = UserFactory(roles=[roles.PANEL_ORGANISER], areas=[sms_area])
    person = PersonFactory(area=sms_area)
    client = verified_client(organiser)
    for url in [f"/admin/sms/people/{person.pk}/", "/admin/sms_messages/", "/admin/sms/simulator/"]:
        response = client.get(url)
        # Wagtail answers "permission denied" in its admin by sending people home.
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"


def test_needs_attention_item_can_be_marked_dealt_with(
    verified_client, sms_area, text_in, django_capture_on_commit_callbacks
):
    text_in("I want to end it all")
    item = Attention.objects.get(reason=Attention.Reason.SAFEGUARDING)
    user = _coordinator(sms_area)
    client = verified_client(user)
    listing = client.get("/admin/sms_attention/")
    assert "Possible risk to self or others" in listing.content.decode()
    page = client.get(f"/admin/sms_attention/inspect/{item.pk}/")
    assert "I want to end it all" in page.content.decode()
    client.post(f"/admin/sms_attention/{item.pk}/resolve/", {"note": "Called them back"})
    item.refresh_from_db()
    assert item.resolved_by == user
    assert item.resolution_note == "Called them back"


def test_area_wording_must_fit_one_plain_text(verified_client, sms_area):
    admin = UserFactory(roles=[roles.AREA_ADMIN], areas=[sms_area])
    client = verified_client(admin)
    too_fancy = "Thanks – we’ve got it 😀"
    response = client.post(
        "/admin/sms_templates/new/", {"area": sms_area.pk, "key": "thanks", "body": too_fancy}
    )
    assert response.status_code == 200
    assert "cost more on basic phones" in response.content.decode()
    assert not SmsTemplate.objects.exists()
    client.post(
        "/admin/sms_templates/new/",
        {"area": sms_area.pk, "key": "thanks", "body": "Cheers. We read every text."},
    )
    assert SmsTemplate.objects.get().body == "Cheers. We read every text."


def test_feedback_prompt_texts_people_and_reads_their_reply_as_a_score(
    verified_client, sms_area, text_in, django_capture_on_commit_callbacks, time_of_day
):
    time_of_day("12:00")
    service = ServiceFactory(area=sms_area, name="Housing Options", code="HOUSING")
    person = PersonFactory(area=sms_area, phone="+447700900321")
    client = verified_client(_coordinator(sms_area))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/sms/ask-for-feedback/", {"service": service.pk, "people": [person.pk]}
        )
    assert response.status_code == 302
    run_tasks()
    assert locmem.outbox[-1]["body"].startswith("You saw Housing Options today.")
    text_in("5", sender="+447700900321")
    feedback = Response.objects.get()
    assert (feedback.person, feedback.service, feedback.feeling_score) == (person, service, 5)
    # A second prompt in the same week is refused.
    client.post("/admin/sms/ask-for-feedback/", {"service": service.pk, "people": [person.pk]})
    assert Message.objects.filter(kind=Message.Kind.PROMPT).count() == 1
