import itertools
from datetime import datetime
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import TestCase

from sms.twilio_webhooks import sign
from tests.factories import AreaFactory, ServiceFactory
from tests.sms.fake_twilio import FakeTwilio

INBOUND_URL = "/sms/twilio/inbound/"
STATUS_URL = "/sms/twilio/status/"
OUR_NUMBER = "+447700900000"
TEST_ACCOUNT_SID = "AC" + "a1" * 16
TEST_FROM_NUMBER = "+447700900001"
_sids = itertools.count(1)


@pytest.fixture
def sms_area(db):
    return AreaFactory(name="Riverside", slug="riverside", sms_number=OUR_NUMBER)


@pytest.fixture
def hostel(sms_area):
    return ServiceFactory(
        area=sms_area, name="Hope House", code="HOSTEL", aliases="hope house hostel\nthe hostel"
    )


def twilio_params(body="", sender="+447700900123", **extra) -> dict:
    params = {
        "MessageSid": f"SM{next(_sids):032d}",
        "SmsSid": "",
        "AccountSid": "AC00000000000000000000000000000000",
        "MessagingServiceSid": "",
        "From": sender,
        "To": OUR_NUMBER,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "FromCountry": "GB",
        "ToCountry": "GB",
        "ApiVersion": "2010-04-01",
    }
    params.update(extra)
    params["SmsSid"] = params["MessageSid"]
    return {key: value for key, value in params.items() if value is not None}


def signed_post(client, url, params, *, signature=None, **headers):
    """POST ``params`` form-encoded, as Twilio does, signed for the test server's URL."""
    signature = sign(f"http://testserver{url}", params) if signature is None else signature
    return client.post(
        url,
        urlencode(params),
        content_type="application/x-www-form-urlencoded",
        HTTP_X_TWILIO_SIGNATURE=signature,
        **headers,
    )


@pytest.fixture
def text_in(client, sms_area, django_capture_on_commit_callbacks):
    """Send a signed inbound text through the real webhook; returns the HTTP response."""

    def send(body, sender="+447700900123", **extra):
        params = twilio_params(body, sender, **extra)
        with django_capture_on_commit_callbacks(execute=True):
            return signed_post(client, INBOUND_URL, params)

    return send


def run_tasks() -> None:
    """Run every task that is due on the real database queue, as the worker would.

    The worker calls close_old_connections() between tasks; inside a test's transaction that
    would close PostgreSQL's connection, so it is switched off here, as Django's test client
    does for requests. The worker runs each task outside any transaction, so what a task does
    on commit (enqueue a retry, hold until morning) is run here too.
    """
    with (
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


def replies(response) -> list[str]:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own TwiML
    return [element.text or "" for element in root.iter("Message")]


@pytest.fixture
def clock():
    """Call with an aware datetime to stop the clock there (tasks' run_after included)."""
    patchers = []

    def set_clock(moment: datetime) -> datetime:
        patcher = mock.patch("django.utils.timezone.now", return_value=moment)
        patcher.start()
        patchers.append(patcher)
        return moment

    yield set_clock
    for patcher in reversed(patchers):
        patcher.stop()


@pytest.fixture
def fake_twilio(settings):
    """A local fake of Twilio's Messages API, with the twilio backend pointed at it.

    Set through pytest-django's ``settings`` (override_settings underneath) rather than a
    separate override_settings block: tests change more settings the same way, and one stack
    unwinds in the right order.
    """
    with FakeTwilio(TEST_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN) as fake:
        settings.SMS_BACKEND = "twilio"
        settings.TWILIO_API_BASE_URL = fake.url
        settings.TWILIO_ACCOUNT_SID = TEST_ACCOUNT_SID
        settings.TWILIO_FROM_NUMBER = TEST_FROM_NUMBER
        settings.TWILIO_MESSAGING_SERVICE_SID = ""
        yield fake


def waiting_tasks(task_name: str = "send_message_task"):
    """Tasks of ``task_name`` still on the queue (due or deferred), oldest first."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path__endswith=f".{task_name}"
    ).order_by("run_after")
