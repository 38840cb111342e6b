"""Backup codes: shown once when made; staff can make new ones from their account page."""

from bs4 import BeautifulSoup
from django_otp.plugins.otp_static.models import StaticToken

from coproduce.two_factor.devices import BACKUP_CODE_COUNT

from .helpers import BACKUP_CODES_PATH, VERIFY_PATH, redirect_target, shown_backup_codes

NEW_CODES_PATH = "/account/two-factor/backup-codes/new/"


def _stored_codes(user) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def test_account_page_links_to_backup_codes(verified_client, coordinator):
    client = verified_client(coordinator)

    response = client.get("/admin/account/")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    links = page.find_all("a", href=BACKUP_CODES_PATH)
    assert [link.get_text(strip=True) for link in links] == ["Backup codes"]


def test_backup_codes_page_offers_new_codes_without_showing_old_ones(
    verified_client, coordinator, backup_codes
):
    response = verified_client(coordinator).get(BACKUP_CODES_PATH)

    assert response.status_code == 200
    assert shown_backup_codes(response) == []
    assert not any(code.encode() in response.content for code in backup_codes)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("form", action=NEW_CODES_PATH) is not None


def test_making_new_codes_replaces_the_old_ones_and_shows_them_once(
    verified_client, coordinator, backup_codes
):
    client = verified_client(coordinator)

    response = client.post(NEW_CODES_PATH)

    assert redirect_target(response)[0] == BACKUP_CODES_PATH
    new_codes = shown_backup_codes(client.get(BACKUP_CODES_PATH))
    assert len(new_codes) == BACKUP_CODE_COUNT
    assert set(new_codes) == _stored_codes(coordinator)
    assert not set(backup_codes) & set(new_codes)
    assert shown_backup_codes(client.get(BACKUP_CODES_PATH)) == []


def test_backup_codes_pages_need_a_verified_session(password_only_client, backup_codes):
    coordinator_codes_before = set(backup_codes)

    shown = password_only_client.get(BACKUP_CODES_PATH)
    made = password_only_client.post(NEW_CODES_PATH)

    assert redirect_target(shown)[0] == VERIFY_PATH
    assert redirect_target(made)[0] == VERIFY_PATH
    user = StaticToken.objects.first().device.user
    assert _stored_codes(user) == coordinator_codes_before


def test_new_codes_need_a_post(verified_client, coordinator, backup_codes):
    response = verified_client(coordinator).get(NEW_CODES_PATH)

    assert response.status_code == 405
    assert _stored_codes(coordinator) == set(backup_codes)
