"""Dates as the user sees them: ISO strings in, local calendar dates out."""

from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..domain.zones import is_zone_name

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


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
