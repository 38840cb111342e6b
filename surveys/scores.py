"""Reading a feeling score (1 very bad ... 5 very good) out of a text.

People answer "4", "4/5", "good", "rubbish", "😡" or "3 they were ok". Words only count as a
score when they are (nearly) the whole answer: "the food was good but staff were rude" is
feedback, not a 4.
"""

import re
from dataclasses import dataclass

# fmt: off
WORD_SCORES = {
    1: [
        "very bad", "really bad", "awful", "terrible", "horrible", "rubbish", "crap", "shit",
        "shite", "dreadful", "disgusting", "hate", "hated", "worst", "appalling", "useless",
        "pants",
    ],
    2: ["bad", "poor", "not good", "not great", "unhappy", "sad", "upset", "not very good"],
    3: ["ok", "okay", "k", "alright", "all right", "fine", "meh", "average", "so so", "so-so",
        "not bad", "mixed", "neither"],
    4: ["good", "nice", "happy", "helpful", "kind", "decent", "pretty good", "quite good"],
    5: ["very good", "really good", "great", "brilliant", "excellent", "amazing", "fantastic",
        "perfect", "love", "loved", "outstanding", "superb", "the best", "class", "top"],
}
# fmt: on
EMOJI_SCORES = {
    1: "😡😠🤬😭😢😩😫💩👎",
    2: "☹🙁😞😟😕😔😒",
    3: "😐😑😶🤷",
    4: "🙂😊👍☺",
    5: "😀😃😄😁🥰😍❤💯👏🙌🤩💖",
}
_EMOJI = {char: score for score, chars in EMOJI_SCORES.items() for char in chars}
_PHRASES = sorted(
    ((phrase, score) for score, phrases in WORD_SCORES.items() for phrase in phrases),
    key=lambda item: -len(item[0]),
)
# "4", "4.", "4/5", "3, ok", but not "2.5", "3:30" or "10".
_LEADING_NUMBER = re.compile(
    r"^\s*([1-5])(?:\s*(?:/|out of)\s*5)?(?!\d|[.,:]\d)\s*[.!,:-]?\s*(.*)$", re.S | re.I
)
# What may follow a face without being words: emoji presentation, joiner, skin tones.
_EMOJI_TRAILERS = "\ufe0f\u200d \U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
_FILLER = re.compile(
    r"\b(it|was|they|were|very|really|just|quite|pretty|thanks|thank you|ta|x+)\b", re.I
)


@dataclass(frozen=True)
class Score:
    value: int
    rest: str  # what's left once the score is taken out


def parse_score(text: str, *, expecting: bool = False) -> Score | None:
    """The score in ``text``, if any. ``expecting``: we just asked for one, so a lone word
    like "good" counts; otherwise only digits and faces at the start do."""
    text = (text or "").strip()
    if not text:
        return None
    number = _LEADING_NUMBER.match(text)
    if number:
        return Score(int(number.group(1)), number.group(2).strip())
    first = text[0]
    if first in _EMOJI:
        rest = text[1:].lstrip(_EMOJI_TRAILERS).strip()
        return Score(_EMOJI[first], rest)
    stripped = re.sub(r"[^\w\s'-]", " ", text.lower())
    stripped = " ".join(stripped.split())
    if not expecting:
        return None
    for phrase, score in _PHRASES:
        if stripped == phrase:
            return Score(score, "")
        if stripped.startswith(phrase + " ") and len(stripped.split()) <= 6:
            remainder = _FILLER.sub("", stripped[len(phrase) :]).strip()
            # "good thanks" is a 4; "good but the wait was long" is a 4 with words.
            return Score(score, text if remainder else "")
    return None
