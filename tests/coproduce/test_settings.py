"""Production settings: secrets only from the environment, and `check --deploy` clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "coproduce.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-test-only-" + "x" * 30,
    "ALLOWED_HOSTS": "coproduce.example.org",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "PHONE_HASH_KEY": "test-phone-hash-key",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, env_overrides=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update(PRODUCTION_ENV)
    env.update(env_overrides or {})
    for name in drop:
        env.pop(name, None)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS", "PHONE_HASH_KEY"]
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    result = run_manage("check", drop=[missing])
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_is_not_in_debug_and_marks_itself():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.IS_PRODUCTION)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False True"


def test_database_url_chooses_the_database():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        env_overrides={"DATABASE_URL": "postgres://user@db.internal:5432/coproduce"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.db.backends.postgresql"


def test_dev_settings_default_to_a_sqlite_file_in_the_project(settings):
    from coproduce.settings import base

    default = base.dj_database_url.parse(f"sqlite:///{base.BASE_DIR / 'db.sqlite3'}")
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert str(default["NAME"]).startswith(str(ROOT))


def test_integrations_are_switched_by_settings(settings):
    # Tests run on the locmem SMS backend and the real database task queue.
    assert settings.SMS_BACKEND == "locmem"
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
