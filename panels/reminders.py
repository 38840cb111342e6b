"""Reminders to people booked on a session: the day before (24 hours ahead) and 2 hours
before. Never in quiet hours, never to anyone opted out, paused or gone from the panel.

``send_due_reminders`` is idempotent: each invitation records when each reminder went, under
a row lock, so the scheduled tasks and the ``send_panel_reminders`` command (a cron safety
net) can all run without anyone getting a reminder twice.
"""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sms.models import Message
from sms.outbound import queue_message
from sms.quiet_hours import quiet_hours_end
from sms.texts import render_text

from .models import Invitation, Session
from .wording import LONDON, clock_time, short_when

DAY_BEFORE = timedelta(hours=24)
SAME_DAY = timedelta(hours=2)


def schedule_reminders(*, session: Session, at: datetime | None = None) -> None:
    """Enqueue the reminder task for 24 h and 2 h before the session (on commit)."""
    from .tasks import send_session_reminders_task

    at = at or timezone.now()
    for ahead in (DAY_BEFORE, SAME_DAY):
        run_after = session.starts_at - ahead
        if run_after > at:
            task = send_session_reminders_task.using(run_after=run_after)
            transaction.on_commit(lambda task=task: task.enqueue(session.pk))


def send_due_reminders(*, session_id: int | None = None, at: datetime | None = None) -> int:
    """Queue every reminder due now (for one session, or all). Returns how many were queued.

    In quiet hours nothing is sent; when ``session_id`` is given the task is put back for the
    end of quiet hours, if that is still before the session starts.
    """
    from .tasks import send_session_reminders_task

    # In UTC: "24 hours before" is real hours, whatever the clocks do (London-aware
    # arithmetic would be wall-clock time and an hour out across a change).
    at = (at or timezone.now()).astimezone(UTC)
    morning = quiet_hours_end(at)
    if morning is not None:
        if session_id is not None:
            session = Session.objects.filter(pk=session_id).first()
            if session is not None and morning < session.starts_at:
                task = send_session_reminders_task.using(run_after=morning)
                transaction.on_commit(lambda: task.enqueue(session_id))
        return 0
    due = Invitation.objects.coming().filter(
        session__status=Session.Status.SCHEDULED,
        session__starts_at__gt=at,
        session__starts_at__lte=at + DAY_BEFORE,
    )
    if session_id is not None:
        due = due.filter(session_id=session_id)
    sent = 0
    for invitation_id in due.values_list("pk", flat=True):
        sent += _remind(invitation_id, at=at)
    return sent


@transaction.atomic
def _remind(invitation_id: int, *, at: datetime) -> int:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("session__panel__area", "person")
        .get(pk=invitation_id)
    )
    session = invitation.session
    key = _which_reminder(invitation, at=at)
    if key is None:
        return 0
    # Whatever happens next, neither reminder is looked at again once it is past its time.
    invitation.reminded_day_before_at = invitation.reminded_day_before_at or at
    if key == "panel_reminder_hours":
        invitation.reminded_same_day_at = at
    invitation.save(update_fields=["reminded_day_before_at", "reminded_same_day_at"])
    if key == "skip" or not _still_wants_reminders(invitation):
        return 0
    body = render_text(
        key,
        area=session.panel.area,
        panel=session.panel.name,
        when=short_when(session.starts_at),
        time=clock_time(session.starts_at),
        venue=session.place,
    )
    queue_message(
        body=body,
        kind=Message.Kind.REMINDER,
        area=session.panel.area,
        person=invitation.person,
        at=at,
    )
    return 1


def _which_reminder(invitation: Invitation, *, at: datetime) -> str | None:
    starts_at = invitation.session.starts_at
    if starts_at - at <= SAME_DAY:
        return None if invitation.reminded_same_day_at else "panel_reminder_hours"
    if invitation.reminded_day_before_at:
        return None
    # "Tomorrow" only when it is: someone booked this morning for tonight gets the 2 h one.
    is_tomorrow = starts_at.astimezone(LONDON).date() - at.astimezone(LONDON).date()
    return "panel_reminder_day" if is_tomorrow == timedelta(days=1) else "skip"


def _still_wants_reminders(invitation: Invitation) -> bool:
    person = invitation.person
    if person.is_opted_out or not person.phone:
        return False
    membership = invitation.session.panel.memberships.filter(person=person).first()
    if membership is None:
        return True  # booked by staff without being a member: they asked to come
    return not membership.is_paused and not membership.has_left
