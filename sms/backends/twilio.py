import requests
from django.conf import settings
from twilio.base.exceptions import TwilioException, TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from .base import BaseSmsBackend, SendError, SendResult

# Twilio error codes that will fail the same way however often we retry.
PERMANENT_ERROR_CODES = {
    21211,  # invalid 'To' number
    21408,  # no permission to send to this region
    21610,  # recipient replied STOP
    21612,  # can't route to this number
    21614,  # not a mobile number
    21617,  # body too long
}
OPTED_OUT_CODE = "21610"


class TwilioSmsBackend(BaseSmsBackend):
    """Sends through the real twilio REST client (pointed at a fake server in tests)."""

    def __init__(self):
        self.client = Client(
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            http_client=TwilioHttpClient(timeout=15),
        )
        if settings.TWILIO_API_BASE_URL:
            self.client.api.base_url = settings.TWILIO_API_BASE_URL

    def send(self, *, to: str, body: str, status_callback: str | None = None) -> SendResult:
        sender = (
            {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
            if settings.TWILIO_MESSAGING_SERVICE_SID
            else {"from_": settings.TWILIO_FROM_NUMBER}
        )
        extra = {"status_callback": status_callback} if status_callback else {}
        try:
            message = self.client.messages.create(to=to, body=body, **sender, **extra)
        except (TwilioRestException, TwilioServiceException) as error:
            # Twilio answers in its classic error JSON or, newer APIs, an RFC 9457 problem.
            text = error.msg if isinstance(error, TwilioRestException) else error.detail
            permanent = error.code in PERMANENT_ERROR_CODES or (
                400 <= error.status < 500 and error.status not in (408, 429)
            )
            raise SendError(
                str(text or error.code), code=str(error.code or ""), permanent=permanent
            ) from error
        except (TwilioException, requests.RequestException) as error:
            # Connection errors and timeouts (TwilioHttpClient lets requests' own through):
            # worth trying again later.
            raise SendError(str(error), permanent=False) from error
        return SendResult(sid=message.sid, status=message.status or "queued")
