"""No staff URL answers a session that has given a password but no second factor."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page

from coproduce import roles
from tests.factories import UserFactory, confirmed_totp

from .helpers import SETUP_PATH, VERIFY_PATH, redirect_target, sign_in_with_password

# The only staff URLs a half-signed-in user may reach: they finish or abandon signing in.
SIGN_IN_AND_OUT_PATHS = {
    "/admin/login/",
    "/admin/logout/",
    "/django-admin/login/",
    "/django-admin/logout/",
}
DUMMY_BY_CONVERTER = {
    "int": "1",
    "slug": "1",
    "str": "1",
    "path": "1",
    "uuid": "00000000-0000-0000-0000-000000000001",
}


def _sample_for_group(group_regex: str) -> str:
    candidates = ["1", *group_regex.split("|")]
    return next(text for text in candidates if re.fullmatch(group_regex, text))


def _concrete(pattern) -> str:
    """One URL segment with dummy values in place of its arguments."""
    if isinstance(pattern.pattern, RoutePattern):
        route = str(pattern.pattern)
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: DUMMY_BY_CONVERTER[m[1] or "str"], route)
    regex = str(pattern.pattern).removeprefix("^").removesuffix("$")
    regex = re.sub(r"\(\?P<\w+>([^()]*)\)", lambda m: _sample_for_group(m[1]), regex)
    return regex.replace(".*", "1").replace("\\", "")


def _all_paths(patterns, prefix: str = ""):
    for pattern in patterns:
        path = prefix + _concrete(pattern)
        if isinstance(pattern, URLResolver):
            yield from _all_paths(pattern.url_patterns, path)
        else:
            yield path


def staff_paths() -> list[str]:
    paths = {"/" + path for path in _all_paths(get_resolver().url_patterns)}
    protected = tuple(settings.TWO_FACTOR_PROTECTED_PREFIXES)
    return sorted(path for path in paths if path.startswith(protected))


def test_staff_paths_cover_both_admins():
    paths = staff_paths()

    assert len([path for path in paths if path.startswith("/admin/")]) > 150
    assert len([path for path in paths if path.startswith("/django-admin/")]) > 20
    assert "/admin/pages/1/edit/" in paths
    assert "/django-admin/otp_totp/totpdevice/1/change/" in paths
    for path in paths:
        resolve(path)


@pytest.fixture
def unverified_superuser_client(client, superuser):
    sign_in_with_password(client, superuser)
    return client


@pytest.mark.parametrize("has_app", [True, False], ids=["with-app", "without-app"])
def test_every_staff_url_redirects_an_unverified_superuser(
    unverified_superuser_client, superuser, has_app
):
    if has_app:
        confirmed_totp(superuser)
    expected_target = VERIFY_PATH if has_app else SETUP_PATH
    leaks = []

    for path in staff_paths():
        if path in SIGN_IN_AND_OUT_PATHS:
            continue
        response = unverified_superuser_client.get(path)
        if response.status_code != 302 or response.content:
            leaks.append(f"{path} answered {response.status_code}")
            continue
        target, query = redirect_target(response)
        if target != expected_target or query.get("next") != [path]:
            leaks.append(f"{path} redirected to {response['Location']}")

    assert leaks == []


def test_sign_in_and_out_pages_are_the_only_exemptions(unverified_superuser_client):
    paths = set(staff_paths())

    assert SIGN_IN_AND_OUT_PATHS <= paths
    response = unverified_superuser_client.get("/admin/login/")
    assert redirect_target(response)[0] == "/admin/"
    assert redirect_target(unverified_superuser_client.get("/admin/"))[0] == SETUP_PATH


@pytest.fixture
def victim(db):
    user = UserFactory(username="victim", first_name="Vic")
    confirmed_totp(user)
    return user


def _app_of(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user)


def _coordinator_group() -> Group:
    return Group.objects.get(name=roles.COORDINATOR)


def _home_page():
    return Page.objects.get(depth=2)


def _add_user(victim):
    password = "a-long-enough-password"
    return "/admin/users/new/", {
        "username": "intruder",
        "email": "intruder@example.org",
        "first_name": "In",
        "last_name": "Truder",
        "password1": password,
        "password2": password,
        "is_superuser": "on",
    }


def _add_device_for(victim):
    data = {
        "user": victim.pk,
        "name": "Intruder",
        "confirmed": "on",
        "key": "00" * 20,
        "step": 30,
        "t0": 0,
        "digits": 6,
        "tolerance": 1,
        "drift": 0,
        "throttling_failure_count": 0,
    }
    return "/django-admin/otp_totp/totpdevice/add/", data


POSTS = [
    pytest.param(
        _add_user,
        lambda victim: get_user_model().objects.filter(username="intruder").exists(),
        id="wagtail-add-user",
    ),
    pytest.param(
        lambda victim: (f"/admin/users/delete/{victim.pk}/", {}),
        lambda victim: not get_user_model().objects.filter(pk=victim.pk).exists(),
        id="wagtail-delete-user",
    ),
    pytest.param(
        lambda victim: (
            f"/django-admin/otp_totp/totpdevice/{_app_of(victim).pk}/delete/",
            {"post": "yes"},
        ),
        lambda victim: not TOTPDevice.objects.filter(user=victim).exists(),
        id="django-admin-delete-device",
    ),
    pytest.param(
        _add_device_for,
        lambda victim: TOTPDevice.objects.filter(user=victim, name="Intruder").exists(),
        id="django-admin-add-device",
    ),
    pytest.param(
        lambda victim: (f"/admin/pages/{_home_page().pk}/delete/", {}),
        lambda victim: not Page.objects.filter(depth=2).exists(),
        id="wagtail-delete-page",
    ),
    pytest.param(
        lambda victim: (f"/admin/groups/delete/{_coordinator_group().pk}/", {}),
        lambda victim: not Group.objects.filter(name=roles.COORDINATOR).exists(),
        id="wagtail-delete-role",
    ),
]


@pytest.mark.parametrize(("make_request", "changed"), POSTS)
def test_posts_from_an_unverified_superuser_change_nothing(
    unverified_superuser_client, superuser, victim, make_request, changed
):
    confirmed_totp(superuser)
    path, data = make_request(victim)

    response = unverified_superuser_client.post(path, data)

    assert redirect_target(response)[0] == VERIFY_PATH
    assert not changed(victim)


@pytest.mark.parametrize(("make_request", "changed"), POSTS)
def test_same_posts_from_a_verified_superuser_do_change_things(
    verified_client, superuser, victim, make_request, changed
):
    """Shows the requests above are real ones, so 'nothing changed' means they were stopped."""
    client = verified_client(superuser)
    path, data = make_request(victim)

    response = client.post(path, data)

    assert response.status_code == 302
    assert changed(victim)
