"""Helpers for driving the real two-step sign-in in tests."""

import time
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

VERIFY_PATH = "/account/two-factor/verify/"
SETUP_PATH = "/account/two-factor/setup/"
BACKUP_CODES_PATH = "/account/two-factor/backup-codes/"


def sign_in_with_password(client, user):
    """First step only: the Wagtail login form, as a person would use it."""
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password step should have succeeded"
    return response


def totp_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app would show now.

    django-otp refuses a code from a time step it has already accepted, so when this step was
    used, give the next step's code (still inside the device's tolerance).
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = max(time.time(), device.t0 + (device.last_t + 1) * device.step)
    return f"{totp.token():0{device.digits}d}"


def wrong_totp_code(device: TOTPDevice) -> str:
    """Six digits the device would not accept at any step it is currently checking."""
    device.refresh_from_db()
    now = time.time()
    accepted = set()
    for steps in range(-2, 3):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = now + steps * device.step
        accepted.add(f"{totp.token():06d}")
    return next(code for code in ("123456", "654321", "111111") if code not in accepted)


def shown_backup_codes(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(strip=True) for item in page.select(".code-list li")]


def redirect_target(response) -> tuple[str, dict[str, list[str]]]:
    """The path and query of a redirect response."""
    assert response.status_code == 302, f"expected a redirect, got {response.status_code}"
    location = urlsplit(response["Location"])
    return location.path, parse_qs(location.query)


def submit_form(client, page_response, form_selector: str = "form", **values):
    """Submit a form from a page the way a browser would: its hidden fields (the CSRF token,
    ``next``) plus ``values`` for the fields a person fills in."""
    page = BeautifulSoup(page_response.content, "html.parser")
    form = page.select_one(form_selector)
    assert form is not None, f"no {form_selector} on the page"
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input")
        if field.has_attr("name") and field.get("type") != "checkbox"
    }
    data.update(values)
    action = form.get("action") or page_response.wsgi_request.get_full_path()
    return client.post(action, data)
