"""The feedback conversation by text: service, score, anything else, and its time window."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from coproduce.models import Consent, Person
from sms.backends import locmem
from sms.models import Conversation, Message
from sms.outbound import queue_feedback_prompt
from sms.texts import SPECS, render_text
from surveys.models import Response
from tests.factories import PersonFactory
from tests.sms.conftest import replies, run_tasks

SENDER = "+447700900123"
LONDON = ZoneInfo("Europe/London")
ASK_SCORE = "How did Hope House make you feel today? Reply 1 (very bad) to 5 (very good)"
ASK_MORE = SPECS["ask_more"].default
THANKS = SPECS["thanks"].default
PRIVACY = SPECS["privacy_note"].default
ON_POSTGRESQL = int(connection.vendor == "postgresql")


@pytest.fixture
def known_person(sms_area):
    """Someone who has texted before, so replies carry no privacy note."""
    return PersonFactory(area=sms_area, phone=SENDER)


def test_naming_a_service_by_code_asks_how_it_made_them_feel(text_in, hostel, known_person):
    assert replies(text_in("HOSTEL")) == [ASK_SCORE]

    conversation = Conversation.objects.get()
    assert conversation.step == "score"
    assert Response.objects.get().service == hostel


@pytest.mark.parametrize("body", ["hope house", "Hope House Hostel", "the hostel", "hostel."])
def test_naming_a_service_by_name_or_alias_asks_for_a_score(text_in, hostel, known_person, body):
    assert replies(text_in(body)) == [ASK_SCORE]
    assert Response.objects.get().service == hostel


@pytest.mark.parametrize(
    "answer, score, words",
    [
        ("4", 4, ""),
        ("4/5", 4, ""),
        ("5 out of 5", 5, ""),
        ("1!", 1, ""),
        ("4.", 4, ""),
        ("3, they were ok", 3, "they were ok"),
        ("2 they made me wait", 2, "they made me wait"),
        ("good", 4, ""),
        ("Very good", 5, ""),
        ("rubbish", 1, ""),
        ("meh", 3, ""),
        ("not bad thanks", 3, ""),
        ("😡", 1, ""),
        ("🙁", 2, ""),
        ("😐", 3, ""),
        ("🙂", 4, ""),
        ("😍", 5, ""),
        ("👍🏽", 4, ""),
        ("❤️", 5, ""),
    ],
)
def test_score_can_be_a_digit_a_word_or_a_face(text_in, hostel, known_person, answer, score, words):
    text_in("hostel")

    assert replies(text_in(answer)) == [ASK_MORE]

    response = Response.objects.get()
    assert (response.feeling_score, response.text) == (score, words)
    assert Conversation.objects.get().step == "more"


def test_service_and_score_in_one_text_go_straight_to_anything_else(text_in, hostel, known_person):
    assert replies(text_in("hostel 2 they were rude")) == [ASK_MORE]

    response = Response.objects.get()
    assert (response.service, response.feeling_score, response.text) == (
        hostel,
        2,
        "they were rude",
    )


def test_anything_else_is_added_to_their_words_and_closes(text_in, hostel, known_person):
    text_in("hostel 4")

    assert replies(text_in("the key worker really listened")) == [THANKS]

    response = Response.objects.get()
    assert response.text == "the key worker really listened"
    assert response.channel == Response.Channel.SMS
    assert response.person == known_person
    assert Conversation.objects.get().closed_at is not None


@pytest.mark.parametrize("body", ["no thanks", "No thank you!", "nope", "nah", "that's all"])
def test_no_thanks_closes_without_adding_words(text_in, hostel, known_person, body):
    text_in("hostel 4")

    assert replies(text_in(body)) == [THANKS]

    assert Response.objects.get().text == ""
    assert Conversation.objects.get().closed_at is not None


def test_after_closing_the_next_text_is_new_feedback(text_in, hostel, known_person):
    text_in("hostel 4")
    text_in("no thanks")

    text_in("the food was cold")

    assert Response.objects.count() == 2
    assert Response.objects.order_by("pk").last().text == "the food was cold"


def test_a_text_that_is_not_a_score_asks_once_more_then_keeps_the_words(
    text_in, hostel, known_person
):
    text_in("hostel")

    again = replies(text_in("dunno really"))
    last = replies(text_in("they were alright i guess"))

    assert again == [render_text("ask_score_again", service="Hope House")]
    assert last == [THANKS]
    response = Response.objects.get()
    assert response.feeling_score is None
    assert response.text == "dunno really\nthey were alright i guess"


def test_feedback_without_a_service_is_kept_and_thanked(text_in, known_person):
    assert replies(text_in("the night staff were kind")) == [THANKS]

    response = Response.objects.get()
    assert (response.service, response.feeling_score) == (None, None)
    assert response.text == "the night staff were kind"


def test_every_text_becomes_part_of_a_response_and_each_reply_is_stored(
    text_in, hostel, known_person
):
    for body in ["hostel", "3", "the beds were ok"]:
        text_in(body)

    inbound = Message.objects.inbound()
    assert inbound.count() == 3
    assert all(message.status == Message.Status.PROCESSED for message in inbound)
    assert Message.objects.outbound().filter(status=Message.Status.REPLIED).count() == 3
    assert Response.objects.count() == 1


def test_a_reply_after_the_window_is_new_feedback(text_in, hostel, known_person, clock):
    start = clock(datetime(2026, 6, 10, 12, 0, tzinfo=LONDON))
    text_in("hostel")

    clock(start + timedelta(hours=6, minutes=1))
    answer = replies(text_in("4"))

    assert answer == [ASK_MORE]  # a score with no service: asked for more, as new feedback
    first, second = Response.objects.order_by("pk")
    assert (first.service, first.feeling_score) == (hostel, None)
    assert (second.service, second.feeling_score) == (None, 4)


def test_a_reply_inside_the_window_answers_the_question(text_in, hostel, known_person, clock):
    start = clock(datetime(2026, 6, 10, 12, 0, tzinfo=LONDON))
    text_in("hostel")

    clock(start + timedelta(hours=5, minutes=59))
    text_in("4")

    response = Response.objects.get()
    assert (response.service, response.feeling_score) == (hostel, 4)


def test_the_window_is_a_setting(text_in, hostel, known_person, settings):
    settings.SMS_CONVERSATION_WINDOW_HOURS = 1
    text_in("hostel")
    Conversation.objects.update(expires_at=Conversation.objects.get().started_at)

    text_in("4")

    assert Response.objects.count() == 2


def test_unknown_number_gets_a_person_with_no_name_and_the_privacy_note_once(
    text_in, hostel, sms_area
):
    first = replies(text_in("hostel"))
    second = replies(text_in("4"))

    assert first == [PRIVACY, ASK_SCORE]
    assert second == [ASK_MORE]
    person = Person.objects.get()
    assert person.display_name == ""
    assert person.area == sms_area
    assert person.phone == SENDER
    assert person.is_cohort_member
    assert len(PRIVACY) <= 160


def test_known_person_gets_no_privacy_note(text_in, known_person):
    assert replies(text_in("the night staff were kind")) == [THANKS]
    assert Person.objects.count() == 1


def test_staff_prompt_reads_the_reply_as_a_score(
    text_in, hostel, known_person, clock, django_capture_on_commit_callbacks
):
    clock(datetime(2026, 6, 10, 14, 0, tzinfo=LONDON))
    body = render_text("prompt", area=hostel.area, service=hostel.name)
    with django_capture_on_commit_callbacks(execute=True):
        queue_feedback_prompt(person=known_person, service=hostel, body=body)
    run_tasks()
    assert [text["body"] for text in locmem.outbox] == [body]

    assert replies(text_in("5")) == [ASK_MORE]

    response = Response.objects.get()
    assert (response.service, response.feeling_score) == (hostel, 5)


def test_an_answer_mid_conversation_reads_and_writes_only_what_it_needs(
    text_in, hostel, known_person, django_assert_max_num_queries
):
    """Every text is handled while Twilio waits. The budget: the area, the stored text; then
    the sender with their conversation, its response and the loop guard's count (one query),
    the conversation and response written, the text's status and the reply; and the two
    transactions' savepoints (and, on PostgreSQL, the handling's asynchronous commit)."""
    text_in("HOSTEL")

    with django_assert_max_num_queries(11 + ON_POSTGRESQL):
        assert replies(text_in("4")) == [ASK_MORE]


def test_our_conversation_waiting_for_an_unknown_step_is_closed_and_the_text_is_new(
    text_in, hostel, known_person
):
    """An open feedback conversation that already holds a response but waits for no step we
    know (left by an older version, say) must not swallow the new text or fail on it."""
    text_in("hostel 4")
    old = Conversation.objects.get()
    Conversation.objects.filter(pk=old.pk).update(step="")

    assert replies(text_in("the food was cold")) == [THANKS]

    old.refresh_from_db()
    assert old.closed_at is not None
    newest = Response.objects.order_by("pk").last()
    assert Response.objects.count() == 2
    assert newest.text == "the food was cold"
    assert newest.conversation != old


def test_new_feedback_reads_quote_consent_with_the_sender(
    text_in, hostel, known_person, django_assert_max_num_queries
):
    """The budget: the area, the stored text; then the sender (with their consent to be
    quoted), the conversation and response created, the text's status and the reply; and the
    two transactions' savepoints (and, on PostgreSQL, the handling's asynchronous commit)."""
    Consent.objects.create(
        person=known_person, kind=Consent.Kind.QUOTE_WORDS, given=True, channel="sms"
    )
    text_in("thanks")  # the area's wording and services are read once, then kept

    with django_assert_max_num_queries(11 + ON_POSTGRESQL):
        assert replies(text_in("hostel 4 the staff were kind")) == [ASK_MORE]

    assert Response.objects.latest("pk").consent_to_quote
