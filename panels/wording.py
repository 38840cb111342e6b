"""Dates and times the way people say them: "Tue 3 Dec 2pm", always in London time."""

from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def clock_time(moment: datetime) -> str:
    """'2pm', '2:30pm', '12pm' in London time."""
    local = moment.astimezone(LONDON)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    if local.minute:
        return f"{hour}:{local.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def short_date(moment: datetime) -> str:
    """'Tue 3 Dec' in London time."""
    local = moment.astimezone(LONDON)
    return f"{local:%a} {local.day} {local:%b}"


def short_when(moment: datetime) -> str:
    """'Tue 3 Dec 2pm' in London time."""
    return f"{short_date(moment)} {clock_time(moment)}"


def pounds(amount_pence: int) -> str:
    whole, pence = divmod(amount_pence, 100)
    return f"£{whole:,}.{pence:02d}"
