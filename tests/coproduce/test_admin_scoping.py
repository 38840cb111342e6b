"""Every admin screen for the core models shows only the staff user's areas."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from coproduce.models import Area, Person, Service, Theme
from tests.coproduce.admin_checks import assert_refused, person_form
from tests.factories import PersonFactory, ServiceFactory, ThemeFactory


@pytest.fixture
def ours(area):
    return PersonFactory(area=area, display_name="Riverside Rita")


@pytest.fixture
def theirs(other_area):
    return PersonFactory(area=other_area, display_name="Hillford Harry")


def test_people_listing_shows_only_the_users_area(verified_client, coordinator, ours, theirs):
    response = verified_client(coordinator).get(reverse("people:index"))

    assert response.status_code == 200
    assert b"Riverside Rita" in response.content
    assert b"Hillford Harry" not in response.content


def test_people_search_results_are_scoped_too(verified_client, coordinator, ours, theirs):
    response = verified_client(coordinator).get(reverse("people:index_results"), {"q": "H"})

    assert b"Hillford Harry" not in response.content


def test_national_user_sees_people_in_every_area(verified_client, national_user, ours, theirs):
    response = verified_client(national_user).get(reverse("people:index"))

    assert b"Riverside Rita" in response.content
    assert b"Hillford Harry" in response.content


def test_superuser_sees_people_in_every_area(verified_client, superuser, ours, theirs):
    response = verified_client(superuser).get(reverse("people:index"))

    assert b"Riverside Rita" in response.content
    assert b"Hillford Harry" in response.content


@pytest.mark.parametrize("view", ["edit", "inspect", "delete", "history", "usage"])
def test_another_areas_person_is_not_found_by_url(verified_client, area_admin, theirs, view):
    client = verified_client(area_admin)

    response = client.get(reverse(f"people:{view}", args=[theirs.pk]))

    assert response.status_code == 404
    assert b"Hillford Harry" not in response.content


@pytest.mark.parametrize("view", ["edit", "inspect", "delete", "history", "usage"])
def test_own_areas_person_opens_by_url(verified_client, area_admin, ours, view):
    response = verified_client(area_admin).get(reverse(f"people:{view}", args=[ours.pk]))

    assert response.status_code == 200


def test_editing_another_areas_person_by_post_changes_nothing(
    verified_client, area_admin, area, theirs
):
    client = verified_client(area_admin)

    response = client.post(
        reverse("people:edit", args=[theirs.pk]), person_form(area, display_name="Stolen")
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.display_name == "Hillford Harry"
    assert theirs.area.slug == "hillford"


def test_deleting_another_areas_person_by_post_deletes_nothing(verified_client, area_admin, theirs):
    response = verified_client(area_admin).post(reverse("people:delete", args=[theirs.pk]))

    assert response.status_code == 404
    assert Person.objects.filter(pk=theirs.pk).exists()


def test_deleting_own_areas_person_works(verified_client, area_admin, ours):
    response = verified_client(area_admin).post(reverse("people:delete", args=[ours.pk]))

    assert response.status_code == 302
    assert not Person.objects.filter(pk=ours.pk).exists()


def test_crafted_area_id_cannot_create_a_person_elsewhere(verified_client, coordinator, other_area):
    client = verified_client(coordinator)

    response = client.post(reverse("people:add"), person_form(other_area, display_name="Sneaky"))

    assert response.status_code == 200
    assert "area" in response.context["form"].errors
    assert not Person.objects.filter(display_name="Sneaky").exists()


def test_crafted_area_id_cannot_move_a_person_elsewhere(
    verified_client, coordinator, other_area, ours
):
    client = verified_client(coordinator)

    response = client.post(reverse("people:edit", args=[ours.pk]), person_form(other_area))

    assert response.status_code == 200
    assert "area" in response.context["form"].errors
    ours.refresh_from_db()
    assert ours.area.slug == "riverside"


def test_area_choices_are_the_users_areas_with_the_only_one_preselected(
    verified_client, coordinator, area, other_area
):
    response = verified_client(coordinator).get(reverse("people:add"))

    area_field = response.context["form"]["area"]
    assert list(area_field.field.queryset) == [area]
    assert area_field.value() == area.pk
    assert b"Hillford" not in response.content


def test_national_user_may_create_a_person_in_any_area(verified_client, national_user, other_area):
    client = verified_client(national_user)

    response = client.post(reverse("people:add"), person_form(other_area, display_name="Nat"))

    assert response.status_code == 302
    assert Person.objects.get(display_name="Nat").area == other_area


def test_services_are_scoped_like_people(verified_client, area_admin, area, other_area):
    ServiceFactory(area=area, name="Riverside Hostel")
    elsewhere = ServiceFactory(area=other_area, name="Hillford GP", code="GP")
    client = verified_client(area_admin)

    listing = client.get(reverse("services:index"))
    edit = client.post(
        reverse("services:edit", args=[elsewhere.pk]),
        {"area": area.pk, "name": "Taken", "code": "GP", "aliases": "", "description": ""},
    )

    assert b"Riverside Hostel" in listing.content
    assert b"Hillford GP" not in listing.content
    assert edit.status_code == 404
    elsewhere.refresh_from_db()
    assert (elsewhere.name, elsewhere.area) == ("Hillford GP", other_area)


def test_deleting_another_areas_service_deletes_nothing(verified_client, area_admin, other_area):
    elsewhere = ServiceFactory(area=other_area)

    response = verified_client(area_admin).post(reverse("services:delete", args=[elsewhere.pk]))

    assert response.status_code == 404
    assert Service.objects.filter(pk=elsewhere.pk).exists()


class TestThemes:
    @pytest.fixture
    def shared(self, db):
        return ThemeFactory(name="Shared dignity", slug="shared-dignity")

    @pytest.fixture
    def local(self, area):
        return ThemeFactory(name="Riverside ferry", slug="riverside-ferry", area=area)

    @pytest.fixture
    def foreign(self, other_area):
        return ThemeFactory(name="Hillford bridge", slug="hillford-bridge", area=other_area)

    def theme_form(self, area, **overrides):
        data = {"name": "Edited", "slug": "edited", "description": "", "is_active": "on"}
        data["area"] = area.pk if area else ""
        data.update(overrides)
        return data

    def test_listing_has_shared_and_own_area_themes_only(
        self, verified_client, governance_viewer, shared, local, foreign
    ):
        response = verified_client(governance_viewer).get(reverse("themes:index"))

        assert b"Shared dignity" in response.content
        assert b"Riverside ferry" in response.content
        assert b"Hillford bridge" not in response.content

    def test_another_areas_theme_is_not_found(self, verified_client, area_admin, foreign):
        response = verified_client(area_admin).get(reverse("themes:edit", args=[foreign.pk]))

        assert response.status_code == 404

    def test_area_admin_cannot_edit_a_shared_theme(self, verified_client, area_admin, area, shared):
        client = verified_client(area_admin)

        page = client.get(reverse("themes:edit", args=[shared.pk]))
        post = client.post(reverse("themes:edit", args=[shared.pk]), self.theme_form(area))

        assert_refused(page)
        assert_refused(post)
        shared.refresh_from_db()
        assert (shared.name, shared.area) == ("Shared dignity", None)

    def test_area_admin_cannot_delete_a_shared_theme(self, verified_client, area_admin, shared):
        response = verified_client(area_admin).post(reverse("themes:delete", args=[shared.pk]))

        assert_refused(response)
        assert Theme.objects.filter(pk=shared.pk).exists()

    def test_listing_offers_area_admin_no_edit_link_for_shared_themes(
        self, verified_client, area_admin, shared, local
    ):
        content = verified_client(area_admin).get(reverse("themes:index")).content.decode()

        assert reverse("themes:edit", args=[local.pk]) in content
        assert reverse("themes:edit", args=[shared.pk]) not in content
        assert reverse("themes:inspect", args=[shared.pk]) in content

    def test_area_admin_edits_and_deletes_own_area_theme(
        self, verified_client, area_admin, area, local
    ):
        client = verified_client(area_admin)

        edit = client.post(reverse("themes:edit", args=[local.pk]), self.theme_form(area))
        local.refresh_from_db()
        delete = client.post(reverse("themes:delete", args=[local.pk]))

        assert edit.status_code == 302
        assert local.name == "Edited"
        assert delete.status_code == 302
        assert not Theme.objects.filter(pk=local.pk).exists()

    def test_area_admin_cannot_add_a_shared_theme(self, verified_client, area_admin):
        client = verified_client(area_admin)

        response = client.post(reverse("themes:add"), self.theme_form(None, name="Mine"))

        assert response.status_code == 200
        assert "area" in response.context["form"].errors
        assert not Theme.objects.filter(name="Mine").exists()

    def test_area_admin_adds_a_theme_for_their_area(self, verified_client, area_admin, area):
        client = verified_client(area_admin)

        response = client.post(reverse("themes:add"), self.theme_form(area, name="Mine"))

        assert response.status_code == 302
        assert Theme.objects.get(name="Mine").area == area

    def test_national_user_with_change_theme_edits_a_shared_theme(
        self, verified_client, national_user, shared
    ):
        national_user.user_permissions.add(Permission.objects.get(codename="change_theme"))
        client = verified_client(national_user)

        response = client.post(reverse("themes:edit", args=[shared.pk]), self.theme_form(None))

        assert response.status_code == 302
        shared.refresh_from_db()
        assert (shared.name, shared.area) == ("Edited", None)

    def test_national_users_theme_form_offers_shared_as_the_empty_choice(
        self, verified_client, superuser
    ):
        response = verified_client(superuser).get(reverse("themes:add"))

        assert not response.context["form"].fields["area"].required
        assert b'<option value="" selected>Shared by every area</option>' in response.content

    def test_coordinator_may_view_but_not_change_themes(self, verified_client, coordinator, local):
        client = verified_client(coordinator)

        assert client.get(reverse("themes:inspect", args=[local.pk])).status_code == 200
        assert_refused(client.get(reverse("themes:edit", args=[local.pk])))
        assert_refused(client.get(reverse("themes:add")))


class TestAreas:
    def test_area_admin_sees_only_their_own_area(self, verified_client, area_admin, other_area):
        response = verified_client(area_admin).get(reverse("areas:index"))

        assert b"Riverside" in response.content
        assert b"Hillford" not in response.content

    def test_another_area_is_not_found(self, verified_client, area_admin, other_area):
        response = verified_client(area_admin).get(reverse("areas:inspect", args=[other_area.pk]))

        assert response.status_code == 404

    def test_area_admin_may_not_add_or_edit_areas(self, verified_client, area_admin, area):
        client = verified_client(area_admin)

        add = client.post(reverse("areas:add"), {"name": "Newtown", "slug": "newtown"})
        edit = client.post(
            reverse("areas:edit", args=[area.pk]), {"name": "Renamed", "slug": "riverside"}
        )

        assert_refused(add)
        assert_refused(edit)
        area.refresh_from_db()
        assert area.name == "Riverside"

    def test_national_user_adds_an_area(self, verified_client, national_user):
        client = verified_client(national_user)

        response = client.post(
            reverse("areas:add"), {"name": "Newtown", "slug": "newtown", "is_active": "on"}
        )

        assert response.status_code == 302
        assert national_user.visible_areas().filter(slug="newtown").exists()

    def test_nobody_deletes_an_area(self, verified_client, superuser, area):
        response = verified_client(superuser).post(reverse("areas:delete", args=[area.pk]))

        assert_refused(response)
        assert Area.objects.filter(pk=area.pk).exists()
