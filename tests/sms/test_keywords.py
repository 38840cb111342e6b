"""STOP, START and HELP words, in any case, with spaces and punctuation around them."""

from datetime import UTC, datetime

import pytest

from coproduce.models import Person
from sms.keywords import keyword_of, looks_like_opt_out_request
from sms.models import Attention, Conversation, Message
from sms.outbound import queue_message
from surveys.models import Response
from tests.factories import PersonFactory
from tests.sms.conftest import replies, run_tasks

SENDER = "+447700900123"
OPT_OUT_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]


def _variants(word: str) -> list[str]:
    return [word, word.lower(), word.capitalize(), f"  {word.lower()}  ", f"{word}!", f'"{word}."']


@pytest.mark.parametrize("body", [variant for word in OPT_OUT_WORDS for variant in _variants(word)])
def test_opt_out_words_opt_out_and_get_no_reply(text_in, body):
    response = text_in(body)

    assert response.status_code == 200
    assert replies(response) == []
    person = Person.objects.by_phone(SENDER).get()
    assert person.is_opted_out
    message = Message.objects.inbound().get()
    assert message.kind == Message.Kind.KEYWORD
    assert not Message.objects.outbound().exists()


def test_opting_out_closes_an_open_conversation(text_in, hostel):
    text_in("hostel")
    assert Conversation.objects.filter(closed_at__isnull=True).exists()

    text_in("STOP")

    assert not Conversation.objects.filter(closed_at__isnull=True).exists()


def test_opted_out_person_who_texts_again_gets_no_reply_but_is_heard(text_in, sms_area):
    text_in("stop")

    response = text_in("the hostel staff were kind to me")

    assert replies(response) == []
    assert Person.objects.by_phone(SENDER).get().is_opted_out
    assert Response.objects.get().text == "the hostel staff were kind to me"


@pytest.mark.parametrize("body", ["START", "start", " Unstop. ", "UNSTOP!"])
def test_start_words_opt_back_in_and_say_so(text_in, sms_area, body):
    PersonFactory(area=sms_area, phone=SENDER, opted_out_at=datetime(2026, 1, 1, tzinfo=UTC))

    response = text_in(body)

    assert replies(response) == [
        "You're back on. Text us any time about how a service made you feel. Reply STOP to stop."
    ]
    assert not Person.objects.by_phone(SENDER).get().is_opted_out


def test_stop_then_start_allows_texts_again(text_in, sms_area, django_capture_on_commit_callbacks):
    text_in("STOP")
    text_in("START")
    person = Person.objects.by_phone(SENDER).get()

    with django_capture_on_commit_callbacks(execute=True):
        message = queue_message(body="Hello", kind=Message.Kind.ALERT, area=sms_area, person=person)
    run_tasks()

    message.refresh_from_db()
    assert message.status == Message.Status.ACCEPTED


@pytest.mark.parametrize("body", ["HELP", "help", "Help?", " info ", "INFO."])
def test_help_words_explain_the_number_how_to_stop_and_crisis_contacts(text_in, body):
    response = text_in(body)

    [reply] = replies(response)
    assert reply.startswith("Riverside Have Your Say")
    assert "STOP" in reply
    assert "Samaritans 116 123" in reply
    assert "999" in reply
    assert len(reply) <= 160
    assert not Person.objects.by_phone(SENDER).get().is_opted_out


def test_please_stop_texting_me_is_stored_and_flagged_not_opted_out(text_in):
    response = text_in("please stop texting me")

    assert response.status_code == 200
    message = Message.objects.inbound().get()
    assert message.body == "please stop texting me"
    assert Attention.objects.get(message=message).reason == Attention.Reason.POSSIBLE_OPT_OUT
    assert not Person.objects.by_phone(SENDER).get().is_opted_out


STOP_HINT = "Sorry. Reply STOP and we will not text you again."


@pytest.mark.parametrize(
    "body",
    [
        "please stop texting me",
        "stop texting",
        "leave me alone",
        "don't text me",
        "Don’t text me",
        "unsubscribe me",
    ],
)
def test_asking_us_to_stop_in_words_gets_a_kind_reply_saying_how(text_in, body):
    response = text_in(body)

    assert replies(response) == [STOP_HINT]
    message = Message.objects.inbound().get()
    assert message.body == body
    assert Attention.objects.get(message=message).reason == Attention.Reason.POSSIBLE_OPT_OUT
    assert not Person.objects.by_phone(SENDER).get().is_opted_out
    # Their words are kept like any other; nothing is left waiting for an answer.
    assert Response.objects.get().text == body
    assert not Conversation.objects.filter(closed_at__isnull=True).exists()


def test_the_stop_hint_is_one_plain_segment():
    from sms.gsm import is_gsm7, segment_count

    assert is_gsm7(STOP_HINT)
    assert segment_count(STOP_HINT) == 1


def test_asking_us_to_stop_about_a_service_is_not_asked_for_a_score(text_in, hostel):
    response = text_in("stop texting me about the hostel")

    assert replies(response) == [STOP_HINT]
    assert Response.objects.get().service == hostel
    assert not Conversation.objects.exists()  # no question asked, so none to answer


def test_asking_us_to_stop_while_at_risk_still_gets_the_crisis_numbers(text_in):
    response = text_in("leave me alone I want to die")

    texts = replies(response)
    assert texts[0].startswith("We're worried about you")
    assert texts[1] == STOP_HINT


def test_an_area_can_word_the_stop_hint_its_own_way(text_in, sms_area):
    from sms.models import SmsTemplate

    SmsTemplate.objects.create(
        area=sms_area, key="stop_hint", body="Sorry to bother you. Reply STOP to end texts."
    )

    assert replies(text_in("stop texting me")) == ["Sorry to bother you. Reply STOP to end texts."]


@pytest.mark.parametrize(
    "body",
    ["stop it", "STOP STOP", "stopping", "s t o p", "Stop the hostel shouting", "", "4", "🛑"],
)
def test_not_a_keyword(body):
    assert keyword_of(body) is None


@pytest.mark.parametrize(
    "body, expected",
    [("STOP", "STOP"), ("stop 🛑", "STOP"), ("...Quit...", "QUIT"), ("\tinfo\n", "INFO")],
)
def test_keyword_is_found_through_spaces_and_punctuation(body, expected):
    assert keyword_of(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "please stop texting me",
        "Don't text me again",
        "leave me alone",
        "remove me from your list",
        "Stop sending these",
        "no more messages please",
        "no more texts",
        "dont send texts",
    ],
)
def test_looks_like_opt_out_request(body):
    assert looks_like_opt_out_request(body)


@pytest.mark.parametrize("body", ["the staff were great", "hostel 4", "they helped me a lot"])
def test_ordinary_feedback_is_not_an_opt_out_request(body):
    assert not looks_like_opt_out_request(body)
