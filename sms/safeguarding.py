"""Spotting texts that suggest risk to self or others.

Deliberately broad: a false alarm costs a coordinator a minute; a missed one can cost a life.
A partnership adds its own words with the SMS_EXTRA_SAFEGUARDING_PHRASES setting.
"""

import re
from functools import cache

from django.conf import settings

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
