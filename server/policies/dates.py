"""Dates as the user sees them: ISO strings in, local calendar dates out."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..domain.zones import is_zone_name

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_date(value: str | date | None) -> date | None:
    """``"2026-11-20"`` -> date; None, "" or an unreadable value -> None."""
    if not value:
        return None
    if type(value) is str:  # the common case first: this runs several times per case read
        try:
            return date.fromisoformat(value if len(value) == 10 else value[:10])
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The named IANA time zone; UTC when the name is empty or unknown."""
    if not name or not is_zone_name(name):
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return timezone.utc


def zone_name(tz: tzinfo | None) -> str:
    if tz is None:
        return "UTC"
    return getattr(tz, "key", None) or tz.tzname(None) or "UTC"


def local_date(timestamp: str | datetime | None, tz: tzinfo) -> date | None:
    """The user's calendar date of a timestamp; a timestamp without offset is taken as UTC."""
    if not timestamp:
        return None
    if isinstance(timestamp, str):
        try:
            moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
        except ValueError:
            return parse_date(timestamp)
    else:
        moment = timestamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(tz).date()


def local_moment(timestamp: str | None, tz: tzinfo) -> datetime | None:
    """A stored (UTC) timestamp as the user's wall-clock moment; None when it is no timestamp."""
    if not timestamp or "T" not in timestamp:
        return None
    try:
        moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(tz)


def human_date(value: date | str | None) -> str | None:
    """``2026-11-20`` -> ``"20 November 2026"`` (unambiguous in every English-speaking country)."""
    day = parse_date(value)
    if day is None:
        return None
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_ISO_DATE_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def date_problem(text: str) -> str | None:
    """Why ``text`` is not a date written YYYY-MM-DD, in words a user can act on (None when it
    is one): ``2026-02-30`` -> "not a date (February has 28 days in 2026)". The API and the
    terminal UI's forms say the same."""
    text = text.strip()
    shape = _ISO_DATE_SHAPE.match(text)
    if shape is None:
        return "write the date as YYYY-MM-DD, e.g. 2026-11-20"
    year, month, day = (int(part) for part in shape.groups())
    if not 1 <= month <= 12:
        return f"not a date (there is no month {month}: months go from 01 to 12)"
    if year < 1:
        return "not a date (years start at 0001)"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = _MONTHS[month - 1]
        if day == 0:
            return "not a date (days start at 01)"
        return (
            f"not a date ({name} has {last} days in {year})"
            if month == 2
            else f"not a date ({name} has {last} days)"
        )
    return None
