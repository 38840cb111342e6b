"""POST /sms/twilio/status/: Twilio's delivery reports for the texts we sent."""

from datetime import UTC, datetime, timedelta

import pytest

from sms.models import Message
from sms.outbound import STATUS_CALLBACK_RETRIES
from tests.factories import PersonFactory
from tests.sms.conftest import STATUS_URL, run_tasks, signed_post, waiting_tasks

SID = "SM" + "5" * 32


@pytest.fixture
def person(sms_area):
    return PersonFactory(area=sms_area, phone="+447700900321")


@pytest.fixture
def sent(person, sms_area):
    return Message.objects.create(
        direction=Message.Direction.OUTBOUND,
        kind=Message.Kind.PROMPT,
        status=Message.Status.ACCEPTED,
        area=sms_area,
        person=person,
        phone=person.phone,
        body="How was Hope House?",
        provider_sid=SID,
    )


def _callback(client, status, *, sid=SID, **extra):
    params = {
        "AccountSid": "AC00000000000000000000000000000000",
        "From": "+447700900000",
        "To": "+447700900321",
        "MessageSid": sid,
        "SmsSid": sid,
        "MessageStatus": status,
        "SmsStatus": status,
        "ApiVersion": "2010-04-01",
        **extra,
    }
    return signed_post(client, STATUS_URL, params)


def test_unsigned_callback_is_refused_and_changes_nothing(client, sent):
    response = client.post(STATUS_URL, {"MessageSid": SID, "MessageStatus": "delivered"})

    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.status == Message.Status.ACCEPTED


@pytest.mark.parametrize(
    "status, expected",
    [
        ("sending", Message.Status.SENDING),
        ("sent", Message.Status.SENT),
        ("delivered", Message.Status.DELIVERED),
        ("undelivered", Message.Status.UNDELIVERED),
        ("failed", Message.Status.SEND_FAILED),
    ],
)
def test_callback_moves_the_message_on(client, sent, status, expected):
    response = _callback(client, status)

    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.status == expected
    assert sent.status_updated_at is not None


def test_late_sent_after_delivered_keeps_delivered(client, sent):
    _callback(client, "sent")
    _callback(client, "delivered")

    response = _callback(client, "sent")

    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.status == Message.Status.DELIVERED


def test_delivered_arriving_first_is_kept(client, sent):
    _callback(client, "delivered")
    _callback(client, "sending")
    _callback(client, "queued")

    sent.refresh_from_db()
    assert sent.status == Message.Status.DELIVERED


def test_unknown_sid_is_answered_200_tried_again_and_then_given_up(
    client, sent, caplog, clock, django_capture_on_commit_callbacks
):
    start = clock(datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
    with django_capture_on_commit_callbacks(execute=True):
        response = _callback(client, "delivered", sid="SM" + "9" * 32)

    assert response.status_code == 200
    for pause in STATUS_CALLBACK_RETRIES:
        assert waiting_tasks("apply_status_callback_task").count() == 1
        start = clock(start + timedelta(seconds=pause))
        run_tasks()
    assert not waiting_tasks("apply_status_callback_task").exists()
    assert "unknown message SID" in caplog.text
    sent.refresh_from_db()
    assert sent.status == Message.Status.ACCEPTED


def test_a_callback_that_beats_the_send_commit_is_applied_when_tried_again(
    client, sent, clock, django_capture_on_commit_callbacks
):
    """Twilio can report on a text before our send has stored the SID it was given."""
    start = clock(datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
    early_sid = "SM" + "7" * 32
    with django_capture_on_commit_callbacks(execute=True):
        _callback(client, "failed", sid=early_sid, ErrorCode="30003")
    Message.objects.filter(pk=sent.pk).update(provider_sid=early_sid)  # the send commits

    clock(start + timedelta(seconds=STATUS_CALLBACK_RETRIES[0]))
    run_tasks()

    sent.refresh_from_db()
    assert (sent.status, sent.error_code) == (Message.Status.SEND_FAILED, "30003")
    assert not waiting_tasks("apply_status_callback_task").exists()


def test_unknown_status_is_answered_200_and_changes_nothing(client, sent):
    response = _callback(client, "teleported")

    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.status == Message.Status.ACCEPTED
    assert sent.status_updated_at is None


def test_error_code_is_stored(client, sent):
    _callback(client, "undelivered", ErrorCode="30003")

    sent.refresh_from_db()
    assert (sent.status, sent.error_code) == (Message.Status.UNDELIVERED, "30003")


def test_error_21610_means_the_person_opted_out(client, sent, person):
    _callback(client, "failed", ErrorCode="21610")

    person.refresh_from_db()
    assert person.is_opted_out
    sent.refresh_from_db()
    assert (sent.status, sent.error_code) == (Message.Status.SEND_FAILED, "21610")


def test_other_errors_do_not_opt_out(client, sent, person):
    _callback(client, "undelivered", ErrorCode="30005")

    person.refresh_from_db()
    assert not person.is_opted_out


def test_get_is_not_allowed(client):
    assert client.get(STATUS_URL).status_code == 405
