"""The sign-in pages work with a screen reader: labelled input, linked hints and errors."""

import pytest
from bs4 import BeautifulSoup

from .helpers import SETUP_PATH, VERIFY_PATH, sign_in_with_password, wrong_totp_code


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _code_input(page: BeautifulSoup):
    return page.find("input", attrs={"name": "code"})


def _described_by(page: BeautifulSoup, field) -> list[str]:
    """The text of every element the field's aria-describedby points at."""
    ids = field["aria-describedby"].split()
    elements = [page.find(id=element_id) for element_id in ids]
    assert None not in elements, f"aria-describedby names a missing id: {ids}"
    return [element.get_text(" ", strip=True) for element in elements]


@pytest.fixture
def verify_page_client(password_only_client):
    return password_only_client


@pytest.fixture
def setup_page_client(client, coordinator):
    sign_in_with_password(client, coordinator)
    return client


@pytest.mark.parametrize(
    ("client_fixture", "path"),
    [("verify_page_client", VERIFY_PATH), ("setup_page_client", SETUP_PATH)],
    ids=["verify", "setup"],
)
def test_code_page_has_one_heading_and_a_labelled_described_input(request, client_fixture, path):
    client = request.getfixturevalue(client_fixture)

    page = _page(client.get(path))

    assert len(page.find_all("h1")) == 1
    assert page.html["lang"]
    code_input = _code_input(page)
    label = page.find("label", attrs={"for": code_input["id"]})
    assert label is not None and label.get_text(strip=True)
    hint = _described_by(page, code_input)
    assert any("6-digit code" in text for text in hint)
    assert not code_input.has_attr("aria-invalid")
    all_ids = [element["id"] for element in page.find_all(id=True)]
    assert len(all_ids) == len(set(all_ids))


def test_verify_error_is_linked_to_the_input(verify_page_client, app_device):
    response = verify_page_client.post(VERIFY_PATH, {"code": wrong_totp_code(app_device)})

    page = _page(response)
    code_input = _code_input(page)
    assert code_input["aria-invalid"] == "true"
    assert any("That code didn" in text for text in _described_by(page, code_input))
    assert len(page.find_all("h1")) == 1


def test_setup_error_is_linked_to_the_input(setup_page_client, coordinator):
    setup_page_client.get(SETUP_PATH)
    device = coordinator.totpdevice_set.get()

    response = setup_page_client.post(SETUP_PATH, {"code": wrong_totp_code(device)})

    page = _page(response)
    code_input = _code_input(page)
    assert code_input["aria-invalid"] == "true"
    assert any("That code didn" in text for text in _described_by(page, code_input))


def test_empty_code_is_reported_on_the_input(verify_page_client):
    response = verify_page_client.post(VERIFY_PATH, {"code": ""})

    page = _page(response)
    code_input = _code_input(page)
    assert code_input["aria-invalid"] == "true"
    assert any("required" in text for text in _described_by(page, code_input))


def test_setup_qr_code_has_a_text_alternative(setup_page_client):
    page = _page(setup_page_client.get(SETUP_PATH))

    svg = page.select_one(".qr svg")
    assert svg.find("title").get_text(strip=True) == "QR code for your authenticator app"
    assert page.select_one(".secret").get_text(strip=True)


@pytest.mark.parametrize(
    ("client_fixture", "path", "keyboard"),
    [("verify_page_client", VERIFY_PATH, "text"), ("setup_page_client", SETUP_PATH, "numeric")],
    ids=["verify-takes-backup-codes", "setup-takes-digits"],
)
def test_code_input_offers_the_right_phone_keyboard(request, client_fixture, path, keyboard):
    client = request.getfixturevalue(client_fixture)

    code_input = _code_input(_page(client.get(path)))

    assert code_input["inputmode"] == keyboard
