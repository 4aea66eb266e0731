"""Live: captures and other clients' changes show up at once; a lost server comes back by itself."""

from __future__ import annotations

import time

from tui.chrome import Link
from tui.screens.case_detail import CaseScreen
from tui.widgets.banner import ConnectionBanner

from ..support.captures import trend_micro_capture
from .conftest import ServerThread
from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded

CAPTURE = trend_micro_capture(capture_id="cap-live-1", merchant_name="Trend Micro")


async def test_a_capture_posted_over_http_appears_within_a_second(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        assert rows_shown(app) == []
        started = time.monotonic()
        empty_server.call("POST", "/api/v1/captures", CAPTURE)
        await wait_for(pilot, lambda: len(rows_shown(app)) == 1, 1.0, "the capture on the board")
        assert time.monotonic() - started < 1.0
        assert rows_shown(app)[0]["order_number"] == "16739482210"
        notes = [n.message for n in app._notifications]
        assert any("Trend Micro Maximum Security" in m and "days left" in m for m in notes)
        await wait_for(pilot, lambda: "No refund cases yet" not in screen_text(app), 1.0, "the repaint")
        # The first case of an empty board is ready for the keys at once.
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen), 2, "the case to open")
        await pilot.press("escape")
        # The same capture again (a retry) is not announced twice.
        empty_server.call("POST", "/api/v1/captures", CAPTURE)
        await pilot.pause(0.2)  # time for a (wrong) second announcement: waiting for nothing to happen
        assert len([n for n in app._notifications if "Trend Micro" in n.message]) == 1


async def test_a_capture_that_merges_into_a_case_is_announced(empty_server):
    empty_server.call("POST", "/api/v1/captures", {**CAPTURE, "account_email": None})
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        case_id = rows_shown(app)[0]["id"]
        # The TUI's own edit is not announced.
        app.run_worker(app.api.patch_case(case_id, {"status": "kept"}))
        await wait_for(pilot, lambda: app.index.get(case_id)["status"] == "kept", 2, "the edit")
        # The same order captured again (another page of it) fills in the case.
        answer = empty_server.call("POST", "/api/v1/captures", {**CAPTURE, "capture_id": "cap-live-2"})
        assert answer["result"] == "merged" and answer["case"]["id"] == case_id
        await wait_for(
            pilot,
            lambda: any("from a new capture" in n.message for n in app._notifications),
            1.0,
            "the notification",
        )
        notes = [n.message for n in app._notifications]
        assert notes == ["Updated Trend Micro Maximum Security - 1 Year / 5 Devices from a new capture."]
        assert empty_server.case(case_id)["account_email"] == "jordan.lee@example.com"


async def test_changes_by_another_client_update_the_open_case(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        case_id = app.screen.case_id
        demo_server.call(
            "POST",
            f"/api/v1/cases/{case_id}/communications",
            {"channel": "email", "direction": "inbound", "summary": "They wrote back", "reference": "RE-55"},
        )
        await wait_for(pilot, lambda: "RE-55" in screen_text(app), 1.0, "the email on the case screen")
        demo_server.call("PATCH", f"/api/v1/cases/{case_id}", {"status": "kept"})
        await wait_for(pilot, lambda: app.screen.case["status"] == "kept", 1.0)
        await pilot.press("escape")
        # Kept is not open: the case leaves the Open view.
        assert case_id not in [r["id"] for r in rows_shown(app)]


async def test_server_going_away_shows_a_banner_and_reconnects(tmp_path):
    data_dir = tmp_path / "data"
    first = ServerThread(data_dir).start()
    app = make_app(data_dir)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_loaded(pilot)
            banner = app.screen.query_one(ConnectionBanner)
            assert not banner.display or not banner.has_class("-shown")
            first.stop()
            await wait_for(pilot, lambda: app.chrome.link is Link.LOST, 3, "the lost state")
            await pilot.pause()
            assert banner.has_class("-shown")
            assert "Lost the server" in screen_text(app)
            # It comes back (on another port, with a new token): the TUI finds it by itself.
            second = ServerThread(data_dir).start()
            try:
                second.call("POST", "/api/v1/captures", CAPTURE)  # made while the TUI was away
                await wait_for(pilot, lambda: app.chrome.link is Link.ONLINE, 5, "the reconnection")
                await wait_for(pilot, lambda: len(rows_shown(app)) == 1, 2, "the refresh")
                assert not banner.has_class("-shown")
                assert app.chrome.address == second.url.removeprefix("http://")
                second.call(
                    "POST", "/api/v1/captures", {**CAPTURE, "capture_id": "cap-2", "order_number": "2"}
                )
                await wait_for(pilot, lambda: len(rows_shown(app)) == 2, 1, "a live capture after")
            finally:
                second.stop()
    finally:
        first.stop()


async def test_a_form_keeps_its_input_while_the_server_is_away(tmp_path):
    from textual.widgets import Input

    from tui.screens.forms import NoteForm

    data_dir = tmp_path / "data"
    first = ServerThread(data_dir).start()
    first.call("POST", "/api/v1/captures", CAPTURE)
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteForm))
        form = app.screen
        await pilot.press(*"Called twice")
        first.stop()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.query_one("#form-error").has_class("-shown"), 3)
        assert "does not answer" in str(form.query_one("#form-error").render())
        assert form.query_one("#field-summary", Input).value == "Called twice"
        second = ServerThread(data_dir).start()
        try:
            await wait_for(pilot, lambda: app.chrome.link is Link.ONLINE, 5, "the reconnection")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is not form, 3)
            assert second.cases()[0]["communications"][-1]["summary"] == "Called twice"
        finally:
            second.stop()
