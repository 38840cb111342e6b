"""Phone numbers: normalised to E.164, encrypted at rest, found by a keyed hash.

The clear number only exists in memory. The database holds a Fernet token (which changes on
every write, so it can't be searched) and an HMAC-SHA256 of the E.164 form (which can).
"""

import hashlib
import hmac
from functools import cache

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError


class InvalidPhoneNumber(ValidationError):
    pass


def normalise_phone(raw: str, *, region: str | None = None) -> str:
    """Return ``raw`` as E.164 (``+447700900123``) or raise InvalidPhoneNumber."""
    text = (raw or "").strip()
    if not text:
        raise InvalidPhoneNumber("Enter a phone number.", code="empty")
    try:
        parsed = phonenumbers.parse(text, region or settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneNumber(
            "That doesn't look like a phone number.", code="unparseable"
        ) from error
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidPhoneNumber("That phone number is too short or too long.", code="impossible")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_hash(e164: str) -> str:
    """Keyed hash of an E.164 number, for lookups. Stable while PHONE_HASH_KEY is."""
    key = settings.PHONE_HASH_KEY
    if not key:
        raise ImproperlyConfigured("PHONE_HASH_KEY is not set.")
    return hmac.new(key.encode(), e164.encode(), hashlib.sha256).hexdigest()


def mask_phone(e164: str) -> str:
    """``+447700900123`` -> ``•••• •••123``: enough to tell numbers apart, no more."""
    if not e164:
        return ""
    return "•••• •••" + e164[-3:]


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is not set.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt_text(value: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(value.encode()).decode()


def decrypt_text(token: str) -> str:
    try:
        return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A stored value could not be decrypted: FIELD_ENCRYPTION_KEYS is missing the key "
            "it was written with."
        ) from error
