"""Reminders 24 h and 2 h before, through the real task queue: never in quiet hours, never to
anyone opted out or taking a break, never twice; right across the clock changes."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command

from panels.invitations import record_rsvp
from panels.models import Invitation
from sms.backends import locmem
from tests.panels.conftest import LONDON, NOON, SessionFactory
from tests.sms.conftest import run_tasks as run_due_tasks


def run_tasks():
    """Due tasks, then the sends they queued (enqueued when their transaction commits)."""
    run_due_tasks()
    run_due_tasks()


def book(session, person):
    record_rsvp(person=person, session_id=session.pk, answer="yes", channel="web")


@pytest.fixture
def booked(clock, invite, session, members):
    clock(NOON)
    invite(session)
    for membership in members[:2]:
        book(session, membership.person)
    run_tasks()
    locmem.outbox.clear()
    return session


def bodies():
    return [message["body"] for message in locmem.outbox]


def test_day_before_and_two_hour_reminders_go_to_people_coming(booked, members, clock):
    clock(booked.starts_at - timedelta(hours=24))
    run_tasks()
    day_before = bodies()
    locmem.outbox.clear()
    clock(booked.starts_at - timedelta(hours=2))
    run_tasks()

    assert (
        day_before
        == [
            "Reminder: Riverside Voices is tomorrow, Tue 16 Jun 2pm, at Hope Centre. Reply NO if "
            "you can't come."
        ]
        * 2
    )
    assert (
        bodies()
        == ["Reminder: Riverside Voices starts at 2pm today at Hope Centre. See you there."] * 2
    )
    assert {m["to"] for m in locmem.outbox} == {members[0].person.phone, members[1].person.phone}


def test_running_the_command_again_reminds_nobody_twice(
    booked, clock, django_capture_on_commit_callbacks
):
    clock(booked.starts_at - timedelta(hours=23))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_panel_reminders")
        call_command("send_panel_reminders")
    run_tasks()

    assert len(locmem.outbox) == 2
    assert Invitation.objects.filter(reminded_day_before_at__isnull=False).count() == 2


def test_no_reminder_to_someone_who_opted_out_or_is_taking_a_break(booked, members, clock):
    members[0].person.opt_out()
    members[1].pause()
    clock(booked.starts_at - timedelta(hours=24))
    run_tasks()

    assert locmem.outbox == []


def test_a_two_hour_reminder_due_in_quiet_hours_waits_for_morning(clock, invite, panel, members):
    clock(NOON)
    early = SessionFactory(
        panel=panel,
        starts_at=datetime(2026, 6, 16, 10, 0, tzinfo=LONDON),
        ends_at=datetime(2026, 6, 16, 12, 0, tzinfo=LONDON),
    )
    invite(early)
    book(early, members[0].person)
    run_tasks()
    clock(datetime(2026, 6, 15, 10, 0, tzinfo=LONDON))
    run_tasks()
    locmem.outbox.clear()

    clock(datetime(2026, 6, 16, 8, 0, tzinfo=LONDON))  # 2 h before, but quiet hours
    run_tasks()
    at_eight = list(locmem.outbox)
    clock(datetime(2026, 6, 16, 9, 0, tzinfo=LONDON))
    run_tasks()

    assert at_eight == []
    assert bodies() == [
        "Reminder: Riverside Voices starts at 10am today at Hope Centre. See you there."
    ]


@pytest.mark.parametrize(
    "starts_local, day_before_local",
    [
        # BST starts Sun 29 Mar 2026: 24 h before Monday 2pm BST is Sunday 2pm BST.
        (datetime(2026, 3, 30, 14, 0), datetime(2026, 3, 29, 14, 0)),
        # Across the change itself: Sunday 2pm BST, 24 h earlier is Saturday 1pm GMT.
        (datetime(2026, 3, 29, 14, 0), datetime(2026, 3, 28, 13, 0)),
        # GMT returns Sun 25 Oct 2026: Sunday 2pm GMT, 24 h earlier is Saturday 3pm BST.
        (datetime(2026, 10, 25, 14, 0), datetime(2026, 10, 24, 15, 0)),
    ],
)
def test_reminders_are_24_real_hours_ahead_across_clock_changes(
    clock, invite, panel, members, starts_local, day_before_local
):
    starts_at = starts_local.replace(tzinfo=LONDON)
    clock(starts_at - timedelta(days=10))
    session = SessionFactory(
        panel=panel, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
    )
    invite(session)
    book(session, members[0].person)
    run_tasks()
    locmem.outbox.clear()

    clock(day_before_local.replace(tzinfo=LONDON) - timedelta(minutes=1))
    run_tasks()
    before = list(locmem.outbox)
    clock(day_before_local.replace(tzinfo=LONDON))
    run_tasks()

    assert before == []
    assert len(locmem.outbox) == 1
    assert f"tomorrow, {starts_local:%a} {starts_local.day} {starts_local:%b} 2pm" in bodies()[0]
