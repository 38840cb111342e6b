"""Taking phone numbers, emails and web addresses out of words before anyone reads them as a
quote. Names can't be found reliably by rule, so quotes also need staff review."""

import re

PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    (re.compile(r"(https?://|www\.)\S+", re.I), "[link]"),
    (re.compile(r"(?<!\w)(\+?\d[\d\s().-]{7,}\d)(?!\w)"), "[number]"),
]


def redact(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text
