"""Finding which service a text names: its code, its name or an alias."""

import pytest

from coproduce import area_setup
from coproduce.models import Service
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


def test_an_edited_service_is_found_by_its_new_code_at_once(area, hope_house):
    assert find_service("hostel 4", area=area)[0] == hope_house

    hope_house.code = "HOPE"
    hope_house.aliases = "hope hostel"
    hope_house.save()

    assert find_service("hostel 4", area=area) == (None, "hostel 4")
    assert find_service("hope 4", area=area) == (hope_house, "4")
    assert find_service("hope hostel: 4", area=area) == (hope_house, "4")


def test_a_service_switched_off_or_added_counts_at_once(area, hope_house):
    assert find_service("hostel 4", area=area)[0] == hope_house

    hope_house.is_active = False
    hope_house.save()
    gp = ServiceFactory(area=area, name="Riverside GP", code="GP")

    assert find_service("hostel 4", area=area)[0] is None
    assert find_service("gp 4", area=area) == (gp, "4")


def test_an_edit_saved_in_another_process_is_seen_when_the_area_is_next_read(area, hope_house):
    """Another web process saves the service: this process keeps its old copy, but the area's
    stamp has changed, and every text reads its area afresh."""
    find_service("hostel 4", area=area)
    this_process = dict(area_setup._copies)

    hope_house.code = "HOPE"
    hope_house.save()  # (in another process: this one's copies are not cleared there)
    area_setup._copies.update(this_process)
    area.refresh_from_db()

    assert find_service("hostel 4", area=area)[0] is None
    assert find_service("hope 4", area=area)[0] == hope_house


def test_a_bulk_update_must_say_the_setup_changed(area, hope_house):
    find_service("hostel 4", area=area)

    Service.objects.filter(pk=hope_house.pk).update(code="HOPE")  # sends no signal
    area_setup.setup_changed()
    area.refresh_from_db()

    assert find_service("hope 4", area=area)[0] == hope_house


def test_services_are_read_once_until_they_change(area, hope_house, django_assert_num_queries):
    find_service("hostel 4", area=area)

    with django_assert_num_queries(0):
        assert find_service("hostel 4", area=area)[0] == hope_house


def test_the_area_services_are_read_in_one_query(area, hope_house, django_assert_num_queries):
    ServiceFactory(area=area, name="Riverside GP", code="GP")

    with django_assert_num_queries(1):
        assert find_service("gp 2", area=area)[1] == "2"
