from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

LONDON = ZoneInfo("Europe/London")


def _parse(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def quiet_hours_end(at: datetime) -> datetime | None:
    """When quiet hours covering ``at`` end (London time, right across clock changes), or None
    if ``at`` is not in quiet hours."""
    start = _parse(settings.SMS_QUIET_HOURS_START)
    end = _parse(settings.SMS_QUIET_HOURS_END)
    local = at.astimezone(LONDON)
    now = local.time()
    if start == end:
        return None
    if start < end:
        in_quiet = start <= now < end
        end_day = local.date()
    else:  # wraps midnight, e.g. 21:00-09:00
        in_quiet = now >= start or now < end
        end_day = local.date() + timedelta(days=1) if now >= start else local.date()
    if not in_quiet:
        return None
    return datetime.combine(end_day, end, tzinfo=LONDON)
