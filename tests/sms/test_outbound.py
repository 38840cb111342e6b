"""Sending: the queue, opted-out people, quiet hours, the prompt limit and the loop guard."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sms.backends import locmem
from sms.models import Conversation, Message
from sms.outbound import (
    PromptedRecently,
    queue_feedback_prompt,
    queue_message,
    send_message,
)
from sms.quiet_hours import quiet_hours_end
from tests.factories import PersonFactory
from tests.sms.conftest import replies, run_tasks, waiting_tasks

LONDON = ZoneInfo("Europe/London")
NUMBER = "+447700900321"


@pytest.fixture
def person(sms_area):
    return PersonFactory(area=sms_area, phone=NUMBER)


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """queue_message, with its on-commit enqueue run."""

    def queue_one(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return queue_message(**kwargs)

    return queue_one


@pytest.fixture
def prompt(django_capture_on_commit_callbacks, hostel):
    def send_prompt(person, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return queue_feedback_prompt(
                person=person, service=hostel, body="How was Hope House?", **kwargs
            )

    return send_prompt


def _daytime(clock):
    return clock(datetime(2026, 6, 10, 12, 0, tzinfo=LONDON))


def test_queued_text_is_sent_by_the_task_and_its_sid_stored(queue, person, sms_area, clock):
    _daytime(clock)
    message = queue(
        body="Panel on Tuesday", kind=Message.Kind.REMINDER, area=sms_area, person=person
    )
    assert message.status == Message.Status.QUEUED
    assert locmem.outbox == []  # never sent from the caller's request

    run_tasks()

    [sent] = locmem.outbox
    assert (sent["to"], sent["body"]) == (NUMBER, "Panel on Tuesday")
    message.refresh_from_db()
    assert message.provider_sid == sent["sid"]
    assert message.status == Message.Status.ACCEPTED
    assert message.attempts == 1


def test_a_duplicate_send_task_does_not_send_twice(queue, person, sms_area, clock):
    _daytime(clock)
    message = queue(body="Hello", kind=Message.Kind.ALERT, area=sms_area, person=person)
    run_tasks()

    send_message(message.pk)

    assert len(locmem.outbox) == 1


def test_status_callback_url_is_given_when_public_base_url_is_set(
    queue, person, sms_area, settings
):
    settings.PUBLIC_BASE_URL = "https://coproduce.example.org"
    queue(body="Hello", kind=Message.Kind.ALERT, area=sms_area, person=person)

    run_tasks()

    assert locmem.outbox[0]["status_callback"] == (
        "https://coproduce.example.org/sms/twilio/status/"
    )


def test_never_sends_to_an_opted_out_person(queue, person, sms_area):
    person.opt_out()

    message = queue(body="Hello", kind=Message.Kind.ALERT, area=sms_area, person=person)
    run_tasks()

    assert message.status == Message.Status.CANCELLED
    assert locmem.outbox == []
    assert not waiting_tasks().exists()


def test_opting_out_after_queueing_cancels_the_send(queue, person, sms_area, clock):
    _daytime(clock)
    message = queue(body="Hello", kind=Message.Kind.REMINDER, area=sms_area, person=person)
    person.opt_out()

    run_tasks()

    message.refresh_from_db()
    assert message.status == Message.Status.CANCELLED
    assert locmem.outbox == []


def test_a_person_with_no_number_is_not_texted(queue, sms_area):
    nobody = PersonFactory(area=sms_area, phone="")

    message = queue(body="Hello", kind=Message.Kind.ALERT, area=sms_area, person=nobody)

    assert message.status == Message.Status.CANCELLED
    assert not waiting_tasks().exists()


def test_sending_a_prompt_opens_a_feedback_conversation(prompt, person, clock, hostel):
    _daytime(clock)
    prompt(person)

    run_tasks()

    conversation = Conversation.objects.get(person=person)
    assert (conversation.handler, conversation.step) == ("feedback", "score")
    assert conversation.context == {"service_id": hostel.pk}


# Quiet hours ---------------------------------------------------------------------------------


def test_prompt_in_quiet_hours_is_held_until_nine_london_time(prompt, person, clock):
    evening = clock(datetime(2026, 6, 10, 22, 15, tzinfo=LONDON))

    message = prompt(person)
    run_tasks()

    assert message.status == Message.Status.HELD
    assert message.send_after == datetime(2026, 6, 11, 9, 0, tzinfo=LONDON)
    assert locmem.outbox == []
    assert waiting_tasks().get().run_after == message.send_after

    clock(datetime(2026, 6, 11, 8, 59, tzinfo=LONDON))
    run_tasks()
    assert locmem.outbox == []

    clock(datetime(2026, 6, 11, 9, 0, tzinfo=LONDON))
    run_tasks()
    assert [text["body"] for text in locmem.outbox] == ["How was Hope House?"]
    message.refresh_from_db()
    assert message.status == Message.Status.ACCEPTED
    assert message.created_at == evening


@pytest.mark.parametrize(
    "queued_at, sent_at",
    [
        # Saturday night GMT; the clocks go forward at 01:00 GMT: 09:00 BST is 08:00 UTC.
        (datetime(2026, 3, 28, 22, 0, tzinfo=UTC), datetime(2026, 3, 29, 8, 0, tzinfo=UTC)),
        # Saturday night BST; the clocks go back at 01:00 GMT: 09:00 GMT is 09:00 UTC.
        (datetime(2026, 10, 24, 21, 30, tzinfo=UTC), datetime(2026, 10, 25, 9, 0, tzinfo=UTC)),
    ],
)
def test_held_prompt_is_sent_at_nine_london_time_across_a_clock_change(
    prompt, person, clock, queued_at, sent_at
):
    clock(queued_at)
    message = prompt(person)
    assert message.send_after == sent_at

    clock(sent_at - timedelta(minutes=1))
    run_tasks()
    assert locmem.outbox == []

    clock(sent_at)
    run_tasks()
    assert len(locmem.outbox) == 1


@pytest.mark.parametrize(
    "kind", [Message.Kind.PROMPT, Message.Kind.INVITATION, Message.Kind.REMINDER]
)
def test_prompts_invitations_and_reminders_wait_for_morning(queue, person, sms_area, clock, kind):
    clock(datetime(2026, 6, 10, 23, 0, tzinfo=LONDON))

    message = queue(body="Hello", kind=kind, area=sms_area, person=person)

    assert message.status == Message.Status.HELD


def test_staff_alerts_are_sent_in_quiet_hours(queue, sms_area, clock):
    clock(datetime(2026, 6, 10, 3, 0, tzinfo=LONDON))

    queue(body="Alert", kind=Message.Kind.ALERT, area=sms_area, phone="+447700900555")
    run_tasks()

    assert [text["to"] for text in locmem.outbox] == ["+447700900555"]


def test_prompt_whose_task_runs_late_into_quiet_hours_is_held_then(prompt, person, clock):
    clock(datetime(2026, 6, 10, 20, 59, tzinfo=LONDON))
    message = prompt(person)
    assert message.status == Message.Status.QUEUED

    clock(datetime(2026, 6, 10, 21, 5, tzinfo=LONDON))  # the worker was busy
    run_tasks()

    message.refresh_from_db()
    assert message.status == Message.Status.HELD
    assert message.send_after == datetime(2026, 6, 11, 9, 0, tzinfo=LONDON)
    assert locmem.outbox == []


@pytest.mark.parametrize(
    "local, expected",
    [
        ((2026, 6, 10, 20, 59), None),
        ((2026, 6, 10, 21, 0), (2026, 6, 11, 9, 0)),
        ((2026, 6, 10, 23, 59), (2026, 6, 11, 9, 0)),
        ((2026, 6, 11, 0, 0), (2026, 6, 11, 9, 0)),
        ((2026, 6, 11, 8, 59), (2026, 6, 11, 9, 0)),
        ((2026, 6, 11, 9, 0), None),
        ((2026, 12, 31, 22, 0), (2027, 1, 1, 9, 0)),
    ],
)
def test_quiet_hours_end(local, expected):
    at = datetime(*local, tzinfo=LONDON)

    end = quiet_hours_end(at.astimezone(UTC))

    assert end == (datetime(*expected, tzinfo=LONDON) if expected else None)


def test_quiet_hours_that_do_not_wrap_midnight(settings):
    settings.SMS_QUIET_HOURS_START, settings.SMS_QUIET_HOURS_END = "12:00", "14:00"

    assert quiet_hours_end(datetime(2026, 6, 10, 13, 0, tzinfo=LONDON)) == datetime(
        2026, 6, 10, 14, 0, tzinfo=LONDON
    )
    assert quiet_hours_end(datetime(2026, 6, 10, 22, 0, tzinfo=LONDON)) is None


# Prompt limit ----------------------------------------------------------------------------------


def test_second_prompt_within_seven_days_is_refused(prompt, person, clock):
    start = _daytime(clock)
    prompt(person)

    clock(start + timedelta(days=6, hours=23))
    with pytest.raises(PromptedRecently):
        prompt(person)

    assert Message.objects.filter(kind=Message.Kind.PROMPT).count() == 1


def test_prompt_after_seven_days_is_allowed(prompt, person, clock):
    start = _daytime(clock)
    prompt(person)

    clock(start + timedelta(days=7, minutes=1))
    prompt(person)

    assert Message.objects.filter(kind=Message.Kind.PROMPT).count() == 2


def test_a_cancelled_prompt_does_not_count(prompt, person, clock):
    start = _daytime(clock)
    person.opt_out()
    prompt(person)
    person.opt_in()

    clock(start + timedelta(hours=1))
    message = prompt(person)

    assert message.status == Message.Status.QUEUED


def test_the_prompt_limit_is_per_person(prompt, person, sms_area, clock):
    _daytime(clock)
    prompt(person)

    other = prompt(PersonFactory(area=sms_area, phone="+447700900322"))

    assert other.status == Message.Status.QUEUED


# Loop guard ------------------------------------------------------------------------------------


def _already_sent(count, *, phone, area, at):
    for _ in range(count):
        Message.objects.create(
            direction=Message.Direction.OUTBOUND,
            kind=Message.Kind.ALERT,
            status=Message.Status.SENT,
            area=area,
            phone=phone,
            created_at=at,
        )


def test_loop_guard_holds_the_sixteenth_text_in_thirty_seconds(queue, sms_area, clock):
    now = _daytime(clock)
    _already_sent(15, phone="+447700900555", area=sms_area, at=now - timedelta(seconds=20))

    message = queue(body="Alert", kind=Message.Kind.ALERT, area=sms_area, phone="+447700900555")
    run_tasks()

    message.refresh_from_db()
    assert locmem.outbox == []
    assert message.status == Message.Status.QUEUED
    assert waiting_tasks().get().run_after == now + timedelta(seconds=30)

    clock(now + timedelta(seconds=30))
    run_tasks()
    assert len(locmem.outbox) == 1


def test_loop_guard_lets_the_fifteenth_through(queue, sms_area, clock):
    now = _daytime(clock)
    _already_sent(14, phone="+447700900555", area=sms_area, at=now - timedelta(seconds=20))

    queue(body="Alert", kind=Message.Kind.ALERT, area=sms_area, phone="+447700900555")
    run_tasks()

    assert len(locmem.outbox) == 1


def test_loop_guard_stops_replies_to_a_number_texting_fast(text_in, clock):
    _daytime(clock)

    answers = [text_in(f"the staff were kind {n}") for n in range(20)]

    assert Message.objects.outbound().count() == 15
    assert replies(answers[-1]) == []
    assert Message.objects.inbound().filter(status=Message.Status.PROCESSED).count() == 20


@pytest.mark.parametrize(
    "body",
    [
        "Automatic reply: out of office",
        "AUTO-REPLY: I am away until Monday",
        "I'm driving right now, I'll get back to you",
        "This number is not monitored",
    ],
)
def test_no_reply_to_an_auto_reply(text_in, body):
    response = text_in(body)

    assert response.status_code == 200
    assert replies(response) == []
    assert not Message.objects.outbound().exists()
    assert Message.objects.inbound().get().body == body
