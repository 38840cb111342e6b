"""Finding who texted: the person, their newest open conversation and its response, at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coproduce.models import Person
from sms.conversations import person_by_number, start_conversation
from sms.outbound import loop_window_count
from surveys.models import Response
from tests.factories import AreaFactory, PersonFactory

NUMBER = "+447700900123"


@pytest.fixture
def person(sms_area):
    return PersonFactory(area=sms_area, phone=NUMBER)


def find(person, *, at=None, **extra):
    return person_by_number(person.area, person.phone_hash, at=at, **extra)


def test_someone_with_no_open_conversation_is_found_with_none(person):
    found = find(person)

    assert found == person
    assert found.open_conversation is None


def test_an_unknown_number_in_this_area_finds_no_one(person):
    elsewhere = AreaFactory(name="Hillside", slug="hillside")

    assert person_by_number(elsewhere, person.phone_hash) is None
    assert person_by_number(person.area, "not-a-hash") is None


def test_the_newest_open_conversation_is_chosen_with_its_person_and_response(
    person, django_assert_num_queries
):
    now = timezone.now()
    older = start_conversation(person=person, handler="rsvp", step="yes_no", at=now)
    newer = start_conversation(
        person=person,
        handler="feedback",
        step="more",
        at=now + timedelta(seconds=1),
        close_others=False,
    )
    response = Response.objects.create(area=person.area, person=person, conversation=newer)

    with django_assert_num_queries(1):
        found = find(person, at=now + timedelta(seconds=2))
        assert found.open_conversation == newer
        assert found.open_conversation.person is found
        assert found.open_conversation.response == response
    assert older.closed_at is None


def test_closed_and_expired_conversations_are_not_open(person):
    now = timezone.now()
    closed = start_conversation(person=person, handler="feedback", step="score", at=now)
    closed.close(at=now)
    start_conversation(person=person, handler="feedback", step="score", at=now, close_others=False)

    assert find(person, at=now + timedelta(hours=1)).open_conversation is not None
    assert find(person, at=now + timedelta(days=2)).open_conversation is None


def test_a_conversation_without_a_response_yet_says_so(person, django_assert_num_queries):
    start_conversation(person=person, handler="feedback", step="score")

    conversation = find(person).open_conversation

    with django_assert_num_queries(0):
        assert not hasattr(conversation, "response")  # Response.DoesNotExist


def test_extra_annotations_come_with_the_person(person, sms_area):
    found = find(person, texts_in_loop_window=loop_window_count(person.phone_hash))

    assert found.texts_in_loop_window == 0
    assert Person.objects.count() == 1
