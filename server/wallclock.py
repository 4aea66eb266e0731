"""Now and today for the whole program: the one place the real clock is read.

Deadlines are counted in the user's calendar days, so the date is an input like any other.
The server (``Config.clock``), the terminal UI, the CLI and the benchmarks all ask a
``WallClock``; nothing else calls ``datetime.now()`` or ``date.today()`` (a test holds the
code to that).

``REFUNDS_TODAY=2028-02-29`` (or ``2028-02-29T23:58``) moves every process started with it to
that day: the clock starts there at noon (or at the time given) and runs on in real time, so a
test run on a moved clock behaves as it would on that day. Tests and benchmarks pin a clock of
their own with ``WallClock.starting(day)`` or freeze one with ``WallClock.frozen(moment)``.
"""

from __future__ import annotations

import os
import time as _time
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone, tzinfo

TODAY_ENV = "REFUNDS_TODAY"
# A clock started on a day begins at noon there: a run must last half a day to see midnight.
START_OF_A_MOVED_DAY = time(12, 0)


class BadClockSetting(ValueError):
    """REFUNDS_TODAY is set but is not a date."""


class WallClock:
    """The current moment (aware, UTC), the local time and the local calendar date.

    ``shift`` moves the real clock by a fixed amount; ``frozen`` stops it at one moment.
    """

    def __init__(self, shift: timedelta = timedelta(0), *, frozen: datetime | None = None) -> None:
        if frozen is not None and frozen.tzinfo is None:
            raise ValueError("a frozen clock needs an aware datetime")
        self.shift = shift
        self._frozen = frozen
        # today() is asked for several times a request: the answer is kept for a second.
        self._today: tuple[float, date] = (-1.0, date.min)

    def move(self, by: timedelta) -> None:
        """Moves the clock on (or back) by ``by``: a day passing in a test, without waiting."""
        self.shift += by
        self._today = (-1.0, date.min)

    # -- making one -----------------------------------------------------------------------
    @classmethod
    def starting(cls, day: date | datetime, at: time = START_OF_A_MOVED_DAY) -> WallClock:
        """A clock that reads ``day`` at ``at`` (local time) now, and runs on from there."""
        moment = day if isinstance(day, datetime) else datetime.combine(day, at)
        if moment.tzinfo is None:
            moment = moment.astimezone()  # the system's local zone
        return cls(moment - datetime.now(timezone.utc))

    @classmethod
    def frozen(cls, moment: datetime) -> WallClock:
        """A clock stopped at ``moment`` (screenshots that show times)."""
        return cls(frozen=moment if moment.tzinfo else moment.astimezone())

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> WallClock:
        """The real clock, or the one ``REFUNDS_TODAY`` asks for."""
        value = (environ.get(TODAY_ENV) or "").strip()
        if not value:
            return cls()
        return cls.starting(parse_moved_day(value))

    # -- reading it -----------------------------------------------------------------------
    @property
    def moved(self) -> bool:
        return self._frozen is not None or self.shift != timedelta(0)

    def now(self) -> datetime:
        """This moment, aware, in UTC."""
        if self._frozen is not None:
            return self._frozen.astimezone(timezone.utc)
        return datetime.now(timezone.utc) + self.shift

    def local_now(self) -> datetime:
        """This moment in the system's local time zone (aware)."""
        return self.now().astimezone()

    def local_zone(self) -> tzinfo:
        zone = self.local_now().tzinfo
        assert zone is not None
        return zone

    def today(self) -> date:
        """The local calendar date: deadlines are counted in the user's days."""
        checked, day = self._today
        mono = _time.monotonic()
        if mono - checked >= 1.0:
            day = self.local_now().date()
            self._today = (mono, day)
        return day

    def timestamp(self) -> float:
        """Seconds since the epoch, as time.time() would say on this clock."""
        return self.now().timestamp()

    def __repr__(self) -> str:
        if self._frozen is not None:
            return f"WallClock.frozen({self._frozen.isoformat()})"
        return f"WallClock(today={self.today().isoformat()}, shift={self.shift})"


def parse_moved_day(value: str) -> date | datetime:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM[:SS]`` (local time); BadClockSetting otherwise."""
    try:
        if "T" in value or " " in value:
            return datetime.fromisoformat(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadClockSetting(
            f"{TODAY_ENV}={value!r} is not a date: write it as YYYY-MM-DD "
            "(or YYYY-MM-DDTHH:MM), or unset it for the real date."
        ) from None


_process_clock: WallClock | None = None


def system_clock() -> WallClock:
    """This process's clock: the real one, or the one REFUNDS_TODAY asks for (read once)."""
    global _process_clock
    if _process_clock is None:
        _process_clock = WallClock.from_environment()
    return _process_clock
