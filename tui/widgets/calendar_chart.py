"""The next 60 days as a timeline: one row per case, its refund window (or, once refused or
escalated, the time left to dispute the charge) running to a ◆ on the deadline, a ● on the
follow-up date. Drawn from the server's today, never this machine's clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from .. import statuses
from ..cases import Row, pressing_days
from ..formatting import case_name
from .cursor_list import CursorList, fit, strip_of

DAYS = 60
DEADLINE, FOLLOW_UP, TRACK, OVERDUE = "◆", "●", "─", "◀"


@dataclass(frozen=True)
class CalendarRow:
    case: dict[str, Any]
    deadline: date | None  # within the 60 days
    follow_up: date | None  # within the 60 days, or before today (overdue)
    first: date
    # The deadline is the last day to dispute the charge (refused or escalated), not the
    # refund window's; days left on it while it presses (as the board counts them).
    disputing: bool = False
    days_left: int | None = None

    @property
    def id(self) -> str:
        return self.case["id"]


def calendar_rows(rows: list[Row], today: date) -> list[CalendarRow]:
    """Open cases with a deadline or a follow-up in the next 60 days (or a follow-up overdue).

    The deadline drawn is the board's: the refund window's, then once refused or escalated the
    last day to dispute the charge."""
    end = today + timedelta(days=DAYS - 1)
    out = []
    for row in rows:
        case = row.case
        if not case.get("is_open"):
            continue
        disputing = statuses.is_disputing(case.get("status")) and bool(case.get("escalation_deadline"))
        deadline = _date(case.get("escalation_deadline") if disputing else case.get("deadline"))
        follow_up = _date(case.get("follow_up_on"))
        if deadline is not None and not today <= deadline <= end:
            deadline = None
        if follow_up is not None and follow_up > end:
            follow_up = None
        if deadline is None and follow_up is None:
            continue
        first = min(d for d in (deadline, follow_up) if d is not None)
        out.append(CalendarRow(case, deadline, follow_up, first, disputing, pressing_days(case, today)))
    out.sort(key=lambda r: (r.first, r.id))
    return out


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class CalendarChart(CursorList):
    header_lines = 2

    BINDINGS = [Binding("enter", "open_case", "Open case", show=False, id="calendar.open")]

    COMPONENT_CLASSES = {
        "calendar-chart--header",
        "calendar-chart--today",
        "calendar-chart--weekend",
        "calendar-chart--cursor",
        "calendar-chart--urgent",
        "calendar-chart--closing",
        "calendar-chart--open",
        "calendar-chart--follow-up",
        "calendar-chart--label",
        "calendar-chart--empty",
    }

    @dataclass
    class Highlighted(Message):
        row: CalendarRow | None

    @dataclass
    class Selected(Message):
        case_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today: date | None = None
        self.items: list[CalendarRow] = []

    @property
    def row_count(self) -> int:
        return len(self.items)

    def show(self, items: list[CalendarRow], today: date) -> None:
        current = self.items[self.cursor].id if 0 <= self.cursor < len(self.items) else None
        self.today = today
        self.items = items
        keep = next((i for i, item in enumerate(items) if item.id == current), None)
        self.rows_changed(keep_cursor=keep)

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.Highlighted(self.items[index]))

    def action_open_case(self) -> None:
        if 0 <= self.cursor < len(self.items):
            self.post_message(self.Selected(self.items[self.cursor].id))

    def _geometry(self, width: int) -> tuple[int, int]:
        """(label width, cells per day)."""
        per_day = 2 if width >= DAYS * 2 + 24 else 1
        label = max(8, min(36, width - DAYS * per_day - 1))
        return label, per_day

    def render_header(self, line: int, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style("calendar-chart--header")
        if self.today is None:
            return Strip.blank(width, style)
        label, per_day = self._geometry(width)
        cells = [" "] * (DAYS * per_day)
        free_from = 0  # a label never overwrites the one before it
        for offset in range(DAYS):
            day = self.today + timedelta(days=offset)
            if line == 0 and (day.day == 1 or offset == 0):
                text = day.strftime("%b %Y" if day.month == 1 else "%b")
            elif line == 1 and (day.weekday() == 0 or offset == 0):
                text = str(day.day)
            else:
                continue
            position = offset * per_day
            if position < free_from:
                continue
            for i, ch in enumerate(text):
                if position + i < len(cells):
                    cells[position + i] = ch
            free_from = position + len(text) + 1
        title = "Next 60 days" if line == 0 else "Today, Mondays →"  # the first date is today
        today_style = style + Style(bgcolor=self.get_component_rich_style("calendar-chart--today").bgcolor)
        parts = [
            (fit(title, label) + " ", style),
            (cells[0] * 1, today_style if line == 1 else style),
            ("".join(cells[1:]), style),
        ]
        return strip_of(parts, width, style)

    def render_row(self, index: int, width: int, *, at_cursor: bool) -> Strip:
        assert self.today is not None
        item = self.items[index]
        label_width, per_day = self._geometry(width)
        component = self.get_component_rich_style
        base = self.rich_style
        label_style = base + component("calendar-chart--label")
        if at_cursor:
            label_style = label_style + component("calendar-chart--cursor")
        case = item.case
        name = case_name(case)
        parts: list[tuple[str, Style]] = [(fit(name, label_width) + " ", label_style)]
        # The refund window presses only until the refund is asked for; the dispute deadline
        # once refused or escalated.
        days_left = item.days_left
        tone = (
            "urgent"
            if days_left is not None and days_left <= statuses.URGENT_DAYS
            else "closing"
            if days_left is not None and days_left <= statuses.closing_days()
            else "open"
        )
        tone_style = base + component(f"calendar-chart--{tone}")
        follow_style = base + component("calendar-chart--follow-up")
        # Backgrounds only (blended with the widget's): a deadline on a weekend keeps its colour.
        today_bg = Style(bgcolor=component("calendar-chart--today").bgcolor)
        weekend_bg = Style(bgcolor=component("calendar-chart--weekend").bgcolor)
        deadline_offset = (item.deadline - self.today).days if item.deadline else None
        follow_offset = (item.follow_up - self.today).days if item.follow_up else None
        for offset in range(DAYS):
            day = self.today + timedelta(days=offset)
            style = base
            char = " "
            if deadline_offset is not None and offset < deadline_offset:
                char, style = TRACK, tone_style
            if offset == deadline_offset:
                char, style = DEADLINE, tone_style
            if follow_offset is not None and (offset == follow_offset or (offset == 0 and follow_offset < 0)):
                char = OVERDUE if follow_offset < 0 else FOLLOW_UP
                style = follow_style if offset != deadline_offset else tone_style
                if offset == deadline_offset:
                    char = DEADLINE
            if offset == 0:
                style = style + today_bg
            elif day.weekday() >= 5:
                style = style + weekend_bg
            cell = char * per_day if char == TRACK else char + (" " if per_day == 2 else "")
            if per_day == 2 and char == " ":
                cell = "  "
            parts.append((cell, style))
        return strip_of(parts, width, base)

    def render_line(self, y: int) -> Strip:
        if not self.items and y == self.header_lines + 1:
            width = self.scrollable_content_region.width
            style = self.get_component_rich_style("calendar-chart--empty")
            return strip_of(
                [(fit("  Nothing closes and nothing is due in the next 60 days.", width), style)],
                width,
                style,
            )
        return super().render_line(y)
