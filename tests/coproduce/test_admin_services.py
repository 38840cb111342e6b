"""The services screens: SMS codes upper-cased and unique per area, aliases one per line."""

from django.urls import reverse

from coproduce.models import Service
from tests.coproduce.admin_checks import assert_refused
from tests.factories import ServiceFactory


def service_form(area, **overrides):
    data = {"area": area.pk, "name": "Sally Army hostel", "code": "hostel", "aliases": ""}
    data.update({"description": "", "is_active": "on"}, **overrides)
    return data


def test_code_is_upper_cased(verified_client, area_admin, area):
    response = verified_client(area_admin).post(reverse("services:add"), service_form(area))

    assert response.status_code == 302
    assert Service.objects.get(name="Sally Army hostel").code == "HOSTEL"


def test_code_used_in_the_same_area_is_a_clear_error(verified_client, area_admin, area):
    ServiceFactory(area=area, code="HOSTEL")

    response = verified_client(area_admin).post(reverse("services:add"), service_form(area))

    assert response.status_code == 200
    assert "Another service in this area uses that SMS code." in response.content.decode()
    assert b'value="Sally Army hostel"' in response.content
    assert Service.objects.filter(code="HOSTEL").count() == 1


def test_same_code_in_another_area_is_allowed(verified_client, superuser, area, other_area):
    ServiceFactory(area=area, code="HOSTEL")
    client = verified_client(superuser)

    response = client.post(reverse("services:add"), service_form(other_area))

    assert response.status_code == 302
    assert Service.objects.filter(code="HOSTEL").count() == 2


def test_code_with_spaces_gets_the_models_clear_error(verified_client, area_admin, area):
    response = verified_client(area_admin).post(
        reverse("services:add"), service_form(area, code="the hostel")
    )

    assert response.context["form"].errors["code"] == [
        "Use 2 to 12 capital letters or digits, no spaces (e.g. HOSTEL)."
    ]


def test_aliases_are_kept_one_per_line_without_blanks(verified_client, area_admin, area):
    aliases = "  the Sally Army \r\n\r\nSalvation Army hostel\r\n"

    verified_client(area_admin).post(reverse("services:add"), service_form(area, aliases=aliases))

    service = Service.objects.get(name="Sally Army hostel")
    assert service.aliases == "the Sally Army\nSalvation Army hostel"
    assert service.alias_list == ["the Sally Army", "Salvation Army hostel"]


def test_coordinator_views_services_but_cannot_add_them(verified_client, coordinator, area):
    client = verified_client(coordinator)

    listing = client.get(reverse("services:index"))
    add = client.post(reverse("services:add"), service_form(area))

    assert listing.status_code == 200
    assert_refused(add)
    assert not Service.objects.exists()
