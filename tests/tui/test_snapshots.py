"""Screenshots of every screen and modal at 80x24 and 120x40 (dark; a few in light).

Deterministic: the server's today is fixed, TZ=UTC, the clock for "now" is fixed, and what
still varies between runs (the port, status-change times, the pairing code) is masked.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from server.wallclock import WallClock
from tui.chrome import Link
from tui.screens.startup_error import StartupErrorScreen

from .helpers import GERMAN, freeze_case_times, make_app, mask, wait_for, wait_loaded, wait_palette_settled

SIZES = [(80, 24), (120, 40)]
SIZE_IDS = ["80x24", "120x40"]
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)
OPENS_A_SCREEN = set("nlsfetxapcdR") | {"enter", "question_mark", "ctrl+p", "comma"}


def app_for(server, **options):
    options.setdefault("clock", WallClock.frozen(NOW))
    return make_app(server.data_dir, **options)


def prepare(*keys: str, rows_down: int = 0, theme: str | None = None, text: str = "", after=None):
    """A run_before: wait for the board, mask, go down ``rows_down`` rows, press ``keys``
    (each opening a screen when it is one of OPENS_A_SCREEN), type ``text``, then ``after``."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_loaded(pilot)
        if theme:
            app.theme = theme
        mask(app)
        for _ in range(rows_down):
            await pilot.press("down")
        for key in keys:
            before = app.screen
            await pilot.press(key)
            if key in OPENS_A_SCREEN:
                await wait_for(pilot, lambda: app.screen is not before, message=f"the screen of {key}")  # noqa: B023 - awaited in this iteration
            await pilot.pause()
        if text:
            await pilot.press(*text)
        screen = app.screen
        if text and getattr(screen, "needle", ""):  # the board's filter: the server's matches too
            await wait_for(pilot, lambda: app.index.searched_by_server(screen.needle), message="the search")
        if getattr(screen, "case_id", None) is not None:
            await wait_for(pilot, lambda: screen.case is not None, message="the case")
        if hasattr(screen, "kind") and hasattr(screen, "text"):
            await wait_for(pilot, lambda: screen.text, message="the text")
        freeze_case_times(app)
        if after is not None:
            result = after(pilot)
            if hasattr(result, "__await__"):
                await result
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_board(snap_compare, shared_demo_server, size):
    assert snap_compare(app_for(shared_demo_server), terminal_size=size, run_before=prepare())


def test_board_light(snap_compare, shared_demo_server):
    assert snap_compare(
        app_for(shared_demo_server), terminal_size=(120, 40), run_before=prepare(theme="textual-light")
    )


def test_board_filtered(snap_compare, shared_demo_server):
    assert snap_compare(
        app_for(shared_demo_server), terminal_size=(80, 24), run_before=prepare("slash", text="re")
    )


