"""IANA time zone names (the list this machine's zoneinfo knows, read on first use)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def is_zone_name(name: str) -> bool:
    """ "Europe/Berlin" yes; "Europe" no: it is a folder, and ZoneInfo("Europe") raises
    IsADirectoryError rather than saying it is no zone."""
    return name in _names()
