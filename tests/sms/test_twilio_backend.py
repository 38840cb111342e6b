"""The twilio backend: the real twilio client talking to a fake Twilio on 127.0.0.1."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sms.backends import SendError
from sms.backends.twilio import TwilioSmsBackend
from sms.models import Attention, Message
from sms.outbound import queue_message
from tests.factories import PersonFactory
from tests.sms.conftest import TEST_ACCOUNT_SID, TEST_FROM_NUMBER, run_tasks, waiting_tasks

NUMBER = "+447700900321"
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def person(sms_area):
    return PersonFactory(area=sms_area, phone=NUMBER)


@pytest.fixture
def queued(person, sms_area, clock, django_capture_on_commit_callbacks):
    """A reminder to ``person``, queued at noon."""
    clock(NOON)
    with django_capture_on_commit_callbacks(execute=True):
        return queue_message(
            body="Panel on Tuesday at 2pm", kind=Message.Kind.REMINDER, area=sms_area, person=person
        )


def test_send_makes_the_rest_call_with_to_body_from_and_auth(fake_twilio, queued, settings):
    run_tasks()

    [request] = fake_twilio.requests
    assert request.path == f"/2010-04-01/Accounts/{TEST_ACCOUNT_SID}/Messages.json"
    assert (request.username, request.password) == (TEST_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
    assert request.content_type.startswith("application/x-www-form-urlencoded")
    assert request.form["To"] == NUMBER
    assert request.form["Body"] == "Panel on Tuesday at 2pm"
    assert request.form["From"] == TEST_FROM_NUMBER
    assert "StatusCallback" not in request.form


def test_the_sid_twilio_gives_is_stored(fake_twilio, queued):
    run_tasks()

    queued.refresh_from_db()
    assert queued.provider_sid == "SM" + f"{1:032x}"
    assert queued.status == Message.Status.ACCEPTED
    assert queued.attempts == 1


def test_status_callback_url_is_sent_when_public_base_url_is_set(fake_twilio, queued, settings):
    settings.PUBLIC_BASE_URL = "https://coproduce.example.org"

    run_tasks()

    assert fake_twilio.requests[0].form["StatusCallback"] == (
        "https://coproduce.example.org/sms/twilio/status/"
    )


def test_messaging_service_is_used_instead_of_a_from_number_when_set(fake_twilio, queued, settings):
    settings.TWILIO_MESSAGING_SERVICE_SID = "MG" + "0" * 32

    run_tasks()

    form = fake_twilio.requests[0].form
    assert form["MessagingServiceSid"] == "MG" + "0" * 32
    assert "From" not in form


def _assert_waiting_to_retry(message, *, attempts, after):
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.attempts == attempts
    assert waiting_tasks().get().run_after == after


def test_service_unavailable_is_retried_with_backoff(fake_twilio, queued, clock):
    fake_twilio.fail_next(status=503)

    run_tasks()

    _assert_waiting_to_retry(queued, attempts=1, after=NOON + timedelta(seconds=30))
    assert queued.error_code == "503"
    assert len(fake_twilio.requests) == 1

    clock(NOON + timedelta(seconds=30))
    run_tasks()

    queued.refresh_from_db()
    assert queued.status == Message.Status.ACCEPTED
    assert queued.attempts == 2
    assert (queued.error_code, queued.error_message) == ("", "")
    assert len(fake_twilio.requests) == 2


def test_each_retry_waits_twice_as_long(fake_twilio, queued, clock):
    fake_twilio.fail_next(status=500, code=20500, message="Internal error", times=3)

    run_tasks()
    _assert_waiting_to_retry(queued, attempts=1, after=NOON + timedelta(seconds=30))
    clock(NOON + timedelta(seconds=30))
    run_tasks()
    _assert_waiting_to_retry(queued, attempts=2, after=NOON + timedelta(seconds=90))
    clock(NOON + timedelta(seconds=90))
    run_tasks()
    _assert_waiting_to_retry(queued, attempts=3, after=NOON + timedelta(seconds=210))


def test_too_many_requests_is_retried(fake_twilio, queued):
    fake_twilio.fail_next(status=429, code=20429, message="Too Many Requests")

    run_tasks()

    _assert_waiting_to_retry(queued, attempts=1, after=NOON + timedelta(seconds=30))


def test_dropped_connection_is_retried(fake_twilio, queued):
    fake_twilio.hang_up_next()

    run_tasks()

    _assert_waiting_to_retry(queued, attempts=1, after=NOON + timedelta(seconds=30))


def test_gives_up_after_the_last_attempt(fake_twilio, queued, clock, settings):
    settings.SMS_SEND_MAX_ATTEMPTS = 2
    fake_twilio.fail_next(status=503, times=2)

    run_tasks()
    clock(NOON + timedelta(seconds=30))
    run_tasks()

    queued.refresh_from_db()
    assert queued.status == Message.Status.SEND_FAILED
    assert queued.attempts == 2
    assert not waiting_tasks().exists()
    assert Attention.objects.get(message=queued).reason == Attention.Reason.SEND_FAILED


def test_invalid_number_fails_at_once_and_is_not_retried(fake_twilio, queued):
    fake_twilio.fail_next(
        status=400, code=21211, message="The 'To' number +447700900321 is not a valid phone number."
    )

    run_tasks()

    queued.refresh_from_db()
    assert queued.status == Message.Status.SEND_FAILED
    assert queued.error_code == "21211"
    assert queued.attempts == 1
    assert not waiting_tasks().exists()
    assert len(fake_twilio.requests) == 1
    assert Attention.objects.get(message=queued).reason == Attention.Reason.SEND_FAILED
    assert not queued.person.is_opted_out


def test_error_21610_fails_and_marks_the_person_opted_out(fake_twilio, queued, person):
    fake_twilio.fail_next(
        status=400, code=21610, message="Attempt to send to unsubscribed recipient"
    )

    run_tasks()

    queued.refresh_from_db()
    assert (queued.status, queued.error_code) == (Message.Status.SEND_FAILED, "21610")
    assert not waiting_tasks().exists()
    person.refresh_from_db()
    assert person.is_opted_out


def test_permanent_error_in_twilios_newer_problem_format_is_not_retried(fake_twilio, queued):
    fake_twilio.fail_next_rfc9457(status=400, code=21211, title="Invalid 'To' Phone Number")

    run_tasks()

    queued.refresh_from_db()
    assert (queued.status, queued.error_code) == (Message.Status.SEND_FAILED, "21211")
    assert not waiting_tasks().exists()


def test_backend_returns_sid_and_status(fake_twilio):
    result = TwilioSmsBackend().send(to=NUMBER, body="Hello")

    assert result.sid.startswith("SM")
    assert result.status == "queued"


@pytest.mark.parametrize(
    "fail, code, permanent",
    [
        ({"status": 400, "code": 21211}, "21211", True),
        ({"status": 400, "code": 21614}, "21614", True),
        ({"status": 503}, "503", False),
        ({"status": 500, "code": 20500}, "20500", False),
        ({"status": 429, "code": 20429}, "20429", False),
    ],
)
def test_backend_raises_send_error_saying_whether_to_retry(fake_twilio, fail, code, permanent):
    fake_twilio.fail_next(**fail)

    with pytest.raises(SendError) as raised:
        TwilioSmsBackend().send(to=NUMBER, body="Hello")

    assert (raised.value.code, raised.value.permanent) == (code, permanent)
