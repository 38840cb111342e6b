"""Production: every secret from the environment, HTTPS everywhere, PostgreSQL expected.

A missing required variable raises ImproperlyConfigured at start-up.
"""

from .base import *  # noqa: F403
from .base import STORAGES
from .env import env_bool, env_int, env_list, require

IS_PRODUCTION = True
DEBUG = False

SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    require("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    require("FIELD_ENCRYPTION_KEYS")
PHONE_HASH_KEY = require("PHONE_HASH_KEY")

# Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

if SMS_BACKEND == "twilio":  # noqa: F405
    TWILIO_ACCOUNT_SID = require("TWILIO_ACCOUNT_SID")
    TWILIO_AUTH_TOKEN = require("TWILIO_AUTH_TOKEN")
    if not (TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID):  # noqa: F405
        require("TWILIO_FROM_NUMBER")
