"""Reading a 1-5 feeling score out of what people actually text back."""

import pytest

from surveys.scores import Score, parse_score


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1", Score(1, "")),
        (" 5 ", Score(5, "")),
        ("4/5", Score(4, "")),
        ("4 / 5", Score(4, "")),
        ("3 out of 5", Score(3, "")),
        ("2!", Score(2, "")),
        ("4.", Score(4, "")),
        ("3, they were ok", Score(3, "they were ok")),
        ("3 - the wait was long", Score(3, "the wait was long")),
        ("5 brilliant staff", Score(5, "brilliant staff")),
    ],
)
def test_leading_digit_is_a_score(text, expected):
    assert parse_score(text) == expected


@pytest.mark.parametrize("text", ["0", "6", "10", "2.5", "3:30", "45 minutes late", "1,000"])
def test_numbers_that_are_not_a_score_on_the_scale(text):
    assert parse_score(text, expecting=True) is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("😡", 1),
        ("👎", 1),
        ("🙁", 2),
        ("☹️", 2),
        ("😐", 3),
        ("🤷", 3),
        ("🙂", 4),
        ("👍", 4),
        ("☺️", 4),
        ("😍", 5),
        ("❤️", 5),
        ("💯", 5),
    ],
)
def test_faces_are_scores(text, value):
    assert parse_score(text) == Score(value, "")


def test_skin_tone_is_part_of_the_face_not_words():
    assert parse_score("👍🏿") == Score(4, "")
    assert parse_score("👍🏽 lovely people") == Score(4, "lovely people")


@pytest.mark.parametrize(
    "text, value",
    [
        ("good", 4),
        ("GOOD!", 4),
        ("very good", 5),
        ("not good", 2),
        ("not bad", 3),
        ("ok", 3),
        ("rubbish", 1),
        ("the best", 5),
        ("good thanks", 4),
        ("really good x", 5),
    ],
)
def test_words_count_when_we_asked_for_a_score(text, value):
    assert parse_score(text, expecting=True) == Score(value, "")


def test_words_do_not_count_when_we_did_not_ask():
    assert parse_score("good", expecting=False) is None


def test_a_score_word_with_more_to_say_keeps_the_words():
    score = parse_score("good but the wait was long", expecting=True)

    assert score == Score(4, "good but the wait was long")


def test_a_sentence_is_feedback_not_a_score():
    assert parse_score("the food was good but staff were rude", expecting=True) is None


@pytest.mark.parametrize("text", ["", "   ", "dunno", "🙏"])
def test_no_score(text):
    assert parse_score(text, expecting=True) is None
