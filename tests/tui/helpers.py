"""What the TUI tests share: making the app, waiting for it, reading the screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from server.wallclock import WallClock
from tui.app import RefundsApp
from tui.suggested_settings import SystemSettings

from ..support.waits import eventually
from .conftest import TODAY

# Fast reconnection in tests: the banner test should not wait for the real back-off.
TEST_RECONNECT = (0.05, 0.1, 0.2, 0.3)
FIXED_ADDRESS = "127.0.0.1:41731"


class FakeClipboard:
    """The system clipboard, as far as the app can tell: it keeps what it is given."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> None:
        self.texts.append(text)


def make_app(data_dir: Path, **options: Any) -> RefundsApp:
    options.setdefault("cursor_blink", False)
    # The app's own clock (the log form's time, a server it starts) reads the test servers' day.
    options.setdefault("clock", WallClock.starting(TODAY))
    options.setdefault("reconnect_delays", TEST_RECONNECT)
    options.setdefault("export_dir", Path("/home/jordan/Downloads"))
    # This machine's LANG and time zone must not leak into the tests: no suggestion unless asked.
    options.setdefault("system_settings", SystemSettings)
    # Nor may a test touch this machine's clipboard.
    options.setdefault("system_copy", FakeClipboard())
    return RefundsApp(data_dir, **options)


async def wait_for(
    pilot: Pilot, condition: Callable[[], Any], timeout: float = 5.0, message: str = "condition"
) -> None:
    await eventually(condition, timeout=timeout, interval=0.02, message=message, pause=pilot.pause)


async def wait_palette_settled(pilot: Pilot, *, matches: bool = True, timeout: float = 5.0) -> None:
    """Until the command palette's list stops changing (it searches in the background) and,
    with ``matches``, lists something."""
    from textual.command import CommandList

    counts: list[int] = []

    def settled() -> bool:
        counts.append(pilot.app.screen.query_one(CommandList).option_count)
        return len(counts) >= 4 and len(set(counts[-4:])) == 1 and (counts[-1] > 0 or not matches)

    await eventually(
        settled, timeout=timeout, interval=0.05, message="the palette's matches", pause=pilot.pause
    )


async def wait_loaded(pilot: Pilot) -> None:
    app: RefundsApp = pilot.app  # type: ignore[assignment]  # Pilot knows only App; this one is ours
    await wait_for(pilot, lambda: app.loaded and app.events_ready, 10, "the board and the events stream")
    await pilot.pause()


def mask(app: RefundsApp) -> None:
    """Replace what changes from run to run (the port) before a screenshot."""
    app.set_chrome(address=FIXED_ADDRESS)


def freeze_case_times(app: RefundsApp, stamp: str = "2026-11-26T09:00:00+00:00") -> None:
    """Status changes are stamped by the server's clock: show them at a fixed time."""
    from tui.screens.case_detail import CaseScreen

    screen = app.screen
    if isinstance(screen, CaseScreen) and screen.case is not None:
        case = {**screen.case, "status_history": [{**h, "at": stamp} for h in screen.case["status_history"]]}
        screen.show_case(case)


def screen_text(app: RefundsApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def rows_shown(app: RefundsApp) -> list[dict[str, Any]]:
    from tui.widgets.case_table import CaseTable

    return [row.case for row in app.screen.query_one(CaseTable).rows]


# What "this computer" suggests in the settings tests and screenshots (never the machine's own
# LANG / TZ).
GERMAN = SystemSettings(
    country="DE",
    locale="de-DE",
    timezone="Europe/Berlin",
    name="Jordan Lee",
    locale_source="LANG=de_DE.UTF-8",
    timezone_source="the system time zone",
    name_source="your account's full name",
)
