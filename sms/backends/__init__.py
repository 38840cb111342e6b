"""SMS backends, chosen by the SMS_BACKEND setting like Django's EMAIL_BACKEND."""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import BaseSmsBackend, SendError, SendResult

BACKENDS = {
    "twilio": "sms.backends.twilio.TwilioSmsBackend",
    "console": "sms.backends.console.ConsoleSmsBackend",
    "locmem": "sms.backends.locmem.LocmemSmsBackend",
}

__all__ = ["BaseSmsBackend", "SendError", "SendResult", "get_backend"]


def get_backend() -> BaseSmsBackend:
    path = BACKENDS.get(settings.SMS_BACKEND, settings.SMS_BACKEND)
    return import_string(path)()
