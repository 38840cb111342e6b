"""The session register: who came, who was late or left early, walk-ins, and what each person
is then owed."""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coproduce.models import Person

from .models import Attendance, Invitation, Membership, PaymentEntry, Session


@dataclass(frozen=True)
class RegisterLine:
    person_id: int
    was_present: bool
    arrived_late_at: time | None = None
    left_early_at: time | None = None


def register_people(session: Session) -> list[Person]:
    """Who the register lists: everyone invited who hasn't said no, plus anyone already
    recorded (walk-ins included), in name order."""
    invited = session.invitations.exclude(status=Invitation.Status.NOT_COMING).values("person")
    recorded = session.attendances.values("person")
    people = Person.objects.filter(pk__in=invited) | Person.objects.filter(pk__in=recorded)
    return list(people.distinct().order_by("display_name", "pk"))


def record_attendance(
    *, session: Session, lines: list[RegisterLine], by=None, at: datetime | None = None
) -> list[PaymentEntry]:
    """Save the register and create what is owed to each person present. Saving the same
    register again changes the attendance rows but never owes twice (one entry per person per
    session, enforced by the database). Returns the entries created by this call.

    Someone marked absent after being marked present keeps their entry: entries are never
    edited, and the payments ledger puts mistakes right with a reversing entry.

    Raises ValidationError for a cancelled session, one that hasn't started, or a person from
    another area.
    """
    at = at or timezone.now()
    created: list[PaymentEntry] = []
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("panel__area").get(pk=session.pk)
        )
        _check_can_record(session, at=at)
        people = Person.objects.in_bulk([line.person_id for line in lines])
        invited = set(session.invitations.values_list("person_id", flat=True))
        for line in lines:
            person = people.get(line.person_id)
            if person is None or person.area_id != session.panel.area_id:
                raise ValidationError("Everyone on the register must be in the panel's area.")
            Attendance.objects.update_or_create(
                session=session,
                person=person,
                defaults={
                    "was_present": line.was_present,
                    "arrived_late_at": line.arrived_late_at if line.was_present else None,
                    "left_early_at": line.left_early_at if line.was_present else None,
                    "recorded_by": by,
                    "recorded_at": at,
                },
                create_defaults={
                    "was_present": line.was_present,
                    "arrived_late_at": line.arrived_late_at if line.was_present else None,
                    "left_early_at": line.left_early_at if line.was_present else None,
                    "recorded_by": by,
                    "recorded_at": at,
                    "is_walk_in": person.pk not in invited,
                },
            )
            if line.was_present:
                entry = owe_for_attendance(session=session, person=person, at=at)
                if entry is not None:
                    created.append(entry)
    return created


def add_walk_in(*, session: Session, person: Person, by=None, at=None) -> list[PaymentEntry]:
    """Someone who came without an invitation: on the register as present."""
    return record_attendance(
        session=session, lines=[RegisterLine(person_id=person.pk, was_present=True)], by=by, at=at
    )


def _check_can_record(session: Session, *, at: datetime) -> None:
    if session.is_cancelled:
        raise ValidationError("This session was cancelled, so there is no register to keep.")
    if not session.has_started(at=at):
        raise ValidationError("You can fill in the register once the session has started.")


def owe_for_attendance(*, session: Session, person: Person, at=None) -> PaymentEntry | None:
    """The entry for ``person`` attending ``session``, created if missing (None when the panel
    is unpaid or they attend as staff). Needs the caller's transaction."""
    rate = session.panel.rate_pence
    if rate <= 0:
        return None
    membership = Membership.objects.filter(panel=session.panel, person=person).first()
    if membership is not None and membership.role not in Membership.PAID_ROLES:
        return None
    if PaymentEntry.objects.filter(
        session=session, person=person, kind=PaymentEntry.Kind.SESSION_FEE
    ).exists():
        return None
    try:
        with transaction.atomic():
            return PaymentEntry.objects.create(
                area=session.panel.area,
                person=person,
                session=session,
                amount_pence=rate,
                kind=PaymentEntry.Kind.SESSION_FEE,
                status=PaymentEntry.Status.OWED,
                created_at=at or timezone.now(),
            )
    except IntegrityError:
        # Recorded at the same moment from another screen: that entry stands.
        return None
