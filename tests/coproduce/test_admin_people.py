"""The people screens: who sees phone numbers, clear errors that keep input, consent history."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from coproduce.models import Consent, Person
from tests.coproduce.admin_checks import assert_refused, person_form
from tests.factories import PersonFactory, UserFactory

NUMBER = "+447700900123"
# Every way the number could be written out in a page.
NUMBER_FORMS = [b"+447700900123", b"447700900123", b"07700900123", b"07700 900123", b"900123"]


@pytest.fixture
def person(area):
    return PersonFactory(area=area, display_name="Rita", phone=NUMBER)


@pytest.fixture
def editor_without_phone(area):
    """Someone who may change people but not see their numbers (no standard role does)."""
    group = Group.objects.create(name="Editor without phones")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_person", "change_person"],
        )
    )
    return UserFactory(roles=[group.name], areas=[area])


def assert_number_absent(response):
    assert response.status_code == 200
    for form in NUMBER_FORMS:
        assert form not in response.content


def test_listing_shows_masked_phone_only(verified_client, coordinator, person):
    response = verified_client(coordinator).get(reverse("people:index"))

    assert "•••• •••123" in response.content.decode()
    assert_number_absent(response)


@pytest.mark.parametrize("role", ["panel_organiser", "finance_user"])
@pytest.mark.parametrize("view", ["index", "inspect"])
def test_roles_without_phone_permission_never_see_the_number(
    verified_client, request, person, role, view
):
    client = verified_client(request.getfixturevalue(role))
    args = [] if view == "index" else [person.pk]

    response = client.get(reverse(f"people:{view}", args=args))

    assert b"Rita" in response.content
    assert_number_absent(response)


@pytest.mark.parametrize("role", ["panel_organiser", "finance_user"])
def test_roles_that_only_view_people_cannot_edit_them(verified_client, request, person, role):
    client = verified_client(request.getfixturevalue(role))

    assert_refused(client.get(reverse("people:edit", args=[person.pk])))
    assert_refused(client.get(reverse("people:add")))


def test_edit_form_has_no_phone_field_without_the_permission(
    verified_client, editor_without_phone, person
):
    response = verified_client(editor_without_phone).get(reverse("people:edit", args=[person.pk]))

    assert "phone" not in response.context["form"].fields
    assert b'name="phone"' not in response.content
    assert_number_absent(response)


def test_saving_without_the_permission_cannot_overwrite_the_number(
    verified_client, editor_without_phone, area, person
):
    client = verified_client(editor_without_phone)

    response = client.post(
        reverse("people:edit", args=[person.pk]),
        person_form(area, display_name="Rita B", phone="+447700900999"),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.display_name, person.phone) == ("Rita B", NUMBER)


def test_edit_form_shows_the_full_number_with_the_permission(verified_client, coordinator, person):
    response = verified_client(coordinator).get(reverse("people:edit", args=[person.pk]))

    assert f'value="{NUMBER}"'.encode() in response.content


def test_inspect_shows_the_full_number_with_the_permission(verified_client, coordinator, person):
    response = verified_client(coordinator).get(reverse("people:inspect", args=[person.pk]))

    assert NUMBER.encode() in response.content


def test_invalid_phone_gets_a_clear_error_and_keeps_the_rest(verified_client, coordinator, area):
    client = verified_client(coordinator)

    response = client.post(
        reverse("people:add"),
        person_form(area, display_name="Jo the Builder", phone="not a number", email="jo@x.org"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == ["That doesn't look like a phone number."]
    assert b'value="Jo the Builder"' in response.content
    assert b'value="jo@x.org"' in response.content
    assert not Person.objects.filter(display_name="Jo the Builder").exists()


def test_phone_is_stored_in_international_form(verified_client, coordinator, area):
    client = verified_client(coordinator)

    client.post(reverse("people:add"), person_form(area, display_name="Kim", phone="07700 900456"))

    assert Person.objects.get(display_name="Kim").phone == "+447700900456"


def test_duplicate_phone_in_the_same_area_is_a_clear_error(
    verified_client, coordinator, area, person
):
    client = verified_client(coordinator)

    response = client.post(
        reverse("people:add"), person_form(area, display_name="Twin", phone="07700 900123")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "Someone in this area already has that phone number."
    ]
    assert not Person.objects.filter(display_name="Twin").exists()


def test_same_phone_in_another_area_is_allowed(verified_client, national_user, other_area, person):
    client = verified_client(national_user)

    response = client.post(
        reverse("people:add"), person_form(other_area, display_name="Twin", phone=NUMBER)
    )

    assert response.status_code == 302
    assert Person.objects.filter(phone_hash=person.phone_hash).count() == 2


def test_resaving_a_person_keeps_their_own_number(verified_client, coordinator, area, person):
    client = verified_client(coordinator)

    response = client.post(
        reverse("people:edit", args=[person.pk]),
        person_form(area, display_name="Rita", phone=NUMBER),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == NUMBER


def test_search_finds_people_by_display_name(verified_client, coordinator, area):
    PersonFactory(area=area, display_name="Moonbeam")
    PersonFactory(area=area, display_name="Sunny")

    response = verified_client(coordinator).get(reverse("people:index"), {"q": "moon"})

    assert b"Moonbeam" in response.content
    assert b"Sunny" not in response.content


def test_inspect_lists_consent_history(verified_client, coordinator, person):
    Consent.objects.create(
        person=person,
        kind=Consent.Kind.QUOTE_WORDS,
        given=True,
        channel=Consent.Channel.WEB,
        note="Happy to be quoted",
    )

    response = verified_client(coordinator).get(reverse("people:inspect", args=[person.pk]))

    content = response.content.decode()
    assert "Use their words as anonymous quotes: yes" in content
    assert "Happy to be quoted" in content


def test_governance_viewer_cannot_list_people(verified_client, governance_viewer, person):
    client = verified_client(governance_viewer)

    listing = client.get(reverse("people:index"))
    inspect = client.get(reverse("people:inspect", args=[person.pk]))

    assert_refused(listing)
    assert inspect.status_code == 404
    assert b"Rita" not in listing.content + inspect.content
