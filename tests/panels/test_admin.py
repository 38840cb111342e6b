"""Admin screens for panels: scoped to the user's areas, and each role sees only what it needs."""

from datetime import timedelta

import pytest
from django.urls import reverse

from panels.escalations import escalate
from panels.models import Escalation, Invitation, Membership, Panel, PaymentEntry, Session
from sms.models import Message
from tests.coproduce.admin_checks import assert_refused
from tests.factories import AreaFactory, PersonFactory, UserFactory
from tests.panels.conftest import NOON, PanelFactory, SessionFactory

ACCESS_NEEDS = "Needs step-free access and a quiet room"


@pytest.fixture
def area(sms_area):
    # The shared role fixtures (panel_organiser, finance_user...) work in this area.
    return sms_area


@pytest.fixture
def other_area(db):
    return AreaFactory(name="Hillford", slug="hillford")


@pytest.fixture
def theirs(other_area):
    return PanelFactory(area=other_area, name="Hillford Voices")


@pytest.fixture
def ash(members):
    Membership.objects.filter(pk=members[0].pk).update(access_needs=ACCESS_NEEDS)
    members[0].refresh_from_db()
    return members[0]


@pytest.fixture
def board(sms_area):
    return PanelFactory(area=sms_area, name="Strategic Board", kind=Panel.Kind.GOVERNANCE)


@pytest.fixture
def escalation(panel, board):
    return escalate(raised_by=panel, governance_group=board, summary="Letters arrive late")


def test_organiser_sees_their_areas_panels_only(verified_client, panel_organiser, panel, theirs):
    response = verified_client(panel_organiser).get(reverse("panel_groups:index"))

    assert b"Riverside Voices" in response.content
    assert b"Hillford Voices" not in response.content


def test_another_areas_session_is_not_found(verified_client, panel_organiser, theirs):
    session = SessionFactory(panel=theirs)

    response = verified_client(panel_organiser).get(
        reverse("panel_sessions:edit", args=[session.pk])
    )
    register = verified_client(panel_organiser).get(
        reverse("panels_session_register", args=[session.pk])
    )

    assert response.status_code == 404
    assert register.status_code == 404


def test_organiser_sees_access_needs(verified_client, panel_organiser, ash):
    response = verified_client(panel_organiser).get(reverse("panel_members:inspect", args=[ash.pk]))

    assert ACCESS_NEEDS.encode() in response.content


def test_area_admin_without_the_permission_does_not_see_access_needs(verified_client, area, ash):
    from django.contrib.auth.models import Permission

    user = UserFactory(areas=[area], username="limited")
    user.user_permissions.add(
        Permission.objects.get(codename="view_membership"),
        Permission.objects.get(codename="access_admin"),
    )

    inspect = verified_client(user).get(reverse("panel_members:inspect", args=[ash.pk]))

    assert inspect.status_code == 200
    assert ACCESS_NEEDS.encode() not in inspect.content


@pytest.mark.parametrize("screen", ["panel_members:index", "panel_sessions:index"])
def test_governance_viewer_never_reaches_members_or_sessions(
    verified_client, governance_viewer, ash, screen
):
    assert_refused(verified_client(governance_viewer).get(reverse(screen)))


def test_governance_viewer_sees_escalations_without_names_or_numbers(
    verified_client, governance_viewer, escalation, ash
):
    client = verified_client(governance_viewer)

    listing = client.get(reverse("escalations:index"))
    inspect = client.get(reverse("escalations:inspect", args=[escalation.pk]))

    assert b"Letters arrive late" in listing.content
    assert inspect.status_code == 200
    for secret in [ash.person.display_name, ash.person.phone, ACCESS_NEEDS]:
        assert secret.encode() not in inspect.content
    assert_refused(client.get(reverse("escalations:edit", args=[escalation.pk])))
    assert_refused(client.get(reverse("panel_payments:index")))


def test_finance_sees_payment_entries_and_cannot_change_them(
    verified_client, finance_user, panel, ash, clock
):
    session = SessionFactory(panel=panel)
    entry = PaymentEntry.objects.create(
        area=panel.area, person=ash.person, session=session, amount_pence=2500
    )
    client = verified_client(finance_user)

    listing = client.get(reverse("panel_payments:index"))

    assert b"\xc2\xa325.00" in listing.content
    assert_refused(client.get(reverse("panel_payments:edit", args=[entry.pk])))
    assert_refused(client.get(reverse("panel_members:index")))


