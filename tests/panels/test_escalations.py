"""Escalations to a governance group, their dated history, and what is published."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from panels.escalations import escalate, update_escalation
from panels.models import Escalation, EscalationUpdate, Panel
from tests.factories import ThemeFactory
from tests.panels.conftest import PanelFactory


@pytest.fixture
def board(sms_area):
    return PanelFactory(area=sms_area, name="Strategic Board", kind=Panel.Kind.GOVERNANCE)


@pytest.fixture
def escalation(panel, board):
    return escalate(
        raised_by=panel,
        governance_group=board,
        summary="Letters about appointments arrive after the appointment.",
        themes=[ThemeFactory(name="Access and waiting")],
        owner="Head of Housing Options",
    )


def test_escalating_starts_a_dated_history(escalation):
    update = escalation.updates.get()

    assert escalation.status == Escalation.Status.OPEN
    assert update.status == Escalation.Status.OPEN
    assert update.note == "Raised by Riverside Voices"
    assert [t.name for t in escalation.themes.all()] == ["Access and waiting"]


def test_each_status_change_adds_to_the_history(escalation):
    update_escalation(escalation=escalation, status="accepted", note="Agreed at the board")
    update_escalation(escalation=escalation, status="in_progress", note="Letters now texted")
    update_escalation(escalation=escalation, status="done")

    statuses = list(escalation.updates.values_list("status", flat=True))
    assert statuses == ["open", "accepted", "in_progress", "done"]
    escalation.refresh_from_db()
    assert escalation.status == "done"


def test_declining_needs_a_reason(escalation):
    with pytest.raises(ValidationError, match="Say why"):
        update_escalation(escalation=escalation, status="declined")

    escalation.refresh_from_db()
    assert escalation.status == "open"
    assert escalation.updates.count() == 1


def test_declining_with_a_reason_is_kept_in_the_history(escalation):
    update_escalation(
        escalation=escalation, status="declined", declined_reason="It is a national rule."
    )

    escalation.refresh_from_db()
    assert escalation.declined_reason == "It is a national rule."
    assert escalation.updates.last().note == "It is a national rule."


def test_the_database_refuses_a_decline_without_a_reason(escalation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.filter(pk=escalation.pk).update(status="declined")


def test_only_a_governance_group_can_receive_an_escalation(panel):
    other_panel = PanelFactory(area=panel.area)

    with pytest.raises(ValidationError, match="governance group"):
        escalate(raised_by=panel, governance_group=other_panel, summary="Something")


def test_a_governance_group_in_another_area_is_refused(panel, other_area):
    elsewhere = PanelFactory(area=other_area, kind=Panel.Kind.GOVERNANCE)

    with pytest.raises(ValidationError, match="panel's area"):
        escalate(raised_by=panel, governance_group=elsewhere, summary="Something")


def test_history_is_never_edited(escalation):
    update = escalation.updates.get()
    update.note = "rewritten"

    with pytest.raises(ValueError, match="never edited"):
        update.save()
    assert EscalationUpdate.objects.get().note == "Raised by Riverside Voices"


def test_only_public_escalations_with_a_public_answer_are_published(escalation, panel, board):
    hidden = escalate(raised_by=panel, governance_group=board, summary="Not yet public")
    escalation.is_public = True
    escalation.public_response = "Appointment letters now come by text too."
    escalation.full_clean()
    escalation.save()

    published = list(Escalation.objects.published().for_area(panel.area))

    assert published == [escalation]
    assert hidden not in published


def test_publishing_without_a_public_answer_is_refused(escalation):
    escalation.is_public = True

    with pytest.raises(ValidationError, match="what changed"):
        escalation.full_clean()
