"""Consent: the latest decision of a kind counts; loading it with the person gives the same."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coproduce.models import Consent, Person
from tests.factories import PersonFactory

QUOTE, CONTACT = Consent.Kind.QUOTE_WORDS, Consent.Kind.SMS_CONTACT


def decide(person, kind, given, *, minutes_ago):
    Consent.objects.create(
        person=person,
        kind=kind,
        given=given,
        channel=Consent.Channel.STAFF,
        recorded_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


@pytest.mark.parametrize(
    "decisions, expected",
    [
        ([], False),
        ([(QUOTE, True, 5)], True),
        ([(QUOTE, True, 10), (QUOTE, False, 5)], False),  # withdrawn
        ([(QUOTE, False, 10), (QUOTE, True, 5)], True),  # given again
        ([(QUOTE, True, 5), (QUOTE, False, 10)], True),  # an older no, recorded later
        ([(CONTACT, True, 5)], False),  # another kind says nothing about quotes
    ],
)
def test_the_latest_decision_counts_whether_loaded_or_asked(db, decisions, expected):
    person = PersonFactory()
    for kind, given, minutes_ago in decisions:
        decide(person, kind, given, minutes_ago=minutes_ago)

    loaded = Person.objects.with_consents(QUOTE, CONTACT).get(pk=person.pk)

    assert person.has_consent(QUOTE) is expected
    assert loaded.has_consent(QUOTE) is expected


def test_loaded_consent_asks_the_database_nothing_more(db, django_assert_num_queries):
    person = PersonFactory()
    decide(person, QUOTE, True, minutes_ago=1)

    with django_assert_num_queries(1):
        loaded = Person.objects.with_consents(QUOTE).get(pk=person.pk)
        assert loaded.has_consent(QUOTE)
    with django_assert_num_queries(1):
        assert not loaded.has_consent(CONTACT)  # not loaded: asked
