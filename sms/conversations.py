from django.utils import timezone

from coproduce.models import Person

from .models import Conversation


def start_conversation(
    *, person: Person, handler: str, step: str, context: dict | None = None, at=None
) -> Conversation:
    """Open a conversation, closing any other open one: a person answers one question at a time."""
    at = at or timezone.now()
    Conversation.objects.filter(person=person, closed_at__isnull=True).update(closed_at=at)
    return Conversation.objects.create(
        person=person,
        handler=handler,
        step=step,
        context=context or {},
        started_at=at,
        expires_at=at + Conversation.window(),
    )


def current_conversation(person: Person, *, at=None) -> Conversation | None:
    return Conversation.objects.open_for(person, at=at).order_by("-started_at", "-pk").first()
