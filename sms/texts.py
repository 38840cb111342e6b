"""Every text the system sends, with its default wording.

Each one must be GSM-7 and fit one 160-character segment once its placeholders are filled
(tests check every default with long values). Areas may override any of them in the admin.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from coproduce import area_setup

from .gsm import fits_one_segment, gsm7_length, non_gsm7_characters, to_gsm7


@dataclass(frozen=True)
class TextSpec:
    label: str
    default: str
    # Placeholder -> the longest value we allow in it, used to check the length.
    placeholders: dict[str, int]


SPECS: dict[str, TextSpec] = {
    "privacy_note": TextSpec(
        "First-contact privacy note",
        "Your words help improve local services. We don't share your number. Reply STOP to stop.",
        {},
    ),
    "help": TextSpec(
        "Reply to HELP",
        "{area_name} Have Your Say: text us how a service made you feel. Free to reply STOP to "
        "stop. Crisis? Samaritans 116 123 free any time. Emergency 999.",
        {"area_name": 20},
    ),
    "safeguarding": TextSpec(
        "Reply when a message suggests risk",
        "We're worried about you. Call Samaritans free on 116 123, any time, day or night. "
        "In an emergency call 999. We've told our team.",
        {},
    ),
    "ask_score": TextSpec(
        "Ask for a score",
        "How did {service} make you feel today? Reply 1 (very bad) to 5 (very good)",
        {"service": 40},
    ),
    "ask_score_again": TextSpec(
        "Ask for a score again",
        "Thanks. And how did {service} make you feel? Reply 1 (very bad) to 5 (very good)",
        {"service": 40},
    ),
    "ask_more": TextSpec(
        "Offer to say more",
        "Thank you. Anything else you want to tell us? Just reply, or ignore this text.",
        {},
    ),
    "thanks": TextSpec(
        "Thank you",
        "Thank you. We read every message and use them to make services better.",
        {},
    ),
    "opted_in": TextSpec(
        "Reply to START",
        "You're back on. Text us any time about how a service made you feel. Reply STOP to stop.",
        {},
    ),
    "media": TextSpec(
        "Reply to a picture or file",
        "Thanks. We can't open pictures or files here, so please tell us in words.",
        {},
    ),
    "empty": TextSpec(
        "Reply to an empty text",
        "Your text was empty. Text us how a service made you feel.",
        {},
    ),
    "prompt": TextSpec(
        "Feedback prompt after a visit",
        "You saw {service} today. How did they make you feel? Reply 1 (very bad) to 5 (very "
        "good). Reply STOP to stop.",
        {"service": 40},
    ),
    "stop_hint": TextSpec(
        "Reply to a text that may ask us to stop",
        "Sorry. Reply STOP and we will not text you again.",
        {},
    ),
    "staff_alert": TextSpec(
        "Safeguarding alert to on-call staff",
        "Coproduce alert: a text in {area_name} may show someone at risk. Please check Needs "
        "attention in the admin now.",
        {"area_name": 20},
    ),
    "staff_alert_web": TextSpec(
        "Safeguarding alert to on-call staff (web feedback)",
        "Coproduce alert: feedback on a {area_name} web page may show someone at risk. Please "
        "check the Feedback inbox now.",
        {"area_name": 20},
    ),
    # Panels (registered by the panels app's invitations, RSVP replies and reminders).
    "panel_invitation": TextSpec(
        "Panel invitation",
        "{panel} meets {when} at {venue}. Reply YES to come or NO if you can't.",
        {"panel": 30, "when": 20, "venue": 35},
    ),
    "panel_rsvp_booked": TextSpec(
        "Panel RSVP: place booked",
        "Thanks, you're booked for {panel} on {when}. We'll remind you the day before. "
        "Reply NO if you can't come after all.",
        {"panel": 30, "when": 20},
    ),
    "panel_rsvp_waiting": TextSpec(
        "Panel RSVP: waiting list",
        "Thanks. {panel} on {when} is full, so you're on the waiting list. We'll text you if "
        "a place comes up.",
        {"panel": 30, "when": 20},
    ),
    "panel_rsvp_declined": TextSpec(
        "Panel RSVP: not coming",
        "Thanks for letting us know. We'll miss you at {panel} on {when}.",
        {"panel": 30, "when": 20},
    ),
    "panel_rsvp_already": TextSpec(
        "Panel RSVP: already booked",
        "You're already booked for {panel} on {when}. See you there. Reply NO if you can't come.",
        {"panel": 30, "when": 20},
    ),
    "panel_rsvp_unclear": TextSpec(
        "Panel RSVP: not understood",
        "Sorry, we didn't get that. Reply YES to come to {panel} on {when}, or NO if you can't.",
        {"panel": 30, "when": 20},
    ),
    "panel_rsvp_not_invited": TextSpec(
        "Panel RSVP: no invitation found",
        "Thanks for your reply. We couldn't find an invitation for you, so we've passed it "
        "to the panel organiser.",
        {},
    ),
    "panel_rsvp_too_late": TextSpec(
        "Panel RSVP: session over or cancelled",
        "Thanks for your reply. That session has already happened or was cancelled. We'll "
        "text you about the next one.",
        {},
    ),
    "panel_place_offered": TextSpec(
        "Panel: a place came up",
        "Good news: a place came up at {panel} on {when}. You're booked in. Reply NO if you "
        "can't come.",
        {"panel": 30, "when": 20},
    ),
    "panel_reminder_day": TextSpec(
        "Panel reminder, the day before",
        "Reminder: {panel} is tomorrow, {when}, at {venue}. Reply NO if you can't come.",
        {"panel": 30, "when": 20, "venue": 35},
    ),
    "panel_reminder_hours": TextSpec(
        "Panel reminder, 2 hours before",
        "Reminder: {panel} starts at {time} today at {venue}. See you there.",
        {"panel": 30, "time": 7, "venue": 35},
    ),
    "panel_session_changed": TextSpec(
        "Panel session changed",
        "Change: {panel} is now {when} at {venue}. Reply YES to come or NO if you can't.",
        {"panel": 30, "when": 20, "venue": 35},
    ),
    "panel_session_cancelled": TextSpec(
        "Panel session cancelled",
        "Sorry, {panel} on {when} is cancelled. We'll text you about the next one.",
        {"panel": 30, "when": 20},
    ),
    "panel_member_link": TextSpec(
        "Link to a member's own panel page",
        "Your panel page: {link} The link works once, for 3 days. Please don't share it.",
        {"link": 80},
    ),
}

KEY_CHOICES = [(key, spec.label) for key, spec in SPECS.items()]


def validate_text(key: str, body: str) -> None:
    """Raise ValidationError unless ``body`` is GSM-7 and fits one segment when filled."""
    spec = SPECS[key]
    try:
        filled = body.format(**{name: "x" * size for name, size in spec.placeholders.items()})
    except (KeyError, IndexError, ValueError) as error:
        allowed = ", ".join("{" + name + "}" for name in spec.placeholders) or "none"
        raise ValidationError(
            f"Use only these placeholders: {allowed}.", code="placeholders"
        ) from error
    bad = non_gsm7_characters(filled)
    if bad:
        shown = " ".join(repr(char) for char in bad)
        raise ValidationError(
            f"These characters make the text cost more on basic phones: {shown}. "
            "Use plain quotes and no emoji.",
            code="not_gsm7",
        )
    if not fits_one_segment(filled):
        raise ValidationError(
            f"Too long: {gsm7_length(filled)} of 160 characters once filled in.",
            code="too_long",
        )


def render_text(key: str, *, area=None, **values: str) -> str:
    """The area's wording (or the default) with values filled in, kept to one segment.

    A value that would push the text past 160 characters is shortened.
    """
    spec = SPECS[key]
    body = spec.default
    if area is not None:
        wording = area_setup.for_area(area, "sms_templates", lambda: _area_wording(area))
        body = wording.get(key, body)
    safe_values = {
        name: _shorten(str(values.get(name, "")), spec.placeholders[name])
        for name in spec.placeholders
    }
    return body.format(**safe_values)


def _area_wording(area) -> dict[str, str]:
    """The area's own wording, by text key (read once per change: see coproduce.area_setup)."""
    from .models import SmsTemplate

    # No ordering, so no join to order by the area's name.
    return dict(SmsTemplate.objects.filter(area=area).order_by().values_list("key", "body"))


def _shorten(value: str, limit: int) -> str:
    """``value`` in plain GSM-7, cut to ``limit`` as a phone counts (``[`` and ``€`` cost 2)."""
    value = " ".join(to_gsm7(value).split())
    if gsm7_length(value) <= limit:
        return value
    while gsm7_length(value) > limit - 1:
        value = value[:-1]
    return value.rstrip() + "."
