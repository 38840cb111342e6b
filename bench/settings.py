"""Benchmark settings: the test settings plus a URLconf with the floor view, made to behave
like production where that changes the figures (no DEBUG, persistent connections, durable
SQLite writes)."""

from coproduce.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# As in production: no query log kept in memory, no debug pages.
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Persistent connections, as in production (the test settings reconnect per request).
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The test settings turn SQLite's fsync off; a benchmark of durable storage keeps it on.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}  # noqa: F405
