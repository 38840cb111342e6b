"""Checking Twilio's signature and answering in TwiML: the only place webhooks touch twilio."""

from django.conf import settings
from django.http import HttpRequest
from twilio.request_validator import RequestValidator, get_signature_algorithm
from twilio.twiml.messaging_response import MessagingResponse


def public_url(request: HttpRequest) -> str:
    """The URL Twilio called: PUBLIC_BASE_URL + path behind a proxy, else the request's own."""
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL.rstrip("/") + request.get_full_path()
    return request.build_absolute_uri()


def signature_is_valid(request: HttpRequest) -> bool:
    token = settings.TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    algorithm = get_signature_algorithm(request.headers.get("X-Twilio-Webhooks-Signature-Settings"))
    return RequestValidator(token).validate(public_url(request), request.POST, signature, algorithm)


def sign(url: str, params: dict) -> str:
    """The signature Twilio would send for ``params`` posted to ``url`` (simulator, tests)."""
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(url, params)


def twiml(replies: list[str]) -> str:
    response = MessagingResponse()
    for reply in replies:
        response.message(reply)
    return str(response)
