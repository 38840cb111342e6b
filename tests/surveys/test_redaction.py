"""Numbers, emails and links are taken out of words before they are shown as quotes."""

import pytest

from surveys.redaction import redact


@pytest.mark.parametrize(
    "text, expected",
    [
        ("call me on 07700 900123 any time", "call me on [number] any time"),
        ("my number is +44 7700 900123.", "my number is [number]."),
        ("email jo.bloggs+x@example.org please", "email [email] please"),
        ("see https://example.org/page?x=1 for more", "see [link] for more"),
        ("www.example.org is their site", "[link] is their site"),
    ],
)
def test_contact_details_are_redacted(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", ["I waited 45 minutes", "room 12 was cold", "4/5 good", ""])
def test_ordinary_numbers_and_words_are_left_alone(text):
    assert redact(text) == text
