"""Odd or broken inbound texts are answered clearly and kept, never lost or crashed on."""

import pytest

from coproduce.models import Person
from sms.models import Attention, Message
from sms.texts import SPECS
from surveys.models import Response
from tests.sms.conftest import INBOUND_URL, replies, signed_post, twilio_params

PRIVACY = SPECS["privacy_note"].default


def _flags(message) -> set[str]:
    return set(message.attention.values_list("reason", flat=True))


def test_missing_from_is_kept_and_flagged(text_in):
    response = text_in("hostel 4", sender=None)

    assert response.status_code == 200
    assert replies(response) == []  # nobody to reply to
    message = Message.objects.inbound().get()
    assert message.body == "hostel 4"
    assert message.phone == ""
    assert _flags(message) == {Attention.Reason.UNUSUAL_SENDER}
    assert not Person.objects.exists()


@pytest.mark.parametrize("sender", ["VODAFONE", "12345", "+12345", "not a number"])
def test_sender_that_is_not_a_phone_number_is_kept_and_flagged(text_in, sender):
    response = text_in("Your bill is ready", sender=sender)

    assert response.status_code == 200
    assert replies(response) == []
    message = Message.objects.inbound().get()
    assert message.phone == sender
    assert message.status == Message.Status.PROCESSED
    assert _flags(message) == {Attention.Reason.UNUSUAL_SENDER}
    assert not Person.objects.exists()
    assert not Message.objects.outbound().exists()


def test_national_format_sender_is_not_guessed_at(text_in):
    """Twilio always sends E.164 for phones; anything else is not ours to reinterpret."""
    text_in("hello", sender="07700900123")

    assert not Person.objects.exists()


@pytest.mark.parametrize("body", [None, "", "   ", "\n\t"])
def test_missing_or_empty_body_gets_a_clear_reply(text_in, body):
    response = text_in(body)

    assert response.status_code == 200
    assert replies(response) == [PRIVACY, SPECS["empty"].default]
    assert Message.objects.inbound().get().status == Message.Status.PROCESSED
    assert not Response.objects.exists()


def test_missing_message_sid_is_still_kept(client, sms_area):
    params = twilio_params("the staff were kind")
    del params["MessageSid"], params["SmsSid"]

    first = signed_post(client, INBOUND_URL, params)
    second = signed_post(client, INBOUND_URL, params)

    assert (first.status_code, second.status_code) == (200, 200)
    assert Message.objects.inbound().filter(provider_sid=None).count() == 2


def test_1600_character_body_is_stored_in_full(text_in):
    body = ("The hostel staff were kind but the rooms are cold. " * 32)[:1600]

    response = text_in(body)

    assert response.status_code == 200
    assert Message.objects.inbound().get().body == body
    assert Response.objects.get().text == body.strip()


def test_emoji_only_face_is_read_as_a_score(text_in):
    text_in("😀")

    assert Response.objects.get().feeling_score == 5


def test_emoji_only_that_is_not_a_face_is_kept_as_words(text_in):
    response = text_in("🙏🙏🙏")

    assert replies(response)[-1] == SPECS["thanks"].default
    feedback = Response.objects.get()
    assert (feedback.feeling_score, feedback.text) == (None, "🙏🙏🙏")


@pytest.mark.parametrize(
    "body",
    [
        "شكرا لكم، كان الموظفون لطفاء",  # Arabic
        "Dziękuję, pracownicy byli bardzo mili",  # Polish
        "谢谢，工作人员很友善",  # Chinese
        "Спасибо, персонал был добрым",  # Russian
    ],
)
def test_non_latin_scripts_are_stored_intact(text_in, body):
    response = text_in(body)

    assert response.status_code == 200
    assert Message.objects.inbound().get().body == body
    assert Response.objects.get().text == body


def test_nul_bytes_are_stored_without_crashing(text_in):
    response = text_in("the staff\x00 were kind")

    assert response.status_code == 200
    message = Message.objects.inbound().get()
    assert message.body == "the staff\ufffd were kind"
    assert message.status == Message.Status.PROCESSED
    assert "\x00" not in Response.objects.get().text


def test_media_only_is_flagged_and_answered_politely(text_in):
    response = text_in(
        "",
        NumMedia="1",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0",
        MediaContentType0="image/jpeg",
    )

    assert response.status_code == 200
    assert replies(response) == [PRIVACY, SPECS["media"].default]
    message = Message.objects.inbound().get()
    assert message.num_media == 1
    assert _flags(message) == {Attention.Reason.MEDIA}
    assert "MediaUrl0" in message.raw


def test_picture_with_words_is_flagged_and_the_words_used(text_in):
    text_in(
        "this is my room at the hostel",
        NumMedia="1",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0",
    )

    message = Message.objects.inbound().get()
    assert _flags(message) == {Attention.Reason.MEDIA}
    assert Response.objects.get().text == "this is my room at the hostel"


@pytest.mark.parametrize("num_media", ["lots", "-3", ""])
def test_nonsense_num_media_counts_as_none(text_in, num_media):
    response = text_in("the staff were kind", NumMedia=num_media)

    assert response.status_code == 200
    assert Message.objects.inbound().get().num_media == 0


def test_text_to_a_number_no_area_uses_goes_to_the_first_active_area(text_in, sms_area):
    text_in("the staff were kind", To="+447700900999")

    message = Message.objects.inbound().get()
    assert message.area == sms_area
    assert message.our_number == "+447700900999"
