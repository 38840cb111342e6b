"""Local development: DEBUG on, throwaway keys, console SMS, database task queue."""

from .base import *  # noqa: F403
from .env import env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-secret-key-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# Throwaway keys so a fresh clone runs; production refuses to start without real ones.
FIELD_ENCRYPTION_KEYS = env_list(
    "FIELD_ENCRYPTION_KEYS", ["ZGV2LW9ubHktZmllbGQta2V5LTMyLWJ5dGVzLWxvbmc="]
)
PHONE_HASH_KEY = env("PHONE_HASH_KEY", "dev-only-phone-hash-key")

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Serve static files straight from the apps while developing; production collects them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None

# Lets the admin's SMS simulator sign its requests on a fresh clone.
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", "dev-only-twilio-auth-token")
