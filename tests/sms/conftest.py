import itertools

import pytest
from django.core.management import call_command

from sms.backends import locmem
from sms.twilio_webhooks import sign
from tests.factories import AreaFactory, ServiceFactory

INBOUND_URL = "/sms/twilio/inbound/"
STATUS_URL = "/sms/twilio/status/"
OUR_NUMBER = "+447700900000"
_sids = itertools.count(1)


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


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
    signature = sign(f"http://testserver{url}", params) if signature is None else signature
    return client.post(url, params, HTTP_X_TWILIO_SIGNATURE=signature, **headers)


@pytest.fixture
def text_in(client, sms_area, django_capture_on_commit_callbacks):
    """Send a signed inbound text through the real webhook; returns the HTTP response."""

    def send(body, sender="+447700900123", **extra):
        params = twilio_params(body, sender, **extra)
        with django_capture_on_commit_callbacks(execute=True):
            return signed_post(client, INBOUND_URL, params)

    return send


def run_tasks() -> None:
    """Run every task that is due on the real database queue, as the worker would."""
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


def replies(response) -> list[str]:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(response.content)
    return [element.text or "" for element in root.iter("Message")]
