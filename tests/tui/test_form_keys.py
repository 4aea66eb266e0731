"""Keys typed for a form are the form's: never run as board commands, even with the server away."""

from __future__ import annotations

from textual.widgets import Input

from tui.chrome import Link
from tui.screens.board import BoardScreen
from tui.screens.case_detail import CaseScreen
from tui.screens.forms import NoteForm, StatusForm
from tui.screens.forms.pairing import PairScreen
from tui.screens.forms.pending import PendingForm

from .conftest import ServerThread
from .helpers import make_app, rows_shown, wait_for, wait_loaded


async def test_a_note_opens_with_the_server_down_and_keeps_what_is_typed(demo_server):
    first = demo_server
    before = {c["id"]: (c["status"], c["revision"]) for c in first.cases()}
    app = make_app(first.data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        case_id = rows_shown(app)[0]["id"]
        first.stop()
        await wait_for(pilot, lambda: app.chrome.link is Link.LOST, 3, "the lost state")
        await pilot.press("n", *"pdst")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteForm), 3, "the note form")
        form = app.screen
        await wait_for(
            pilot,
            lambda: form.query_one("#field-summary", Input).value == "pdst",
            2,
            "the letters in the note",
        )
        assert not any(isinstance(s, PairScreen) for s in app.screen_stack)
        assert "does not answer" in str(form.query_one("#form-error").render())
        # Saved once the server is back: the letters were the note's, nothing else happened.
        second = ServerThread(first.data_dir).start()
        try:
            await wait_for(pilot, lambda: app.chrome.link is Link.ONLINE, 5, "the reconnection")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is not form, 3, "the form to close")
            case = second.case(case_id)
            assert case["communications"][-1]["summary"] == "pdst"
            after = {c["id"]: c["status"] for c in second.cases()}
            assert after == {key: status for key, (status, _) in before.items()}
            assert [c["id"] for c in second.cases() if c["revision"] != before[c["id"]][1]] == [case_id]
        finally:
            second.stop()


async def test_a_form_that_needs_the_server_waits_for_it_and_swallows_the_keys(demo_server):
    first = demo_server
    before = {c["id"]: c["revision"] for c in first.cases()}
    app = make_app(first.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        first.stop()
        await wait_for(pilot, lambda: app.chrome.link is Link.LOST, 3, "the lost state")
        await pilot.press("s", *"pdste")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, PendingForm) and app.screen.has_class("-waiting"),
            3,
            "the waiting note",
        )
        assert not any(isinstance(s, PairScreen) for s in app.screen_stack)
        assert "does not answer" in str(app.screen.query_one("#pending-text").render())
        second = ServerThread(first.data_dir).start()
        try:
            await wait_for(pilot, lambda: isinstance(app.screen, StatusForm), 6, "the status form")
            assert {c["id"]: c["revision"] for c in second.cases()} == before
            await pilot.press("escape")
            assert isinstance(app.screen, BoardScreen)
        finally:
            second.stop()


async def test_esc_gives_up_waiting(demo_server):
    first = demo_server
    app = make_app(first.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        first.stop()
        await wait_for(pilot, lambda: app.chrome.link is Link.LOST, 3, "the lost state")
        await pilot.press("e")
        await wait_for(
            pilot, lambda: isinstance(app.screen, PendingForm) and app.screen.has_class("-waiting"), 3
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), 2, "the board")


async def test_the_case_screen_opens_its_forms_from_the_case_it_shows(demo_server):
    first = demo_server
    app = make_app(first.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        first.stop()
        await wait_for(pilot, lambda: app.chrome.link is Link.LOST, 3, "the lost state")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, StatusForm), 3, "the status form")
        assert "does not answer" in str(app.screen.query_one("#form-error").render())


async def test_keys_typed_while_a_form_opens_go_into_it(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n", *"pdst")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteForm), 3, "the note form")
        await wait_for(pilot, lambda: app.screen.query_one("#field-summary", Input).value == "pdst", 2)
        assert not any(isinstance(s, PairScreen) for s in app.screen_stack)
