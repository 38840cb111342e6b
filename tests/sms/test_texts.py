"""Every system text is plain GSM-7 and one 160-character segment, defaults and overrides."""

import pytest
from django.core.exceptions import ValidationError

from sms.gsm import fits_one_segment, gsm7_length, is_gsm7, segment_count, to_gsm7
from sms.models import SmsTemplate
from sms.texts import SPECS, render_text, validate_text


@pytest.mark.parametrize("key", sorted(SPECS))
def test_every_default_is_gsm7_and_one_segment_with_the_longest_values(key):
    spec = SPECS[key]
    filled = spec.default.format(**{name: "W" * size for name, size in spec.placeholders.items()})

    assert is_gsm7(filled), f"{key}: not GSM-7"
    assert gsm7_length(filled) <= 160, f"{key}: {gsm7_length(filled)} characters"
    assert segment_count(filled) == 1
    validate_text(key, spec.default)


@pytest.mark.parametrize("key", sorted(SPECS))
def test_every_default_renders_to_one_segment_with_awkward_values(key):
    values = dict.fromkeys(SPECS[key].placeholders, "Zoë’s “Café” [Hub] €£ — 😀 " * 5)

    text = render_text(key, **values)

    assert fits_one_segment(text), f"{key}: {text!r}"


@pytest.mark.parametrize(
    "body, code",
    [
        ("We’re here for you.", "not_gsm7"),  # curly apostrophe
        ("“Thanks” for texting.", "not_gsm7"),
        ("Thanks 🙂", "not_gsm7"),
        ("Thanks – really", "not_gsm7"),  # en dash
        ("x" * 161, "too_long"),
        ("[" * 81, "too_long"),  # each costs two characters
    ],
)
def test_validate_text_rejects(body, code):
    with pytest.raises(ValidationError) as raised:
        validate_text("thanks", body)

    assert raised.value.code == code


def test_validate_text_counts_placeholders_at_their_longest():
    # 110 characters + a 40-character service name = 150: fine.
    validate_text("ask_score", "x" * 110 + "{service}")

    with pytest.raises(ValidationError) as raised:
        validate_text("ask_score", "x" * 121 + "{service}")

    assert raised.value.code == "too_long"


@pytest.mark.parametrize("body", ["Hi {name}", "Hi {0}", "Hi {", "Hi {service.x"])
def test_validate_text_rejects_unknown_placeholders(body):
    with pytest.raises(ValidationError) as raised:
        validate_text("thanks", body)

    assert raised.value.code == "placeholders"


def test_validate_text_accepts_exactly_160():
    validate_text("thanks", "x" * 160)


def test_area_wording_is_used_when_set(sms_area):
    SmsTemplate.objects.create(area=sms_area, key="thanks", body="Cheers, we read every text.")

    assert render_text("thanks", area=sms_area) == "Cheers, we read every text."
    assert render_text("thanks") == SPECS["thanks"].default


def test_area_wording_is_read_once_and_an_edit_counts_at_once(sms_area, django_assert_num_queries):
    render_text("thanks", area=sms_area)
    with django_assert_num_queries(0):
        render_text("help", area=sms_area, area_name="Riverside")

    template = SmsTemplate.objects.create(area=sms_area, key="thanks", body="Cheers.")
    assert render_text("thanks", area=sms_area) == "Cheers."

    template.delete()
    assert render_text("thanks", area=sms_area) == SPECS["thanks"].default


def test_long_service_name_is_shortened_to_keep_one_segment(sms_area):
    # An override that is exactly 160 characters with a 40-character name filled in.
    body = "y" * 120 + "{service}"
    validate_text("ask_score", body)
    SmsTemplate.objects.create(area=sms_area, key="ask_score", body=body)

    text = render_text("ask_score", area=sms_area, service="Riverside [Night] Shelter {Hub} " * 3)

    assert fits_one_segment(text)


def test_service_name_with_smart_quotes_and_accents_is_made_plain():
    text = render_text("ask_score", service="St Zoë’s “Drop-in”")

    assert text.startswith('How did St Zoe\'s "Drop-in" make you feel today?')
    assert is_gsm7(text)


@pytest.mark.parametrize(
    "text, segments",
    [
        ("", 1),
        ("x" * 160, 1),
        ("x" * 161, 2),
        ("x" * 306, 2),
        ("x" * 307, 3),
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("é" * 160, 1),  # in GSM-7
        ("ê" * 70, 1),  # not: UCS-2
        ("ê" * 71, 2),
        ("🙂" * 35, 1),  # two UTF-16 units each
        ("🙂" * 36, 2),
    ],
)
def test_segment_count(text, segments):
    assert segment_count(text) == segments


def test_to_gsm7_keeps_meaning_and_drops_what_it_cannot_spell():
    assert to_gsm7("‘Hi’ – “Zoë” … ok 😀") == "'Hi' - \"Zoe\" ... ok "
