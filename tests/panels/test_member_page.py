"""A member's own page: a one-time link by text, then a signed cookie for a while."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from freezegun import freeze_time
from wagtail.documents import get_document_model

from panels import member_links
from panels.attendance import RegisterLine, record_attendance
from panels.models import Invitation, MemberLink, RsvpReply
from panels.papers import PAPERS_COLLECTION, add_paper
from sms.backends import locmem
from sms.gsm import fits_one_segment
from tests.panels.conftest import NOON, SessionFactory
from tests.sms.conftest import run_tasks

HOME = "/panels/me/"


@pytest.fixture
def ash(members):
    return members[0]


@pytest.fixture
def signed_in(client, clock, ash):
    clock(NOON)
    url = member_links.create_link(person=ash.person)
    path = url.removeprefix("http://testserver")
    response = client.post(path)
    assert response.status_code == 302
    return client


def test_the_link_is_texted_in_one_segment(clock, ash, django_capture_on_commit_callbacks):
    clock(NOON)
    with django_capture_on_commit_callbacks(execute=True):
        member_links.send_member_link(person=ash.person)
    run_tasks()

    body = locmem.outbox[0]["body"]
    assert fits_one_segment(body)
    assert re.search(r"http://testserver/panels/link/[\w-]+/ The link works once", body)


def test_the_link_works_once(client, clock, ash):
    clock(NOON)
    path = member_links.create_link(person=ash.person).removeprefix("http://testserver")

    preview = client.get(path)
    first = client.post(path)
    second = client.post(path)

    assert preview.status_code == 200  # a phone previewing the link doesn't use it up
    assert first.status_code == 302 and first["Location"] == HOME
    assert second.status_code == 410
    assert b"stopped working" in second.content


def test_an_expired_link_does_not_work(client, clock, ash):
    clock(NOON)
    path = member_links.create_link(person=ash.person).removeprefix("http://testserver")
    clock(NOON + member_links.LINK_VALID_FOR + timedelta(seconds=1))

    assert client.post(path).status_code == 410
    assert MemberLink.objects.get().used_at is None


def test_only_a_hash_of_the_token_is_stored(clock, ash):
    clock(NOON)
    url = member_links.create_link(person=ash.person)
    token = url.rstrip("/").rsplit("/", 1)[1]

    assert not MemberLink.objects.filter(token_hash=token).exists()
    assert member_links.find_usable_link(token).person == ash.person


def test_someone_not_on_a_panel_gets_no_link(panel):
    from tests.factories import PersonFactory

    with pytest.raises(member_links.NotAMember):
        member_links.create_link(person=PersonFactory(area=panel.area))


def test_the_page_needs_the_cookie_and_the_cookie_expires(client, clock, ash):
    clock(NOON)
    path = member_links.create_link(person=ash.person).removeprefix("http://testserver")
    with freeze_time(NOON):
        opened = client.post(path)
        assert client.get(HOME).status_code == 200
    with freeze_time(NOON + member_links.COOKIE_MAX_AGE + timedelta(minutes=1)):
        expired = client.get(HOME)

    cookie = opened.cookies[member_links.COOKIE_NAME]
    assert cookie["max-age"] == 7200
    assert cookie["httponly"]

    assert expired.status_code == 403
    assert b"Ask your panel organiser to text you a new link" in expired.content


def test_a_forged_cookie_is_refused(client, ash):
    client.cookies[member_links.COOKIE_NAME] = str(ash.person.pk)

    assert client.get(HOME).status_code == 403


def test_the_page_shows_upcoming_sessions_and_answering_there_books_a_place(
    signed_in, invite, session, ash
):
    invite(session)

    page = signed_in.get(HOME)
    answered = signed_in.post(
        reverse("panels:answer", args=[session.pk]), {"answer": "yes"}, follow=True
    )

    assert b"Riverside Voices" in page.content
    assert b"I can come" in page.content
    assert Invitation.objects.get(person=ash.person).status == "coming"
    assert b"You&#x27;re booked in" in answered.content
    assert RsvpReply.objects.get().channel == "web"


def test_answering_for_a_session_you_were_not_invited_to_changes_nothing(signed_in, session, ash):
    response = signed_in.post(
        reverse("panels:answer", args=[session.pk]), {"answer": "yes"}, follow=True
    )

    assert b"couldn&#x27;t find an invitation" in response.content
    assert not Invitation.objects.exists()
    assert RsvpReply.objects.get().outcome == "not_invited"


def test_the_calendar_file_is_only_for_someone_invited(signed_in, invite, session, panel):
    other = SessionFactory(panel=panel, starts_at=session.starts_at + timedelta(days=7))
    other.ends_at = other.starts_at + timedelta(hours=1)
    other.save()
    invite(session)
    Invitation.objects.filter(session=other).delete()

    ics = signed_in.get(reverse("panels:calendar", args=[session.pk]))
    not_mine = signed_in.get(reverse("panels:calendar", args=[other.pk]))

    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in ics.content
    assert not_mine.status_code == 404


def test_the_payment_statement_shows_what_is_owed(signed_in, invite, session, ash, clock):
    invite(session)
    clock(session.starts_at + timedelta(minutes=5))
    record_attendance(session=session, lines=[RegisterLine(ash.person.pk, True)])

    page = signed_in.get(HOME)

    assert b"\xc2\xa325.00" in page.content  # £25.00
    assert b"Total still owed: \xc2\xa325.00" in page.content


def test_taking_a_break_stops_invitations_without_a_reason(signed_in, ash, invite, session):
    signed_in.post(reverse("panels:take_a_break", args=[ash.pk]))

    invite(session)

    ash.refresh_from_db()
    assert ash.is_paused
    assert not Invitation.objects.filter(person=ash.person).exists()


def test_leaving_signs_out_and_ends_membership(signed_in, ash):
    response = signed_in.post(reverse("panels:leave_panel", args=[ash.pk]))

    ash.refresh_from_db()
    assert ash.has_left
    assert response.status_code == 302
    assert signed_in.get(HOME).status_code == 403


def test_papers_are_for_members_only(signed_in, client, session, panel, ash):
    document = get_document_model().objects.create(
        title="Agenda", file=ContentFile(b"The agenda", name="agenda.txt")
    )
    paper = add_paper(session=session, document=document, title="Agenda")

    mine = signed_in.get(reverse("panels:paper", args=[paper.pk]))
    client.cookies.clear()
    anonymous = client.get(reverse("panels:paper", args=[paper.pk]))
    wagtail_link = client.get(document.url)

    assert mine.status_code == 200
    assert b"".join(mine.streaming_content) == b"The agenda"
    assert anonymous.status_code == 403
    assert wagtail_link.status_code in (302, 403)  # the restricted collection
    assert document.collection.name == PAPERS_COLLECTION
