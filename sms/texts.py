"""Every text the system sends, with its default wording.

Each one must be GSM-7 and fit one 160-character segment once its placeholders are filled
(tests check every default with long values). Areas may override any of them in the admin.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

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
    "staff_alert": TextSpec(
        "Safeguarding alert to on-call staff",
        "Coproduce alert: a text in {area_name} may show someone at risk. Please check Needs "
        "attention in the admin now.",
        {"area_name": 20},
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
    from .models import SmsTemplate

    spec = SPECS[key]
    body = spec.default
    if area is not None:
        override = SmsTemplate.objects.filter(area=area, key=key).values_list("body", flat=True)
        body = next(iter(override), body)
    safe_values = {
        name: _shorten(str(values.get(name, "")), spec.placeholders[name])
        for name in spec.placeholders
    }
    return body.format(**safe_values)


def _shorten(value: str, limit: int) -> str:
    """``value`` in plain GSM-7, cut to ``limit`` as a phone counts (``[`` and ``€`` cost 2)."""
    value = " ".join(to_gsm7(value).split())
    if gsm7_length(value) <= limit:
        return value
    while gsm7_length(value) > limit - 1:
        value = value[:-1]
    return value.rstrip() + "."
