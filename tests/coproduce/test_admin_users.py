"""Staff user screens: only a superuser gives someone areas or the national role."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from coproduce.models import User
from tests.coproduce.admin_checks import assert_refused
from tests.factories import UserFactory

NEW_PASSWORD = "plain-lantern-orbit-47"


def user_form(**overrides):
    data = {
        "username": "newstaff",
        "email": "newstaff@example.org",
        "first_name": "New",
        "last_name": "Staff",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(overrides)
    return data


def edit_coordinator_form(**overrides):
    """The edit form for the ``coordinator`` fixture, password left unchanged."""
    unchanged = {"username": "coordinator", "email": "coordinator@example.org"}
    return user_form(**unchanged, password1="", password2="", is_active="on", **overrides)


@pytest.fixture
def user_manager(area):
    """A non-superuser allowed to manage user accounts (no standard role may)."""
    manager = UserFactory(username="manager", areas=[area])
    manager.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "add_user", "change_user", "view_user"]
        )
    )
    return manager


def test_superuser_creates_staff_with_areas_and_national_role(
    verified_client, superuser, area, other_area
):
    client = verified_client(superuser)

    response = client.post(
        reverse("wagtailusers_users:add"),
        user_form(areas=[area.pk, other_area.pk], is_national="on"),
    )

    assert response.status_code == 302
    created = User.objects.get(username="newstaff")
    assert set(created.areas.all()) == {area, other_area}
    assert created.is_national


def test_superuser_changes_someones_areas(verified_client, superuser, coordinator, other_area):
    client = verified_client(superuser)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[coordinator.pk]),
        edit_coordinator_form(areas=[other_area.pk]),
    )

    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert list(coordinator.areas.all()) == [other_area]
    assert not coordinator.is_national


def test_superuser_sees_area_and_national_fields(verified_client, superuser, coordinator):
    client = verified_client(superuser)

    add = client.get(reverse("wagtailusers_users:add"))
    edit = client.get(reverse("wagtailusers_users:edit", args=[coordinator.pk]))

    for response in (add, edit):
        assert b'name="areas"' in response.content
        assert b'name="is_national"' in response.content


def test_other_user_managers_do_not_get_area_or_national_fields(
    verified_client, user_manager, coordinator
):
    response = verified_client(user_manager).get(
        reverse("wagtailusers_users:edit", args=[coordinator.pk])
    )

    assert response.status_code == 200
    assert b'name="areas"' not in response.content
    assert b'name="is_national"' not in response.content


def test_other_user_managers_cannot_set_areas_or_national_role_by_post(
    verified_client, user_manager, coordinator, area, other_area
):
    client = verified_client(user_manager)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[coordinator.pk]),
        edit_coordinator_form(first_name="Co", areas=[other_area.pk], is_national="on"),
    )

    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.first_name == "Co"
    assert list(coordinator.areas.all()) == [area]
    assert not coordinator.is_national


def test_new_user_made_by_a_non_superuser_gets_no_areas(verified_client, user_manager, area):
    client = verified_client(user_manager)

    client.post(reverse("wagtailusers_users:add"), user_form(areas=[area.pk], is_national="on"))

    created = User.objects.get(username="newstaff")
    assert not created.areas.exists()
    assert not created.is_national


def test_coordinator_cannot_open_user_screens(verified_client, coordinator):
    response = verified_client(coordinator).get(reverse("wagtailusers_users:index"))

    assert_refused(response)


def test_user_managers_see_the_on_call_fields(verified_client, user_manager, coordinator):
    client = verified_client(user_manager)

    add = client.get(reverse("wagtailusers_users:add"))
    edit = client.get(reverse("wagtailusers_users:edit", args=[coordinator.pk]))

    for response in (add, edit):
        assert response.status_code == 200
        assert b'name="is_on_call"' in response.content
        assert b'name="on_call_phone"' in response.content


def test_on_call_phone_typed_the_uk_way_is_stored_as_e164(verified_client, superuser):
    client = verified_client(superuser)

    response = client.post(
        reverse("wagtailusers_users:add"),
        user_form(is_on_call="on", on_call_phone="07700 900555"),
    )

    assert response.status_code == 302
    created = User.objects.get(username="newstaff")
    assert created.is_on_call
    assert created.on_call_phone == "+447700900555"


def test_user_manager_puts_someone_on_call_with_a_normalised_number(
    verified_client, user_manager, coordinator
):
    client = verified_client(user_manager)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[coordinator.pk]),
        edit_coordinator_form(is_on_call="on", on_call_phone="+44 (0)7700-900 556"),
    )

    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.is_on_call
    assert coordinator.on_call_phone == "+447700900556"


def test_a_number_that_is_not_a_phone_number_is_refused(verified_client, user_manager, coordinator):
    client = verified_client(user_manager)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[coordinator.pk]),
        edit_coordinator_form(is_on_call="on", on_call_phone="call the office"),
    )

    assert response.status_code == 200
    assert b"look like a phone number" in response.content
    coordinator.refresh_from_db()
    assert not coordinator.is_on_call
    assert coordinator.on_call_phone == ""


def test_clearing_the_on_call_phone_stores_nothing(verified_client, user_manager, coordinator):
    coordinator.on_call_phone = "+447700900557"
    coordinator.save()

    verified_client(user_manager).post(
        reverse("wagtailusers_users:edit", args=[coordinator.pk]),
        edit_coordinator_form(on_call_phone="  "),
    )

    coordinator.refresh_from_db()
    assert coordinator.on_call_phone == ""
    assert not coordinator.is_on_call


def test_the_on_call_fields_are_only_for_people_who_manage_users(coordinator, user_manager):
    from coproduce.forms import StaffUserEditForm

    assert (
        "on_call_phone" not in StaffUserEditForm(instance=coordinator, for_user=coordinator).fields
    )
    assert "is_on_call" not in StaffUserEditForm(instance=coordinator, for_user=None).fields
    assert "on_call_phone" in StaffUserEditForm(instance=coordinator, for_user=user_manager).fields
