"""The Reminders view's list: what is due, in date order, each with when, what and whether it
was sent (and sent late). The days come from the server (``days_left``), never this clock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from .. import statuses
from ..formatting import long_date
from .cursor_list import CursorList, fit, strip_of

KIND_LABELS = {
    "refund_deadline": "Refund",
    "follow_up": "Follow-up",
    "renewal": "Renewal",
    "dispute_deadline": "Dispute",
}
# From this width on, columns say the date the reminder is about and its kind.
WIDE_FROM = 100
WHEN_WIDTH, DATE_WIDTH, KIND_WIDTH, SENT_WIDTH = 15, 10, 9, 9


def when_text(days_left: int) -> str:
    """today / tomorrow / in 5 days / 2 days overdue."""
    if days_left == 0:
        return "today"
    if days_left == 1:
        return "tomorrow"
    if days_left > 1:
        return f"in {days_left} days"
    return f"{-days_left} day{'s' if days_left != -1 else ''} overdue"


def sent_text(reminder: dict[str, Any]) -> str:
    """ "sent late" (missed while the machine slept, sent at the next start), "sent", or ""."""
    if not reminder.get("sent"):
        return ""
    return "sent late" if reminder.get("late") else "sent"


def tone(days_left: int) -> str:
    if days_left <= 0:
        return "reminder-list--urgent"
    if days_left <= statuses.URGENT_DAYS:
        return "reminder-list--closing"
    return "reminder-list--later"


def describe(reminder: dict[str, Any]) -> str:
    """The long form for the line under the list: the event on its date, and where it went."""
    channels = ", ".join(reminder.get("sent") or ())
    if not channels:
        sent = "not sent yet"
    elif reminder.get("late"):
        sent = f"sent late ({channels}): the server was not running when it was due"
    else:
        sent = f"sent ({channels})"
    return (
        f"{reminder.get('title', '')}: {reminder.get('event', '')} on {long_date(reminder.get('date'))}"
        f" · {sent}"
    )


class ReminderList(CursorList):
    """Reminders in date order; Enter opens the case of the one under the cursor."""

    BINDINGS = [Binding("enter", "open_case", "Open case", show=False, id="reminders.open")]

    COMPONENT_CLASSES = {
        "reminder-list--header",
        "reminder-list--cursor",
        "reminder-list--urgent",
        "reminder-list--closing",
        "reminder-list--later",
        "reminder-list--muted",
        "reminder-list--late",
        "reminder-list--empty",
    }

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a reminder (None: the list is empty)."""

        reminder: dict[str, Any] | None

    @dataclass
    class Selected(Message):
        """The user asked to open a reminder's case."""

        case_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._reminders: list[dict[str, Any]] = []
        self.empty_text = "Loading reminders…"

    @property
    def row_count(self) -> int:
        return len(self._reminders)

    @property
    def reminders(self) -> list[dict[str, Any]]:
        return self._reminders

    @property
    def current(self) -> dict[str, Any] | None:
        if 0 <= self.cursor < len(self._reminders):
            return self._reminders[self.cursor]
        return None

    def show(self, reminders: list[dict[str, Any]]) -> None:
        """Show ``reminders``; the cursor stays on the same one, else at the same place."""
        current = self.current
        keep = next((i for i, r in enumerate(reminders) if current and r["id"] == current["id"]), None)
        self._reminders = reminders
        self.rows_changed(keep_cursor=keep)
        self.post_message(self.Highlighted(self.current))

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.Highlighted(self._reminders[index]))

    def action_open_case(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current["case_id"]))

    # -- drawing -------------------------------------------------------------------------
    def _widths(self, width: int) -> tuple[bool, int, int]:
        """(wide: the date and kind columns shown, title width, message width)."""
        wide = width >= WIDE_FROM
        fixed = WHEN_WIDTH + SENT_WIDTH + 4 + (DATE_WIDTH + KIND_WIDTH + 2 if wide else 0)
        spare = max(10, width - fixed)
        title = max(8, min(28, spare * 2 // 5))
        return wide, title, max(1, spare - title)

    def render_header(self, line: int, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style("reminder-list--header")
        wide, title, message = self._widths(width)
        parts = [" " + fit("When", WHEN_WIDTH)]
        if wide:
            parts += [" " + fit("Date", DATE_WIDTH), " " + fit("Kind", KIND_WIDTH)]
        parts += [" " + fit("Case", title), " " + fit("Reminder", message), " " + fit("Sent", SENT_WIDTH)]
        return strip_of([(part, style) for part in parts], width, style)

    def render_line(self, y: int) -> Strip:
        if not self._reminders and y == self.header_lines + 1:
            width = self.scrollable_content_region.width
            style = self.get_component_rich_style("reminder-list--empty")
            return strip_of([(fit("  " + self.empty_text, width), style)], width, style)
        return super().render_line(y)

    def _ink(self, name: str) -> Style:
        full = self.get_component_rich_style(name)
        return Style.from_color(full.color) + Style(bold=full.bold, dim=full.dim, italic=full.italic)

    def render_row(self, index: int, width: int, *, at_cursor: bool) -> Strip:
        reminder = self._reminders[index]
        base = self.rich_style
        cursor = at_cursor and self.has_focus
        if cursor:
            base = base + self.get_component_rich_style("reminder-list--cursor")

        def ink(name: str) -> Style:
            return base if cursor else base + self._ink(name)

        days_left = int(reminder.get("days_left") or 0)
        wide, title, message = self._widths(width)
        parts = [(" ", base), (fit(when_text(days_left), WHEN_WIDTH), ink(tone(days_left)))]
        if wide:
            parts += [
                (" ", base),
                (fit(reminder.get("date") or "", DATE_WIDTH), ink("reminder-list--muted")),
                (" ", base),
                (fit(KIND_LABELS.get(reminder.get("kind", ""), ""), KIND_WIDTH), ink("reminder-list--muted")),
            ]
        parts += [
            (" ", base),
            (fit(reminder.get("title") or "", title), base),
            (" ", base),
            (fit(reminder.get("message") or "", message), base),
            (" ", base),
            (
                fit(sent_text(reminder), SENT_WIDTH),
                ink("reminder-list--late" if reminder.get("late") else "reminder-list--muted"),
            ),
        ]
        return strip_of(parts, width, base)
