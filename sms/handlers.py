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
    replies: list[str] = field(default_factory=list)


Handler = Callable[[Inbound], list[str]]

_handlers: dict[str, Handler] = {}


def register(name: str, handler: Handler) -> None:
    _handlers[name] = handler


def get_handler(name: str) -> Handler:
    try:
        return _handlers[name]
    except KeyError as error:
        raise LookupError(f"No SMS handler registered as {name!r}") from error


def registered() -> list[str]:
    return sorted(_handlers)
