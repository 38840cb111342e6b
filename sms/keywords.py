"""Single-word keywords. Carriers and Twilio treat the opt-out words the same way."""

import re

OPT_OUT = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
OPT_IN = frozenset({"START", "UNSTOP"})
HELP = frozenset({"HELP", "INFO"})

# Not a keyword, but a person probably asking us to stop: flagged for staff to check.
POSSIBLE_OPT_OUT = re.compile(
    r"\b(stop|don'?t|do not|no more|leave me alone|unsubscribe|remove me|take me off)\b"
    r".{0,30}\b(texts?|texting|messages?|messaging|contact|contacting|me|list)\b"
    r"|\bleave me alone\b|\bremove me\b|\btake me off\b",
    re.IGNORECASE,
)

_EDGES = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


def keyword_of(body: str) -> str | None:
    """The keyword a message is, if it is one word once spaces and punctuation are trimmed."""
    word = _EDGES.sub("", (body or "").strip()).upper()
    if not word or not word.isalpha():
        return None
    if word in OPT_OUT or word in OPT_IN or word in HELP:
        return word
    return None


def looks_like_opt_out_request(body: str) -> bool:
    # Phones often send curly apostrophes ("don’t").
    body = (body or "").replace("’", "'").replace("‘", "'")
    words = body.split()
    first = _EDGES.sub("", words[0]).upper() if words else ""
    return first in OPT_OUT or bool(POSSIBLE_OPT_OUT.search(body))
