"""What the header and the connection banner show, kept by the app and published on change."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class Link(str, Enum):
    """How the TUI stands with the server."""

    CONNECTING = "connecting"
    ONLINE = "online"
    LOST = "lost"
    FAILED = "failed"  # could neither attach nor start one: the start-up error screen says why


@dataclass(frozen=True)
class Chrome:
    link: Link = Link.CONNECTING
    address: str = ""
    started_here: bool = False
    demo: bool = False
    browsers: int | None = None
    summary: str = ""
    warning: str | None = None
    # While LOST: why, and how many seconds apart the tries to reconnect are.
    problem: str = ""
    retry_in: float | None = None
    clients: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (id, name) of paired browsers
    settings_hint: bool = False  # no country set yet: the board's header suggests setting it
    login_service: bool | None = None  # the server starts at login (`refunds service install`)

    def but(self, **changes) -> Chrome:
        return replace(self, **changes)
