from django.db.models import FilteredRelation
from django.utils import timezone

from coproduce.models import Area, Person

from .handlers import consents_to_load, conversation_relations
from .models import Conversation, open_conversation_q


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


def person_by_number(area: Area, phone_hash: str, *, at=None, **extra) -> Person | None:
    """Whoever has this number in ``area``, or None. Found with them in the same query: their
    newest open conversation as ``open_conversation`` (None if they have none), what handlers
    asked to have loaded with it and them (see handlers.register), and ``extra`` annotations.

    This runs for every text while Twilio waits, and most texters are mid-conversation: one
    query instead of three is a large part of what a text costs us.
    """
    open_conversation = FilteredRelation(
        "conversations", condition=open_conversation_q(at=at, prefix="conversations__")
    )
    loaded = [f"open_conversation__{name}" for name in conversation_relations()]
    # A row per open conversation (rarely more than one). Choosing the newest here, rather
    # than with ORDER BY, saves Django more work per text than the query costs the database.
    rows = list(
        Person.objects.filter(area=area, phone_hash=phone_hash)
        .with_consents(*consents_to_load())
        .annotate(open_conversation=open_conversation, **extra)
        .select_related("open_conversation", *loaded)
        .order_by()
    )
    for row in rows:  # Django sets the attribute only when a conversation was found
        row.open_conversation = getattr(row, "open_conversation", None)
    person = max(rows, key=_newest_conversation, default=None)
    if person is not None and person.open_conversation is not None:
        person.open_conversation.person = person
    return person


def _newest_conversation(person: Person) -> tuple:
    conversation = person.open_conversation
    return (conversation.started_at, conversation.pk) if conversation else ()
