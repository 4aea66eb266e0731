"""`,` settings: a suggestion from this computer saved only when confirmed, what each setting
changes on screen at once (holidays in follow-ups, the EU withdrawal clock), errors in place."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from tui.screens.board import BoardScreen
from tui.screens.case_detail import CaseScreen
from tui.screens.forms import StatusForm
from tui.screens.forms.settings import SettingsForm

from ..support.captures import trend_micro_order
from .conftest import ServerThread
from .helpers import GERMAN, make_app, rows_shown, screen_text, wait_for, wait_loaded

TREND_MICRO = trend_micro_order(order_number=None, order_date="2026-12-15")
# Bought on Google Play (a 2-day window) in dollars: only the EU region gives it 14 days.
GOOGLE_PLAY = {
    "capture_id": "gp-1",
    "page_url": "https://play.google.com/store/account/orderhistory",
    "order_number": "GPA.3312-4455",
    "order_date": "2026-11-20",
    "amount": "4.99",
    "currency": "USD",
    "product": "Starfall Tactics",
    "merchant_name": "Google Play",
}


def settings_of(server) -> dict:
    return server.call("GET", "/api/v1/settings")["settings"]


async def open_settings(pilot) -> SettingsForm:
    await pilot.press("comma")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SettingsForm), message="the settings")
    await pilot.pause()
    return pilot.app.screen


async def test_the_suggestion_is_saved_only_when_confirmed_and_follow_ups_skip_its_holidays(tmp_path):
    # Friday 18 December: 7 business days of Trend Micro's processing time end on Tue 29 Dec
    # with weekends alone, on Wed 30 Dec when Christmas Day (a German holiday) is skipped.
    server = ServerThread(tmp_path / "data", today=date(2026, 12, 18)).start()
    try:
        before = server.call(
            "POST", "/api/v1/captures", {**TREND_MICRO, "capture_id": "a", "order_number": "TM-A"}
        )["case"]
        after = server.call(
            "POST", "/api/v1/captures", {**TREND_MICRO, "capture_id": "b", "order_number": "TM-B"}
        )["case"]
        no_country = server.call("PATCH", f"/api/v1/cases/{before['id']}", {"status": "requested"})["case"]
        assert no_country["follow_up_on"] == "2026-12-29"
        app = make_app(server.data_dir, system_settings=lambda: GERMAN, clock=server.clock)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await wait_loaded(pilot)
            await wait_for(pilot, lambda: "Set your country (,)" in screen_text(app), message="the hint")
            form = await open_settings(pilot)
            assert [
                form.value(n) for n in ("name", "country", "subdivision", "region", "timezone", "locale")
            ] == ["Jordan Lee", "DE", "", "", "Europe/Berlin", "de-DE"]
            assert "Suggested from this computer" in screen_text(app) and "LANG=de_DE.UTF-8" in screen_text(
                app
            )
            assert "Germany" in screen_text(app) and "EU/EEA (from the country)" in screen_text(app)
            await pilot.press("escape")  # not confirmed: nothing saved
            await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
            assert settings_of(server)["country"] is None
            assert "Set your country" not in screen_text(app), "the hint is shown until the screen is seen"

            form = await open_settings(pilot)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
            saved = settings_of(server)
            assert (saved["country"], saved["locale"], saved["timezone"]) == ("DE", "de-DE", "Europe/Berlin")
            assert saved["name"] == "Jordan Lee"
            letter = server.call("GET", f"/api/v1/cases/{after['id']}/templates/request")["text"]
            assert letter.endswith("Kind regards,\nJordan Lee\n"), "the letters are signed"
            await wait_for(pilot, lambda: app.settings["country"] == "DE")

            # The other case, requested now: the follow-up skips Christmas Day.
            rows = rows_shown(app)
            for _ in range(next(i for i, r in enumerate(rows) if r["id"] == after["id"])):
                await pilot.press("down")
            await pilot.press("s")
            await wait_for(pilot, lambda: isinstance(app.screen, StatusForm))
            await pilot.press("ctrl+s")  # the first allowed move: requested
            await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
            assert server.case(after["id"])["follow_up_on"] == "2026-12-30"
            await wait_for(
                pilot, lambda: "Wed 30 Dec 2026" in screen_text(app), message="the follow-up shown"
            )
    finally:
        server.stop()


async def test_region_eu_shows_the_withdrawal_clock_on_the_open_case_and_the_board(empty_server):
    case = empty_server.call("POST", "/api/v1/captures", GOOGLE_PLAY)["case"]
    assert case["days_left"] == -4
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        case_screen = app.screen
        assert "EU right of withdrawal" not in screen_text(app)
        form = await open_settings(pilot)
        form.query_one("#field-region", Input).focus()
        await pilot.press("E", "U")
        assert "EU right of withdrawal, 14 days" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is case_screen, message="the case screen")
        await wait_for(pilot, lambda: "EU right of withdrawal" in screen_text(app), 2.0, "the EU clock")
        assert settings_of(empty_server)["region"] == "EU"
        await pilot.press("escape")
        await wait_for(pilot, lambda: rows_shown(app)[0]["days_left"] == 8, 2.0, "the board's new deadline")


async def test_settings_changed_by_another_client_reload_the_board(empty_server):
    empty_server.call("POST", "/api/v1/captures", GOOGLE_PLAY)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await wait_for(pilot, lambda: app.settings is not None)
        assert rows_shown(app)[0]["days_left"] == -4
        empty_server.call("PATCH", "/api/v1/settings", {"country": "FR"})
        await wait_for(pilot, lambda: rows_shown(app)[0]["days_left"] == 8, 2.0, "the board's new deadline")
        assert app.settings["country"] == "FR"
        assert "Set your country" not in screen_text(app)


async def test_an_unknown_time_zone_is_refused_in_place_and_kept(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_settings(pilot)
        form.query_one("#field-country", Input).value = "DE"
        form.query_one("#field-timezone", Input).value = "Mars/Olympus_Mons"
        await pilot.press("ctrl+s")
        error = form.query_one("#error-timezone")
        assert error.has_class("-shown") and "not a time zone" in str(error.render())
        assert form.query_one("#field-timezone").has_class("-invalid")
        assert form.focused is form.query_one("#field-timezone")
        assert form.value("timezone") == "Mars/Olympus_Mons" and form.value("country") == "DE"
        assert app.screen is form
        assert settings_of(empty_server)["timezone"] is None and settings_of(empty_server)["country"] is None
        # Fixed in place, it saves.
        form.query_one("#field-timezone", Input).value = "Europe/Paris"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
        assert settings_of(empty_server)["timezone"] == "Europe/Paris"


async def test_typing_a_time_zone_key_by_key_never_crashes(empty_server):
    # "Europe" on the way to "Europe/Berlin" is a folder of the zone database: it crashed the app.
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_settings(pilot)
        form.query_one("#field-timezone", Input).focus()
        await pilot.press(*"Europe/Berlin")
        await pilot.pause()
        assert app.screen is form and form.value("timezone") == "Europe/Berlin"
        await wait_for(pilot, lambda: "there now" in str(form.query_one("#help-timezone").render()))


async def test_what_only_the_server_knows_is_shown_next_to_the_field(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_settings(pilot)
        form.query_one("#field-country", Input).value = "DE"
        form.query_one("#field-subdivision", Input).value = "ZZ"  # no such Land
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: form.query_one("#error-subdivision").has_class("-shown"),
            message="the server's answer",
        )
        assert "BY" in str(form.query_one("#error-subdivision").render())
        assert "ZZ: its holidays" not in str(form.query_one("#help-subdivision").render()), (
            "no preview contradicting the error"
        )
        assert form.value("subdivision") == "ZZ" and form.focused is form.query_one("#field-subdivision")
        assert app.screen is form and settings_of(empty_server)["country"] is None
        form.query_one("#field-subdivision", Input).value = "by"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
        assert (settings_of(empty_server)["country"], settings_of(empty_server)["subdivision"]) == (
            "DE",
            "BY",
        )


async def test_a_comma_typed_into_a_field_stays_a_comma(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"a,b")
        assert app.screen.filter_input.value == "a,b" and isinstance(app.screen, BoardScreen)
        await pilot.press("escape", "n")
        await wait_for(pilot, lambda: not isinstance(app.screen, BoardScreen), message="the note form")
        await pilot.press(*"Called, twice")
        assert app.screen.value("summary") == "Called, twice"
