"""Each role's admin menu offers the core screens its permissions allow, and no others."""

import pytest

from tests.coproduce.admin_checks import menu_urls

# The role fixtures are looked up by name, so pytest-django can't see these tests use the
# database; the mark keeps them with the other database tests, before any that flush it.
pytestmark = pytest.mark.django_db

SCREENS = {"/admin/people/", "/admin/services/", "/admin/themes/", "/admin/areas/"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("area_admin", SCREENS),
        ("coordinator", {"/admin/people/", "/admin/services/", "/admin/themes/"}),
        ("panel_organiser", {"/admin/people/", "/admin/services/", "/admin/themes/"}),
        ("finance_user", {"/admin/people/"}),
        ("governance_viewer", {"/admin/themes/"}),
        ("national_user", SCREENS),
        ("superuser", SCREENS),
    ],
)
def test_menu_offers_the_screens_the_role_may_use(verified_client, request, role, expected):
    client = verified_client(request.getfixturevalue(role))

    assert menu_urls(client) & SCREENS == expected


@pytest.mark.parametrize("role", ["area_admin", "coordinator", "governance_viewer"])
def test_menu_groups_them_under_people_and_services(verified_client, request, role):
    client = verified_client(request.getfixturevalue(role))

    assert b"People and services" in client.get("/admin/").content


@pytest.mark.parametrize("role", ["area_admin", "coordinator", "national_user"])
def test_only_superusers_get_the_users_screen(verified_client, request, superuser, role):
    staff = verified_client(request.getfixturevalue(role))
    assert "/admin/users/" not in menu_urls(staff)

    assert "/admin/users/" in menu_urls(verified_client(superuser))
