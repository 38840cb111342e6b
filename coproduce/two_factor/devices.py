"""Second-factor devices for staff: one TOTP authenticator app plus single-use backup codes.

Wrong codes are throttled by django-otp itself (ThrottlingMixin): after each failure the
device refuses every code, right or wrong, for 1, 2, 4, 8... seconds.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


@dataclass(frozen=True)
class VerifyResult:
    device: object | None
    # Only set when a device was locked before the code arrived: one wrong code locks a device
    # briefly, and the user should hear that the code was wrong, not that they must wait.
    locked_until: datetime | None = None


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_app_device(user) -> TOTPDevice:
    """The unconfirmed authenticator-app device being set up, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def locked_until(device) -> datetime | None:
    """When a device throttled after wrong codes will check a code again; None if it will now."""
    allowed, details = device.verify_is_allowed()
    return None if allowed else (details or {}).get("locked_until")


def verify_code(user, code: str) -> VerifyResult:
    """Check ``code`` against the user's confirmed devices.

    Returns the device that accepted it. When none did, ``locked_until`` says when the user may
    try again if a device the code could fit was locked and so never checked it. A wrong code
    counts against each device that checked it.
    """
    code = normalise_code(code)
    # App codes are six digits, backup codes eight letters and digits: try each code only
    # where it could fit, so one slip doesn't lock both.
    looks_like_app_code = code.isdigit() and len(code) == 6
    latest_lock = None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, TOTPDevice) != looks_like_app_code:
                continue
            until = locked_until(device)
            if until is not None:
                latest_lock = until if latest_lock is None else max(latest_lock, until)
                continue
            if device.verify_token(code):
                return VerifyResult(device=device)
    return VerifyResult(device=None, locked_until=latest_lock)


@transaction.atomic
def confirm_app_device(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm a pending authenticator app with a code from it.

    On success marks the device confirmed and returns a fresh set of backup codes (replacing
    any old ones); on a wrong code returns None (the device's throttle counts it).
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    allowed, _ = device.verify_is_allowed()
    if not allowed or not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return replace_backup_codes(device.user)


@transaction.atomic
def replace_backup_codes(user) -> list[str]:
    """Delete the user's backup codes and make ``BACKUP_CODE_COUNT`` new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def reset_devices(user) -> None:
    """Remove every second factor so the user must set one up again at next sign-in."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
