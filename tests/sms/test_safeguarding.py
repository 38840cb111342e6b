"""Texts suggesting risk: signposting at once, on-call staff alerted, never quoted."""

import pytest
from django.core import mail

from coproduce import roles
from coproduce.models import Consent
from sms.backends import locmem
from sms.models import Attention, Conversation, Message
from sms.safeguarding import suggests_risk
from sms.texts import SPECS
from surveys.models import Response
from tests.factories import AreaFactory, PersonFactory, UserFactory
from tests.sms.conftest import replies, run_tasks

SENDER = "+447700900123"
SIGNPOSTING = SPECS["safeguarding"].default


@pytest.fixture
def on_call(sms_area):
    return UserFactory(
        roles=[roles.COORDINATOR],
        areas=[sms_area],
        username="on_call",
        email="on-call@example.org",
        is_on_call=True,
        on_call_phone="+447700900555",
    )


@pytest.fixture
def quotable_person(sms_area):
    person = PersonFactory(area=sms_area, phone=SENDER)
    Consent.objects.create(
        person=person, kind=Consent.Kind.QUOTE_WORDS, given=True, channel=Consent.Channel.STAFF
    )
    return person


def test_risk_message_gets_signposting_in_the_same_reply(text_in, on_call):
    response = text_in("I just want to end it all")

    assert response.status_code == 200
    assert replies(response)[-1] == SIGNPOSTING
    assert "Samaritans" in SIGNPOSTING and "116 123" in SIGNPOSTING and "999" in SIGNPOSTING


def test_risk_message_goes_in_the_needs_attention_queue(text_in, on_call, sms_area):
    text_in("I just want to end it all")

    item = Attention.objects.get(reason=Attention.Reason.SAFEGUARDING)
    assert item.message == Message.objects.inbound().get()
    assert item.area == sms_area
    assert item.resolved_at is None


def test_on_call_staff_get_a_text_and_an_email_through_the_task_queue(text_in, on_call):
    text_in("I just want to end it all")
    assert locmem.outbox == [] and mail.outbox == []  # nothing sent from the request

    run_tasks()

    [alert] = locmem.outbox
    assert alert["to"] == "+447700900555"
    assert "Riverside" in alert["body"]
    assert "Needs attention" in alert["body"]
    [email] = mail.outbox
    assert email.to == ["on-call@example.org"]
    assert email.subject == "Safeguarding alert: Riverside"
    # Alerts say where to look, not who or what: no number, no words.
    for text in (alert["body"], email.subject, email.body):
        assert "900123" not in text
        assert "end it all" not in text
    assert Message.objects.get(kind=Message.Kind.ALERT).status == Message.Status.ACCEPTED


def test_only_on_call_staff_are_alerted_when_someone_is_on_call(text_in, on_call, sms_area):
    UserFactory(roles=[roles.COORDINATOR], areas=[sms_area], email="off-duty@example.org")
    other_area = AreaFactory(name="Hillford", slug="hillford")
    UserFactory(
        roles=[roles.COORDINATOR],
        areas=[other_area],
        email="elsewhere@example.org",
        is_on_call=True,
        on_call_phone="+447700900666",
    )

    text_in("I'm going to kill myself")
    run_tasks()

    assert [text["to"] for text in locmem.outbox] == ["+447700900555"]
    assert [email.to for email in mail.outbox] == [["on-call@example.org"]]


def test_coordinators_are_emailed_when_nobody_is_on_call(text_in, sms_area):
    UserFactory(roles=[roles.COORDINATOR], areas=[sms_area], email="coord@example.org")
    UserFactory(roles=[roles.FINANCE], areas=[sms_area], email="finance@example.org")

    text_in("I'm going to kill myself")
    run_tasks()

    assert [email.to for email in mail.outbox] == [["coord@example.org"]]


def test_risk_message_response_is_marked_and_never_quotable(text_in, on_call, quotable_person):
    text_in("hostel staff were lovely but i want to die")

    response = Response.objects.get()
    assert response.is_safeguarding
    assert response.consent_to_quote
    assert not Response.objects.quotable().exists()


def test_no_questions_are_asked_after_a_risk_message(text_in, on_call, hostel, quotable_person):
    answer = replies(text_in("hostel I can't go on"))

    assert answer == [SIGNPOSTING]
    assert hostel.responses.get().is_safeguarding
    assert not Conversation.objects.filter(closed_at__isnull=True).exists()


def test_risk_in_a_later_step_marks_the_whole_response(text_in, on_call, hostel, quotable_person):
    """The person had already said "hostel 4"; their next text suggests risk."""
    text_in("hostel 4")
    assert Response.objects.quotable().count() == 0  # no words yet

    answer = replies(text_in("honestly I want to die"))

    assert answer == [SIGNPOSTING]
    response = Response.objects.get()
    assert response.text == "honestly I want to die"
    assert response.is_safeguarding
    assert not Response.objects.quotable().exists()


def test_risk_while_being_asked_for_a_score_marks_the_response(
    text_in, on_call, hostel, quotable_person
):
    text_in("hostel")

    answer = replies(text_in("no point, im better off dead"))

    assert answer == [SIGNPOSTING]
    response = Response.objects.get()
    assert response.is_safeguarding
    assert not Response.objects.quotable().exists()


def test_ordinary_words_can_be_quoted(text_in, quotable_person):
    text_in("the staff were kind and patient")

    assert list(Response.objects.quotable()) == [Response.objects.get()]


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "KILL MYSELF",
        "thinking about suicide",
        "I can’t go on like this",  # a phone's curly apostrophe
        "cant go on",
        "I took an overdose",
        "I self harm",
        "thinking of self-harm",
        "I'm going to hurt him",
        "I'm not safe at home",
        "want   to\ndie",
    ],
)
def test_risk_phrases_are_spotted(text):
    assert suggests_risk(text)


@pytest.mark.parametrize(
    "text",
    [
        "the staff were killing it today",
        "my rent is overdue",
        "skill myself up",
        "it was safe and clean",
        "",
    ],
)
def test_ordinary_words_are_not_risk(text):
    assert not suggests_risk(text)


def test_partnerships_can_add_their_own_phrases(settings):
    assert not suggests_risk("sleeping in the park tonight")

    settings.SMS_EXTRA_SAFEGUARDING_PHRASES = ["sleeping in the park"]

    assert suggests_risk("Sleeping in the park tonight")
