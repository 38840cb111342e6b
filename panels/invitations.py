"""Inviting members to sessions and acting on their answers, by text or on the web.

Places go to whoever says yes first, up to the session's capacity; after that people join a
waiting list, and a "no" from someone booked hands their place to the first in line. Every
answer is stored as an RsvpReply, even one that changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.models import Person
from sms.conversations import start_conversation
from sms.models import Conversation, Message
from sms.outbound import queue_message
from sms.texts import render_text

from .models import Invitation, Membership, RsvpReply, Session
from .wording import short_when

RSVP_HANDLER = "panel_rsvp"
RSVP_STEP = "rsvp"
# A late answer still reaches us (and gets a clear reply) for a day after the session.
ANSWERS_ACCEPTED_FOR = timedelta(days=1)

Answer = RsvpReply.Answer
Outcome = RsvpReply.Outcome

REPLY_FOR_OUTCOME = {
    Outcome.BOOKED: "panel_rsvp_booked",
    Outcome.WAITING_LIST: "panel_rsvp_waiting",
    Outcome.ALREADY_BOOKED: "panel_rsvp_already",
    Outcome.ALREADY_WAITING: "panel_rsvp_waiting",
    Outcome.DECLINED: "panel_rsvp_declined",
    Outcome.NOT_INVITED: "panel_rsvp_not_invited",
    Outcome.NOT_A_MEMBER: "panel_rsvp_not_invited",
    Outcome.TOO_LATE: "panel_rsvp_too_late",
    Outcome.CANCELLED_SESSION: "panel_rsvp_too_late",
    Outcome.NOT_UNDERSTOOD: "panel_rsvp_unclear",
}

# What the member's web page says for each outcome (the texts say the same, shorter).
WEB_MESSAGE_FOR_OUTCOME = {
    Outcome.BOOKED: "You're booked in. We'll remind you the day before.",
    Outcome.WAITING_LIST: "This session is full, so you're on the waiting list. "
    "We'll text you if a place comes up.",
    Outcome.ALREADY_BOOKED: "You're already booked in.",
    Outcome.ALREADY_WAITING: "You're already on the waiting list.",
    Outcome.DECLINED: "Thanks for letting us know you can't come.",
    Outcome.NOT_INVITED: "We couldn't find an invitation for you to this session.",
    Outcome.NOT_A_MEMBER: "You're not on this panel at the moment, so we couldn't book you in.",
    Outcome.TOO_LATE: "That session has already started or finished.",
    Outcome.CANCELLED_SESSION: "That session was cancelled.",
    Outcome.NOT_UNDERSTOOD: "Please choose 'I can come' or 'I can't come'.",
}


@dataclass(frozen=True)
class RsvpResult:
    outcome: str
    reply: str
    invitation: Invitation | None

    @property
    def web_message(self) -> str:
        return WEB_MESSAGE_FOR_OUTCOME[self.outcome]


def session_text(key: str, session: Session) -> str:
    """A system text about ``session``, in the area's wording, one segment."""
    return render_text(
        key,
        area=session.panel.area,
        panel=session.panel.name,
        when=short_when(session.starts_at),
        venue=session.place,
    )


def invite_members(*, session: Session, at: datetime | None = None) -> list[Invitation]:
    """Invite every current member of the session's panel who is not paused and not already
    invited. Members who take texts get one (held until morning in quiet hours), which opens
    an RSVP conversation; everyone can answer on their own web page. Returns the new
    invitations. Reminders are scheduled on commit.

    Raises ValidationError for a cancelled session or one that has started.
    """
    from .reminders import schedule_reminders

    at = at or timezone.now()
    with transaction.atomic():
        session = (
            Session.objects.select_for_update().select_related("panel__area").get(pk=session.pk)
        )
        if session.is_cancelled:
            raise ValidationError("This session is cancelled, so nobody can be invited.")
        if session.has_started(at=at):
            raise ValidationError("This session has already started.")
        already = set(session.invitations.values_list("person_id", flat=True))
        members = (
            session.panel.memberships.invitable()
            .exclude(person_id__in=already)
            .select_related("person")
        )
        created = []
        for membership in members:
            invitation = Invitation.objects.create(
                session=session, person=membership.person, invited_at=at
            )
            created.append(invitation)
            if wants_texts(membership):
                text_person(
                    person=membership.person,
                    session=session,
                    key="panel_invitation",
                    kind=Message.Kind.INVITATION,
                    at=at,
                )
        if session.invitations_sent_at is None:
            session.invitations_sent_at = at
            session.save(update_fields=["invitations_sent_at"])
        schedule_reminders(session=session, at=at)
    return created


def wants_texts(membership: Membership) -> bool:
    person = membership.person
    return (
        membership.contact_method == Person.Contact.SMS
        and not person.is_opted_out
        and bool(person.phone)
    )


def text_person(
    *, person: Person, session: Session, key: str, kind: str, opens_rsvp: bool = True, at=None
) -> Message:
    """Queue ``key`` about ``session`` to ``person``; with ``opens_rsvp`` their next YES or NO
    is read as an answer about this session (until a day after it ends)."""
    message = queue_message(
        body=session_text(key, session), kind=kind, area=session.panel.area, person=person, at=at
    )
    if opens_rsvp and message.status != Message.Status.CANCELLED:
        open_rsvp_conversation(person=person, session=session, at=at)
    return message


