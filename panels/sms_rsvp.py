"""RSVP replies by text, registered with ``sms`` as the "panel_rsvp" handler.

An invitation opens a conversation with this handler. While it is open:

  "YES" / "yes please" / "Yes!"  -> a place (or the waiting list)
  "NO" / "no sorry" / "can't"    -> not coming; a place they held goes to the waiting list
  "maybe" / "?"                  -> asked again
  anything else                  -> not an answer: handed to the feedback handler as usual

A bare YES or NO outside any conversation (the invitation's conversation has closed, or there
never was one) is claimed too, when it comes from someone who is or was on a panel: it is
matched to their latest invitation, or answered politely and kept for the organiser.
"""

import re
from dataclasses import replace

from sms.handlers import DEFAULT_HANDLER, Inbound, get_handler

from .invitations import Answer, Outcome, record_rsvp
from .models import Invitation, Membership

YES = re.compile(
    r"^\W*(yes|yess+|yeah|yea|yep|yup|ya|yh|y|i can come|i'?ll be there|count me in)\b", re.I
)
NO = re.compile(r"^\W*(no|nope|nah|n|can'?t|cannot|can not|not coming|unable)\b", re.I)
UNSURE = re.compile(
    r"^\W*(maybe|not sure|unsure|dunno|don'?t know|possibly|perhaps|might)\b|^\W*\?+\W*$", re.I
)
MAX_ANSWER_WORDS = 12


def parse_answer(body: str) -> str | None:
    """YES, NO, UNCLEAR (they're unsure), or None when the text isn't an answer at all.

    Only the start of a short message counts: "no sorry" is a no, but a long message that
    happens to start with "no" ("no one at the hostel listened...") is feedback.
    """
    text = (body or "").strip()
    if not text or len(text.split()) > MAX_ANSWER_WORDS:
        return None
    if YES.match(text):
        return Answer.YES
    if NO.match(text):
        return Answer.NO
    if UNSURE.match(text):
        return Answer.UNCLEAR
    return None


def handle(inbound: Inbound) -> list[str]:
    answer = parse_answer(inbound.message.body)
    if answer is None or inbound.safeguarding:
        # Not an RSVP (or someone who may be at risk): the feedback handler takes it, as if
        # no invitation were open. Our conversation stays open for the real answer.
        return get_handler(DEFAULT_HANDLER)(replace(inbound, conversation=None))
    conversation = inbound.conversation
    if conversation is not None:
        session_id = (conversation.context or {}).get("session_id")
    else:
        session_id = _latest_invited_session_id(inbound.person)
    result = record_rsvp(
        person=inbound.person,
        session_id=session_id,
        answer=answer,
        channel=Invitation.Channel.SMS,
        text=inbound.message.body,
        message=inbound.message,
    )
    inbound.message.conversation = conversation
    if conversation is not None and result.outcome in FINAL_OUTCOMES:
        conversation.close()
    return [result.reply]


# After these nothing more can change by text, so a later message is feedback again.
FINAL_OUTCOMES = {
    Outcome.NOT_INVITED,
    Outcome.NOT_A_MEMBER,
    Outcome.TOO_LATE,
    Outcome.CANCELLED_SESSION,
}


def claims_unprompted_answer(inbound: Inbound) -> bool:
    """A YES or NO with no conversation open, from someone who is or was on a panel."""
    return (
        not inbound.safeguarding
        and parse_answer(inbound.message.body) in {Answer.YES, Answer.NO}
        and (
            Membership.objects.filter(person=inbound.person).exists()
            or Invitation.objects.filter(person=inbound.person).exists()
        )
    )


def _latest_invited_session_id(person) -> int | None:
    """The session of the person's newest invitation: record_rsvp then says whether it's
    still open, over or cancelled."""
    invitation = Invitation.objects.filter(person=person).order_by("-session__starts_at").first()
    return invitation.session_id if invitation else None
