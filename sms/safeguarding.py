"""Spotting texts that suggest risk to self or others, and telling on-call staff.

Deliberately broad: a false alarm costs a coordinator a minute; a missed one can cost a life.
A partnership adds its own words with the SMS_EXTRA_SAFEGUARDING_PHRASES setting.
"""

import re
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from coproduce.models import Area

from .models import Message
from .outbound import queue_message
from .texts import render_text

DEFAULT_PHRASES = [
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end it all",
    "end my life",
    "ending it all",
    "take my own life",
    "want to die",
    "wanna die",
    "better off dead",
    "no reason to live",
    "not worth living",
    "can't go on",
    "cant go on",
    "overdose",
    "od'd",
    "hurt myself",
    "hurting myself",
    "self harm",
    "self-harm",
    "cut myself",
    "cutting myself",
    "hang myself",
    "jump off",
    "kill him",
    "kill her",
    "kill them",
    "kill someone",
    "hurt someone",
    "going to hurt",
    "being abused",
    "he hits me",
    "she hits me",
    "not safe",
]


@cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern:
    parts = []
    for phrase in phrases:
        words = [re.escape(word) for word in phrase.lower().split()]
        parts.append(r"\b" + r"\W+".join(words) + r"\b")
    return re.compile("|".join(parts), re.IGNORECASE)


def _normalise(text: str) -> str:
    return (text or "").replace("’", "'").replace("‘", "'").lower()


def suggests_risk(text: str) -> bool:
    phrases = tuple(DEFAULT_PHRASES + list(settings.SMS_EXTRA_SAFEGUARDING_PHRASES))
    return bool(_pattern(phrases).search(_normalise(text)))


# What the alert says, by where the worrying words came in: (text template, email body).
ALERTS = {
    "sms": (
        "staff_alert",
        "A text received in {area} may show someone at risk.\n"
        "Please check 'Needs attention' in the Coproduce admin now.",
    ),
    "web": (
        "staff_alert_web",
        "Feedback left on a web page for {area} may show someone at risk.\n"
        "Please check the Feedback inbox in the Coproduce admin now (filter: safeguarding).",
    ),
}


def alert_on_call_staff(area: Area | None, *, channel: str = "sms") -> None:
    """Tell the area's on-call staff (or, if nobody is on call, its coordinators) by text and
    email, through the task queue. The alert holds no personal details: staff look in the
    admin."""
    from coproduce.roles import AREA_ADMIN, COORDINATOR

    from .tasks import send_email_alert_task

    User = get_user_model()
    in_area = User.objects.filter(is_active=True).filter(Q(areas=area) | Q(is_national=True))
    on_call = in_area.filter(is_on_call=True).distinct()
    if not on_call.exists():
        on_call = in_area.filter(groups__name__in=[COORDINATOR, AREA_ADMIN]).distinct()
    area_name = area.name if area else ""
    text_key, email_body = ALERTS[channel]
    text = render_text(text_key, area=area, area_name=area_name)
    for user in on_call:
        if user.on_call_phone:
            queue_message(body=text, kind=Message.Kind.ALERT, area=area, phone=user.on_call_phone)
    emails = sorted({user.email for user in on_call if user.email})
    if emails:
        transaction.on_commit(
            lambda: send_email_alert_task.enqueue(
                f"Safeguarding alert: {area_name}", email_body.format(area=area_name), emails
            )
        )
