"""One time zone: with the settings' zone set, the log form offers and reads the user's local
time, the server stores the UTC instant and the timeline shows local times again, on either side
of a daylight-saving change. The clocks are moved through the wallclock seam."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pytest

from server.wallclock import WallClock
from tui.screens.case_detail import CaseScreen
from tui.screens.forms import LogForm
from tui.widgets.timeline import TimelineEntry

from ..support.captures import trend_micro_order
from .conftest import ServerThread
from .helpers import make_app, wait_for, wait_loaded

# Monday 2 November 2026, the day after Los Angeles moved its clocks back (PDT -> PST).
SERVER_DAY = date(2026, 11, 2)
# 01:00 UTC on 3 November is 17:00 on 2 November in Los Angeles.
NOW = datetime(2026, 11, 3, 1, 0, tzinfo=timezone.utc)


@pytest.fixture
def pacific_server(tmp_path):
    server = ServerThread(tmp_path / "data", today=SERVER_DAY).start()
    server.call("PATCH", "/api/v1/settings", {"timezone": "America/Los_Angeles"})
    server.call("POST", "/api/v1/captures", trend_micro_order(capture_id="tz1", order_date="2026-10-20"))
    yield server
    server.stop()


async def log_at(pilot, app, when: str | None, summary: str) -> LogForm:
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(app.screen, LogForm))
    form = app.screen
    if when is not None:
        form.query_one("#field-when").focus()
        await pilot.press("ctrl+a", "ctrl+k", *when)
    form.query_one("#field-summary").focus()
    await pilot.press(*summary)
    for box in form.query("#mark-requested"):
        box.value = False
    await pilot.press("ctrl+s")
    return form


async def test_log_form_reads_and_shows_the_settings_time_zone(pacific_server):
    app = make_app(pacific_server.data_dir, clock=WallClock.frozen(NOW))
    async with app.run_test(size=(140, 42)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)

        # The form offers now on the user's clock (17:00 in Los Angeles), not 01:00 UTC.
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm))
        assert app.screen.query_one("#field-when").value == "2026-11-02 17:00"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))

        # 16:45 typed is 16:45 in Los Angeles: 00:45 UTC the next day (PST, UTC-8).
        await log_at(pilot, app, "2026-11-02 16:45", "Chat after the change")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CaseScreen) and len(app.screen.case["communications"]) == 1,
            message="the first entry",
        )
        # Before the clocks went back, the same wall time is PDT (UTC-7).
        await log_at(pilot, app, "2026-10-31 16:45", "Chat before the change")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CaseScreen) and len(app.screen.case["communications"]) == 2,
            message="the second entry",
        )
        # Left as now: the server's now, stored as it is.
        await log_at(pilot, app, None, "Call just now")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CaseScreen) and len(app.screen.case["communications"]) == 3,
            message="the third entry",
        )

        stored = {c["summary"]: c["at"] for c in pacific_server.cases()[0]["communications"]}
        assert stored["Chat after the change"] == "2026-11-03T00:45:00Z"
        assert stored["Chat before the change"] == "2026-10-31T23:45:00Z"
        await pilot.pause()
        # The timeline, as drawn: each contact's line starts with its local time.
        shown = {
            entry.entry["summary"]: plain(entry)
            for entry in app.screen.query(TimelineEntry)
            if entry.entry.get("summary")
        }
        assert shown["Chat after the change"].startswith("2026-11-02 16:45")
        assert shown["Chat before the change"].startswith("2026-10-31 16:45")


async def test_a_time_the_clocks_skip_is_refused_with_the_reason(pacific_server):
    app = make_app(pacific_server.data_dir, clock=WallClock.frozen(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        # 8 March 2026: Los Angeles jumped from 02:00 to 03:00; 02:30 never happened there.
        form = await log_at(pilot, app, "2026-03-08 02:30", "A call")
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#error-when").render())
        assert "no such time in America/Los_Angeles" in error
        assert pacific_server.cases()[0]["communications"] == []


def plain(widget) -> str:
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None, file=io.StringIO())
    console.print(widget.render())
    return console.export_text().strip()
