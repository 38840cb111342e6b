"""Sending texts: every send is a queued row and a task, never a call from a web request.

Rules applied here, in this order: never to an opted-out person; prompts, invitations and
reminders wait out quiet hours; at most one unprompted feedback prompt per person per
SMS_PROMPT_MIN_DAYS; and the loop guard (SMS_LOOP_LIMIT texts per SMS_LOOP_WINDOW_SECONDS).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from coproduce.models import Area, Person

from .backends import SendError, get_backend
from .conversations import start_conversation
from .models import Attention, Message
from .quiet_hours import quiet_hours_end

logger = logging.getLogger(__name__)

# Kinds that can wait for morning. Replies, alerts and safeguarding texts never wait.
HOLD_IN_QUIET_HOURS = {Message.Kind.PROMPT, Message.Kind.INVITATION, Message.Kind.REMINDER}

# Twilio's status values, ranked: a callback may only move a message forward.
STATUS_RANK = {
    Message.Status.HELD: 0,
    Message.Status.QUEUED: 1,
    Message.Status.ACCEPTED: 2,
    Message.Status.SENDING: 3,
    Message.Status.SENT: 4,
    Message.Status.REPLIED: 4,
    Message.Status.DELIVERED: 5,
    Message.Status.UNDELIVERED: 5,
    Message.Status.SEND_FAILED: 5,
    Message.Status.CANCELLED: 5,
}
TWILIO_STATUS = {
    "queued": Message.Status.ACCEPTED,
    "accepted": Message.Status.ACCEPTED,
    "scheduled": Message.Status.ACCEPTED,
    "sending": Message.Status.SENDING,
    "sent": Message.Status.SENT,
    "delivered": Message.Status.DELIVERED,
    "read": Message.Status.DELIVERED,
    "undelivered": Message.Status.UNDELIVERED,
    "failed": Message.Status.SEND_FAILED,
    "canceled": Message.Status.CANCELLED,
}
OPTED_OUT_ERROR = "21610"


class PromptedRecently(Exception):
    pass


def queue_message(
    *,
    body: str,
    kind: str,
    area: Area | None,
    person: Person | None = None,
    phone: str = "",
    opens_handler: str = "",
    opens_context: dict | None = None,
    at: datetime | None = None,
) -> Message:
    """Store an outbound text and enqueue its send for after the current transaction commits.

    Returns the Message, which is CANCELLED (not sent) when the person has opted out or has no
    number, and HELD until morning for prompts, invitations and reminders in quiet hours.
    """
    at = at or timezone.now()
    number = person.phone if person is not None else phone
    message = Message(
        direction=Message.Direction.OUTBOUND,
        kind=kind,
        area=area,
        person=person,
        phone=number,
        body=body,
        opens_handler=opens_handler,
        opens_context=opens_context or {},
        created_at=at,
        status=Message.Status.QUEUED,
    )
    if person is not None and person.is_opted_out:
        message.status = Message.Status.CANCELLED
        message.error_message = "They have opted out of texts."
    elif not number:
        message.status = Message.Status.CANCELLED
        message.error_message = "No phone number."
    elif kind in HOLD_IN_QUIET_HOURS and (morning := quiet_hours_end(at)) is not None:
        message.status = Message.Status.HELD
        message.send_after = morning
    message.save()
    if message.status != Message.Status.CANCELLED:
        _enqueue_send(message.pk, run_after=message.send_after)
    return message


def queue_feedback_prompt(*, person: Person, service, body: str, at=None) -> Message:
    """A staff-sent "how did <service> make you feel?" text; their reply is read as the score.

    Raises PromptedRecently if they had an unprompted invitation in the last
    SMS_PROMPT_MIN_DAYS days: we ask, we don't nag.
    """
    at = at or timezone.now()
    since = at - timedelta(days=settings.SMS_PROMPT_MIN_DAYS)
    recent = Message.objects.filter(
        person=person, kind=Message.Kind.PROMPT, created_at__gte=since
    ).exclude(status=Message.Status.CANCELLED)
    if recent.exists():
        raise PromptedRecently(
            f"{person} was asked in the last {settings.SMS_PROMPT_MIN_DAYS} days"
        )
    return queue_message(
        body=body,
        kind=Message.Kind.PROMPT,
        area=person.area,
        person=person,
        opens_handler="feedback",
        opens_context={"service_id": service.pk, "step": "score"},
        at=at,
    )


def _enqueue_send(message_id: int, *, run_after: datetime | None = None) -> None:
    from .tasks import send_message_task

    task = send_message_task.using(run_after=run_after) if run_after else send_message_task
    transaction.on_commit(lambda: task.enqueue(message_id))


def loop_guard_allows(
    phone_hash: str, *, extra: int = 1, at: datetime | None = None, already: int | None = None
) -> bool:
    """False if sending ``extra`` more texts would pass SMS_LOOP_LIMIT in the window.
    ``already``: the loop_window_count, when the caller fetched it with a query of its own."""
    if already is None:
        with connection.cursor() as cursor:
            cursor.execute(*_loop_window_sql(phone_hash, at=at))
            already = cursor.fetchone()[0]
    return already + extra <= settings.SMS_LOOP_LIMIT


def loop_window_count(phone_hash: str, *, at: datetime | None = None) -> RawSQL:
    """The loop guard's count, to annotate on a query that runs anyway (the inbound sender's
    lookup). Raw SQL because the ORM took longer to build this subquery on every text than
    running it as a query of its own: here it costs next to nothing."""
    sql, params = _loop_window_sql(phone_hash, at=at)
    return RawSQL(sql, params, output_field=IntegerField())  # noqa: S611 - values are parameters


# Texts to a number that count towards the loop guard: not those we never sent.
_NOT_SENT = tuple(
    status.value
    for status in (Message.Status.CANCELLED, Message.Status.HELD, Message.Status.QUEUED)
)

_LOOP_WINDOW_SQL = (
    f"SELECT COUNT(*) FROM {Message._meta.db_table} "  # noqa: S608 - values are parameters
    "WHERE phone_hash = %s AND direction = %s AND created_at >= %s AND status NOT IN (%s, %s, %s)"
)


def _loop_window_sql(phone_hash: str, *, at: datetime | None) -> tuple[str, tuple]:
    since = (at or timezone.now()) - timedelta(seconds=settings.SMS_LOOP_WINDOW_SECONDS)
    since = connection.ops.adapt_datetimefield_value(since)
    return _LOOP_WINDOW_SQL, (phone_hash, Message.Direction.OUTBOUND.value, since, *_NOT_SENT)


def status_callback_url() -> str | None:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{reverse('sms:twilio_status')}" if base else None


def send_message(message_id: int) -> None:
    """Send one queued text through the SMS backend. Safe to run twice: only a QUEUED or HELD
    message is sent, under a row lock, so a duplicate task does nothing.

    Transient failures are retried with backoff; permanent ones (opted out, invalid number)
    are not, and 21610 marks the person opted out.
    """
    now = timezone.now()
    with transaction.atomic():
        # Lock the message row only: PostgreSQL can't lock the nullable side of the join.
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=message_id)
        )
        if message.status not in (Message.Status.QUEUED, Message.Status.HELD):
            return
        if message.send_after and message.send_after > now:
            _enqueue_send(message.pk, run_after=message.send_after)
            return
        if message.person is not None and message.person.is_opted_out:
            _finish(message, Message.Status.CANCELLED, error="They have opted out of texts.")
            return
        if message.kind in HOLD_IN_QUIET_HOURS and (morning := quiet_hours_end(now)):
            message.status, message.send_after = Message.Status.HELD, morning
            message.save(update_fields=["status", "send_after"])
            _enqueue_send(message.pk, run_after=morning)
            return
        if not loop_guard_allows(message.phone_hash, at=now):
            logger.warning("Loop guard: holding message %s for a moment", message.pk)
            _enqueue_send(
                message.pk, run_after=now + timedelta(seconds=settings.SMS_LOOP_WINDOW_SECONDS)
            )
            return

        message.attempts += 1
        try:
            result = get_backend().send(
                to=message.phone, body=message.body, status_callback=status_callback_url()
            )
        except SendError as error:
            _handle_send_error(message, error, now=now)
            return
        message.provider_sid = result.sid
        message.status = TWILIO_STATUS.get(result.status, Message.Status.ACCEPTED)
        message.status_updated_at = now
        message.error_code = message.error_message = ""
        message.save(
            update_fields=[
                "provider_sid",
                "status",
                "status_updated_at",
                "attempts",
                "error_code",
                "error_message",
            ]
        )
        if message.opens_handler and message.person is not None:
            context = dict(message.opens_context)
            step = context.pop("step", "")
            conversation = start_conversation(
                person=message.person,
                handler=message.opens_handler,
                step=step,
                context=context,
                at=now,
            )
            message.conversation = conversation
            message.save(update_fields=["conversation"])


def _handle_send_error(message: Message, error: SendError, *, now: datetime) -> None:
    message.error_code = error.code
    message.error_message = str(error)[:300]
    if error.permanent or message.attempts >= settings.SMS_SEND_MAX_ATTEMPTS:
        _finish(message, Message.Status.SEND_FAILED, error=message.error_message)
        if error.code == OPTED_OUT_ERROR and message.person is not None:
            message.person.opt_out(at=now)
        Attention.objects.get_or_create(
            message=message,
            reason=Attention.Reason.SEND_FAILED,
            defaults={"area": message.area, "detail": f"Error {error.code}: {error}"[:300]},
        )
        return
    # 30 s, 1 min, 2 min, 4 min... between tries.
    delay = timedelta(seconds=30 * 2 ** (message.attempts - 1))
    message.save(update_fields=["attempts", "error_code", "error_message"])
    logger.info("Send of message %s failed (%s); retrying in %s", message.pk, error, delay)
    _enqueue_send(message.pk, run_after=now + delay)


def _finish(message: Message, status: str, *, error: str = "") -> None:
    message.status = status
    message.status_updated_at = timezone.now()
    if error:
        message.error_message = error
    message.save(
        update_fields=["status", "status_updated_at", "attempts", "error_code", "error_message"]
    )


# A callback can arrive before the send that got its SID has committed: it is tried again
# after each of these pauses (seconds) before it is given up as unknown.
STATUS_CALLBACK_RETRIES = (5, 30, 120)


def apply_status_callback(*, sid: str, status: str, error_code: str = "", attempt: int = 0) -> bool:
    """Record a delivery status from Twilio. Never moves a message backwards (a late "sent"
    after "delivered" is ignored). Returns False for an unknown SID or status; an unknown SID
    is tried again later through the task queue, in case its send had not committed yet."""
    new_status = TWILIO_STATUS.get((status or "").lower())
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(provider_sid=sid).first()
        if message is None:
            if new_status is not None and sid and attempt < len(STATUS_CALLBACK_RETRIES):
                _retry_status_callback(sid, status, error_code, attempt=attempt)
            else:
                logger.info("Status callback for unknown message SID %s (%s)", sid, status)
            return False
        if new_status is None:
            logger.warning("Unknown status %r in callback for %s", status, sid)
            return False
        if error_code:
            message.error_code = error_code[:10]
        if STATUS_RANK[new_status] > STATUS_RANK.get(message.status, 0):
            message.status = new_status
            message.status_updated_at = timezone.now()
        message.save(update_fields=["status", "status_updated_at", "error_code"])
        if error_code == OPTED_OUT_ERROR and message.person is not None:
            message.person.opt_out()
    return True


def _retry_status_callback(sid: str, status: str, error_code: str, *, attempt: int) -> None:
    from .tasks import apply_status_callback_task

    pause = STATUS_CALLBACK_RETRIES[attempt]
    logger.info("Status callback for %s (%s) not matched yet; again in %ss", sid, status, pause)
    run_after = timezone.now() + timedelta(seconds=pause)
    transaction.on_commit(
        lambda: apply_status_callback_task.using(run_after=run_after).enqueue(
            sid, status, error_code, attempt + 1
        )
    )
