"""What the server says about statuses (GET /api/v1/statuses), read once at start: each
status's short name and help line, which statuses dispute the charge, and the days left at
which a deadline reads as closing. The screens ask here instead of keeping copies.

The app loads it before the first cases arrive (``ServerConnection.reload``, tui/connection.py);
nothing shows a case before that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Days left at which a deadline is urgent (the TUI's own shade, below the server's "closing").
URGENT_DAYS = 3


@dataclass(frozen=True)
class StatusWords:
    short: dict[str, str]
    help: dict[str, str]
    disputing: frozenset[str]
    closing_days: int

    @classmethod
    def from_json(cls, table: dict[str, Any]) -> StatusWords:
        return cls(
            short=dict(table["short"]),
            help=dict(table["help"]),
            disputing=frozenset(table["disputing"]),
            closing_days=int(table["closing_days"]),
        )


_loaded: StatusWords | None = None


def load(table: dict[str, Any]) -> StatusWords:
    """Keep the server's answer to GET /api/v1/statuses for every screen."""
    global _loaded
    _loaded = StatusWords.from_json(table)
    return _loaded


def loaded() -> bool:
    return _loaded is not None


def words() -> StatusWords:
    if _loaded is None:
        raise RuntimeError("the server's status table is not loaded yet (GET /api/v1/statuses)")
    return _loaded


def short_name(status: str) -> str:
    """The board's name for a status; an unknown one spelled from its id."""
    return words().short.get(status) or status.replace("_", " ").capitalize()


def help_line(status: str) -> str:
    return words().help.get(status, "")


def is_disputing(status: str | None) -> bool:
    """Refused or escalated: the dispute deadline is the one that matters."""
    return status in words().disputing


def closing_days() -> int:
    return words().closing_days
