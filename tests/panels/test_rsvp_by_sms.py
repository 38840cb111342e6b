"""Invitations by text and RSVP replies through the real, signed Twilio webhook."""

from datetime import timedelta

import pytest

from coproduce.models import Person
from panels.invitations import RSVP_HANDLER
from panels.models import Invitation, RsvpReply
from panels.sms_rsvp import parse_answer
from sms.backends import locmem
from sms.gsm import fits_one_segment
from sms.models import Conversation, Message
from surveys.models import Response
from tests.factories import ServiceFactory
from tests.panels.conftest import NOON, MembershipFactory, SessionFactory
from tests.sms.conftest import replies, run_tasks

Outcome = RsvpReply.Outcome


def number_of(membership):
    return membership.person.phone


@pytest.fixture
def invited(clock, invite, session, members):
    clock(NOON)
    invite(session)
    run_tasks()
    return session


def test_invitation_is_texted_in_one_segment_and_names_the_time_and_place(invited, members):
    bodies = {message["to"]: message["body"] for message in locmem.outbox}

    assert set(bodies) == {m.person.phone for m in members}
    body = bodies[members[0].person.phone]
    assert body == (
        "Riverside Voices meets Tue 16 Jun 2pm at Hope Centre. "
        "Reply YES to come or NO if you can't."
    )
    assert fits_one_segment(body)


def test_paused_left_and_opted_out_members_get_no_invitation_text(
    clock, invite, session, members, panel
):
    clock(NOON)
    members[0].pause()
    members[1].leave(on=NOON.date() - timedelta(days=1))
    opted_out = MembershipFactory(panel=panel)
    opted_out.person.opt_out()

    created = invite(session)
    run_tasks()

    assert {i.person for i in created} == {members[2].person, opted_out.person}
    assert [m["to"] for m in locmem.outbox] == [members[2].person.phone]
    assert not Message.objects.filter(person=opted_out.person).exists()


def test_inviting_twice_invites_nobody_twice(clock, invite, session, members):
    clock(NOON)
    invite(session)
    again = invite(session)

    assert again == []
    assert Invitation.objects.filter(session=session).count() == 3


@pytest.mark.parametrize("reply", ["YES", "yes", "Yes please", "yes!! see you there", "  y "])
def test_yes_in_any_case_with_extra_words_books_a_place(invited, members, text_in, reply):
    response = text_in(reply, sender=number_of(members[0]))

    invitation = Invitation.objects.get(session=invited, person=members[0].person)
    assert invitation.status == Invitation.Status.COMING
    assert invitation.answered_by == Invitation.Channel.SMS
    assert replies(response) == [
        "Thanks, you're booked for Riverside Voices on Tue 16 Jun 2pm. We'll remind you the "
        "day before. Reply NO if you can't come after all."
    ]


@pytest.mark.parametrize("reply", ["NO", "no sorry", "No, can't make it", "cant"])
def test_no_in_any_case_with_extra_words_declines(invited, members, text_in, reply):
    text_in(reply, sender=number_of(members[0]))

    invitation = Invitation.objects.get(session=invited, person=members[0].person)
    assert invitation.status == Invitation.Status.NOT_COMING


def test_an_answer_days_later_still_counts_though_the_sms_window_is_hours(
    invited, members, text_in, clock
):
    clock(NOON + timedelta(days=3))

    text_in("yes", sender=number_of(members[0]))

    assert Invitation.objects.get(session=invited, person=members[0].person).status == "coming"
    assert not Response.objects.exists()


def test_double_yes_keeps_one_place_and_says_so(invited, members, text_in):
    text_in("yes", sender=number_of(members[0]))
    second = text_in("YES", sender=number_of(members[0]))

    assert Invitation.objects.filter(session=invited, status="coming").count() == 1
    assert "already booked" in replies(second)[0]
    outcomes = list(RsvpReply.objects.order_by("pk").values_list("outcome", flat=True))
    assert outcomes == [Outcome.BOOKED, Outcome.ALREADY_BOOKED]


def test_over_capacity_goes_on_the_waiting_list_and_a_no_offers_the_place_on(
    invited, members, text_in, clock
):
    invited.capacity = 1
    invited.save()
    text_in("yes", sender=number_of(members[0]))
    waiting_reply = text_in("yes please", sender=number_of(members[1]))
    locmem.outbox.clear()

    text_in("no sorry", sender=number_of(members[0]))
    run_tasks()

    statuses = dict(
        Invitation.objects.filter(session=invited).values_list("person__display_name", "status")
    )
    assert "waiting list" in replies(waiting_reply)[0]
    assert statuses == {"Ash": "not_coming", "Bea": "coming", "Cal": "invited"}
    assert [m["to"] for m in locmem.outbox] == [members[1].person.phone]
    assert locmem.outbox[0]["body"].startswith("Good news: a place came up at Riverside Voices")


def test_a_reply_after_the_session_gets_a_clear_answer_and_is_stored(
    invited, members, text_in, clock
):
    clock(invited.ends_at + timedelta(hours=1))

    response = text_in("yes", sender=number_of(members[0]))

    assert "already happened" in replies(response)[0]
    assert Invitation.objects.get(session=invited, person=members[0].person).status == "invited"
    assert RsvpReply.objects.get().outcome == Outcome.TOO_LATE


