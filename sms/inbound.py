"""Handling a text someone sent us: store first, then keywords, safeguarding, conversation.

``receive_inbound`` (the webhook) commits the raw message before anything else runs, then
handles it in its own transaction: whatever fails in the handling is rolled back while the
message is kept (marked FAILED, reprocessed by ``manage.py reprocess_sms``).
"""

import json
import logging
import re
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from coproduce.models import Area, Person
from coproduce.phones import InvalidPhoneNumber, normalise_phone

from . import keywords
from .conversations import person_by_number
from .handlers import Inbound, get_handler, handler_name_for
from .models import Attention, Conversation, Message
from .outbound import loop_guard_allows, loop_window_count, queue_message
from .safeguarding import alert_on_call_staff, suggests_risk
from .texts import render_text

logger = logging.getLogger(__name__)

MAX_BODY = 5000  # Twilio caps at 1,600; anything longer is kept in ``raw`` in full.

AUTO_REPLY = re.compile(
    r"auto(matic)?[- ]?reply|out of (the )?office|this (number|inbox) is not monitored|"
    r"i'?m driving|do not reply to this|message could not be delivered|voicemail",
    re.IGNORECASE,
)


def _clean(value: str) -> str:
    # NUL can't be stored in PostgreSQL text; nothing else is altered.
    return (value or "").replace("\x00", "\ufffd")


def store_inbound(params) -> tuple[Message, bool]:
    """Store Twilio's POST as a Message, once per MessageSid. Returns (message, created).

    Runs in its own transaction and commits before returning. A second post of the same
    MessageSid, even concurrent, returns the first row with created=False.
    """
    message = inbound_message(params)
    try:
        with transaction.atomic():
            message.save(force_insert=True)
    except IntegrityError:
        if message.provider_sid is None:
            raise
        return Message.objects.get(provider_sid=message.provider_sid), False
    return message, True


def receive_inbound(params) -> list[str]:
    """Store Twilio's POST, commit it, then handle it; returns the reply texts for the TwiML.

    Two commits on purpose: the raw message is committed before any handling runs, so a
    crash, a timeout or a killed worker mid-handling can never lose what someone texted us;
    it stays RECEIVED for ``reprocess_sms``. If the handling raises (or cannot be committed),
    it is rolled back whole and the message is marked FAILED with a "could not be handled"
    item for staff. A repeat of a MessageSid we already have changes nothing and gets no
    replies. Raises DatabaseError when the message could not be stored at all (the caller
    asks Twilio to retry). Replies are stored as outbound messages; alerts and emails are
    queued on commit. Only the first commit waits for the disk (commit_without_waiting_for_disk).
    """
    message, created = store_inbound(params)
    if not created:
        return []  # Twilio retried a MessageSid we already have.
    return _handle_stored(message)


def _handle_stored(message: Message) -> list[str]:
    """Handle a stored message in one transaction; on any failure keep it, FAILED."""
    try:
        with transaction.atomic():
            commit_without_waiting_for_disk()
            replies, sender = _decide(message)
            return _finish(message, replies, sender=sender, send_replies=False, fresh=True)
    except Exception as error:  # whatever broke, the text is kept for staff
        logger.exception("Processing inbound SMS %s failed; kept for reprocessing", message.pk)
        with transaction.atomic():
            _record_failure(message, error)
        return []


def commit_without_waiting_for_disk() -> None:
    """Let the current transaction's commit return before PostgreSQL has flushed it to disk.

    For handling a text only: the text itself was committed, durably, before handling began,
    and everything handling writes can be worked out again from it. If the database crashed
    in the fraction of a second before the flush, the handling is lost whole (never half),
    the text is left RECEIVED and ``reprocess_sms`` handles it again. Meanwhile Twilio, and
    the person texting, don't wait on the disk twice for every text.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def inbound_message(params) -> Message:
    """The unsaved Message for Twilio's POST ``params``: every parameter kept in ``raw``."""
    sid = _clean(params.get("MessageSid") or params.get("SmsSid") or "")[:64] or None
    sender = _clean(params.get("From", "")).strip()
    to = _clean(params.get("To", "")).strip()[:32]
    raw = json.dumps({key: [_clean(v) for v in params.getlist(key)] for key in params})
    e164 = _e164_or_blank(sender)
    try:
        num_media = max(0, min(int(params.get("NumMedia") or 0), 99))
    except ValueError:
        num_media = 0
    return Message(
        direction=Message.Direction.INBOUND,
        status=Message.Status.RECEIVED,
        provider_sid=sid,
        phone=e164 or sender,
        our_number=to,
        area=area_for_number(to),
        body=_clean(params.get("Body", ""))[:MAX_BODY],
        num_media=num_media,
        raw=raw,
    )


