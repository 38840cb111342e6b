import logging

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .inbound import receive_inbound
from .outbound import apply_status_callback
from .twilio_webhooks import signature_is_valid, twiml

logger = logging.getLogger(__name__)


def _twiml_response(replies: list[str]) -> HttpResponse:
    return HttpResponse(twiml(replies), content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_POST
def twilio_inbound(request):
    """Twilio's Messaging webhook. Stores the text first, then handles it (see receive_inbound).

    403 for a bad signature (nothing stored); 503 if the database is down (Twilio retries);
    otherwise always 200 with TwiML, empty for a repeat of a MessageSid we already have.
    """
    if not signature_is_valid(request):
        logger.warning("Rejected inbound SMS webhook with a bad or missing signature")
        return HttpResponseForbidden("Invalid signature")
    try:
        replies = receive_inbound(request.POST)
    except DatabaseError:
        logger.exception("Could not store inbound SMS; asking Twilio to retry")
        return HttpResponse("Temporarily unavailable", status=503)
    return _twiml_response(replies)


@csrf_exempt
@require_POST
def twilio_status(request):
    """Delivery status callbacks. Unknown SIDs and statuses still get 200 (and a log line)."""
    if not signature_is_valid(request):
        return HttpResponseForbidden("Invalid signature")
    sid = request.POST.get("MessageSid") or request.POST.get("SmsSid") or ""
    status = request.POST.get("MessageStatus") or request.POST.get("SmsStatus") or ""
    try:
        apply_status_callback(sid=sid, status=status, error_code=request.POST.get("ErrorCode", ""))
    except DatabaseError:
        return HttpResponse("Temporarily unavailable", status=503)
    return HttpResponse(status=200)
