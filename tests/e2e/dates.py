"""The browser tests' calendar: pages and cases dated around the day they were written, moved
to the day the tests run.

A browser runs on the machine's real clock (it cannot be moved from outside), and what it
sends is stamped with it: the time a chat was logged, the day the badge counts down from.
So the server runs on the program's clock (the real one, or REFUNDS_TODAY's), and every date
a test page shows, or a test case carries, is moved by as many days as today is from the day
the fixtures were written: a page "ordered 6 days ago" is ordered 6 days ago on any day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from server.wallclock import system_clock

WRITTEN_ON = date(2026, 11, 26)
TODAY = system_clock().today()
SHIFT = TODAY - WRITTEN_ON

_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH = "|".join(_MONTHS)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH}) (\d{{1,2}}), (\d{{4}})\b")  # November 20, 2026
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({_MONTH}) (\d{{4}})\b")  # 20 November 2026
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # 20/11/2026, 11/20/2026
_DAY_FIRST_LANGS = re.compile(r"""<html[^>]*\blang=["']?(?!en-US|en["' >])[a-z]""", re.I)


def moved(day: str | date) -> str:
    """A fixture's ISO date, moved to the run's calendar."""
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return (value + SHIFT).isoformat()


def shown(day: str) -> str:
    """An ISO date as the extension's popup writes it: 20 Dec 2026."""
    value = date.fromisoformat(day)
    return f"{value.day} {calendar.month_abbr[value.month]} {value.year}"


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def move_dates(html: str, shift: timedelta = SHIFT) -> str:
    """Every date in a page's text, in the formats the test pages use, moved by ``shift``."""
    if not shift:
        return html

    def iso(match: re.Match) -> str:
        day = _real(*map(int, match.groups()))
        return (day + shift).isoformat() if day else match.group(0)

    def named_month(month_first: bool):
        def replace(match: re.Match) -> str:
            month, day, year = (
                (match[1], match[2], match[3]) if month_first else (match[2], match[1], match[3])
            )
            value = _real(int(year), _MONTHS[month], int(day))
            if not value:
                return match.group(0)
            new = value + shift
            name = calendar.month_name[new.month]
            return f"{name} {new.day}, {new.year}" if month_first else f"{new.day} {name} {new.year}"

        return replace

    day_first = bool(_DAY_FIRST_LANGS.search(html))

    def slashed(match: re.Match) -> str:
        first, second, year = map(int, match.groups())
        day, month = (first, second) if day_first else (second, first)
        value = _real(year, month, day)
        if not value:
            return match.group(0)
        new = value + shift
        parts = (new.day, new.month) if day_first else (new.month, new.day)
        return f"{parts[0]:02d}/{parts[1]:02d}/{new.year}"

    for pattern, replace in (
        (_ISO, iso),
        (_MONTH_DAY_YEAR, named_month(True)),
        (_DAY_MONTH_YEAR, named_month(False)),
        (_SLASHED, slashed),
    ):
        html = pattern.sub(replace, html)
    return html