def _e164_or_blank(number: str) -> str:
    """``number`` in E.164 if it is a phone number Twilio gave us, else "" (a short code or a
    sender name such as VODAFONE: kept as given, never replied to)."""
    try:
        return normalise_phone(number) if number.startswith("+") else ""
    except InvalidPhoneNumber:
        return ""


def area_for_number(our_number: str) -> Area | None:
    """The area whose SMS number was texted; the first active area if none matches."""
    areas = Area.objects.filter(is_active=True)
    if our_number:
        match = areas.filter(sms_number=our_number).first()
        if match is not None:
            return match
    return areas.order_by("pk").first()


@transaction.atomic
def process_inbound(message_id: int, *, send_replies: bool = False) -> list[str]:
    """Act on a stored inbound message and return the reply texts for the TwiML answer.

    Each reply is also stored as an outbound Message. With ``send_replies`` (reprocessing, when
    the webhook's answer has long gone) the replies are queued as texts instead. Raises on
    failure (the caller marks the message FAILED); calling it again on a PROCESSED message
    does nothing.
    """
    message = Message.objects.select_for_update().get(pk=message_id)
    if message.status == Message.Status.PROCESSED:
        return []
    replies, sender = _decide(message)
    return _finish(message, replies, sender=sender, send_replies=send_replies)


@dataclass
class Sender:
    """Who sent a text, as found when it came in."""

    person: Person | None
    conversation: Conversation | None = None
    first_contact: bool = False
    # Texts we sent them inside the loop guard's window, fetched with the person.
    texts_in_loop_window: int | None = None


def _decide(message: Message) -> tuple[list[str], Sender]:
    """What to reply, and who sent it; records opt-outs, flags and feedback on the way."""
    now = timezone.now()
    replies: list[str] = []

    sender = _find_sender(message, at=now)
    person, conversation = sender.person, sender.conversation
    if person is None:
        _flag(
            message,
            Attention.Reason.UNUSUAL_SENDER,
            "Sender is not a phone number we can reply to.",
        )
        return [], sender

    body = message.body.strip()
    keyword = keywords.keyword_of(body)
    if keyword in keywords.OPT_OUT:
        message.kind = Message.Kind.KEYWORD
        person.opt_out(at=now)
        Conversation.objects.filter(person=person, closed_at__isnull=True).update(closed_at=now)
        # Twilio answers STOP itself; a second text from us would be unwelcome.
        return [], sender
    if keyword in keywords.OPT_IN:
        message.kind = Message.Kind.KEYWORD
        person.opt_in()
        return [render_text("opted_in", area=message.area)], sender
    if keyword in keywords.HELP:
        message.kind = Message.Kind.KEYWORD
        area_name = message.area.name if message.area else ""
        return [render_text("help", area=message.area, area_name=area_name)], sender

    possible_opt_out = keywords.looks_like_opt_out_request(body)
    if sender.first_contact and not possible_opt_out:
        replies.append(render_text("privacy_note", area=message.area))

    at_risk = suggests_risk(body)
    if at_risk:
        replies.append(render_text("safeguarding", area=message.area))
        _flag(message, Attention.Reason.SAFEGUARDING, body[:300])
        alert_on_call_staff(message.area)
    if possible_opt_out:
        _flag(message, Attention.Reason.POSSIBLE_OPT_OUT, body[:300])
    if message.num_media:
        _flag(message, Attention.Reason.MEDIA, f"{message.num_media} picture(s) or file(s)")

    if not body:
        replies.append(render_text("media" if message.num_media else "empty", area=message.area))
        return replies, sender

    inbound = Inbound(
        message=message,
        person=person,
        area=message.area,
        conversation=conversation,
        safeguarding=at_risk,
        questions_allowed=not (at_risk or possible_opt_out),
    )
    handler_replies = get_handler(handler_name_for(inbound))(inbound)
    if possible_opt_out:
        # They may be asking us to stop: an apology and the way to stop, never a question
        # (their words are kept, and staff check the flag).
        replies.append(render_text("stop_hint", area=message.area))
    elif not at_risk:
        replies.extend(handler_replies)
    if AUTO_REPLY.search(body):
        # Never answer an auto-reply: two robots can text each other all night.
        replies = []
    return replies, sender


