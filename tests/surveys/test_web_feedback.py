"""surveys.web_feedback: web feedback becomes the same Response as a text, once per token."""

import threading
import uuid

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection

from coproduce import roles
from sms.backends import locmem
from surveys.models import Response
from surveys.web_feedback import RateLimited, WebFeedback, record_web_feedback
from tests.factories import ServiceFactory, UserFactory
from tests.sms.conftest import run_tasks

IP = "198.51.100.20"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def feedback(area, **fields) -> WebFeedback:
    return WebFeedback(area=area, submission_token=uuid.uuid4(), **fields)


def test_records_a_web_response_with_redacted_words(area):
    hostel = ServiceFactory(area=area, code="HOSTEL")

    response, created = record_web_feedback(
        feedback=feedback(
            area,
            service=hostel,
            feeling_score=5,
            text="  Email me at sam@example.org  ",
            answers={"Did you feel safe?": "Yes"},
            consent_to_quote=True,
            contact_details=" 07700 900123 ",
        ),
        client_ip=IP,
    )

    assert created is True
    response.refresh_from_db()
    assert response.channel == Response.Channel.WEB
    assert (response.area, response.service, response.person) == (area, hostel, None)
    assert response.text == "Email me at sam@example.org"
    assert response.redacted_text == "Email me at [email]"
    assert response.answers == {"Did you feel safe?": "Yes"}
    assert response.contact_details == "07700 900123"
    assert response.is_safeguarding is False


def test_flags_risk_with_the_sms_safeguarding_phrases(area, settings):
    settings.SMS_EXTRA_SAFEGUARDING_PHRASES = ["sleeping in the bins"]

    risky, _ = record_web_feedback(feedback=feedback(area, text="I want to die"), client_ip=IP)
    local, _ = record_web_feedback(
        feedback=feedback(area, text="I'm sleeping in the bins again"), client_ip=IP
    )

    assert risky.is_safeguarding and local.is_safeguarding


def test_same_token_twice_returns_the_first_response(area):
    sent = feedback(area, feeling_score=3)

    first, first_created = record_web_feedback(feedback=sent, client_ip=IP)
    second, second_created = record_web_feedback(feedback=sent, client_ip=IP)

    assert (first_created, second_created) == (True, False)
    assert first == second
    assert Response.objects.count() == 1


def test_a_score_out_of_range_is_refused_and_nothing_is_stored(area):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        record_web_feedback(feedback=feedback(area, feeling_score=6), client_ip=IP)

    assert not Response.objects.exists()


def test_rate_limit_stops_a_flood_from_one_client_only(area, settings):
    settings.WEB_FEEDBACK_RATE_LIMIT = 3
    for _ in range(3):
        record_web_feedback(feedback=feedback(area, feeling_score=1), client_ip=IP)

    with pytest.raises(RateLimited):
        record_web_feedback(feedback=feedback(area, feeling_score=1), client_ip=IP)

    assert Response.objects.count() == 3
    record_web_feedback(feedback=feedback(area, feeling_score=1), client_ip="203.0.113.9")
    assert Response.objects.count() == 4


def test_a_repeated_token_is_not_refused_or_counted_by_the_rate_limit(area, settings):
    settings.WEB_FEEDBACK_RATE_LIMIT = 1
    sent = feedback(area, feeling_score=2)
    record_web_feedback(feedback=sent, client_ip=IP)

    again, created = record_web_feedback(feedback=sent, client_ip=IP)

    assert created is False and again.feeling_score == 2


def test_the_cache_never_holds_the_ip_address(area):
    record_web_feedback(feedback=feedback(area, feeling_score=4), client_ip=IP)

    keys = list(cache._cache.keys())  # locmem cache in tests
    assert keys and not any(IP in key for key in keys)


@pytest.mark.django_db(transaction=True)
def test_same_token_five_times_at_once_stores_one_response(area):
    """Five clicks arriving together: the unique token, not a check in Python, keeps one."""
    sent = feedback(area, feeling_score=4)
    barrier = threading.Barrier(5)
    results, errors = [], []

    def send():
        try:
            barrier.wait()
            results.append(record_web_feedback(feedback=sent, client_ip=IP))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(created for _, created in results) == [False] * 4 + [True]
    assert len({response.pk for response, _ in results}) == 1
    assert Response.objects.count() == 1


def test_risky_web_feedback_alerts_on_call_staff_without_details(
    area, django_capture_on_commit_callbacks
):
    UserFactory(
        roles=[roles.COORDINATOR],
        areas=[area],
        email="on-call@example.org",
        is_on_call=True,
        on_call_phone="+447700900555",
    )

    with django_capture_on_commit_callbacks(execute=True):
        record_web_feedback(feedback=feedback(area, text="I want to kill myself"), client_ip=IP)
        record_web_feedback(feedback=feedback(area, text="The staff were kind"), client_ip=IP)
    run_tasks()

    [alert] = locmem.outbox
    assert alert["to"] == "+447700900555"
    assert "web page" in alert["body"] and "Feedback inbox" in alert["body"]
    [email] = mail.outbox
    assert email.to == ["on-call@example.org"]
    assert "Feedback inbox" in email.body
    for text in (alert["body"], email.subject, email.body):
        assert "kill myself" not in text
