"""POST /sms/twilio/inbound/: signature, store-first, duplicates, failures, database down."""

import threading

import pytest
from django.db import OperationalError, connections
from django.test import Client
from twilio.request_validator import RequestValidator

from coproduce.models import Person
from sms import handlers
from sms.models import Attention, Message
from sms.twilio_webhooks import sign
from surveys.models import Response
from tests.sms.conftest import INBOUND_URL, replies, signed_post, twilio_params


def test_missing_signature_is_refused_and_nothing_is_stored(client, sms_area):
    response = client.post(INBOUND_URL, twilio_params("hostel 4"))

    assert response.status_code == 403
    assert not Message.objects.exists()


def test_bad_signature_is_refused_and_nothing_is_stored(client, sms_area):
    response = signed_post(client, INBOUND_URL, twilio_params("hostel 4"), signature="bm90IGl0")

    assert response.status_code == 403
    assert not Message.objects.exists()


def test_signature_over_other_params_is_refused(client, sms_area):
    """A valid signature for one body can't be replayed with another."""
    params = twilio_params("hostel 5")
    signature = sign(f"http://testserver{INBOUND_URL}", params)
    params["Body"] = "hostel 1"

    response = signed_post(client, INBOUND_URL, params, signature=signature)

    assert response.status_code == 403
    assert not Message.objects.exists()


def test_signature_made_with_another_auth_token_is_refused(client, sms_area):
    params = twilio_params("hostel 4")
    forged = RequestValidator("someone-elses-token").compute_signature(
        f"http://testserver{INBOUND_URL}", params
    )

    response = signed_post(client, INBOUND_URL, params, signature=forged)

    assert response.status_code == 403
    assert not Message.objects.exists()


def test_unknown_extra_params_still_validate(client, sms_area):
    """Twilio adds parameters over time; the signature covers whatever was posted."""
    params = twilio_params(
        "the staff were kind",
        AddOns='{"status":"successful"}',
        SomeFutureTwilioParam="x",
        MessagingServiceSid="MG00000000000000000000000000000000",
    )

    response = signed_post(client, INBOUND_URL, params)

    assert response.status_code == 200
    assert Message.objects.inbound().get().body == "the staff were kind"


def test_public_base_url_is_what_the_signature_is_checked_against(client, sms_area, settings):
    settings.PUBLIC_BASE_URL = "https://coproduce.example.org/"

    params = twilio_params("the staff were kind")
    public = sign(f"https://coproduce.example.org{INBOUND_URL}", params)

    accepted = signed_post(client, INBOUND_URL, params, signature=public)
    # Signed for the address the app sees behind the proxy: not what Twilio called.
    refused = signed_post(client, INBOUND_URL, twilio_params("again"))

    assert accepted.status_code == 200
    assert refused.status_code == 403
    assert Message.objects.inbound().count() == 1


def test_without_public_base_url_the_requests_own_url_is_used(client, sms_area, settings):
    settings.PUBLIC_BASE_URL = ""

    params = twilio_params("the staff were kind")
    signature = sign(f"https://testserver{INBOUND_URL}", params)

    response = signed_post(client, INBOUND_URL, params, signature=signature, secure=True)

    assert response.status_code == 200


def test_message_is_stored_with_its_sid_number_and_raw_params(text_in, sms_area):
    text_in("the staff were kind", sender="+447700900123", FromCity="LONDON")

    message = Message.objects.inbound().get()
    assert message.provider_sid.startswith("SM")
    assert message.phone == "+447700900123"
    assert message.our_number == "+447700900000"
    assert message.area == sms_area
    assert message.status == Message.Status.PROCESSED
    assert '"FromCity": ["LONDON"]' in message.raw


def test_same_message_sid_five_times_stores_one_message_and_one_response(client, sms_area, hostel):
    params = twilio_params("hostel 4 kind staff")

    answers = [signed_post(client, INBOUND_URL, params) for _ in range(5)]

    assert [answer.status_code for answer in answers] == [200] * 5
    assert all(answer["Content-Type"].startswith("text/xml") for answer in answers)
    assert [bool(replies(answer)) for answer in answers] == [True, False, False, False, False]
    assert Message.objects.inbound().count() == 1
    assert Response.objects.count() == 1
    assert Message.objects.outbound().count() == len(replies(answers[0]))


@pytest.mark.django_db(transaction=True)
def test_same_message_sid_five_times_at_once_stores_one_message_and_one_response(sms_area, hostel):
    """Twilio retries can overlap. Runs on PostgreSQL and on SQLite (a file test database,
    see coproduce/settings/test.py), each thread with its own connection."""
    answers, errors = _post_at_once(
        [twilio_params("hostel 4 kind staff", MessageSid="SM" + "7" * 32)] * 5
    )

    assert errors == []
    assert sorted(answer.status_code for answer in answers) == [200] * 5
    assert sum(1 for answer in answers if replies(answer)) == 1
    assert Message.objects.inbound().count() == 1
    assert Response.objects.count() == 1
    assert Response.objects.get().feeling_score == 4


def _post_at_once(all_params: list[dict]) -> tuple[list, list]:
    """POST each of ``all_params`` from its own thread (and connection), all released together."""
    start = threading.Barrier(len(all_params))
    answers, errors = [], []

    def post(params):
        try:
            start.wait(timeout=10)
            answers.append(signed_post(Client(), INBOUND_URL, params))
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertions
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(params,)) for params in all_params]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers, errors


@pytest.mark.django_db(transaction=True)
def test_first_texts_from_a_new_number_at_once_make_one_person(sms_area):
    answers, errors = _post_at_once(
        [twilio_params(f"the staff were kind {n}", "+447700900777") for n in range(4)]
    )

    assert errors == []
    assert sorted(answer.status_code for answer in answers) == [200] * 4
    assert Person.objects.count() == 1
    assert set(Message.objects.inbound().values_list("status", flat=True)) == {
        Message.Status.PROCESSED
    }
    assert Response.objects.count() == 4


def _break_the_feedback_handler(monkeypatch):
    def broken(inbound):
        raise RuntimeError("handler exploded")

    monkeypatch.setitem(handlers._handlers, "feedback", broken)


def test_processing_failure_keeps_the_message_as_failed_for_staff(text_in, monkeypatch):
    _break_the_feedback_handler(monkeypatch)

    response = text_in("hostel 4 kind staff")

    assert response.status_code == 200
    assert replies(response) == []
    message = Message.objects.inbound().get()
    assert message.status == Message.Status.FAILED
    assert message.body == "hostel 4 kind staff"
    assert "handler exploded" in message.error_message
    item = Attention.objects.get(message=message)
    assert item.reason == Attention.Reason.PROCESSING_FAILED
    # Nothing half-done survives the failure.
    assert not Response.objects.exists()
    assert not Message.objects.outbound().exists()


def test_database_down_answers_503_so_twilio_retries(client, sms_area, monkeypatch):
    def database_down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Message, "save", database_down)

    response = signed_post(client, INBOUND_URL, twilio_params("hostel 4"))

    assert response.status_code == 503
    monkeypatch.undo()
    assert not Message.objects.exists()


def test_get_is_not_allowed(client, sms_area):
    response = client.get(INBOUND_URL)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
