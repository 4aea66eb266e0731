"""The board's table of cases: urgency-coloured days left with a bar of the window used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.message import Message
from textual.strip import Strip

from .. import statuses
from ..cases import Row, pressing_days
from ..formatting import days_left_text, party_name, short_date, status_short, urgency, window_bar
from .cursor_list import CursorList, fit, strip_of

Cell = tuple[str, str]  # text, component class (or "" for the row's own style)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    min_width: int
    flex: int = 0  # share of spare width
    max_width: int = 999
    priority: int = 0  # lower stays longer when the terminal is narrow
    align: str = "left"


COLUMNS = (
    Column("vendor", "Vendor", 10, flex=1, max_width=20),
    Column("product", "Product", 12, flex=4),
    Column("order", "Order #", 8, flex=1, max_width=16, priority=3),
    Column("ordered", "Ordered", 7, priority=4),
    Column("deadline", "Deadline", 8, priority=1),
    Column("days", "Days left", 11, flex=1, max_width=14),
    Column("status", "Status", 12),
    Column("follow_up", "Follow-up", 9, priority=2),
)
DATE_COLUMNS = ("ordered", "deadline", "follow_up")
# Wider than this, dates are written in full (2026-12-20) instead of "Dec 20".
LONG_DATES_FROM = 110
# Columns are dropped (least important first) until the product column has this much room.
PRODUCT_ROOM = 16


def layout(width: int) -> list[tuple[Column, int]]:
    """Which columns fit in ``width`` cells, and how wide each one is."""
    long_dates = width >= LONG_DATES_FROM
    columns = [
        Column(c.key, c.title, 10, c.flex, 10, c.priority) if long_dates and c.key in DATE_COLUMNS else c
        for c in COLUMNS
    ]

    def needed(cols: list[Column]) -> int:
        return sum(c.min_width for c in cols) + len(cols)  # one space before each column

    for priority in sorted({c.priority for c in columns if c.priority}, reverse=True):
        if needed(columns) + PRODUCT_ROOM - 12 <= width:
            break
        columns = [c for c in columns if c.priority != priority]
    spare = max(0, width - needed(columns))
    widths = {c.key: c.min_width for c in columns}
    flexible = [c for c in columns if c.flex]
    while spare > 0 and flexible:
        total_flex = sum(c.flex for c in flexible)
        given = 0
        for column in flexible:
            share = max(1, spare * column.flex // total_flex)
            share = min(share, column.max_width - widths[column.key], spare - given)
            widths[column.key] += share
            given += share
        spare -= given
        flexible = [c for c in flexible if widths[c.key] < c.max_width]
        if given == 0:
            break
    return [(c, widths[c.key]) for c in columns]


class CaseTable(CursorList):
    """Cases in urgency order; Enter opens the one under the cursor."""

    BINDINGS = [Binding("enter", "open_case", "Open case", show=False, id="board.open")]

    COMPONENT_CLASSES = {
        "case-table--header",
        "case-table--cursor",
        "case-table--cursor-blurred",
        "case-table--closed-row",
        "case-table--urgent",
        "case-table--closing",
        "case-table--open",
        "case-table--expired",
        "case-table--none",
        "case-table--closed",
        "case-table--due",
        "case-table--muted",
        "case-table--empty",
    }

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a case."""

        case_id: str

    @dataclass
    class Selected(Message):
        """The user asked to open a case."""

        case_id: str

    def __init__(self, *, today: Callable[[], date], id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._today = today
        self._layout: tuple[int, list[tuple[Column, int]]] = (-1, [])
        # Drawn rows by (case, width, cursor, focus): filtering moves rows, it rarely changes them.
        # The case dict is kept with its strip: a new or changed case is a new dict.
        self._strips: LRUCache[tuple, tuple[dict, Strip]] = LRUCache(2048)
        self._inks: dict[str, Style] = {}
        self.empty_text = "No cases in this view."

    # -- data ----------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def show(self, rows: list[Row], *, follow: str | None = None) -> None:
        """Show ``rows``; the cursor stays on case ``follow`` (or the current one) if shown."""
        follow = follow or self.current_id
        self._rows = rows
        keep = None
        if follow is not None:
            for index, row in enumerate(rows):
                if row.id == follow:
                    keep = index
                    break
        self.rows_changed(keep_cursor=keep if keep is not None else 0 if follow is None else None)

    @property
    def current_id(self) -> str | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor].id
        return None

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.Highlighted(self._rows[index].id))

    def action_open_case(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Selected(self.current_id))

    # -- drawing -------------------------------------------------------------------------
    def _columns(self, width: int) -> list[tuple[Column, int]]:
        if self._layout[0] != width:
            self._layout = (width, layout(width))
        return self._layout[1]

    def render_header(self, line: int, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style("case-table--header")
        parts = [(" " + fit(column.title, w, column.align), style) for column, w in self._columns(width)]
        return strip_of(parts, width, style)

    def render_line(self, y: int) -> Strip:
        if not self._rows and y == self.header_lines + 1:
            width = self.scrollable_content_region.width
            style = self.get_component_rich_style("case-table--empty")
            return strip_of([(fit("  " + self.empty_text, width), style)], width, style)
        return super().render_line(y)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._inks.clear()

    def _ink(self, name: str) -> Style:
        """A cell's colour and emphasis without its background: the row's stays underneath."""
        ink = self._inks.get(name)
        if ink is None:
            full = self.get_component_rich_style(name)
            ink = self._inks[name] = Style.from_color(full.color) + Style(
                bold=full.bold, dim=full.dim, italic=full.italic
            )
        return ink

    def render_row(self, index: int, width: int, *, at_cursor: bool) -> Strip:
        case = self._rows[index].case
        key = (id(case), width, at_cursor, at_cursor and self.has_focus)
        cached = self._strips.get(key)
        if cached is not None and cached[0] is case:
            return cached[1]
        strip = self._draw_row(case, width, at_cursor)
        self._strips[key] = (case, strip)
        return strip

    def _draw_row(self, case: dict[str, Any], width: int, at_cursor: bool) -> Strip:
        component = self.get_component_rich_style
        base = self.rich_style
        if not case.get("is_open"):
            base = base + component("case-table--closed-row")
        if at_cursor and self.has_focus:
            base = base + component("case-table--cursor")
        elif at_cursor:
            # Only the background (blended): the row keeps its colours while the filter has focus.
            base = base + Style(bgcolor=component("case-table--cursor-blurred").bgcolor)
        parts = []
        for column, w in self._columns(width):
            text, style_name = self._cell(case, column.key, w)
            style = base
            if style_name and not (at_cursor and self.has_focus):
                style = base + self._ink(style_name)
            parts.append((" ", base))
            parts.append((fit(text, w, column.align), style))
        return strip_of(parts, width, base)

    def _cell(self, case: dict[str, Any], key: str, width: int) -> Cell:
        long_dates = width >= 10
        if key == "vendor":
            return party_name(case.get("vendor")) or party_name(case.get("seller")) or "?", ""
        if key == "product":
            return case.get("product") or "", ""
        if key == "order":
            return case.get("order_number") or "", "case-table--muted"
        if key == "ordered":
            value = case.get("order_date")
            return (value or "") if long_dates else short_date(value), "case-table--muted"
        pressing = pressing_days(case, self._today())
        tone = "case-table--" + urgency(pressing, bool(case.get("is_open")))
        # Refused or escalated: the deadline that matters is the last day to dispute the charge.
        disputing = statuses.is_disputing(case.get("status")) and bool(case.get("escalation_deadline"))
        if key == "deadline":
            value = case.get("escalation_deadline") if disputing else case.get("deadline")
            return (value or "—") if long_dates else (short_date(value) or "—"), tone
        if key == "days":
            if not case.get("is_open"):
                return "", ""
            if disputing:
                word = " dispute" if width >= 15 else ""  # where the window bar would be
                return f"{days_left_text(pressing):>7}{word}", tone
            days_left = case.get("days_left")
            text = days_left_text(days_left)
            bar_cells = width - 8
            if days_left is None or days_left < 0 or bar_cells < 2:
                return f"{text:>7}", tone
            return f"{text:>7} {window_bar(case.get('window_used'), bar_cells)}", tone
        if key == "status":
            return status_short(case.get("status", "")), ""
        if key == "follow_up":
            value = case.get("follow_up_on")
            if not value:
                return "", ""
            text = value if long_dates else short_date(value)
            due = case.get("is_open") and value <= self._today().isoformat()
            return text, "case-table--due" if due else ""
        return "", ""
