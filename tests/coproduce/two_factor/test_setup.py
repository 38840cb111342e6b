"""First sign-in: a staff member with no second factor must set up an authenticator app."""

import base64
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coproduce.two_factor.devices import BACKUP_CODE_COUNT
from tests.factories import PASSWORD

from .helpers import (
    BACKUP_CODES_PATH,
    SETUP_PATH,
    VERIFY_PATH,
    redirect_target,
    shown_backup_codes,
    sign_in_with_password,
    submit_form,
    totp_code,
    wrong_totp_code,
)


def _pending_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_signing_in_without_a_device_leads_to_setup(client, coordinator):
    sign_in_with_password(client, coordinator)

    path, query = redirect_target(client.get("/admin/"))

    assert path == SETUP_PATH
    assert query["next"] == ["/admin/"]


def test_setup_page_shows_an_inline_qr_code_and_the_key(client, coordinator):
    sign_in_with_password(client, coordinator)

    response = client.get(SETUP_PATH)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    svg = page.select_one(".qr svg")
    assert svg is not None
    assert svg.find("title").get_text(strip=True)
    assert svg.find("path") is not None
    key = base64.b32encode(_pending_device(coordinator).bin_key).decode().rstrip("=")
    shown_key = page.select_one(".secret").get_text()
    assert "".join(shown_key.split()) == key


def test_setup_page_fetches_nothing_from_another_site(client, coordinator):
    sign_in_with_password(client, coordinator)

    page = BeautifulSoup(client.get(SETUP_PATH).content, "html.parser")

    assert page.find("img") is None
    for element in page.find_all(["script", "link", "img", "iframe", "image", "use", "object"]):
        for attribute in ("src", "href", "xlink:href", "data"):
            url = element.get(attribute)
            assert not url or not urlsplit(url).netloc, f"{element.name} loads {url}"


def test_setup_page_keeps_the_same_key_until_confirmed(client, coordinator):
    sign_in_with_password(client, coordinator)
    client.get(SETUP_PATH)
    first = _pending_device(coordinator)

    client.get(SETUP_PATH)

    assert TOTPDevice.objects.filter(user=coordinator).count() == 1
    assert _pending_device(coordinator).key == first.key


def test_setup_refuses_a_wrong_code_and_confirms_nothing(client, coordinator):
    sign_in_with_password(client, coordinator)
    client.get(SETUP_PATH)
    device = _pending_device(coordinator)

    response = client.post(SETUP_PATH, {"code": wrong_totp_code(device), "next": "/admin/"})

    assert response.status_code == 400
    assert b"That code didn" in response.content
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=coordinator).exists()
    assert redirect_target(client.get("/admin/"))[0] == SETUP_PATH


def test_full_setup_confirms_the_app_and_shows_backup_codes_once(client, coordinator):
    sign_in_with_password(client, coordinator)
    setup_path, query = redirect_target(client.get("/admin/"))
    client.get(setup_path, query)
    device = _pending_device(coordinator)

    response = client.post(setup_path, {"code": totp_code(device), "next": query["next"][0]})

    path, query = redirect_target(response)
    assert path == BACKUP_CODES_PATH
    device.refresh_from_db()
    assert device.confirmed
    first_view = client.get(path, query)
    codes = shown_backup_codes(first_view)
    assert len(codes) == BACKUP_CODE_COUNT == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    second_view = client.get(path, query)
    assert second_view.status_code == 200
    assert shown_backup_codes(second_view) == []
    assert not any(code.encode() in second_view.content for code in codes)
    assert client.get("/admin/").status_code == 200


def test_setup_with_a_confirmed_device_sends_the_user_to_verify(password_only_client, app_device):
    """Someone holding only the password cannot add their own authenticator app."""
    response = password_only_client.get(SETUP_PATH)

    assert redirect_target(response)[0] == VERIFY_PATH
    attempt = password_only_client.post(SETUP_PATH, {"code": totp_code(app_device)})
    assert redirect_target(attempt)[0] == VERIFY_PATH
    assert TOTPDevice.objects.filter(user=app_device.user).count() == 1
    assert redirect_target(password_only_client.get("/admin/"))[0] == VERIFY_PATH


def test_verify_without_a_device_sends_the_user_to_setup(client, coordinator):
    sign_in_with_password(client, coordinator)

    path, query = redirect_target(client.get(VERIFY_PATH, {"next": "/admin/pages/"}))

    assert path == SETUP_PATH
    assert query["next"] == ["/admin/pages/"]


def test_whole_first_sign_in_works_through_the_pages_with_csrf_checks(coordinator):
    """Every form carries its CSRF token, from the password to making new backup codes."""
    browser = Client(enforce_csrf_checks=True)
    login_page = browser.get("/admin/login/")
    signed_in = submit_form(browser, login_page, username=coordinator.username, password=PASSWORD)
    setup_page = browser.get(browser.get(signed_in["Location"])["Location"])
    device = _pending_device(coordinator)

    confirmed = submit_form(
        browser, setup_page, "form:has(input[name=code])", code=totp_code(device)
    )

    first_codes = shown_backup_codes(browser.get(confirmed["Location"]))
    assert len(first_codes) == BACKUP_CODE_COUNT
    assert browser.get("/admin/").status_code == 200
    remade = submit_form(browser, browser.get(BACKUP_CODES_PATH))
    assert redirect_target(remade)[0] == BACKUP_CODES_PATH
    second_codes = shown_backup_codes(browser.get(BACKUP_CODES_PATH))
    assert len(second_codes) == BACKUP_CODE_COUNT
    assert not set(first_codes) & set(second_codes)