def test_coordinator_can_look_but_not_invite(verified_client, coordinator, session, members):
    client = verified_client(coordinator)

    assert client.get(reverse("panel_sessions:index")).status_code == 200
    response = client.post(reverse("panels_session_invite", args=[session.pk]))

    assert_refused(response)
    assert not Invitation.objects.exists()


def test_organiser_invites_from_the_admin(
    verified_client, panel_organiser, session, members, clock, django_capture_on_commit_callbacks
):
    clock(NOON)
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client(panel_organiser).post(
            reverse("panels_session_invite", args=[session.pk])
        )

    assert response.status_code == 302
    assert Invitation.objects.filter(session=session).count() == 3
    assert Message.objects.filter(kind=Message.Kind.INVITATION).count() == 3


def test_the_register_records_attendance_and_owes_once(
    verified_client, panel_organiser, session, members, clock, invite
):
    clock(NOON)
    invite(session)
    clock(session.starts_at + timedelta(minutes=10))
    client = verified_client(panel_organiser)
    url = reverse("panels_session_register", args=[session.pk])
    form = {f"register-present_{m.person.pk}": "on" for m in members[:2]}
    form[f"register-late_{members[1].person.pk}"] = "14:20"

    page = client.get(url)
    client.post(url, form)
    client.post(url, form)

    assert b"Arrived late at" in page.content
    assert PaymentEntry.objects.count() == 2
    assert str(members[1].person.attendances.get().arrived_late_at) == "14:20:00"


def test_a_bad_time_on_the_register_is_explained_and_nothing_is_saved(
    verified_client, panel_organiser, session, members, clock, invite
):
    clock(NOON)
    invite(session)
    clock(session.starts_at + timedelta(minutes=10))
    url = reverse("panels_session_register", args=[session.pk])
    form = {
        f"register-present_{members[0].person.pk}": "on",
        f"register-late_{members[0].person.pk}": "half two",
    }

    response = verified_client(panel_organiser).post(url, form)

    assert response.status_code == 200
    assert b"Check the times" in response.content
    assert not PaymentEntry.objects.exists()


def test_a_walk_in_is_added_from_the_register(
    verified_client, panel_organiser, session, panel, clock
):
    clock(session.starts_at + timedelta(minutes=10))
    walk_in = PersonFactory(area=panel.area, display_name="Dee")

    verified_client(panel_organiser).post(
        reverse("panels_session_register", args=[session.pk]),
        {"walk_in-person": walk_in.pk, "add_walk_in": "1"},
    )

    assert walk_in.attendances.get().is_walk_in
    assert PaymentEntry.objects.get().person == walk_in


def test_editing_the_time_in_the_admin_tells_invited_members(
    verified_client, panel_organiser, session, members, clock, invite, panel
):
    clock(NOON)
    invite(session)
    session.refresh_from_db()
    new_start = session.starts_at + timedelta(days=1)
    client = verified_client(panel_organiser)
    data = {
        "panel": panel.pk,
        "title": "",
        "starts_at": f"{new_start:%Y-%m-%d %H:%M}",
        "ends_at": f"{new_start + timedelta(hours=2):%Y-%m-%d %H:%M}",
        "venue": "Hope Centre",
        "venue_address": "",
        "venue_access_notes": "",
        "online_link": "",
        "capacity": "",
        "agenda": "",
        "notes": "",
    }

    response = client.post(reverse("panel_sessions:edit", args=[session.pk]), data)

    assert response.status_code == 302, response.content[:3000]
    changed = Message.objects.filter(body__startswith="Change: Riverside Voices is now Wed 17 Jun")
    assert changed.count() == 3
    assert Session.objects.get(pk=session.pk).sequence == 1


def test_cancelling_from_the_admin(verified_client, panel_organiser, session, clock):
    clock(NOON)

    verified_client(panel_organiser).post(reverse("panels_session_cancel", args=[session.pk]))

    assert Session.objects.get(pk=session.pk).is_cancelled


def _escalation_form(escalation, **overrides):
    data = {
        "raised_by": escalation.raised_by_id,
        "governance_group": escalation.governance_group_id,
        "summary": escalation.summary,
        "owner": "",
        "due_on": "",
        "status": "open",
        "declined_reason": "",
        "update_note": "",
        "public_response": "",
    }
    data.update(overrides)
    return data


