"""The register and what attending owes: once per person per session, in whole pence."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from panels.attendance import RegisterLine, add_walk_in, record_attendance, register_people
from panels.models import Attendance, Membership, PaymentEntry
from tests.factories import PersonFactory
from tests.panels.conftest import NOON


@pytest.fixture
def started(clock, invite, session, members):
    clock(NOON)
    invite(session)
    clock(session.starts_at + timedelta(minutes=5))
    return session


def lines_for(members, **overrides):
    return [
        RegisterLine(person_id=m.person.pk, was_present=overrides.get(m.person.display_name, True))
        for m in members
    ]


def test_recording_attendance_owes_each_person_present_the_panel_rate(started, members):
    created = record_attendance(session=started, lines=lines_for(members, Cal=False))

    owed = PaymentEntry.objects.values_list("person__display_name", "amount_pence", "status")
    assert len(created) == 2
    assert sorted(owed) == [("Ash", 2500, "owed"), ("Bea", 2500, "owed")]


def test_recording_twice_never_doubles_what_is_owed(started, members):
    record_attendance(session=started, lines=lines_for(members))
    again = record_attendance(session=started, lines=lines_for(members))

    assert again == []
    assert PaymentEntry.objects.count() == 3
    assert Attendance.objects.count() == 3


def test_late_and_early_times_are_kept(started, members):
    line = RegisterLine(
        person_id=members[0].person.pk,
        was_present=True,
        arrived_late_at=time(14, 20),
        left_early_at=time(15, 30),
    )
    record_attendance(session=started, lines=[line])

    record = Attendance.objects.get()
    assert (record.arrived_late_at, record.left_early_at) == (time(14, 20), time(15, 30))
    assert not record.is_walk_in


def test_a_walk_in_is_on_the_register_and_owed(started, panel):
    stranger = PersonFactory(area=panel.area, display_name="Dee")

    add_walk_in(session=started, person=stranger)

    assert Attendance.objects.get(person=stranger).is_walk_in
    assert PaymentEntry.objects.get(person=stranger).amount_pence == 2500
    assert stranger in register_people(started)


def test_staff_on_the_panel_are_not_owed(started, members):
    Membership.objects.filter(pk=members[0].pk).update(role=Membership.Role.STAFF)

    record_attendance(session=started, lines=lines_for(members[:1]))

    assert not PaymentEntry.objects.exists()


def test_an_unpaid_group_owes_nothing(started, members, panel):
    panel.rate_pence = 0
    panel.save()

    record_attendance(session=started, lines=lines_for(members))

    assert Attendance.objects.count() == 3
    assert not PaymentEntry.objects.exists()


def test_the_register_cannot_be_kept_before_the_session_starts(clock, session, members):
    clock(NOON)

    with pytest.raises(ValidationError, match="once the session has started"):
        record_attendance(session=session, lines=lines_for(members))


def test_someone_from_another_area_cannot_be_put_on_the_register(started, other_area):
    outsider = PersonFactory(area=other_area)

    with pytest.raises(ValidationError, match="area"):
        record_attendance(
            session=started, lines=[RegisterLine(person_id=outsider.pk, was_present=True)]
        )
    assert not Attendance.objects.exists()


def test_a_payment_entry_is_never_edited(started, members):
    record_attendance(session=started, lines=lines_for(members[:1]))
    entry = PaymentEntry.objects.get()

    entry.amount_pence = 1
    with pytest.raises(ValueError, match="never edited"):
        entry.save()
    entry.refresh_from_db()
    assert entry.amount_pence == 2500


@pytest.mark.parametrize("amount", [0, -100])
def test_the_database_refuses_an_amount_that_is_not_positive(started, members, amount):
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentEntry.objects.create(
            area=started.panel.area, person=members[0].person, session=started, amount_pence=amount
        )
