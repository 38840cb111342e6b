"""The feedback inbox in the Wagtail admin: every channel, scoped to the user's areas, with
identities and unredacted words only for staff allowed them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from coproduce import roles
from surveys.models import Response, ResponseTheme
from tests.coproduce.admin_checks import assert_refused, menu_urls
from tests.factories import PersonFactory, ServiceFactory, ThemeFactory

INDEX = reverse("feedback:index")

# Some role fixtures are looked up by name, which pytest-django can't see: the mark keeps these
# tests with the other database tests, before any transactional test flushes the roles away.
pytestmark = pytest.mark.django_db


def make(area, **fields) -> Response:
    fields.setdefault("channel", Response.Channel.WEB)
    text = fields.setdefault("text", "")
    fields.setdefault("redacted_text", text)
    return Response.objects.create(area=area, **fields)


@pytest.fixture
def hostel(area):
    return ServiceFactory(area=area, name="Harbour House hostel", code="HOSTEL")


@pytest.fixture
def named_sms(area, hostel):
    person = PersonFactory(area=area, display_name="Riverside Rita", phone="+447700900123")
    return make(
        area,
        channel=Response.Channel.SMS,
        person=person,
        service=hostel,
        feeling_score=1,
        text="Rita here, call 07700 900123, they shouted at me",
        redacted_text="Rita here, call [number], they shouted at me",
    )


@pytest.fixture
def web(area):
    return make(
        area,
        feeling_score=5,
        text="Kind staff at the drop-in",
        contact_details="sam@example.org",
    )


@pytest.fixture
def theirs(other_area):
    return make(other_area, feeling_score=3, text="Hillford words")


def test_roles_get_the_inbox_permissions_the_migration_grants(db):
    def perms(role):
        group = Group.objects.get(name=role)
        return set(
            group.permissions.filter(content_type__app_label="surveys").values_list(
                "codename", flat=True
            )
        )

    full = {"view_response", "change_response", "view_respondent"}
    assert perms(roles.AREA_ADMIN) == full
    assert perms(roles.COORDINATOR) == full
    assert perms(roles.GOVERNANCE_VIEWER) == {"view_response"}
    assert perms(roles.PANEL_ORGANISER) == set()
    assert perms(roles.FINANCE) == set()


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("area_admin", True),
        ("coordinator", True),
        ("governance_viewer", True),
        ("panel_organiser", False),
        ("finance_user", False),
    ],
)
def test_menu_offers_the_inbox_to_roles_that_read_feedback(verified_client, request, role, shown):
    client = verified_client(request.getfixturevalue(role))

    assert ("/admin/feedback/" in menu_urls(client)) is shown


def test_inbox_lists_every_channel_in_the_users_area_only(
    verified_client, coordinator, named_sms, web, theirs
):
    html = verified_client(coordinator).get(INDEX).content.decode()

    assert "Text message feedback" in html
    assert "Web page feedback" in html
    assert "Kind staff at the drop-in" in html
    assert "Hillford words" not in html


def test_national_user_sees_every_area(verified_client, national_user, web, theirs):
    html = verified_client(national_user).get(INDEX).content.decode()

    assert "Kind staff at the drop-in" in html and "Hillford words" in html


def test_panel_organisers_and_finance_are_refused(verified_client, panel_organiser, web):
    assert_refused(verified_client(panel_organiser).get(INDEX))


def test_coordinator_sees_who_and_their_full_words(verified_client, coordinator, named_sms):
    client = verified_client(coordinator)

    index = client.get(INDEX).content.decode()
    detail = client.get(reverse("feedback:inspect", args=[named_sms.pk])).content.decode()

    assert "Riverside Rita" in index
    assert "call 07700 900123" in index
    assert "Riverside Rita" in detail
    assert "call 07700 900123" in detail


def test_governance_viewer_never_sees_identities_numbers_or_contact_details(
    verified_client, governance_viewer, named_sms, web
):
    client = verified_client(governance_viewer)
    pages = [
        client.get(INDEX).content.decode(),
        client.get(reverse("feedback:inspect", args=[named_sms.pk])).content.decode(),
        client.get(reverse("feedback:inspect", args=[web.pk])).content.decode(),
    ]

    for html in pages:
        assert "Riverside Rita" not in html
        assert "900123" not in html
        assert "sam@example.org" not in html
    assert "Rita here, call [number], they shouted at me" in pages[0]
    assert "Rita here, call [number], they shouted at me" in pages[1]
    # Searching the words they can't see finds nothing.
    searched = client.get(INDEX, {"q": "900123"}).content.decode()
    assert "Rita here" not in searched


def test_governance_viewer_does_not_read_safeguarding_words(
    verified_client, governance_viewer, coordinator, area
):
    risky = make(area, text="I want to end it all", is_safeguarding=True)

    governance = verified_client(governance_viewer).get(
        reverse("feedback:inspect", args=[risky.pk])
    )

    assert b"end it all" not in governance.content
    assert b"passed to staff as a safeguarding concern" in governance.content


def test_governance_viewer_cannot_edit_themes(verified_client, governance_viewer, web):
    client = verified_client(governance_viewer)

    assert_refused(client.get(reverse("feedback:edit", args=[web.pk])))
    assert_refused(client.post(reverse("feedback:edit", args=[web.pk]), {}))


@pytest.mark.parametrize("view", ["inspect", "edit"])
def test_another_areas_response_is_not_found(verified_client, coordinator, theirs, view):
    answer = verified_client(coordinator).get(reverse(f"feedback:{view}", args=[theirs.pk]))

    assert answer.status_code == 404


def test_nobody_adds_or_deletes_responses_here(verified_client, superuser, web):
    client = verified_client(superuser)

    assert client.get("/admin/feedback/new/").status_code in {302, 404}
    assert client.get(f"/admin/feedback/delete/{web.pk}/").status_code in {302, 404}
    assert Response.objects.filter(pk=web.pk).exists()


# Filters -------------------------------------------------------------------------------------


def _listed(client, **params) -> set[str]:
    html = client.get(INDEX, params).content.decode()
    return {word for word in ["ALPHA", "BRAVO", "CHARLIE", "DELTA"] if word in html}


@pytest.fixture
def four(area, other_area, hostel):
    housing = ThemeFactory(name="Housing things")
    now = timezone.now()
    a = make(area, text="ALPHA", feeling_score=1, service=hostel, created_at=now)
    make(
        area,
        text="BRAVO",
        feeling_score=5,
        channel=Response.Channel.SMS,
        created_at=now - timedelta(days=40),
    )
    make(area, text="CHARLIE", feeling_score=3, is_safeguarding=True, created_at=now)
    make(other_area, text="DELTA", feeling_score=1, created_at=now)
    ResponseTheme.objects.create(response=a, theme=housing)
    return {"housing": housing}


def test_filters_by_service_channel_score_date_theme_and_area(
    verified_client, national_user, area, hostel, four
):
    client = verified_client(national_user)
    today = timezone.localdate()

    assert _listed(client) == {"ALPHA", "BRAVO", "CHARLIE", "DELTA"}
    assert _listed(client, service=hostel.pk) == {"ALPHA"}
    assert _listed(client, channel="sms") == {"BRAVO"}
    assert _listed(client, feeling_score=["1", "3"]) == {"ALPHA", "CHARLIE", "DELTA"}
    assert _listed(client, created_at_from=str(today - timedelta(days=7))) == {
        "ALPHA",
        "CHARLIE",
        "DELTA",
    }
    assert _listed(client, created_at_to=str(today - timedelta(days=30))) == {"BRAVO"}
    assert _listed(client, themes=four["housing"].pk) == {"ALPHA"}
    assert _listed(client, area=area.pk) == {"ALPHA", "BRAVO", "CHARLIE"}
    assert _listed(client, is_safeguarding="true") == {"CHARLIE"}


def test_filter_choices_offer_only_the_users_areas_and_services(
    verified_client, coordinator, hostel, other_area
):
    ServiceFactory(area=other_area, name="Hillford Night Shelter", code="HOSTEL")

    html = verified_client(coordinator).get(INDEX).content.decode()

    assert "Harbour House hostel" in html
    assert "Hillford Night Shelter" not in html
    assert "Hillford" not in html


def test_filtering_by_another_areas_service_shows_nothing(
    verified_client, coordinator, other_area, four
):
    shelter = ServiceFactory(area=other_area, code="HOSTEL")

    html = verified_client(coordinator).get(INDEX, {"service": shelter.pk}).content.decode()

    assert "DELTA" not in html


# Themes ----------------------------------------------------------------------------------


def test_coordinator_confirms_suggested_themes_on_the_edit_page(
    verified_client, coordinator, web, area, other_area
):
    housing, safety = ThemeFactory(name="Housing things"), ThemeFactory(name="Safety things")
    ThemeFactory(name="Hillford only", area=other_area)
    ResponseTheme.objects.create(response=web, theme=housing)
    ResponseTheme.objects.create(response=web, theme=safety)
    client = verified_client(coordinator)
    url = reverse("feedback:edit", args=[web.pk])

    form = client.get(url).content.decode()
    assert "Housing things" in form and "Hillford only" not in form
    assert "Kind staff at the drop-in" in form  # the words, to decide by

    answer = client.post(url, {"confirmed_themes": [housing.pk]})

    assert answer.status_code == 302
    link = web.theme_links.get()
    assert (link.theme, link.status, link.confirmed_by) == (
        housing,
        ResponseTheme.Status.CONFIRMED,
        coordinator,
    )
    web.refresh_from_db()
    assert web.text == "Kind staff at the drop-in"  # words are never edited here


def test_a_theme_from_another_area_is_refused(verified_client, coordinator, web, other_area):
    elsewhere = ThemeFactory(name="Hillford only", area=other_area)

    answer = verified_client(coordinator).post(
        reverse("feedback:edit", args=[web.pk]), {"confirmed_themes": [elsewhere.pk]}
    )

    assert answer.status_code == 200
    assert b"Select a valid choice" in answer.content
    assert not web.theme_links.exists()


def test_detail_page_shows_themes_with_their_status(verified_client, coordinator, web):
    ResponseTheme.objects.create(response=web, theme=ThemeFactory(name="Housing things"))
    ResponseTheme.objects.create(
        response=web, theme=ThemeFactory(name="Safety things"), status="confirmed"
    )

    html = verified_client(coordinator).get(reverse("feedback:inspect", args=[web.pk])).text

    assert "Housing things (suggested), Safety things (confirmed)" in html
    assert "sam@example.org" in html


def test_only_safeguarding_responses_are_marked_in_the_list(verified_client, coordinator, area):
    make(area, text="I want to end it all", is_safeguarding=True)
    make(area, text="The staff were kind")

    html = verified_client(coordinator).get(INDEX).content.decode()

    assert html.count("Yes: possible risk") == 1
