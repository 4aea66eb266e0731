"""The terminal UI on any day: the demo's board, the calendar and the log form, run on a leap
day, at the end of a short month and of a year, on Christmas, a year ahead, and on the program's
own clock (the real date, or REFUNDS_TODAY's: CI moves it).

Everything here is counted from the day the server says it is, never from the day this test
was written: a date that drifts into the test would fail on one of these days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from server.wallclock import WallClock, system_clock
from tui.formatting import long_date
from tui.screens.calendar import CalendarScreen
from tui.screens.forms.communications import LogForm

from .conftest import ServerThread, seed_demo_sync
from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded

DAYS = [
    date(2028, 2, 29),
    date(2027, 2, 28),
    date(2027, 12, 31),
    date(2026, 12, 25),
    date(2027, 11, 26),
    system_clock().today(),
]


@pytest.fixture(params=DAYS, ids=lambda day: day.isoformat())
def demo_on(request, tmp_path):
    server = ServerThread(tmp_path / "data", today=request.param).start()
    seed_demo_sync(server)
    yield server
    server.stop()


async def press_for(pilot, key, screen_type):
    """Press ``key`` and wait for the screen it opens."""
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type), message=screen_type.__name__)
    await pilot.pause()
    return pilot.app.screen


def by_product(rows, text):
    return next(r for r in rows if text in (r.get("product") or ""))


async def test_the_board_counts_every_deadline_from_the_servers_today(demo_on):
    day = demo_on.today
    app = make_app(demo_on.data_dir, clock=demo_on.clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        assert app.today == day and app.server_date() == day
        rows = rows_shown(app)
        # Avast was ordered 28 days ago on a 30-day window: first, 2 days left, whatever the day.
        assert [r["product"][:5] for r in rows[:2]] == ["Avast", "Maxim"]
        assert [r["days_left"] for r in rows[:2]] == [2, 28]
        assert rows[0]["deadline"] == (day + timedelta(days=2)).isoformat()
        for row in rows:
            if row.get("deadline") and row.get("days_left") is not None:
                assert (date.fromisoformat(row["deadline"]) - day).days == row["days_left"], row["product"]
        # Follow-ups the server set count business days from today: after it, never on a weekend.
        for text in ("Norton", "Bitdefender"):
            follow_up = date.fromisoformat(by_product(rows, text)["follow_up_on"])
            assert follow_up > day and follow_up.weekday() < 5, (text, follow_up)
        header = screen_text(app).splitlines()[1]
        assert "1 refund window closes within 7 days" in header


async def test_the_calendar_puts_the_next_deadline_two_days_from_today(demo_on):
    day = demo_on.today
    app = make_app(demo_on.data_dir, clock=demo_on.clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await press_for(pilot, "c", CalendarScreen)
        text = screen_text(app)
        assert (
            f"refund window closes {long_date((day + timedelta(days=2)).isoformat())} (2 days left)" in text
        )


async def test_a_call_logged_now_is_dated_today_and_accepted(demo_on):
    day = demo_on.today
    app = make_app(demo_on.data_dir, clock=demo_on.clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        form = await press_for(pilot, "l", LogForm)
        assert form.value("when").startswith(day.isoformat())
        form.query_one("#field-summary").value = "Called about the refund"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
    avast = next(c for c in demo_on.cases() if c["product"].startswith("Avast"))
    [call] = demo_on.case(avast["id"])["communications"]
    assert call["summary"] == "Called about the refund" and call["at"].startswith(day.isoformat())


async def test_the_app_follows_refunds_today_when_it_starts_its_own_server(tmp_path, monkeypatch):
    import server.wallclock as wallclock

    monkeypatch.setenv(wallclock.TODAY_ENV, "2028-02-29")
    monkeypatch.setattr(wallclock, "_process_clock", None)
    app = make_app(tmp_path / "data", port=0, clock=None)  # the program's clock, as `refunds` runs
    async with app.run_test() as pilot:
        await wait_loaded(pilot)
        assert app.backend.started_here
        assert app.today == date(2028, 2, 29) == app.clock.today()
    assert isinstance(wallclock._process_clock, WallClock) and wallclock._process_clock.moved
