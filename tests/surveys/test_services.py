"""Finding which service a text names: its code, its name or an alias."""

import pytest

from surveys.services import find_service
from tests.factories import AreaFactory, ServiceFactory


@pytest.fixture
def hope_house(area):
    return ServiceFactory(area=area, name="Hope House", code="HOSTEL", aliases="the hostel")


@pytest.mark.parametrize(
    "text, rest",
    [
        ("HOSTEL", ""),
        ("hostel 4", "4"),
        ("Hope House: 2 cold rooms", "2 cold rooms"),
        ("the hostel was ok", "was ok"),
    ],
)
def test_service_is_found_by_code_name_or_alias(area, hope_house, text, rest):
    assert find_service(text, area=area) == (hope_house, rest)


def test_longest_name_wins(area, hope_house):
    centre = ServiceFactory(area=area, name="Hope House Centre", code="CENTRE")

    assert find_service("hope house centre 5", area=area) == (centre, "5")


def test_a_name_inside_another_word_does_not_count(area, hope_house):
    assert find_service("hostels everywhere are full", area=area) == (
        None,
        "hostels everywhere are full",
    )


def test_only_active_services_in_the_area_are_found(area, hope_house):
    ServiceFactory(area=AreaFactory(slug="elsewhere"), name="Drop In", code="DROPIN")
    ServiceFactory(area=area, name="Old Clinic", code="CLINIC", is_active=False)

    assert find_service("dropin 4", area=area)[0] is None
    assert find_service("clinic 4", area=area)[0] is None
