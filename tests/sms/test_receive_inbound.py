"""An inbound text is committed before it is handled, so nothing that fails later loses it.

These run with real commits (transaction=True), on SQLite and on PostgreSQL, because what they
check (what survives a failure, how many commits) only shows once a transaction ends.
"""

import pytest
from django.db import IntegrityError, connection, connections
from django.test import Client
from django_tasks_db.models import DBTaskResult

from sms import handlers
from sms.models import Attention, Message
from surveys.models import Response
from tests.sms.conftest import INBOUND_URL, replies, signed_post, twilio_params

pytestmark = pytest.mark.django_db(transaction=True)


def _post(body: str, **extra):
    return signed_post(Client(), INBOUND_URL, twilio_params(body, **extra))


def test_the_text_is_committed_before_handling_starts(sms_area, hostel, monkeypatch):
    seen_by_another_connection = []

    def look_from_outside(inbound):
        # What a second connection sees is what survives if this worker dies now.
        default = connections["default"]
        outside = default.__class__(default.settings_dict, alias="outside")
        try:
            with outside.cursor() as cursor:
                cursor.execute(
                    "SELECT body, status FROM sms_message WHERE id = %s", [inbound.message.pk]
                )
                seen_by_another_connection.append(cursor.fetchone())
        finally:
            outside.close()
        return feedback(inbound)

    feedback = handlers.get_handler("feedback")
    monkeypatch.setitem(handlers._handlers, "feedback", look_from_outside)

    response = _post("hostel 4 the staff were kind")

    assert response.status_code == 200
    assert replies(response)
    assert seen_by_another_connection == [("hostel 4 the staff were kind", Message.Status.RECEIVED)]
    message = Message.objects.inbound().get()
    assert message.status == Message.Status.PROCESSED
    assert Response.objects.get().feeling_score == 4


def test_a_database_error_while_handling_undoes_the_handling_and_keeps_the_text(
    sms_area, monkeypatch
):
    """On PostgreSQL an error aborts the whole transaction unless it was in a savepoint."""

    def half_done_then_database_error(inbound):
        Response.objects.create(area=inbound.area, channel=Response.Channel.SMS, text="half")
        Attention.objects.create(message=inbound.message, reason=Attention.Reason.MEDIA)
        Attention.objects.create(message=inbound.message, reason=Attention.Reason.MEDIA)
        return ["never sent"]

    monkeypatch.setitem(handlers._handlers, "feedback", half_done_then_database_error)

    response = _post("the staff were kind")

    assert response.status_code == 200
    assert replies(response) == []
    message = Message.objects.inbound().get()
    assert message.status == Message.Status.FAILED
    assert message.body == "the staff were kind"
    assert message.error_message.startswith("IntegrityError")
    assert [item.reason for item in Attention.objects.all()] == [Attention.Reason.PROCESSING_FAILED]
    assert not Response.objects.exists()
    assert not Message.objects.outbound().exists()


def test_handling_that_cannot_be_committed_still_keeps_the_text(sms_area, monkeypatch):
    """A foreign key is checked at COMMIT (say, a service deleted meanwhile): the handling is
    lost with its transaction; the text, committed before, is marked FAILED."""

    def points_at_a_missing_service(inbound):
        Response.objects.create(
            area=inbound.area,
            channel=Response.Channel.SMS,
            text="about a gone service",
            service_id=987654,
        )
        return ["Thank you"]

    monkeypatch.setitem(handlers._handlers, "feedback", points_at_a_missing_service)

    response = _post("the staff were kind")

    assert response.status_code == 200
    assert replies(response) == []
    message = Message.objects.inbound().get()
    assert message.status == Message.Status.FAILED
    assert "IntegrityError" in message.error_message
    assert Attention.objects.get(message=message).reason == Attention.Reason.PROCESSING_FAILED
    assert not Response.objects.exists()


def test_a_failed_text_is_not_stored_twice_when_twilio_retries(sms_area, monkeypatch):
    def broken(inbound):
        raise RuntimeError("handler exploded")

    monkeypatch.setitem(handlers._handlers, "feedback", broken)
    params = twilio_params("the staff were kind")

    answers = [signed_post(Client(), INBOUND_URL, params) for _ in range(2)]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert Message.objects.inbound().get().status == Message.Status.FAILED
    assert Attention.objects.count() == 1


def test_a_text_queues_no_work_for_wagtails_reference_index(sms_area, hostel):
    """Messages, people and responses are records, not content: indexing them cost a
    background task per save. (This text is from a new number: it makes all three.)"""
    _post("hostel 4")

    assert Response.objects.get().person is not None
    indexed = DBTaskResult.objects.filter(task_path="wagtail.tasks.update_reference_index_task")
    records = {("sms", "message"), ("coproduce", "person"), ("surveys", "response")}
    queued = [tuple(task.args_kwargs["args"][:2]) for task in indexed]
    assert [model for model in queued if model in records] == []


def test_an_integrity_error_storing_a_text_without_a_sid_is_not_taken_for_a_repeat(
    sms_area, monkeypatch
):
    def clash(*args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(Message, "save", clash)

    response = signed_post(Client(), INBOUND_URL, twilio_params("hi", MessageSid="", SmsSid=""))

    assert response.status_code == 503


def test_only_storing_the_text_waits_for_the_disk(sms_area, hostel, monkeypatch):
    """PostgreSQL: the text's own commit is synchronous; the handling's, which can be redone
    from the stored text, is not. Other databases are left as they are."""
    during_handling = []

    def note_commit_mode(inbound):
        during_handling.append(_synchronous_commit())
        return feedback(inbound)

    feedback = handlers.get_handler("feedback")
    monkeypatch.setitem(handlers._handlers, "feedback", note_commit_mode)

    assert replies(_post("hostel 4 the staff were kind"))

    if connection.vendor == "postgresql":
        assert during_handling == ["off"]
        assert _synchronous_commit() == "on"  # SET LOCAL: this transaction only
    else:
        assert during_handling == [None]
    assert Message.objects.inbound().get().status == Message.Status.PROCESSED


def _synchronous_commit() -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]
