"""An iCalendar (RFC 5545) file for a session, written by hand: times in Europe/London with
the zone's rules included, text escaped, lines folded at 75 octets, CRLF line ends."""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from .models import Session
from .wording import LONDON

PRODID = "-//Coproduce//Panels//EN"

# The UK rules since 1996: BST from the last Sunday in March at 01:00 UTC, GMT from the last
# Sunday in October at 01:00 UTC. Calendars use this to place the local times.
VTIMEZONE_LONDON = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped; newlines as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line so no physical line is over 75 octets, never splitting a UTF-8
    character: continuation lines start with one space."""
    encoded_limit = 75
    parts: list[str] = []
    current = ""
    current_octets = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current_octets + size > encoded_limit:
            parts.append(current)
            current, current_octets = " ", 1
        current += char
        current_octets += size
    parts.append(current)
    return "\r\n".join(parts)


def _local(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_uid(session: Session) -> str:
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "coproduce"
    host = host.lstrip(".") if host not in ("*", "") else "coproduce"
    return f"panel-session-{session.pk}@{host}"


def session_ics(session: Session, *, include_online_link: bool = True) -> str:
    """The session as a one-event calendar. A cancelled session keeps its UID with a higher
    SEQUENCE and STATUS:CANCELLED, so calendars that saved it remove it."""
    panel = session.panel
    summary = f"{panel.name}: {session.title}" if session.title else panel.name
    location = ", ".join(part for part in [session.venue, session.venue_address] if part)
    description_parts = []
    if session.venue_access_notes:
        description_parts.append(f"Access: {session.venue_access_notes}")
    if session.online_link and include_online_link:
        description_parts.append(f"Join online: {session.online_link}")
    if session.agenda:
        description_parts.append(f"Agenda:\n{session.agenda}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *VTIMEZONE_LONDON,
        "BEGIN:VEVENT",
        f"UID:{session_uid(session)}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"SEQUENCE:{session.sequence}",
        f"DTSTART;TZID=Europe/London:{_local(session.starts_at)}",
        f"DTEND;TZID=Europe/London:{_local(session.ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
        "STATUS:CANCELLED" if session.is_cancelled else "STATUS:CONFIRMED",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    elif session.online_link and include_online_link:
        lines.append(f"LOCATION:{escape_text(session.online_link)}")
    if description_parts:
        lines.append(f"DESCRIPTION:{escape_text(chr(10).join(description_parts))}")
    if session.online_link and include_online_link:
        lines.append(f"URL:{session.online_link}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def ics_filename(session: Session) -> str:
    return f"panel-{session.starts_at.astimezone(LONDON):%Y-%m-%d}-{session.pk}.ics"
