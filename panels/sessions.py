"""Changing or cancelling a session once people have been invited: everyone still expected is
told, by text (if they take texts) and on their page."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sms.models import Message

from .invitations import offer_free_places, text_person, wants_texts
from .models import Invitation, Session
from .reminders import schedule_reminders

# A change to any of these is news to members; a typo in the agenda is not.
FIELDS_MEMBERS_ARE_TOLD_ABOUT = frozenset(
    {"starts_at", "ends_at", "venue", "venue_address", "online_link"}
)


def _memberships_by_person(session: Session) -> dict:
    return {m.person_id: m for m in session.panel.memberships.select_related("person")}


def session_changed(
    *, session: Session, changed_fields: set[str] | list[str], at: datetime | None = None
) -> int:
    """Call after saving edits to ``session``. If the time or place changed and invitations
    have gone out, tell everyone still expected (reminders start again for the new time), and
    if the capacity grew, give the new places to the waiting list. Returns how many people
    were texted about the change.
    """
    at = at or timezone.now()
    changed = set(changed_fields)
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("panel__area").get(pk=session.pk)
        )
        if session.is_cancelled or session.invitations_sent_at is None or session.has_ended():
            return 0
        if "capacity" in changed:
            offer_free_places(session=session, at=at)
        if not changed & FIELDS_MEMBERS_ARE_TOLD_ABOUT:
            return 0
        session.sequence += 1
        session.save(update_fields=["sequence"])
        session.invitations.still_expected().update(
            reminded_day_before_at=None, reminded_same_day_at=None
        )
        texted = _tell_everyone_expected(session, key="panel_session_changed", at=at)
        schedule_reminders(session=session, at=at)
    return texted


def cancel_session(*, session: Session, at: datetime | None = None) -> int:
    """Cancel ``session`` and tell everyone still expected. Nobody is owed a payment for a
    cancelled session (attendance can't be recorded for it). Returns how many were texted.

    Raises ValidationError if it has already ended or was already cancelled.
    """
    at = at or timezone.now()
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("panel__area").get(pk=session.pk)
        )
        if session.is_cancelled:
            raise ValidationError("This session is already cancelled.")
        if session.has_ended(at=at):
            raise ValidationError("This session has already happened.")
        session.status = Session.Status.CANCELLED
        session.cancelled_at = at
        session.sequence += 1
        session.save(update_fields=["status", "cancelled_at", "sequence"])
        texted = _tell_everyone_expected(
            session, key="panel_session_cancelled", at=at, opens_rsvp=False
        )
    return texted


def upcoming_invitations_for(person) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            person=person,
            session__status=Session.Status.SCHEDULED,
            session__ends_at__gt=timezone.now(),
        )
        .select_related("session__panel")
        .order_by("session__starts_at")
    )


def _tell_everyone_expected(
    session: Session, *, key: str, at: datetime, opens_rsvp: bool = True
) -> int:
    """Text ``key`` to everyone still expected at ``session`` who takes texts; how many."""
    memberships = _memberships_by_person(session)
    texted = 0
    for invitation in session.invitations.still_expected().select_related("person"):
        membership = memberships.get(invitation.person_id)
        if membership is not None and wants_texts(membership):
            text_person(
                person=invitation.person,
                session=session,
                key=key,
                kind=Message.Kind.INVITATION,
                opens_rsvp=opens_rsvp,
                at=at,
            )
            texted += 1
    return texted
