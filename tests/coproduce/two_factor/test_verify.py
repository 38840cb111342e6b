"""Signing in with a password and then a code from the app or a backup code."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken

from coproduce.two_factor.devices import BACKUP_CODE_COUNT, reset_devices
from tests.factories import PASSWORD, confirmed_totp

from .helpers import (
    BACKUP_CODES_PATH,
    VERIFY_PATH,
    redirect_target,
    sign_in_with_password,
    submit_form,
    totp_code,
    wrong_totp_code,
)

PROTECTED_PATHS = ["/admin/", "/admin/pages/", "/admin/account/", "/django-admin/"]


def _sign_out(client) -> None:
    response = client.post("/admin/logout/")
    assert redirect_target(response)[0] == "/admin/login/"


def _is_signed_in_to_admin(client) -> bool:
    return client.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", PROTECTED_PATHS)
def test_password_alone_is_sent_to_verify_from_every_staff_page(password_only_client, path):
    response = password_only_client.get(path)

    target, query = redirect_target(response)
    assert target == VERIFY_PATH
    assert query["next"] == [path]
    assert response.content == b""


def test_correct_app_code_signs_in_and_returns_to_the_page_asked_for(
    password_only_client, app_device
):
    target, query = redirect_target(password_only_client.get("/admin/account/"))

    response = password_only_client.post(
        target, {"code": totp_code(app_device), "next": query["next"][0]}
    )

    assert redirect_target(response)[0] == "/admin/account/"
    assert password_only_client.get("/admin/account/").status_code == 200


def test_wrong_app_code_is_refused(password_only_client, app_device):
    response = password_only_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})

    assert response.status_code == 400
    assert b"That code didn" in response.content
    assert not _is_signed_in_to_admin(password_only_client)


def test_app_code_typed_with_spaces_is_accepted(password_only_client, app_device):
    code = totp_code(app_device)

    password_only_client.post(VERIFY_PATH, {"code": f" {code[:3]} {code[3:]} "})

    assert _is_signed_in_to_admin(password_only_client)


def test_an_app_code_cannot_be_used_twice(client, coordinator, app_device):
    code = totp_code(app_device)
    sign_in_with_password(client, coordinator)
    client.post(VERIFY_PATH, {"code": code})
    assert _is_signed_in_to_admin(client)
    _sign_out(client)
    sign_in_with_password(client, coordinator)

    response = client.post(VERIFY_PATH, {"code": code})

    assert response.status_code in {400, 429}
    assert not _is_signed_in_to_admin(client)


def test_backup_code_works_once_only(client, coordinator, backup_codes):
    sign_in_with_password(client, coordinator)
    client.post(VERIFY_PATH, {"code": backup_codes[0]})
    assert _is_signed_in_to_admin(client)
    _sign_out(client)
    sign_in_with_password(client, coordinator)

    reused = client.post(VERIFY_PATH, {"code": backup_codes[0]})

    assert reused.status_code == 400
    assert not _is_signed_in_to_admin(client)
    assert StaticToken.objects.filter(device__user=coordinator).count() == BACKUP_CODE_COUNT - 1


def test_backup_code_is_accepted_in_capitals_with_a_dash(password_only_client, backup_codes):
    code = backup_codes[0].upper()

    password_only_client.post(VERIFY_PATH, {"code": f"{code[:4]}-{code[4:]}"})

    assert _is_signed_in_to_admin(password_only_client)


def test_signing_out_and_in_again_needs_a_code_again(client, coordinator, app_device):
    sign_in_with_password(client, coordinator)
    client.post(VERIFY_PATH, {"code": totp_code(app_device)})
    assert _is_signed_in_to_admin(client)

    _sign_out(client)
    sign_in_with_password(client, coordinator)

    for path in PROTECTED_PATHS:
        assert redirect_target(client.get(path))[0] == VERIFY_PATH


def _csrf_checked_password_sign_in(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    login_page = browser.get("/admin/login/")
    signed_in = submit_form(browser, login_page, username=user.username, password=PASSWORD)
    assert redirect_target(signed_in)[0] == "/admin/"
    return browser


def test_returning_sign_in_works_through_the_pages_with_csrf_checks(coordinator, app_device):
    browser = _csrf_checked_password_sign_in(coordinator)
    verify_page = browser.get(browser.get("/admin/account/")["Location"])

    response = submit_form(
        browser, verify_page, "form:has(input[name=code])", code=totp_code(app_device)
    )

    assert redirect_target(response)[0] == "/admin/account/"
    assert browser.get("/admin/account/").status_code == 200


def test_sign_out_on_the_verify_page_signs_the_user_out(coordinator, app_device):
    browser = _csrf_checked_password_sign_in(coordinator)
    verify_page = browser.get(VERIFY_PATH)

    response = submit_form(browser, verify_page, "form:has(button:-soup-contains('Sign out'))")

    assert redirect_target(response)[0] == "/admin/login/"
    assert redirect_target(browser.get("/admin/"))[0] == "/admin/login/"


def test_verify_page_for_an_already_verified_user_goes_on_to_next(verified_client, coordinator):
    client = verified_client(coordinator)

    response = client.get(VERIFY_PATH, {"next": "/admin/pages/"})

    assert redirect_target(response)[0] == "/admin/pages/"


def test_verify_page_needs_a_password_first(client, db):
    path, query = redirect_target(client.get(VERIFY_PATH))

    assert path == "/admin/login/"
    assert query["next"] == [VERIFY_PATH]


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http://testserver.evil.example/admin/",
        "javascript:alert(1)",
    ],
)
def test_next_pointing_off_site_is_ignored(password_only_client, app_device, next_url):
    page = password_only_client.get(VERIFY_PATH, {"next": next_url})
    assert b"evil.example" not in page.content

    response = password_only_client.post(
        VERIFY_PATH, {"code": totp_code(app_device), "next": next_url}
    )

    assert response["Location"] == "/admin/"


def test_next_pointing_off_site_is_ignored_through_setup(client, coordinator):
    sign_in_with_password(client, coordinator)
    client.get("/account/two-factor/setup/", {"next": "https://evil.example/"})
    device = coordinator.totpdevice_set.get()

    response = client.post(
        "/account/two-factor/setup/",
        {"code": totp_code(device), "next": "https://evil.example/"},
    )

    path, query = redirect_target(response)
    assert path == BACKUP_CODES_PATH
    assert query["next"] == ["/admin/"]
    codes_page = client.get(response["Location"])
    assert b"evil.example" not in codes_page.content


def test_wagtail_login_ignores_next_pointing_off_site(client, coordinator, app_device):
    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": coordinator.username, "password": PASSWORD},
    )

    assert redirect_target(response)[0] == "/admin/"
    assert redirect_target(client.get("/admin/"))[0] == VERIFY_PATH


def test_verified_session_does_not_carry_over_to_another_user(
    verified_client, coordinator, area_admin
):
    client = verified_client(coordinator)
    confirmed_totp(area_admin)

    sign_in_with_password(client, area_admin)

    assert client.session["_auth_user_id"] == str(area_admin.pk)
    assert redirect_target(client.get("/admin/"))[0] == VERIFY_PATH


def test_resetting_devices_ends_verified_sessions_and_asks_for_setup(
    verified_client, coordinator, backup_codes
):
    client = verified_client(coordinator)
    assert _is_signed_in_to_admin(client)

    reset_devices(coordinator)

    assert redirect_target(client.get("/admin/"))[0] == "/account/two-factor/setup/"
    assert client.post(VERIFY_PATH, {"code": backup_codes[0]}).status_code == 302
    assert not _is_signed_in_to_admin(client)
