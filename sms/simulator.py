"""The admin's SMS simulator: plays a text through the real, signed webhook view.

Staff can try every flow without a phone. The request is signed with TWILIO_AUTH_TOKEN exactly
as Twilio would sign it, so the webhook's signature check runs for real.
"""

import uuid
from xml.etree import ElementTree

from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve, reverse

from coproduce.models import Area

from .twilio_webhooks import sign

# Ofcom's drama range: never a real person's phone.
DEFAULT_SIMULATOR_NUMBER = "+447700900999"


def simulate_inbound(*, area: Area, sender: str, body: str, host: str, secure: bool) -> list[str]:
    """Post ``body`` from ``sender`` to ``area``'s number through the webhook; return replies."""
    path = reverse("sms:twilio_inbound")
    scheme = "https" if secure else "http"
    url = (
        settings.PUBLIC_BASE_URL.rstrip("/") + path
        if settings.PUBLIC_BASE_URL
        else (f"{scheme}://{host}{path}")
    )
    params = {
        "MessageSid": f"SMsim{uuid.uuid4().hex[:27]}",
        "AccountSid": settings.TWILIO_ACCOUNT_SID or "ACsimulator",
        "From": sender,
        "To": area.sms_number,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
    }
    request = RequestFactory().post(
        path,
        params,
        HTTP_HOST=host,
        HTTP_X_TWILIO_SIGNATURE=sign(url, params),
        secure=secure,
    )
    response = resolve(path).func(request)
    if response.status_code != 200:
        raise RuntimeError(f"The webhook answered {response.status_code}")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own TwiML
    return [element.text or "" for element in root.iter("Message")]
