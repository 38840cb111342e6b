"""manage.py reprocess_sms: texts whose handling failed are handled again, never lost."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from sms import handlers
from sms.backends import locmem
from sms.models import Attention, Message
from surveys.models import Response
from tests.sms.conftest import run_tasks


def _reprocess(capture) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("reprocess_sms", stdout=out)
    return out.getvalue()


def _fail_while_handling(monkeypatch, text_in, body):
    def broken(inbound):
        raise RuntimeError("handler exploded")

    with monkeypatch.context() as patch:
        patch.setitem(handlers._handlers, "feedback", broken)
        text_in(body)
    return Message.objects.inbound().get(body=body)


def test_failed_message_is_handled_and_its_replies_sent(
    text_in, hostel, monkeypatch, django_capture_on_commit_callbacks
):
    message = _fail_while_handling(monkeypatch, text_in, "hostel 2 nobody listened")
    assert message.status == Message.Status.FAILED

    output = _reprocess(django_capture_on_commit_callbacks)
    run_tasks()

    message.refresh_from_db()
    assert message.status == Message.Status.PROCESSED
    response = Response.objects.get()
    assert (response.service, response.feeling_score) == (hostel, 2)
    assert response.text == "nobody listened"
    # The webhook's answer went long ago: the replies go out as texts.
    sent = [text["body"] for text in locmem.outbox]
    assert sent[0].startswith("Your words help improve local services")
    assert sent[1].startswith("Thank you. Anything else")
    assert all(text["to"] == "+447700900123" for text in locmem.outbox)
    assert "1 handled" in output and "0 failed" in output
    item = Attention.objects.get(message=message, reason=Attention.Reason.PROCESSING_FAILED)
    assert item.resolved_at is not None


def test_a_message_that_fails_again_stays_failed_and_is_counted(
    text_in, monkeypatch, django_capture_on_commit_callbacks
):
    message = _fail_while_handling(monkeypatch, text_in, "the staff were kind")

    def still_broken(inbound):
        raise RuntimeError("still exploding")

    monkeypatch.setitem(handlers._handlers, "feedback", still_broken)
    output = _reprocess(django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "still exploding" in message.error_message
    assert "0 handled" in output and "1 failed" in output
    assert Attention.objects.open().filter(message=message).count() == 1


def test_message_stuck_as_received_is_picked_up(
    text_in, monkeypatch, django_capture_on_commit_callbacks
):
    """If even marking the failure failed (database gone mid-request), the message is left
    RECEIVED; once it is clearly not being handled any more, the command takes it."""
    text_in("the staff were kind")
    message = Message.objects.inbound().get()
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.RECEIVED, created_at=timezone.now() - timedelta(hours=1)
    )
    Response.objects.all().delete()
    Message.objects.outbound().delete()

    output = _reprocess(django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert message.status == Message.Status.PROCESSED
    assert Response.objects.get().text == "the staff were kind"
    assert "1 handled" in output


def test_message_received_a_moment_ago_is_left_to_the_webhook(
    text_in, django_capture_on_commit_callbacks
):
    text_in("the staff were kind")
    Message.objects.inbound().update(status=Message.Status.RECEIVED)

    output = _reprocess(django_capture_on_commit_callbacks)

    assert Message.objects.inbound().get().status == Message.Status.RECEIVED
    assert "0 handled" in output


def test_processed_messages_are_not_handled_twice(text_in, django_capture_on_commit_callbacks):
    text_in("the staff were kind")

    output = _reprocess(django_capture_on_commit_callbacks)
    run_tasks()

    assert Response.objects.count() == 1
    assert locmem.outbox == []
    assert "0 handled" in output
