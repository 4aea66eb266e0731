"""Small things that make the TUI read and move well: the timeline's keys and words, the help
at 80 columns, the footer and header, and toasts that stay out of the way."""

from __future__ import annotations

import re

from rich.cells import cell_len

from tui.screens.help import KEYS, WORKFLOW, HelpScreen
from tui.widgets.timeline import TimelineEntry

from .helpers import make_app, screen_text, wait_for, wait_loaded
from .test_case_rules import TREND_MICRO, open_case

CONTACTS = [
    {
        "channel": "phone",
        "direction": "outbound",
        "summary": "Asked support for the refund",
        "at": "2026-11-21T09:00:00+00:00",
    },
    {
        "channel": "phone",
        "direction": "inbound",
        "summary": "Support rang back",
        "at": "2026-11-22T09:00:00+00:00",
    },
    {
        "channel": "chat",
        "direction": "outbound",
        "summary": "Asked again in the chat",
        "at": "2026-11-23T09:00:00+00:00",
    },
    {
        "channel": "email",
        "direction": "inbound",
        "summary": "Refund approved",
        "at": "2026-11-24T09:00:00+00:00",
    },
]


def case_with_contacts(server) -> dict:
    case = server.call("POST", "/api/v1/captures", TREND_MICRO)["case"]
    for contact in CONTACTS:
        server.call("POST", f"/api/v1/cases/{case['id']}/communications", contact)
    return case


async def test_up_and_down_move_through_the_timeline(empty_server):
    case_with_contacts(empty_server)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        screen = await open_case(pilot)
        for _ in range(30):  # tab into the timeline: its first entry, the newest
            if isinstance(screen.focused, TimelineEntry):
                break
            await pilot.press("tab")
        entries = list(screen.query(TimelineEntry))
        assert screen.focused is entries[0]
        await pilot.press("down")
        assert screen.focused is entries[1]
        await pilot.press("down", "down")
        assert screen.focused is entries[3]
        await pilot.press("up")
        assert screen.focused is entries[2]
        await pilot.press("up", "up", "up")  # the first stays put
        assert screen.focused is entries[0]
        for _ in entries:
            await pilot.press("down")
        assert screen.focused is entries[-1]  # and so does the last


async def test_the_timeline_says_called_and_chatted(empty_server):
    case_with_contacts(empty_server)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await open_case(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert "Called them" in text and "They called" in text and "Chatted" in text
        assert "Email received" in text
        assert "Phone call" not in text and "sent" not in text


def test_the_help_fits_72_columns_and_lists_every_case_screen_key():
    for line in (KEYS + "\n" + WORKFLOW).splitlines():
        assert cell_len(re.sub(r"\[/?b\]", "", line)) <= 72, line
    assert re.search(r"^  ↑ ↓ / tab +move through the timeline", KEYS, re.M)
    assert re.search(r"^  m +the email or letter under the cursor is the proof", KEYS, re.M)


async def test_q_closes_the_help(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        board = app.screen
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "esc or q closes" in screen_text(app)
        await pilot.press("q")
        await wait_for(pilot, lambda: app.screen is board, message="the board again")
        assert app.is_running


def footer_keys(app) -> list[str]:
    from textual.widgets._footer import FooterKey

    from tui.widgets.footer import KeysFooter

    return [key.description for key in app.screen.query_one(KeysFooter).query(FooterKey)]


async def test_the_case_screen_footer_keeps_help_and_quit_at_80_columns(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await open_case(pilot)
        await pilot.pause()
        keys = footer_keys(app)
        assert "Help" in keys and "Quit" in keys
        assert keys[:2] == ["Back", "Log"]  # the last ones give way first
        last_line = screen_text(app).splitlines()[-1]
        assert "? Help" in last_line and "q Quit" in last_line and "^p palette" in last_line
        # Wider, everything fits again.
        await pilot.resize_terminal(140, 30)
        await wait_for(pilot, lambda: "Calendar" in footer_keys(app), message="the wide footer")
        assert "Export" in footer_keys(app) and "Edit" in footer_keys(app)


async def test_an_empty_board_offers_no_case_keys(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
        keys = footer_keys(app)
        assert not {"Log", "Status", "Follow-up", "Texts"} & set(keys)
        assert "Help" in keys and "Quit" in keys
        # The first case brings them back.
        empty_server.call("POST", "/api/v1/captures", TREND_MICRO)
        await wait_for(pilot, lambda: "Log" in footer_keys(app), message="the case keys")


def toasts(app) -> list:
    from textual.widgets._toast import Toast

    return list(app.screen.query(Toast))


async def wait_toast(pilot, text: str) -> None:
    app = pilot.app
    await wait_for(
        pilot, lambda: any(text in str(t.render()) for t in toasts(app)), message=f"a toast of {text}"
    )
    await pilot.pause()


async def test_a_save_after_a_reconnection_shows_one_toast(tmp_path):
    from tui.chrome import Link
    from tui.screens.forms import LogForm

    from .conftest import ServerThread

    data_dir = tmp_path / "data"
    first = ServerThread(data_dir).start()
    first.call("POST", "/api/v1/captures", TREND_MICRO)
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        screen = await open_case(pilot)
        first.stop()
        await wait_for(pilot, lambda: app.chrome.link is Link.LOST, 3, "the lost state")
        second = ServerThread(data_dir).start()
        try:
            await wait_for(pilot, lambda: app.chrome.link is Link.ONLINE, 5, "the reconnection")
            await wait_for(pilot, lambda: app.events_ready, 5, "the events again")
            await pilot.press("l")
            await wait_for(pilot, lambda: isinstance(app.screen, LogForm), message="the log form")
            form = app.screen
            form.query_one("#field-summary").value = "Asked for the refund"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is screen, 3, "the case screen again")
            await pilot.pause(0.3)  # the live event of the save, and anything else it brings
            saved = [n for n in app._notifications if n.message.startswith("Logged")]
            assert len(saved) == 1, [n.message for n in app._notifications]
        finally:
            second.stop()


async def test_the_same_toast_twice_in_a_row_is_shown_once(empty_server):
    case_with_contacts(empty_server)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        await open_case(pilot)
        await pilot.press("m", "m")  # not on an email or letter: a warning, once
        await pilot.pause()
        warnings = [n for n in app._notifications if n.title == "Proof of purchase"]
        assert len(warnings) == 1
        assert len(warnings[0].message) <= 60  # short enough for one or two lines


def overlaps(a, b) -> bool:
    return bool(a.intersection(b).area)


async def test_toasts_stay_off_the_focused_field_and_the_next_line(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_loaded(pilot)
        # On the board: a save's toast is not over the table, the "Next:" line or the footer.
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.query("#field-summary"), message="the note form")
        form = app.screen
        await pilot.press(*"Rang them")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the board again")
        await wait_toast(pilot, "Note added")
        board = app.screen
        shown = toasts(app)
        assert shown
        avoid = [board.focused.region, board.query_one("#next-step").region]
        for toast in shown:
            assert not any(overlaps(toast.region, region) for region in avoid), toast.region
        # In a form that stays open: the copy's toast is not over the focused field.
        app.clear_notifications()
        await pilot.press("t")
        await wait_for(pilot, lambda: getattr(app.screen, "text", ""), message="the letter")
        await pilot.press("c")
        await wait_toast(pilot, "Copied")
        focused = app.screen.focused
        assert focused is not None
        for toast in toasts(app):
            assert not overlaps(toast.region, focused.region), (toast.region, focused, focused.region)
