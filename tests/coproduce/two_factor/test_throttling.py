"""Wrong codes lock the device for 1, 2, 4, 8... seconds (OTP_*_THROTTLE_FACTOR = 1)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from .helpers import (
    SETUP_PATH,
    VERIFY_PATH,
    redirect_target,
    sign_in_with_password,
    totp_code,
    wrong_totp_code,
)


@pytest.fixture
def clock():
    """django.utils.timezone.now, as django-otp's throttling reads it, held still until moved."""
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start) as now:
        yield now


def _move_clock(clock, seconds: float) -> None:
    clock.return_value += timedelta(seconds=seconds)


def _is_verified(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_correct_code_right_after_a_wrong_one_is_refused_with_a_wait(
    password_only_client, app_device, clock
):
    password_only_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})

    response = password_only_client.post(VERIFY_PATH, {"code": totp_code(app_device)})

    assert response.status_code == 429
    assert b"Wait 1 second," in response.content
    assert not _is_verified(password_only_client)


def test_correct_code_works_once_the_lock_has_passed(password_only_client, app_device, clock):
    password_only_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})
    _move_clock(clock, 1)

    response = password_only_client.post(VERIFY_PATH, {"code": totp_code(app_device)})

    assert redirect_target(response)[0] == "/admin/"
    assert _is_verified(password_only_client)
    app_device.refresh_from_db()
    assert app_device.throttling_failure_count == 0


def test_each_wrong_code_doubles_the_wait(password_only_client, app_device, clock):
    for expected_wait in (1, 2, 4, 8):
        password_only_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})

        refused = password_only_client.post(VERIFY_PATH, {"code": totp_code(app_device)})
        assert refused.status_code == 429
        assert f"Wait {expected_wait} second".encode() in refused.content
        _move_clock(clock, expected_wait - 0.5)
        still_refused = password_only_client.post(VERIFY_PATH, {"code": totp_code(app_device)})
        assert still_refused.status_code == 429
        assert b"Wait 1 second," in still_refused.content
        _move_clock(clock, 0.5)

    app_device.refresh_from_db()
    assert app_device.throttling_failure_count == 4
    assert not _is_verified(password_only_client)


def test_codes_sent_during_the_lock_do_not_lengthen_it(password_only_client, app_device, clock):
    password_only_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})

    for _ in range(5):
        password_only_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})

    app_device.refresh_from_db()
    assert app_device.throttling_failure_count == 1
    _move_clock(clock, 1)
    password_only_client.post(VERIFY_PATH, {"code": totp_code(app_device)})
    assert _is_verified(password_only_client)


def test_wrong_app_code_does_not_lock_or_use_up_backup_codes(
    password_only_client, app_device, backup_codes, clock
):
    password_only_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})

    response = password_only_client.post(VERIFY_PATH, {"code": backup_codes[0]})

    assert redirect_target(response)[0] == "/admin/"
    assert _is_verified(password_only_client)
    static_device = app_device.user.staticdevice_set.get()
    assert static_device.throttling_failure_count == 0
    assert static_device.token_set.count() == len(backup_codes) - 1


def test_wrong_backup_code_does_not_lock_the_app(
    password_only_client, app_device, backup_codes, clock
):
    wrong_backup_code = "zzzz2222"
    assert wrong_backup_code not in backup_codes
    password_only_client.post(VERIFY_PATH, {"code": wrong_backup_code})

    response = password_only_client.post(VERIFY_PATH, {"code": totp_code(app_device)})

    assert redirect_target(response)[0] == "/admin/"
    app_device.refresh_from_db()
    assert app_device.throttling_failure_count == 0


def test_backup_codes_are_throttled_too(password_only_client, backup_codes, clock):
    password_only_client.post(VERIFY_PATH, {"code": "zzzz2222"})

    response = password_only_client.post(VERIFY_PATH, {"code": backup_codes[0]})

    assert response.status_code == 429
    assert not _is_verified(password_only_client)
    _move_clock(clock, 1)
    password_only_client.post(VERIFY_PATH, {"code": backup_codes[0]})
    assert _is_verified(password_only_client)


def test_setup_refuses_the_correct_code_until_the_lock_passes(client, coordinator, clock):
    sign_in_with_password(client, coordinator)
    client.get(SETUP_PATH)
    device = coordinator.totpdevice_set.get()
    wrong = client.post(SETUP_PATH, {"code": wrong_totp_code(device)})
    assert wrong.status_code == 400

    refused = client.post(SETUP_PATH, {"code": totp_code(device)})

    assert refused.status_code == 429
    assert b"Wait 1 second," in refused.content
    device.refresh_from_db()
    assert not device.confirmed
    _move_clock(clock, 1)
    accepted = client.post(SETUP_PATH, {"code": totp_code(device)})
    assert redirect_target(accepted)[0] == "/account/two-factor/backup-codes/"
    device.refresh_from_db()
    assert device.confirmed
