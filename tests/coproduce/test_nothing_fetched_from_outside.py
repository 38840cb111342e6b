"""Pages load nothing from other sites: no CDN, no gravatar (which would also leak emails)."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

STAFF_PAGES = ["/admin/", "/admin/account/", "/admin/people/"]


def outside_resources(html: bytes) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    found = []
    for tag in page.find_all(["img", "script", "link", "iframe", "source"]):
        for attribute in ("src", "href", "srcset"):
            url = tag.get(attribute)
            if url and urlsplit(url).netloc not in {"", "testserver"}:
                found.append(url)
    return found


def test_the_check_spots_an_outside_address():
    assert outside_resources(b'<img src="https://www.gravatar.com/avatar/x">') == [
        "https://www.gravatar.com/avatar/x"
    ]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_fetch_nothing_from_outside(verified_client, coordinator, path):
    coordinator.email = "coordinator@example.org"
    coordinator.save()

    response = verified_client(coordinator).get(path)

    assert response.status_code == 200
    assert outside_resources(response.content) == []


def test_home_page_fetches_nothing_from_outside(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert outside_resources(response.content) == []
