"""Roles are Wagtail groups made by migration, each with the least it needs."""

import pytest
from django.contrib.auth.models import Group

from coproduce import roles


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_role_exists_and_can_reach_the_admin(db):
    for role in roles.ALL_ROLES:
        assert "wagtailadmin.access_admin" in perms(role)


def test_wagtails_starter_groups_are_removed(db):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_governance_viewers_cannot_see_people_or_numbers(db):
    granted = perms(roles.GOVERNANCE_VIEWER)
    assert not any(p.startswith("coproduce.") and "person" in p for p in granted)
    assert "coproduce.view_phone_number" not in granted


@pytest.mark.parametrize("role", [roles.PANEL_ORGANISER, roles.FINANCE, roles.GOVERNANCE_VIEWER])
def test_only_coordinators_and_area_admins_see_phone_numbers(db, role):
    assert "coproduce.view_phone_number" not in perms(role)


@pytest.mark.parametrize("role", [roles.AREA_ADMIN, roles.COORDINATOR])
def test_coordinators_and_area_admins_see_phone_numbers(db, role):
    assert "coproduce.view_phone_number" in perms(role)


def test_coordinators_cannot_delete_people_or_edit_services(db):
    granted = perms(roles.COORDINATOR)
    assert "coproduce.view_person" in granted
    assert "coproduce.delete_person" not in granted
    assert "coproduce.change_service" not in granted


def test_no_role_may_manage_staff_users_or_groups(db):
    for role in roles.ALL_ROLES:
        granted = perms(role)
        assert not any(p.endswith(("_user", "_group")) for p in granted), role


def test_only_area_admins_edit_pages(db):
    for role in roles.ALL_ROLES:
        group = Group.objects.get(name=role)
        has_page_rights = group.page_permissions.exists()
        assert has_page_rights == (role == roles.AREA_ADMIN), role


def test_role_users_have_exactly_their_groups_permissions(coordinator):
    assert coordinator.has_perm("coproduce.change_person")
    assert not coordinator.has_perm("coproduce.delete_person")
    assert not coordinator.is_staff  # Django's own admin is for superusers only
