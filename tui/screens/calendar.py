"""`c`: the next 60 days, so the user sees what closes when (deadlines ◆, follow-ups ●)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ..cases import View
from ..formatting import case_name, days_left_sentence, long_date, relative_days
from ..widgets.banner import ConnectionBanner
from ..widgets.calendar_chart import (
    DEADLINE,
    FOLLOW_UP,
    OVERDUE,
    TRACK,
    CalendarChart,
    CalendarRow,
    calendar_rows,
)
from ..widgets.footer import KeysFooter
from ..widgets.header import AppHeader
from .case_actions import CaseActions, archive_bindings, case_bindings


class CalendarScreen(CaseActions, Screen):
    CSS_PATH = "calendar.tcss"

    BINDINGS = [
        Binding("escape,c", "back", "Back", id="calendar.back"),
        *case_bindings(show_all=False),
        *archive_bindings(),
    ]

    def compose(self) -> ComposeResult:
        yield ConnectionBanner()
        yield AppHeader()
        yield CalendarChart(id="chart")
        yield Static(id="detail")
        yield Static(
            f"{TRACK}{DEADLINE} window to its deadline  {FOLLOW_UP} follow-up  "
            f"{OVERDUE} follow-up overdue  ⏎ opens",
            id="legend",
        )
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.app.cases_signal.subscribe(self, lambda _: self.refresh_chart())
        self.chart.focus()
        self.refresh_chart()

    @property
    def chart(self) -> CalendarChart:
        return self.query_one("#chart", CalendarChart)

    def refresh_chart(self) -> None:
        today = self.app.server_date()
        self.chart.show(calendar_rows(self.app.index.rows(View.OPEN), today), today)
        self._describe(self.chart.items[self.chart.cursor] if self.chart.items else None)
        self.refresh_bindings()

    def current_case_id(self) -> str | None:
        items = self.chart.items
        return items[self.chart.cursor].id if items else None

    @on(CalendarChart.Highlighted)
    def highlighted(self, message: CalendarChart.Highlighted) -> None:
        self._describe(message.row)
        self.refresh_bindings()

    @on(CalendarChart.Selected)
    def selected(self, message: CalendarChart.Selected) -> None:
        self.app.open_case(message.case_id)

    def _describe(self, row: CalendarRow | None) -> None:
        detail = self.query_one("#detail", Static)
        if row is None:
            detail.update("")
            return
        case = row.case
        today = self.app.server_date()
        text = Text(case_name(case), style="bold")
        if row.deadline and row.disputing:
            text.append(
                f"\n{DEADLINE} last day to dispute the charge with your card issuer "
                f"{long_date(row.deadline.isoformat())} ({days_left_sentence(row.days_left)})"
            )
        elif row.deadline:
            text.append(
                f"\n{DEADLINE} refund window closes {long_date(row.deadline.isoformat())} "
                f"({days_left_sentence(case.get('days_left'))})"
            )
        if case.get("follow_up_on"):
            what = (
                "the card issuer's decision: follow up" if case.get("status") == "escalated" else "follow up"
            )
            text.append(
                f"\n{FOLLOW_UP} {what} {long_date(case['follow_up_on'])} "
                f"({relative_days(case['follow_up_on'], today)})"
            )
        detail.update(text)

    def action_back(self) -> None:
        self.app.pop_screen()
