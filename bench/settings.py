"""Benchmark settings: the test settings plus a URLconf with the floor view."""

from coproduce.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Persistent connections, as in production (the test settings reconnect per request).
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
