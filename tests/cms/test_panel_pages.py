"""Public panel pages and "You said, we did": plain, accessible, and only what is public."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cms.models import HomePage, PanelPage, YouSaidWeDidPage
from panels.escalations import escalate, update_escalation
from panels.models import Escalation, Panel, Session
from tests.factories import ThemeFactory
from tests.panels.conftest import PanelFactory

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def voices(area):
    return PanelFactory(area=area, name="Riverside Voices", description="People who know.")


@pytest.fixture
def board(area):
    return PanelFactory(area=area, name="Strategic Board", kind=Panel.Kind.GOVERNANCE)


def publish(page):
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def make_escalation(voices, board, summary, status="open", public="", **extra):
    escalation = escalate(raised_by=voices, governance_group=board, summary=summary, **extra)
    if status != "open":
        update_escalation(
            escalation=escalation,
            status=status,
            declined_reason="It is set nationally." if status == "declined" else "",
        )
    if public:
        Escalation.objects.filter(pk=escalation.pk).update(is_public=True, public_response=public)
    return escalation


@pytest.fixture
def you_said_we_did(area, voices, board):
    make_escalation(
        voices,
        board,
        "Appointment letters arrive after the appointment.",
        status="done",
        public="Housing now texts appointment reminders as well as sending letters.",
        themes=[ThemeFactory(name="Access and waiting")],
    )
    make_escalation(
        voices,
        board,
        "Benefits office closes at lunchtime.",
        status="declined",
        public="Opening hours are set nationally. We have written to ask for a change.",
    )
    make_escalation(voices, board, "Secret: still being discussed", status="accepted")
    return publish(YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did", area=area))


def test_you_said_we_did_lists_only_public_escalations_in_plain_english(client, you_said_we_did):
    response = client.get(you_said_we_did.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Housing now texts appointment reminders" in html
    assert "You said: Appointment letters arrive after the appointment." in html
    assert "<strong>Done</strong>" in html
    assert "We couldn&#x27;t do this" in html
    assert "Why we couldn't" in html
    assert "Opening hours are set nationally" in html
    assert "About: Access and waiting" in html
    assert "Secret" not in html


def test_you_said_we_did_shows_only_its_own_area(client, you_said_we_did, other_area):
    other_voices = PanelFactory(area=other_area, name="Hillford Voices")
    other_board = PanelFactory(area=other_area, kind=Panel.Kind.GOVERNANCE)
    make_escalation(other_voices, other_board, "Hillford thing", public="Hillford answer")

    response = client.get(you_said_we_did.url)

    assert b"Hillford" not in response.content


def test_you_said_we_did_has_one_h1_and_ordered_headings(client, you_said_we_did):
    html = client.get(you_said_we_did.url).content.decode()

    assert html.count("<h1") == 1
    assert html.index("<h1") < html.index("<h2") < html.index("<h3")
    assert 'lang="en-gb"' in html
    assert '<main id="main"' in html


def test_empty_you_said_we_did_page_says_so(client, area):
    page = publish(YouSaidWeDidPage(title="You said, we did", slug="ysd", area=area))

    assert b"Nothing to show yet" in client.get(page.url).content


def test_panel_page_shows_upcoming_dates_but_never_the_online_link(client, voices, board):
    starts = timezone.now() + timedelta(days=5)
    Session.objects.create(
        panel=voices,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        online_link="https://meet.example.org/secret-room",
    )
    Session.objects.create(
        panel=voices,
        starts_at=starts + timedelta(days=7),
        ends_at=starts + timedelta(days=7, hours=2),
        venue="Hope Centre",
        venue_access_notes="Step-free entrance on Mill Lane.",
    )
    past = datetime(2025, 1, 7, 14, 0, tzinfo=LONDON)
    Session.objects.create(panel=voices, starts_at=past, ends_at=past + timedelta(hours=2))
    page = publish(PanelPage(title="Riverside Voices", slug="voices", panel=voices))

    html = client.get(page.url).content.decode()

    assert "People who know." in html
    assert ", online" in html
    assert "meet.example.org" not in html
    assert "at Hope Centre" in html
    assert "Step-free entrance on Mill Lane." in html
    assert "2025" not in html


def test_panel_page_shows_what_the_panel_raised_once_public(client, voices, board):
    make_escalation(voices, board, "Hostel curfew", status="in_progress", public="Trial started.")
    make_escalation(voices, board, "Not public yet")
    page = publish(PanelPage(title="Riverside Voices", slug="voices", panel=voices))

    html = client.get(page.url).content.decode()

    assert "Being worked on" in html
    assert "Trial started." in html
    assert "Not public yet" not in html