def test_board_all_view(snap_compare, shared_demo_server):
    assert snap_compare(app_for(shared_demo_server), terminal_size=(80, 24), run_before=prepare("5"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_board_empty(snap_compare, empty_server, size):
    assert snap_compare(app_for(empty_server), terminal_size=size, run_before=prepare())


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_case_detail(snap_compare, shared_demo_server, size):
    assert snap_compare(
        app_for(shared_demo_server), terminal_size=size, run_before=prepare("enter", rows_down=2)
    )  # Adobe: denied, a chat transcript


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_case_detail_with_items(snap_compare, shared_demo_server, size):
    assert snap_compare(
        app_for(shared_demo_server), terminal_size=size, run_before=prepare("enter", rows_down=1)
    )  # Trend Micro: what was bought


def test_case_detail_light(snap_compare, shared_demo_server):
    assert snap_compare(
        app_for(shared_demo_server),
        terminal_size=(120, 40),
        run_before=prepare("enter", rows_down=4, theme="textual-light"),
    )


def test_case_detail_transcript_expanded(snap_compare, shared_demo_server):
    async def expand(pilot):
        from tui.widgets.timeline import TimelineEntry

        chat = next(e for e in pilot.app.screen.query(TimelineEntry) if e.entry.get("channel") == "chat")
        chat.focus()
        await pilot.press("enter")

    assert snap_compare(
        app_for(shared_demo_server),
        terminal_size=(120, 40),
        run_before=prepare("enter", rows_down=2, after=expand),
    )


MODAL_KEYS = {
    "note": ("n", 0),
    "log": ("l", 1),
    "status": ("s", 3),
    "follow_up": ("f", 4),
    "add_case": ("a", 0),
    "edit": ("e", 1),
    "templates": ("t", 1),
    "export": ("x", 0),
    "help": ("question_mark", 0),
}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("modal", list(MODAL_KEYS))
def test_modal(snap_compare, shared_demo_server, modal, size):
    key, rows = MODAL_KEYS[modal]
    assert snap_compare(
        app_for(shared_demo_server), terminal_size=size, run_before=prepare(key, rows_down=rows)
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_settings_suggested(snap_compare, shared_demo_server, size):
    assert snap_compare(
        app_for(shared_demo_server, system_settings=lambda: GERMAN),
        terminal_size=size,
        run_before=prepare("comma"),
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_archive_confirmation(snap_compare, shared_demo_server, size):
    assert snap_compare(app_for(shared_demo_server), terminal_size=size, run_before=prepare("d", rows_down=3))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_status_refunded_asks_for_the_refund(snap_compare, shared_demo_server, size):
    assert snap_compare(
        app_for(shared_demo_server),
        terminal_size=size,
        run_before=prepare("s", after=lambda pilot: pilot.press("down"), rows_down=4),
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_form_errors_in_place(snap_compare, shared_demo_server, size):
    async def fill(pilot):
        form = pilot.app.screen
        form.query_one("#field-order_date").value = "20/11/2026"
        form.query_one("#field-amount").value = "$10"
        await pilot.press("ctrl+s")

    assert snap_compare(app_for(shared_demo_server), terminal_size=size, run_before=prepare("a", after=fill))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_pair(snap_compare, shared_demo_server, size):
    async def freeze(pilot):
        await wait_for(pilot, lambda: pilot.app.screen.code, message="a code")
        pilot.app.screen.freeze("7KQ2M-9XDHT", 283)

    assert snap_compare(
        app_for(shared_demo_server), terminal_size=size, run_before=prepare("p", after=freeze)
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_calendar(snap_compare, shared_demo_server, size):
    assert snap_compare(app_for(shared_demo_server), terminal_size=size, run_before=prepare("c"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_connection_lost_banner(snap_compare, shared_demo_server, size):
    def lose(pilot):
        pilot.app.set_chrome(link=Link.LOST, problem="It does not answer.", retry_in=2.0)

    assert snap_compare(app_for(shared_demo_server), terminal_size=size, run_before=prepare(after=lose))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_startup_error(snap_compare, shared_demo_server, size):
    def fail(pilot):
        pilot.app.push_screen(
            StartupErrorScreen(
                "The data directory /home/jordan/.local/share/refund-tracker is locked by a Refund Tracker "
                "server (process 4242) that does not answer. Stop that process, then open refunds again."
            )
        )

    assert snap_compare(app_for(shared_demo_server), terminal_size=size, run_before=prepare(after=fail))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_command_palette(snap_compare, shared_demo_server, size):
    async def settle(pilot):
        # The palette searches in the background: wait until its list stops changing.
        from textual.widgets import Input

        for palette_input in pilot.app.screen.query(Input):
            palette_input.cursor_blink = False  # Textual's own input: its blink is not ours to set
        await wait_palette_settled(pilot, timeout=10)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(
        app_for(shared_demo_server),
        terminal_size=size,
        run_before=prepare("ctrl+p", text="stat", after=settle),
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_reminders(snap_compare, shared_demo_server, size):
    async def loaded(pilot):
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.loaded, message="the reminders")
        await pilot.press("down")

    assert snap_compare(
        app_for(shared_demo_server), terminal_size=size, run_before=prepare("R", after=loaded)
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_settings_push_refused(snap_compare, shared_demo_server, size):
    async def push(pilot):
        form = pilot.app.screen
        urls = form.query_one("#field-push_urls")
        urls.text = "ntfy://ntfy.sh/my-refunds\nfoo://nowhere"
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: form.query_one("#error-push_urls").has_class("-shown"),
            message="the server's answer",
        )
        form.query_one("#help-push_urls").scroll_visible(animate=False)
        await pilot.pause()

    assert snap_compare(
        app_for(shared_demo_server), terminal_size=size, run_before=prepare("comma", after=push)
    )


def test_calendar_feeds(snap_compare, empty_server):
    empty_server.call("POST", "/api/v1/calendar-feeds", {"name": "Thunderbird"})
    empty_server.call("POST", "/api/v1/calendar-feeds", {"name": "GNOME Calendar"})

    async def feeds(pilot):
        pilot.app.action_calendar_feeds()
        await wait_for(
            pilot,
            lambda: getattr(pilot.app.screen, "loaded", False) and pilot.app.screen.feeds,
            message="the feeds",
        )
        await pilot.pause()

    assert snap_compare(app_for(empty_server), terminal_size=(80, 24), run_before=prepare(after=feeds))
