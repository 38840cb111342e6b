"""Recording feedback sent from a web page: the same Response as a text message, channel web.

The web form is open to anyone, so this module also carries the two abuse rules: one response
per submission token (two clicks, a refresh or back-and-resend store one), and a per-client
limit on how many responses one device may send in a window.
"""

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from coproduce.models import Area, Service
from sms.safeguarding import alert_on_call_staff, suggests_risk

from .models import Response
from .redaction import redact

# Up to this many responses per client in each window. A hostel or drop-in computer is shared,
# so the limit is generous; it is there to stop floods, not people.
DEFAULT_RATE_LIMIT = 10
DEFAULT_RATE_WINDOW_SECONDS = 60 * 60


class RateLimited(Exception):
    """This client has sent the most responses allowed in the current window."""


@dataclass(frozen=True)
class WebFeedback:
    """What someone sent from a feedback page, already checked by the form."""

    area: Area
    submission_token: uuid.UUID
    service: Service | None = None
    feeling_score: int | None = None
    text: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    consent_to_quote: bool = False
    contact_details: str = ""


def rate_limit() -> tuple[int, int]:
    """(responses allowed, window in seconds), from settings or the defaults."""
    return (
        getattr(settings, "WEB_FEEDBACK_RATE_LIMIT", DEFAULT_RATE_LIMIT),
        getattr(settings, "WEB_FEEDBACK_RATE_WINDOW_SECONDS", DEFAULT_RATE_WINDOW_SECONDS),
    )


def _rate_key(client_ip: str) -> str:
    # A keyed hash: the cache never holds anyone's IP address.
    return "web-feedback-rate:" + salted_hmac("web-feedback-rate", client_ip).hexdigest()


def record_web_feedback(*, feedback: WebFeedback, client_ip: str) -> tuple[Response, bool]:
    """Store ``feedback`` as one Response (channel web) and return it with ``created``.

    Guarantees: a token already used returns the response it made (``created`` False), even
    when two requests race; the stored words are redacted for display and flagged for
    safeguarding exactly as texts are. Raises ``RateLimited`` (storing nothing) when this
    client has used up its allowance; a repeated token never counts against it.
    """
    earlier = Response.objects.filter(submission_token=feedback.submission_token).first()
    if earlier is not None:
        return earlier, False
    limit, window = rate_limit()
    key = _rate_key(client_ip)
    if cache.get(key, 0) >= limit:
        raise RateLimited
    text = feedback.text.strip()
    response = Response(
        area=feedback.area,
        channel=Response.Channel.WEB,
        service=feedback.service,
        feeling_score=feedback.feeling_score,
        text=text,
        redacted_text=redact(text),
        answers=feedback.answers,
        consent_to_quote=feedback.consent_to_quote,
        contact_details=feedback.contact_details.strip(),
        is_safeguarding=suggests_risk(text),
        submission_token=feedback.submission_token,
    )
    # Uniqueness is the database's job (below), so a race can't slip between check and save.
    response.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            response.save()
            if response.is_safeguarding:
                alert_on_call_staff(response.area, channel="web")
    except IntegrityError:
        return Response.objects.get(submission_token=feedback.submission_token), False
    if cache.add(key, 1, timeout=window) is False:
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
    return response, True