def test_a_reply_from_someone_who_has_left_the_panel_is_stored_politely(invited, members, text_in):
    members[0].leave(on=NOON.date())

    response = text_in("YES", sender=number_of(members[0]))

    assert "couldn't find an invitation" in replies(response)[0]
    reply = RsvpReply.objects.get()
    assert (reply.outcome, reply.text, reply.message.body) == (Outcome.NOT_A_MEMBER, "YES", "YES")
    assert Invitation.objects.get(session=invited, person=members[0].person).status == "invited"


def test_a_reply_from_someone_not_invited_to_that_session_is_stored_politely(
    clock, panel, members, text_in
):
    from panels.invitations import open_rsvp_conversation

    clock(NOON)
    session = SessionFactory(panel=panel)
    open_rsvp_conversation(person=members[0].person, session=session)

    response = text_in("yes", sender=number_of(members[0]))

    assert "couldn't find an invitation" in replies(response)[0]
    assert RsvpReply.objects.get().outcome == Outcome.NOT_INVITED
    assert not Invitation.objects.exists()


def test_maybe_is_asked_again(invited, members, text_in):
    response = text_in("maybe", sender=number_of(members[0]))

    assert replies(response) == [
        "Sorry, we didn't get that. Reply YES to come to Riverside Voices on Tue 16 Jun 2pm, "
        "or NO if you can't."
    ]
    assert RsvpReply.objects.get().outcome == Outcome.NOT_UNDERSTOOD


def test_feedback_sent_while_an_invitation_is_open_is_kept_as_feedback(invited, members, text_in):
    body = "no one at the hostel listened to me today and I waited four hours for nothing"
    text_in(body, sender=number_of(members[0]))

    assert Response.objects.get().text == body
    assert not RsvpReply.objects.exists()
    assert Invitation.objects.get(session=invited, person=members[0].person).status == "invited"


def test_a_text_from_an_unknown_number_saying_yes_is_feedback_not_an_rsvp(invited, text_in):
    text_in("yes", sender="+447700900999")

    assert not RsvpReply.objects.exists()
    stranger = Person.objects.by_phone("+447700900999").get()
    assert Response.objects.get(person=stranger).text == "yes"


def test_a_yes_after_the_invitation_conversation_closed_still_books_the_place(
    invited, members, text_in
):
    Conversation.objects.filter(handler=RSVP_HANDLER).update(closed_at=NOON)

    response = text_in("Yes please", sender=number_of(members[0]))

    assert "you're booked" in replies(response)[0]
    assert Invitation.objects.get(session=invited, person=members[0].person).status == "coming"
    assert not Response.objects.exists()


def test_a_member_never_invited_saying_yes_with_no_conversation_is_stored_politely(
    panel, members, text_in, clock
):
    clock(NOON)

    response = text_in("YES", sender=number_of(members[0]))

    assert "couldn't find an invitation" in replies(response)[0]
    reply = RsvpReply.objects.get()
    assert (reply.outcome, reply.session, reply.text) == (Outcome.NOT_INVITED, None, "YES")
    assert not Response.objects.exists()


def test_a_member_saying_more_than_yes_with_no_conversation_is_feedback(invited, members, text_in):
    Conversation.objects.filter(handler=RSVP_HANDLER).update(closed_at=NOON)
    body = "no one at the hostel listened to me today and I waited four hours for nothing"

    text_in(body, sender=number_of(members[0]))

    assert Response.objects.get().text == body
    assert not RsvpReply.objects.exists()


def test_the_rsvp_conversation_is_open_with_the_panels_handler(invited, members):
    conversation = Conversation.objects.get(person=members[0].person, closed_at__isnull=True)

    assert conversation.handler == RSVP_HANDLER
    assert conversation.context == {"session_id": invited.pk}
    assert conversation.expires_at == invited.ends_at + timedelta(days=1)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("YES", "yes"),
        ("yes please", "yes"),
        ("Yeah I'll be there", "yes"),
        ("no sorry", "no"),
        ("No.", "no"),
        ("can't make it", "no"),
        ("not sure", "unclear"),
        ("?", "unclear"),
        ("nothing", None),
        ("yesterday was awful", None),
        ("", None),
        ("no " + "word " * 20, None),
    ],
)
def test_parse_answer(body, expected):
    assert parse_answer(body) == expected


def test_feedback_about_a_service_during_an_invitation_leaves_the_invitation_open(
    invited, members, panel, text_in
):
    """The feedback questions run in their own conversation; the invitation's waits for YES."""
    ServiceFactory(area=panel.area, code="HOSTEL", name="Hope House")
    sender = number_of(members[0])

    assert replies(text_in("HOSTEL", sender=sender))[0].startswith("How did Hope House")
    assert replies(text_in("4", sender=sender))[0].startswith("Thank you. Anything else")
    text_in("no thanks", sender=sender)
    booked = replies(text_in("YES", sender=sender))

    assert Response.objects.get().feeling_score == 4
    assert "you're booked" in booked[0]
    assert Invitation.objects.get(session=invited, person=members[0].person).status == "coming"
