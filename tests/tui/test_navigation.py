"""Keys everywhere: the command palette reaches every binding, Esc backs out of everything,
help, calendar and pairing."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tui.commands import RefundCommands
from tui.screens.board import BoardScreen
from tui.screens.calendar import CalendarScreen
from tui.screens.case_detail import CaseScreen
from tui.screens.forms import (
    CaseFormScreen,
    ExportScreen,
    FollowUpForm,
    LogForm,
    NoteForm,
    StatusForm,
    TemplatesScreen,
)
from tui.screens.forms.archive import ArchiveConfirm
from tui.screens.forms.pairing import PairScreen
from tui.screens.forms.settings import SettingsForm
from tui.screens.help import HelpScreen
from tui.widgets.calendar_chart import CalendarChart

from .conftest import TODAY
from .helpers import make_app, screen_text, wait_for, wait_loaded, wait_palette_settled

MODALS = [
    ("n", NoteForm),
    ("l", LogForm),
    ("s", StatusForm),
    ("f", FollowUpForm),
    ("e", CaseFormScreen),
    ("t", TemplatesScreen),
    ("x", ExportScreen),
    ("a", CaseFormScreen),
    ("p", PairScreen),
    ("question_mark", HelpScreen),
    ("comma", SettingsForm),
    ("d", ArchiveConfirm),
]


@pytest.mark.parametrize("key,screen_type", MODALS, ids=[k for k, _ in MODALS])
async def test_escape_backs_out_of_every_modal(shared_demo_server, key, screen_type):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, screen_type), message=screen_type.__name__)
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), message="the board")


async def test_every_binding_is_a_palette_command(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        for screen_key in (None, "enter", "c"):
            if screen_key:
                await pilot.press(screen_key)
                await pilot.pause()
            provider = RefundCommands(app.screen)
            names = {name for name, _, _ in provider._commands()}
            expected = {
                active.binding.description
                for active in app.screen.active_bindings.values()
                if active.binding.description
                and active.enabled
                and not (active.binding.id or "").startswith("list.")
                and active.binding.action != "command_palette"
            }
            assert expected <= names, expected - names
            assert {
                "Log",
                "Status",
                "Follow-up",
                "Texts",
                "Note",
                "Edit",
                "Help",
                "Quit",
                "Settings",
                "Archive",
            } <= names
            assert "Restore" not in names, "offered only for an archived case"
            if screen_key:
                await pilot.press("escape")


async def run_from_palette(pilot, words: str) -> None:
    """Open the command palette, type ``words``, run the first match."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*words)
    await wait_palette_settled(pilot)
    await pilot.press("enter")


async def test_palette_runs_a_command_by_name(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await run_from_palette(pilot, "follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm), message="the follow-up form")


async def test_palette_opens_the_settings_and_offers_restore_in_archived(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await run_from_palette(pilot, "settings")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm), message="the settings")
        await pilot.press("escape")
        case_id = demo_server.cases()[0]["id"]
        demo_server.call("DELETE", f"/api/v1/cases/{case_id}")
        await pilot.press("6")
        await wait_for(pilot, lambda: app.screen.current_case_id() == case_id, message="the archived case")
        names = {name for name, _, _ in RefundCommands(app.screen)._commands()}
        assert "Restore" in names and "Archive" not in names


async def test_palette_opens_a_case_by_name(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await run_from_palette(pilot, "bitdefender")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen), message="the case")
        await wait_for(pilot, lambda: app.screen.case is not None)
        assert "Bitdefender" in app.screen.case["vendor"]["name"]


async def test_help_lists_the_keys(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in (
            "log an email, call, chat or letter",
            "change the status",
            "follow-up date",
            "filter as you type",
            "pair a browser",
            "ctrl+p",
        ):
            assert words in text


async def test_calendar_shows_what_closes_when_and_opens_a_case(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CalendarScreen)
        chart = app.screen.query_one(CalendarChart)
        firsts = [item.first for item in chart.items]
        assert firsts == sorted(firsts)
        # The expired McAfee window and the refunded case are not in the next 60 days.
        names = [item.case["product"] for item in chart.items]
        assert not any("Total Protection" in n or "Malwarebytes" in n for n in names)
        assert names[0] == "Avast One Individual - 1 year"
        assert "refund window closes Sat 28 Nov 2026 (2 days left)" in screen_text(app)
        axis = next(line for line in screen_text(app).splitlines() if "→" in line)
        assert axis.split()[:3] == ["Today,", "Mondays", "→"] and axis.split()[3] == str(TODAY.day)
        await pilot.press("down")
        assert "Creative Cloud" in screen_text(app) or "Norton" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.press("escape")
        assert isinstance(app.screen, CalendarScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_pairing_shows_a_code_and_says_when_a_browser_pairs(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        assert app.chrome.browsers == 0
        await pilot.press("p")
        await wait_for(
            pilot, lambda: isinstance(app.screen, PairScreen) and app.screen.code, message="a code"
        )
        screen = app.screen
        assert screen.seconds_left is not None and 250 < screen.seconds_left <= 300
        assert "expires in 4:" in screen_text(app) or "expires in 5:00" in screen_text(app)
        import asyncio

        from server.client import call
        from server.runtime import Endpoint

        await asyncio.to_thread(
            call,
            Endpoint(empty_server.url, ""),
            "POST",
            "/api/v1/pair",
            {"code": screen.code, "client_name": "Firefox on laptop"},
        )
        await wait_for(pilot, lambda: "Paired: Firefox on laptop" in screen_text(app), 2, "the pairing")
        assert app.chrome.browsers == 1
        await pilot.press("escape")
        assert "1 browser paired" in screen_text(app)


async def test_q_quits_and_stops_the_server_it_started(tmp_path):
    from server.runtime import read_runtime

    app = make_app(tmp_path / "data", port=0)
    async with app.run_test() as pilot:
        await wait_loaded(pilot)
        assert read_runtime(tmp_path / "data") is not None
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running, message="the app to quit")
    assert app.return_code == 0
    assert read_runtime(tmp_path / "data") is None


async def test_r_gives_a_new_pairing_code(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PairScreen) and app.screen.code)
        first = app.screen.code
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen.code != first, message="a new code")
