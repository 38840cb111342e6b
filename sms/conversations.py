from django.utils import timezone

from coproduce.models import Area, Person

from .models import Conversation


def start_conversation(
    *,
    person: Person,
    handler: str,
    step: str,
    context: dict | None = None,
    at=None,
    close_others: bool = True,
) -> Conversation:
    """Open a conversation, closing any other open one: a person answers one question at a time.

    A handler that has just been told the person has no open conversation for it passes
    ``close_others=False``, which saves looking for them again.
    """
    at = at or timezone.now()
    if close_others:
        Conversation.objects.filter(person=person, closed_at__isnull=True).update(closed_at=at)
    return Conversation.objects.create(
        person=person,
        handler=handler,
        step=step,
        context=context or {},
        started_at=at,
        expires_at=at + Conversation.window(),
    )


def current_conversation_by_number(area: Area, phone_hash: str, *, at=None) -> Conversation | None:
    """The open conversation with whoever has this number in ``area``, their Person loaded
    with it: one query finds both for someone mid-conversation, as most texters are."""
    return (
        Conversation.objects.open(at=at)
        .filter(person__area=area, person__phone_hash=phone_hash)
        .select_related("person")
        .order_by("-started_at", "-pk")
        .first()
    )
