"""The feedback conversation by text, registered with ``sms`` as the "feedback" handler.

  "HOSTEL"              -> ask "How did Hope House make you feel today? Reply 1-5"
  "4" / "good" / "🙂"    -> score kept, then "Anything else you want to tell us?"
  "the staff were kind" -> added to their words, "Thank you"

Every message becomes part of a Response (channel SMS) with what is known of service, score
and words. A reply after the conversation window is new feedback, not an old answer.
"""

import re
from dataclasses import replace

from coproduce.models import Consent, Service
from sms.conversations import start_conversation
from sms.handlers import Inbound
from sms.texts import render_text

from .models import Response
from .redaction import redact
from .scores import parse_score
from .services import find_service

HANDLER = "feedback"
STEP_SCORE = "score"
STEP_MORE = "more"
NOTHING_MORE = re.compile(
    r"^\s*(no|nope|nah|no thanks?|no thank you|nothing|that'?s all|thats it|all good)\W*$", re.I
)


def handle(inbound: Inbound) -> list[str]:
    conversation = inbound.conversation
    if conversation is None or conversation.handler != HANDLER:
        return _new_feedback(inbound)
    if conversation.step == STEP_SCORE:
        return _answer_to_score(inbound)
    if conversation.step == STEP_MORE:
        return _answer_to_more(inbound)
    # Ours but waiting for nothing we know: close it, and this text is new feedback with a
    # conversation (and a response) of its own.
    conversation.close()
    return _new_feedback(replace(inbound, conversation=None))


def _new_response(inbound: Inbound, *, service: Service | None, **fields) -> Response:
    return Response(
        area=inbound.area,
        channel=Response.Channel.SMS,
        person=inbound.person,
        service=service,
        is_safeguarding=inbound.safeguarding,
        consent_to_quote=inbound.person.has_consent(Consent.Kind.QUOTE_WORDS),
        **fields,
    )


# Set from rows this handler has just loaded or saved in the same transaction: checking that
# they exist would cost a query each, and the database's foreign keys check them anyway.
_ALREADY_CHECKED = ["area", "person", "service", "conversation"]


def _save(response: Response) -> None:
    """Validate and save. The score's range is checked by the field's validators; the
    database's check constraint says the same, so it is not queried for again here."""
    response.redacted_text = redact(response.text)
    response.full_clean(exclude=_ALREADY_CHECKED, validate_constraints=False)
    response.save()


def _new_feedback(inbound: Inbound) -> list[str]:
    body = inbound.message.body.strip()
    service, rest = find_service(body, area=inbound.area)
    score = parse_score(rest) if service else parse_score(body)
    words = score.rest if score else rest if service else body
    response = _new_response(
        inbound, service=service, feeling_score=score.value if score else None, text=words
    )
    if service is not None and score is None:
        step, reply = STEP_SCORE, render_text("ask_score", area=inbound.area, service=service.name)
    elif score is not None:
        step, reply = STEP_MORE, render_text("ask_more", area=inbound.area)
    else:
        step, reply = "", render_text("thanks", area=inbound.area)
    return _continue(inbound, response, step=step, reply=reply)


def _continue(inbound: Inbound, response: Response, *, step: str, reply: str) -> list[str]:
    """Save the response and move the conversation to ``step`` ("" closes it).

    The response points at the conversation that builds it, and the conversation remembers
    only the service, so starting one is a single insert.
    """
    if not inbound.questions_allowed:
        # Someone who may be at risk gets signposting and a person, and someone who may want
        # us to stop gets the way to stop: not more questions.
        step = ""
    if inbound.safeguarding:
        # A response they add risk words to, started earlier or not, is never quoted.
        response.is_safeguarding = True
    ours = inbound.conversation is not None and inbound.conversation.handler == HANDLER
    conversation = inbound.conversation if ours else None
    if step and not ours:
        # The channel found no open conversation for us, so there is none to close; or
        # another app's (an invitation waiting for YES or NO) handed this text on, and that
        # one stays open for its answer.
        conversation = start_conversation(
            person=inbound.person,
            handler=HANDLER,
            step=step,
            context={"service_id": response.service_id} if response.service_id else {},
            close_others=False,
        )
    elif ours:
        context = dict(conversation.context)
        if response.service_id:
            context["service_id"] = response.service_id
        if step:
            conversation.advance(step=step, context=context)
        else:
            conversation.close(context=context)
    response.conversation = conversation
    _save(response)
    inbound.message.conversation = conversation
    return [reply]


def _current_response(inbound: Inbound) -> Response:
    """The response this conversation is building, or a new one (after a staff prompt)."""
    conversation = inbound.conversation
    try:
        return conversation.response  # loaded with the conversation (see apps.py)
    except Response.DoesNotExist:
        pass
    service = Service.objects.filter(
        pk=conversation.context.get("service_id"), area=inbound.area
    ).first()
    return _new_response(inbound, service=service, text="")


def _answer_to_score(inbound: Inbound) -> list[str]:
    body = inbound.message.body.strip()
    response = _current_response(inbound)
    score = parse_score(body, expecting=True)
    if score is not None:
        response.feeling_score = score.value
        response.add_text(score.rest)
        return _continue(
            inbound, response, step=STEP_MORE, reply=render_text("ask_more", area=inbound.area)
        )
    response.add_text(body)
    if not inbound.conversation.context.get("asked_again") and response.service_id:
        inbound.conversation.context["asked_again"] = True
        reply = render_text("ask_score_again", area=inbound.area, service=response.service.name)
        return _continue(inbound, response, step=STEP_SCORE, reply=reply)
    return _continue(inbound, response, step="", reply=render_text("thanks", area=inbound.area))


def _answer_to_more(inbound: Inbound) -> list[str]:
    body = inbound.message.body.strip()
    response = _current_response(inbound)
    if not NOTHING_MORE.match(body):
        response.add_text(body)
    return _continue(inbound, response, step="", reply=render_text("thanks", area=inbound.area))