def _find_sender(message: Message, *, at) -> Sender:
    """The sender, with their open conversation and the loop guard's count. A new number
    gets a Person; a sender we can't reply to (a short code or a name) gets none."""
    if message.area is None or not message.phone or _e164_or_blank(message.phone) != message.phone:
        return Sender(person=None)
    existing = person_by_number(
        message.area,
        message.phone_hash,
        at=at,
        texts_in_loop_window=loop_window_count(message.phone_hash, at=at),
    )
    if existing is not None:
        return Sender(
            existing,
            conversation=existing.open_conversation,
            texts_in_loop_window=existing.texts_in_loop_window,
        )
    person = Person(area=message.area, phone=message.phone, is_cohort_member=True)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # Another text from this new number, handled at the same moment, made them first.
        return Sender(Person.objects.get(area=message.area, phone_hash=message.phone_hash))
    return Sender(person, first_contact=True)


def _finish(
    message: Message,
    replies: list[str],
    *,
    sender: Sender,
    send_replies: bool,
    fresh: bool = False,
) -> list[str]:
    now = timezone.now()
    person = sender.person
    if person is not None and person.is_opted_out:
        # Texting in is not opting back in (only START is); Twilio would block a reply anyway.
        replies = []
    if (
        replies
        and message.phone_hash
        and not loop_guard_allows(
            message.phone_hash, extra=len(replies), at=now, already=sender.texts_in_loop_window
        )
    ):
        logger.warning("Loop guard: not replying to message %s", message.pk)
        replies = []
    message.person = person
    message.status = Message.Status.PROCESSED
    message.processed_at = now
    message.save(update_fields=["person", "status", "processed_at", "kind", "conversation"])
    if not fresh:
        # A message stored just now can't have failed before.
        message.attention.filter(
            reason=Attention.Reason.PROCESSING_FAILED, resolved_at__isnull=True
        ).update(resolved_at=now, resolution_note="Handled on a later try.")
    if send_replies:
        for reply in replies:
            queue_message(body=reply, kind=Message.Kind.REPLY, area=message.area, person=person)
        return replies
    for reply in replies:  # usually one: a plain insert costs less than bulk_create
        Message.reply_to(message, reply, at=now).save(force_insert=True)
    return replies


def _flag(message: Message, reason: str, detail: str = "") -> None:
    Attention.objects.get_or_create(
        message=message, reason=reason, defaults={"area": message.area, "detail": detail[:300]}
    )


def mark_failed(message_id: int, error: BaseException) -> None:
    """Keep a message whose processing failed, and put it in front of staff."""
    with transaction.atomic():
        _record_failure(Message.objects.select_for_update().get(pk=message_id), error)


def _record_failure(message: Message, error: BaseException) -> None:
    """Mark ``message`` FAILED and flag it for staff. Writes only the failure: whatever the
    failed handling set on the instance in memory is not saved. Needs a transaction."""
    message.status = Message.Status.FAILED
    message.error_message = f"{type(error).__name__}: {error}"[:300]
    message.save(update_fields=["status", "error_message"])
    _flag(message, Attention.Reason.PROCESSING_FAILED, message.error_message)