def test_declining_in_the_admin_needs_a_reason(verified_client, panel_organiser, escalation):
    url = reverse("escalations:edit", args=[escalation.pk])
    client = verified_client(panel_organiser)

    refused = client.post(url, _escalation_form(escalation, status="declined"))
    accepted = client.post(
        url,
        _escalation_form(escalation, status="declined", declined_reason="A national rule."),
    )

    assert refused.status_code == 200
    assert b"Say why it was declined." in refused.content
    assert accepted.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.DECLINED
    assert list(escalation.updates.values_list("status", flat=True)) == ["open", "declined"]


def test_a_note_without_a_status_change_is_added_to_the_history(
    verified_client, panel_organiser, escalation
):
    verified_client(panel_organiser).post(
        reverse("escalations:edit", args=[escalation.pk]),
        _escalation_form(escalation, update_note="Discussed at the March board"),
    )

    assert escalation.updates.last().note == "Discussed at the March board"


def test_an_escalation_added_in_the_admin_starts_its_history(
    verified_client, panel_organiser, escalation
):
    data = _escalation_form(escalation, summary="Nowhere to sit at the drop-in")
    data["update_note"] = "Raised at the June panel"

    response = verified_client(panel_organiser).post(reverse("escalations:add"), data)

    assert response.status_code == 302
    added = Escalation.objects.get(summary="Nowhere to sit at the drop-in")
    assert [(u.status, u.note) for u in added.updates.all()] == [
        ("open", "Raised at the June panel")
    ]


def test_sending_a_member_their_link(
    verified_client, panel_organiser, members, clock, django_capture_on_commit_callbacks
):
    clock(NOON)
    with django_capture_on_commit_callbacks(execute=True):
        verified_client(panel_organiser).post(
            reverse("panels_send_member_link", args=[members[0].pk])
        )

    message = Message.objects.get(person=members[0].person)
    assert message.body.startswith("Your panel page: http://testserver/panels/link/")


def test_new_panel_in_another_area_is_refused(verified_client, panel_organiser, other_area):
    verified_client(panel_organiser).post(
        reverse("panel_groups:add"),
        {"area": other_area.pk, "name": "Sneaky", "kind": "peer_advisory", "rate_pence": "0"},
    )

    assert not Panel.objects.filter(name="Sneaky").exists()


def test_membership_person_must_be_in_the_panels_area(
    verified_client, area_admin, panel, other_area
):
    outsider = PersonFactory(area=other_area)

    response = verified_client(area_admin).post(
        reverse("panel_members:add"),
        {
            "panel": panel.pk,
            "person": outsider.pk,
            "role": "member",
            "joined_on": "2026-01-01",
            "preferred_contact": "",
            "access_needs": "",
        },
    )

    assert response.status_code == 200
    assert not Membership.objects.filter(person=outsider).exists()


def test_roles_have_the_panels_permissions_they_need(db):
    from django.contrib.auth.models import Group

    def perms(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__app_label="panels")
            .values_list("codename", flat=True)
        )

    assert "view_access_needs" in perms("Panel organiser")
    assert "view_access_needs" not in perms("Coordinator")
    assert perms("Governance viewer") == {"view_escalation", "view_panel"}
    assert "view_paymententry" in perms("Finance")
    assert "view_membership" not in perms("Finance")
    assert "record_attendance" in perms("Panel organiser")


def test_a_paper_added_in_the_admin_is_made_private(verified_client, panel_organiser, session):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from panels.papers import PAPERS_COLLECTION

    document = get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"minutes", name="minutes.txt")
    )

    response = verified_client(panel_organiser).post(
        reverse("session_papers:add"),
        {"session": session.pk, "document": document.pk, "title": "Last month's minutes"},
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.collection.name == PAPERS_COLLECTION
    assert session.papers.get().title == "Last month's minutes"


def test_recommendations_are_scoped_to_the_users_areas(
    verified_client, panel_organiser, session, theirs
):
    from panels.models import Recommendation

    Recommendation.objects.create(session=session, text="Open the hostel kitchen at night")
    Recommendation.objects.create(session=SessionFactory(panel=theirs), text="Hillford idea")

    response = verified_client(panel_organiser).get(reverse("recommendations:index"))

    assert b"Open the hostel kitchen at night" in response.content
    assert b"Hillford idea" not in response.content


def test_organiser_sees_rsvp_replies_that_changed_nothing(
    verified_client, panel_organiser, session, members
):
    from panels.invitations import record_rsvp

    record_rsvp(person=members[0].person, session_id=session.pk, answer="yes", channel="sms")

    response = verified_client(panel_organiser).get(reverse("rsvp_replies:index"))

    assert b"Not invited to this session" in response.content
    assert b"Ash" in response.content
