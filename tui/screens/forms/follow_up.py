"""`f`: when to chase the vendor next (a date, or +7 for a week from today), or no follow-up."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Static

from ...formatting import long_date, relative_days
from .base import CaseForm
from .checks import date_problem

_RELATIVE = re.compile(r"^\+?\s*(\d{1,3})\s*(d|day|days|w|week|weeks)?$")


def parse_follow_up(text: str, today: date) -> date | None:
    """`2026-12-03`, `+7`, `7d`, `2w`, `tomorrow` → a date; None if unreadable."""
    text = text.strip().lower()
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    match = _RELATIVE.match(text)
    if match:
        count = int(match.group(1))
        return (
            today + timedelta(weeks=count)
            if (match.group(2) or "").startswith("w")
            else today + timedelta(days=count)
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class FollowUpForm(CaseForm):
    TITLE = "Follow-up"
    FROM_SUMMARY = True  # the case's id and its follow-up date: both on the board's row
    BINDINGS = [Binding("ctrl+n", "clear", "No follow-up", id="follow_up.clear")]
    FIELD_ALIASES = {"follow_up_on": "date"}

    def fields(self) -> ComposeResult:
        current = self.case.get("follow_up_on")
        today = self.app.server_date()
        now = (
            f"Now: [b]{long_date(current)}[/b] ({relative_days(current, today)})"
            if current
            else "No follow-up date set."
        )
        yield Static(now, classes="hint")
        yield from self.field(
            "Follow up on",
            Input(current or "", placeholder="YYYY-MM-DD, or +7 for a week", compact=True),
            "date",
        )
        yield Static("", id="date-preview", classes="hint")
        if current:
            yield Static("Empty the field (or press ctrl+n) for no follow-up.", classes="hint")

    def buttons(self):
        yield Button("Cancel", id="cancel", compact=True)
        if self.case.get("follow_up_on"):
            yield Button("No follow-up", id="clear", variant="warning", compact=True)
        yield Button("Save", id="save", variant="primary", compact=True)

    @on(Input.Changed, "#field-date")
    def preview(self, event: Input.Changed) -> None:
        today = self.app.server_date()
        day = parse_follow_up(event.value, today) if event.value.strip() else None
        text = f"→ {long_date(day.isoformat())} ({relative_days(day.isoformat(), today)})" if day else ""
        self.query_one("#date-preview", Static).update(text)
        if day is not None and day >= today:
            self.clear_error("date")

    def validate(self) -> dict[str, str]:
        text = self.value("date").strip()
        if not text:
            # An emptied field means "no follow-up" (save() clears it).
            return {} if self.case.get("follow_up_on") else {"date": "type a date (YYYY-MM-DD or +7)"}
        day = parse_follow_up(text, self.app.server_date())
        if day is None:
            # Shaped like a date but none ("2026-02-30"): say why, as the other forms do.
            problem = date_problem(text) if text[:1].isdigit() and text.count("-") == 2 else None
            return {"date": problem or "write YYYY-MM-DD, or +N for N days from today"}
        if day < self.app.server_date():
            return {"date": "is in the past: choose today or later"}
        return {}

    async def save(self) -> Any:
        day = parse_follow_up(self.value("date"), self.app.server_date())
        return await self._set(day.isoformat() if day else None)

    async def _set(self, value: str | None) -> Any:
        case = await self.api.patch_case(self.case["id"], {"follow_up_on": value})
        self.case_arrived(case)
        self.notify(f"Follow up on {long_date(value)}." if value else "No follow-up date.")
        return case

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        if not self.case.get("follow_up_on") or self.saving:
            return
        self.clear_errors()
        self.run_save(lambda: self._set(None))
