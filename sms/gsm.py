"""GSM 03.38 (GSM-7): the alphabet a text can use and still cost one segment per 160 characters.

One character outside it (a smart quote, an emoji) turns the whole text into UCS-2, where a
segment holds only 70 characters: a cheap phone with little credit pays for every segment.
"""

BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# These cost two characters each (an escape, then the character).
EXTENDED = "^{}\\[~]|€\f"

_BASIC = frozenset(BASIC) - {"\x1b"}
_EXTENDED = frozenset(EXTENDED)

SINGLE_SEGMENT_GSM = 160
MULTI_SEGMENT_GSM = 153
SINGLE_SEGMENT_UCS2 = 70
MULTI_SEGMENT_UCS2 = 67


def is_gsm7(text: str) -> bool:
    return all(char in _BASIC or char in _EXTENDED for char in text)


def non_gsm7_characters(text: str) -> list[str]:
    """The characters that would force UCS-2, each once, in order of first use."""
    seen: list[str] = []
    for char in text:
        if char not in _BASIC and char not in _EXTENDED and char not in seen:
            seen.append(char)
    return seen


def gsm7_length(text: str) -> int:
    return sum(2 if char in _EXTENDED else 1 for char in text)


def segment_count(text: str) -> int:
    if not text:
        return 1
    if is_gsm7(text):
        length = gsm7_length(text)
        single, multi = SINGLE_SEGMENT_GSM, MULTI_SEGMENT_GSM
    else:
        # UCS-2 counts UTF-16 code units: most emoji take two.
        length = len(text.encode("utf-16-le")) // 2
        single, multi = SINGLE_SEGMENT_UCS2, MULTI_SEGMENT_UCS2
    if length <= single:
        return 1
    return -(-length // multi)


def fits_one_segment(text: str) -> bool:
    return is_gsm7(text) and gsm7_length(text) <= SINGLE_SEGMENT_GSM


_LOOKALIKES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "−": "-",
        "…": "...",
        "\u00a0": " ",
        "\t": " ",
    }
)


def to_gsm7(text: str) -> str:
    """Best GSM-7 spelling of ``text``: smart quotes made plain, accents dropped where GSM-7
    lacks them, anything else left out. For names filled into templates."""
    import unicodedata

    text = text.translate(_LOOKALIKES)
    out = []
    for char in text:
        if char in _BASIC or char in _EXTENDED:
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        if base in _BASIC:
            out.append(base)
    return "".join(out)
