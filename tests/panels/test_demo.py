"""panels.demo and cms.panel_demo: a year of panel activity, seeded once, sending nothing."""

from io import StringIO

import pytest
from django.core.management.base import OutputWrapper

import cms.panel_demo
import coproduce.demo
import panels.demo
from cms.models import YouSaidWeDidPage
from panels.models import (
    Attendance,
    Escalation,
    EscalationUpdate,
    Invitation,
    Membership,
    Panel,
    PaymentEntry,
    Session,
)
from sms.models import Message

MODELS = [
    Panel,
    Membership,
    Session,
    Invitation,
    Attendance,
    PaymentEntry,
    Escalation,
    EscalationUpdate,
]


def run_seeds() -> str:
    out = StringIO()
    for module in [coproduce.demo, panels.demo, cms.panel_demo]:
        module.seed(stdout=OutputWrapper(out))
    return out.getvalue()


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seeded(db):
    return run_seeds()


def test_demo_has_a_year_of_sessions_with_registers_and_what_is_owed(seeded):
    voices = Panel.objects.get(name="Riverside Voices")
    past = Session.objects.filter(panel=voices).past()

    assert past.count() >= 12
    assert Session.objects.filter(panel=voices).upcoming().exists()
    assert Attendance.objects.filter(session__panel=voices, was_present=True).exists()
    assert PaymentEntry.objects.filter(session__panel=voices, amount_pence=2500).exists()
    assert Panel.objects.governance().count() == 2
    assert Membership.objects.filter(paused_at__isnull=False).exists()


def test_demo_escalations_are_at_different_statuses_and_two_are_public(seeded):
    statuses = set(Escalation.objects.values_list("status", flat=True))

    assert {"open", "accepted", "in_progress", "done", "declined"} <= statuses
    assert Escalation.objects.published().count() == 2
    assert YouSaidWeDidPage.objects.live().count() == 1


def test_demo_sends_nothing(seeded):
    assert not Message.objects.exists()


def test_seeding_again_creates_nothing(seeded):
    before = counts()

    again = run_seeds()

    assert counts() == before
    assert "Panels: 0 panels, 0 memberships, 0 sessions, 0 registers, 0 escalations" in again


def test_the_you_said_we_did_page_shows_the_public_escalations(seeded, client):
    page = YouSaidWeDidPage.objects.get()

    html = client.get(page.url).content.decode()

    assert "Housing now sends a text reminder" in html
    assert "a work coach now comes to the Hope Centre" in html
    assert "Telling your story again" not in html
