"""A session edited or cancelled after invitations went out: members are told."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from panels.attendance import RegisterLine, record_attendance
from panels.invitations import record_rsvp
from panels.models import Invitation, PaymentEntry, Session
from panels.sessions import cancel_session, session_changed
from sms.backends import locmem
from tests.panels.conftest import NOON
from tests.sms.conftest import replies, run_tasks


@pytest.fixture
def invited(clock, invite, session, members):
    clock(NOON)
    invite(session)
    record_rsvp(person=members[0].person, session_id=session.pk, answer="no", channel="web")
    run_tasks()
    locmem.outbox.clear()
    session.refresh_from_db()
    return session


def test_moving_a_session_tells_everyone_still_expected(
    invited, members, django_capture_on_commit_callbacks
):
    invited.starts_at += timedelta(days=1)
    invited.ends_at += timedelta(days=1)
    invited.venue = "Town Hall"
    invited.save()

    with django_capture_on_commit_callbacks(execute=True):
        texted = session_changed(session=invited, changed_fields=["starts_at", "venue"])
    run_tasks()

    invited.refresh_from_db()
    assert texted == 2
    assert sorted(m["to"] for m in locmem.outbox) == sorted(
        [members[1].person.phone, members[2].person.phone]
    )
    assert locmem.outbox[0]["body"] == (
        "Change: Riverside Voices is now Wed 17 Jun 2pm at Town Hall. Reply YES to come or NO "
        "if you can't."
    )
    assert invited.sequence == 1


def test_editing_only_the_agenda_texts_nobody(invited, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        texted = session_changed(session=invited, changed_fields=["agenda"])
    run_tasks()

    assert texted == 0
    assert locmem.outbox == []


def test_more_places_go_to_the_waiting_list(invited, members, django_capture_on_commit_callbacks):
    Session.objects.filter(pk=invited.pk).update(capacity=1)
    record_rsvp(person=members[1].person, session_id=invited.pk, answer="yes", channel="web")
    record_rsvp(person=members[2].person, session_id=invited.pk, answer="yes", channel="web")
    Session.objects.filter(pk=invited.pk).update(capacity=2)

    with django_capture_on_commit_callbacks(execute=True):
        session_changed(session=invited, changed_fields=["capacity"])

    assert Invitation.objects.get(person=members[2].person).status == Invitation.Status.COMING


def test_cancelling_tells_members_and_nobody_is_owed(
    invited, members, clock, text_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        texted = cancel_session(session=invited)
    run_tasks()

    assert texted == 2
    assert locmem.outbox[0]["body"] == (
        "Sorry, Riverside Voices on Tue 16 Jun 2pm is cancelled. We'll text you about the next one."
    )
    clock(invited.starts_at + timedelta(minutes=30))
    with pytest.raises(ValidationError, match="cancelled"):
        record_attendance(
            session=invited, lines=[RegisterLine(person_id=members[1].person.pk, was_present=True)]
        )
    assert not PaymentEntry.objects.exists()
    late_yes = text_in("yes", sender=members[1].person.phone)
    assert "cancelled" in replies(late_yes)[0]


def test_cancelling_twice_is_refused(invited):
    cancel_session(session=invited)

    with pytest.raises(ValidationError, match="already cancelled"):
        cancel_session(session=invited)


def test_a_cancelled_session_cannot_be_invited_to(invite, session, clock):
    clock(NOON)
    cancel_session(session=session)

    with pytest.raises(ValidationError, match="cancelled"):
        invite(session)
