"""Apps that own a kind of reply (feedback answers, RSVPs) register a handler here.

``sms`` never imports them: each app registers in its AppConfig.ready(). A message with no open
conversation goes to the "feedback" handler.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from coproduce.models import Area, Person

from .models import Conversation, Message

DEFAULT_HANDLER = "feedback"


@dataclass
class Inbound:
    """What a handler gets: the stored message and what the channel already knows."""

    message: Message
    person: Person
    area: Area
    conversation: Conversation | None
    # The channel has already replied with crisis signposting: record, but don't ask questions.
    safeguarding: bool = False
    # False when a question would be unkind: someone at risk, or who may be asking us to stop.
    questions_allowed: bool = True
    replies: list[str] = field(default_factory=list)


Handler = Callable[[Inbound], list[str]]
# Says whether an app wants a message that came with no open conversation (a late "YES").
Claim = Callable[[Inbound], bool]

_handlers: dict[str, Handler] = {}
_claims: list[tuple[str, Claim]] = []
_load_with: set[str] = set()
_consents: set[str] = set()


def register(
    name: str,
    handler: Handler,
    *,
    load_with: tuple[str, ...] = (),
    consents: tuple[str, ...] = (),
) -> None:
    """Register ``handler`` as ``name``. Loaded with the sender, in the one query that finds
    them, so the handler needn't ask again on every text: ``load_with``, one-to-one relations
    of Conversation (an app's row per conversation); ``consents``, the kinds of Consent it
    reads with ``person.has_consent``."""
    _handlers[name] = handler
    _load_with.update(load_with)
    _consents.update(consents)


def conversation_relations() -> list[str]:
    """What handlers asked to have loaded with a conversation (for select_related)."""
    return sorted(_load_with)


def consents_to_load() -> list[str]:
    """The kinds of consent handlers asked to have loaded with the sender."""
    return sorted(_consents)


def register_claim(name: str, claims: Claim) -> None:
    """Let handler ``name`` take messages outside any conversation that ``claims`` accepts."""
    if (name, claims) not in _claims:
        _claims.append((name, claims))


def handler_name_for(inbound: Inbound) -> str:
    """The open conversation's handler; else the first app claiming the message; else feedback."""
    if inbound.conversation is not None:
        return inbound.conversation.handler
    for name, claims in _claims:
        if claims(inbound):
            return name
    return DEFAULT_HANDLER


def get_handler(name: str) -> Handler:
    try:
        return _handlers[name]
    except KeyError as error:
        raise LookupError(f"No SMS handler registered as {name!r}") from error


def registered() -> list[str]:
    return sorted(_handlers)
