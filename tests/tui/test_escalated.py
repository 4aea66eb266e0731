"""A case that moved on: once refused and escalated, the case screen, the board and the calendar
all show the deadline that matters in that status, and the follow-up for the issuer's decision."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rich.console import Console

from tui import case_sections
from tui.formatting import long_date
from tui.screens.calendar import CalendarScreen
from tui.screens.case_detail import CaseScreen
from tui.widgets.calendar_chart import DEADLINE

from ..support.captures import trend_micro_order
from .conftest import TODAY
from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded

ORDERED = TODAY - timedelta(days=100)  # the 30-day refund window is long gone; ~20 days to dispute


def seed_case(server, *statuses: str) -> dict:
    case = server.call(
        "POST",
        "/api/v1/captures",
        trend_micro_order(capture_id="e1", order_date=ORDERED.isoformat(), payment_method="Visa ending 4242"),
    )["case"]
    for status in statuses:
        case = server.call("PATCH", f"/api/v1/cases/{case['id']}", {"status": status})["case"]
    return case


def plain(renderable) -> str:
    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def open_case(pilot, app) -> None:
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
    await pilot.pause()


async def test_a_denied_case_leads_with_the_dispute_deadline(empty_server):
    case = seed_case(empty_server, "requested", "denied")
    dispute_by = case["escalation_deadline"]
    days = (date.fromisoformat(dispute_by) - TODAY).days
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await open_case(pilot, app)
        header = "\n".join(screen_text(app).splitlines()[:4])
        assert f"Dispute the charge by {long_date(dispute_by)} · {days} days left" in header
        assert "Refund window" not in header


async def test_an_escalated_case_shows_the_dispute_and_the_issuers_decision(empty_server):
    case = seed_case(empty_server, "requested", "denied", "escalated")
    follow_up = case["follow_up_on"]
    assert follow_up is not None, "escalating sets a follow-up for the issuer's decision"
    dispute_by = case["escalation_deadline"]
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await open_case(pilot, app)
        text = screen_text(app)
        header = "\n".join(text.splitlines()[:4])
        assert "Escalate by" not in text
        assert "days left" not in header and "Refund window" not in header
        assert f"Disputed with your card issuer on {long_date(TODAY.isoformat())}" in header
        assert f"Issuer's decision: follow up {long_date(follow_up)}" in header
        # The deadlines section: the dispute first, met; the refund window no longer counts.
        clocks = plain(case_sections.clocks(app.screen.case, app.today)).splitlines()
        assert clocks[0].startswith("Visa chargeback")
        assert (
            clocks[1].strip() == f"{long_date(dispute_by)} · met: disputed on {long_date(TODAY.isoformat())}"
        )
        refund = clocks.index(
            next(
                line for line in clocks if line.startswith("Refund window") or line.startswith("Trend Micro")
            )
        )
        assert "no longer counts: the charge is disputed" in clocks[refund + 1]
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CaseScreen))
        # The board counts the dispute deadline, as does the calendar.
        assert rows_shown(app)[0]["id"] == case["id"]
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.pause()
        chart = app.screen.chart
        assert chart.items and chart.items[0].deadline == date.fromisoformat(dispute_by)
        days = (date.fromisoformat(dispute_by) - TODAY).days
        text = screen_text(app)
        assert (
            f"last day to dispute the charge with your card issuer {long_date(dispute_by)} "
            f"({days} days left)" in text
        )
        row = next(line for line in text.splitlines() if line.startswith("Trend Micro"))
        assert DEADLINE in row
