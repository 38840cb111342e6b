from django.utils import timezone

from coproduce.models import Area, Person

from .models import Conversation

# ``start_conversation(current=...)`` default: the caller hasn't looked for an open one.
NOT_LOOKED_UP = object()


def start_conversation(
    *,
    person: Person,
    handler: str,
    step: str,
    context: dict | None = None,
    at=None,
    current: Conversation | None | object = NOT_LOOKED_UP,
) -> Conversation:
    """Open a conversation, closing any other open one: a person answers one question at a time.

    A handler that already has the person's open conversation (or knows there is none)
    passes it as ``current``, which saves searching for open ones again.
    """
    at = at or timezone.now()
    if current is NOT_LOOKED_UP:
        Conversation.objects.filter(person=person, closed_at__isnull=True).update(closed_at=at)
    elif current is not None:
        current.close(at=at)
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
        Conversation.objects.filter(
            person__area=area,
            person__phone_hash=phone_hash,
            closed_at__isnull=True,
            expires_at__gt=at or timezone.now(),
        )
        .select_related("person")
        .order_by("-started_at", "-pk")
        .first()
    )
