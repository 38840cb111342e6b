"""A member's own page, reached by a one-time link sent by text: no password to remember.

The link works once and expires after LINK_VALID_FOR. Opening it sets a signed cookie that
keeps them signed in for COOKIE_MAX_AGE. Only a hash of the token is stored, so the database
alone can't be used to sign in as anyone.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from coproduce.models import Person
from sms.models import Message
from sms.outbound import queue_message
from sms.texts import render_text

from .models import MemberLink, Membership

LINK_VALID_FOR = timedelta(days=3)
COOKIE_NAME = "panel_member"
COOKIE_SALT = "panels.member_page"
COOKIE_MAX_AGE = timedelta(hours=2)


class NotAMember(Exception):
    pass


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _base_url() -> str:
    return (settings.PUBLIC_BASE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def create_link(*, person: Person, at: datetime | None = None) -> str:
    """A new one-time link for ``person`` (the full URL). Raises NotAMember unless they are a
    current member of a panel."""
    at = at or timezone.now()
    if not Membership.objects.current().filter(person=person).exists():
        raise NotAMember(f"{person} is not on a panel")
    token = secrets.token_urlsafe(18)
    MemberLink.objects.create(
        person=person, token_hash=_hash(token), created_at=at, expires_at=at + LINK_VALID_FOR
    )
    return _base_url() + reverse("panels:member_link", args=[token])


def send_member_link(*, person: Person, at: datetime | None = None) -> Message:
    """Text ``person`` a new link to their page (queued; held in quiet hours)."""
    with transaction.atomic():
        link = create_link(person=person, at=at)
        return queue_message(
            body=render_text("panel_member_link", area=person.area, link=link),
            kind=Message.Kind.INVITATION,
            area=person.area,
            person=person,
            at=at,
        )


def find_usable_link(token: str, *, at: datetime | None = None) -> MemberLink | None:
    at = at or timezone.now()
    return (
        MemberLink.objects.filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=at)
        .select_related("person")
        .first()
    )


def redeem_link(token: str, *, at: datetime | None = None) -> Person | None:
    """Use the link once: the person it was for, or None if it is unknown, used or expired.
    Two clicks at once can't both succeed (row lock, then a conditional update)."""
    at = at or timezone.now()
    with transaction.atomic():
        link = find_usable_link(token, at=at)
        if link is None:
            return None
        used = MemberLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=at)
        return link.person if used else None


def sign_in(response: HttpResponse, person: Person) -> HttpResponse:
    response.set_signed_cookie(
        COOKIE_NAME,
        str(person.pk),
        salt=COOKIE_SALT,
        max_age=int(COOKIE_MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def sign_out(response: HttpResponse) -> HttpResponse:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response


def member_from_request(request: HttpRequest) -> Person | None:
    """The member signed in by cookie, if the cookie is genuine and in date and they are
    still a current member."""
    try:
        person_id = request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not Membership.objects.current().filter(person=person).exists():
        return None
    return person