def open_rsvp_conversation(*, person: Person, session: Session, at=None) -> Conversation:
    """The sms channel's window is hours; an invitation may go out weeks ahead, so the
    conversation stays open until a day after the session."""
    at = at or timezone.now()
    conversation = start_conversation(
        person=person,
        handler=RSVP_HANDLER,
        step=RSVP_STEP,
        context={"session_id": session.pk},
        at=at,
    )
    conversation.expires_at = max(conversation.expires_at, session.ends_at + ANSWERS_ACCEPTED_FOR)
    conversation.save(update_fields=["expires_at"])
    return conversation


def record_rsvp(
    *,
    person: Person,
    session_id: int | None,
    answer: str,
    channel: str,
    text: str = "",
    message: Message | None = None,
    at: datetime | None = None,
) -> RsvpResult:
    """Act on one RSVP answer and store it. Safe to repeat: a second YES is "already booked".

    Locks the session row, so two answers at once can't both take the last place. A NO from
    someone booked offers their place to the first on the waiting list (texted on commit).
    """
    at = at or timezone.now()
    with transaction.atomic():
        session = (
            Session.objects.select_for_update()
            .select_related("panel__area")
            .filter(pk=session_id)
            .first()
        )
        outcome, invitation = _decide(
            person=person, session=session, answer=answer, channel=channel, at=at
        )
        RsvpReply.objects.create(
            person=person,
            session=session,
            message=message,
            channel=channel,
            text=text[:1000],
            answer=answer,
            outcome=outcome,
            received_at=at,
        )
        key = REPLY_FOR_OUTCOME[outcome]
        reply = session_text(key, session) if session else render_text(key, area=person.area)
    return RsvpResult(outcome=outcome, reply=reply, invitation=invitation)


def _decide(
    *, person: Person, session: Session | None, answer: str, channel: str, at: datetime
) -> tuple[str, Invitation | None]:
    if session is None:
        return Outcome.NOT_INVITED, None
    invitation = session.invitations.filter(person=person).first()
    is_member = session.panel.memberships.current().filter(person=person).exists()
    if not is_member:
        return Outcome.NOT_A_MEMBER, invitation
    if invitation is None:
        return Outcome.NOT_INVITED, None
    if session.is_cancelled:
        return Outcome.CANCELLED_SESSION, invitation
    if session.has_started(at=at):
        return Outcome.TOO_LATE, invitation
    if answer == Answer.UNCLEAR:
        return Outcome.NOT_UNDERSTOOD, invitation
    invitation.answered_by = channel
    if answer == Answer.YES:
        return _say_yes(invitation, at=at), invitation
    return _say_no(invitation, at=at), invitation


def _say_yes(invitation: Invitation, *, at: datetime) -> str:
    if invitation.status == Invitation.Status.COMING:
        return Outcome.ALREADY_BOOKED
    if invitation.status == Invitation.Status.WAITING:
        return Outcome.ALREADY_WAITING
    if invitation.session.has_free_place():
        invitation.status = Invitation.Status.COMING
        invitation.waiting_since = None
        outcome = Outcome.BOOKED
    else:
        invitation.status = Invitation.Status.WAITING
        invitation.waiting_since = at
        outcome = Outcome.WAITING_LIST
    _answered(invitation, at=at)
    return outcome


def _say_no(invitation: Invitation, *, at: datetime) -> str:
    had_place = invitation.status == Invitation.Status.COMING
    invitation.status = Invitation.Status.NOT_COMING
    invitation.waiting_since = None
    _answered(invitation, at=at)
    if had_place:
        offer_free_places(session=invitation.session, at=at)
    return Outcome.DECLINED


def _answered(invitation: Invitation, *, at: datetime) -> None:
    invitation.answered_at = at
    invitation.save(update_fields=["status", "waiting_since", "answered_at", "answered_by"])


def offer_free_places(*, session: Session, at: datetime | None = None) -> list[Invitation]:
    """Give free places to the waiting list, first come first served, and text each person.

    The caller holds the session's row lock (inside ``transaction.atomic``).
    """
    at = at or timezone.now()
    promoted = []
    waiting = session.invitations.filter(status=Invitation.Status.WAITING).select_related("person")
    for invitation in waiting.order_by("waiting_since", "pk"):
        if not session.has_free_place():
            break
        invitation.status = Invitation.Status.COMING
        invitation.waiting_since = None
        invitation.save(update_fields=["status", "waiting_since"])
        promoted.append(invitation)
        membership = session.panel.memberships.filter(person=invitation.person).first()
        if membership is not None and wants_texts(membership):
            text_person(
                person=invitation.person,
                session=session,
                key="panel_place_offered",
                kind=Message.Kind.INVITATION,
                at=at,
            )
    return promoted


def answer_on_the_web(*, person: Person, session_id: int, coming: bool) -> RsvpResult:
    """A member's answer from their own page."""
    return record_rsvp(
        person=person,
        session_id=session_id,
        answer=Answer.YES if coming else Answer.NO,
        channel=Invitation.Channel.WEB,
        text="Web: I can come" if coming else "Web: I can't come",
    )
