"""The .ics file for a session: London times with the zone's rules, escaping and folding."""

from datetime import datetime, timedelta

import pytest

from panels.calendar import escape_text, fold, session_ics
from tests.panels.conftest import LONDON, SessionFactory


def unfold(ics: str) -> str:
    return ics.replace("\r\n ", "")


@pytest.mark.parametrize(
    "local_start, expected",
    [
        (datetime(2026, 3, 29, 14, 0), "DTSTART;TZID=Europe/London:20260329T140000"),  # BST day
        (datetime(2026, 3, 28, 14, 0), "DTSTART;TZID=Europe/London:20260328T140000"),  # GMT day
        (datetime(2026, 10, 25, 14, 0), "DTSTART;TZID=Europe/London:20261025T140000"),  # GMT
        (datetime(2026, 10, 24, 14, 0), "DTSTART;TZID=Europe/London:20261024T140000"),  # BST
    ],
)
def test_start_is_london_wall_clock_time_on_clock_change_weekends(panel, local_start, expected):
    starts_at = local_start.replace(tzinfo=LONDON)
    session = SessionFactory(
        panel=panel, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
    )
    session.refresh_from_db()  # as stored: UTC

    ics = session_ics(session)

    assert expected in ics.split("\r\n")
    assert "TZID:Europe/London" in ics
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in ics


def test_every_line_ends_crlf_and_is_at_most_75_octets(panel):
    session = SessionFactory(
        panel=panel,
        agenda="Welcome, introductions; then housing. " * 10 + "Café ☕ " * 20,
        venue_access_notes="Ramp at the side door; lift to floor 2, ask at reception.",
    )

    ics = session_ics(session)

    assert ics.endswith("\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
    assert "Café ☕" in unfold(ics)


def test_text_is_escaped(panel):
    session = SessionFactory(
        panel=panel, title="Housing, benefits; and \\ more", venue="Hope Centre"
    )

    ics = unfold(session_ics(session))

    assert "SUMMARY:Riverside Voices: Housing\\, benefits\\; and \\\\ more" in ics
    assert escape_text("line one\nline two") == "line one\\nline two"


def test_fold_never_splits_a_character():
    folded = fold("DESCRIPTION:" + "é" * 80)

    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 80


def test_a_cancelled_session_says_so_with_a_higher_sequence(panel, clock):
    from panels.sessions import cancel_session
    from tests.panels.conftest import NOON

    clock(NOON)
    session = SessionFactory(panel=panel)
    cancel_session(session=session)
    session.refresh_from_db()

    ics = session_ics(session)

    assert "STATUS:CANCELLED" in ics
    assert "SEQUENCE:1" in ics
    assert f"UID:panel-session-{session.pk}@" in ics
