"""The board's cases in memory: urgency order, the five views, the filter, the summary line.

Pure Python over the server's CaseSummary rows (no Textual), so it is quick with 10,000
cases and easy to test. Live events feed it whole cases; it keeps only the board's fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any, Iterable

from .formatting import party_name, plural, status_short

# The fields of the server's CaseSummary (GET /api/v1/cases?view=summary).
SUMMARY_KEYS = ("id", "status", "status_label", "vendor", "seller", "product", "order_number",
                "order_date", "amount", "currency", "deadline", "days_left", "window_state",
                "window_used", "follow_up_on", "is_open", "archived_at", "updated_at")

DUE_SOON_DAYS = 7


class View(str, Enum):
    OPEN = "open"
    DUE_SOON = "due"
    FOLLOW_UPS = "follow_ups"
    CLOSED = "closed"
    ALL = "all"

    @property
    def label(self) -> str:
        return VIEW_LABELS[self]


VIEW_LABELS = {View.OPEN: "Open", View.DUE_SOON: "Due soon", View.FOLLOW_UPS: "Follow-ups",
               View.CLOSED: "Closed", View.ALL: "All"}


def summary_of(case: dict[str, Any]) -> dict[str, Any]:
    """A full case (from an event or a PATCH answer) cut down to a board row."""
    return {key: case.get(key) for key in SUMMARY_KEYS}


@dataclass(slots=True)
class Row:
    """One case on the board, with what sorting and filtering need computed once."""

    case: dict[str, Any]
    sort_key: tuple
    search_text: str
    due_soon: bool
    follow_up_due: bool

    @property
    def id(self) -> str:
        return self.case["id"]


def make_row(case: dict[str, Any], today: date) -> Row:
    is_open = bool(case.get("is_open"))
    days_left = case.get("days_left")
    follow_up = case.get("follow_up_on")
    today_iso = today.isoformat()
    follow_up_due = bool(is_open and follow_up and follow_up <= today_iso)
    horizon = (today + timedelta(days=DUE_SOON_DAYS)).isoformat()
    closing = is_open and days_left is not None and 0 <= days_left <= DUE_SOON_DAYS
    due_soon = bool(closing or (is_open and follow_up and follow_up <= horizon))
    # Most urgent first: open windows by days left; then follow-ups by date; then the other
    # open cases (window expired or unknown); closed cases last, latest change first.
    if is_open and days_left is not None and days_left >= 0:
        key: tuple = (0, days_left, follow_up or "9999", case["id"])
    elif is_open and follow_up:
        key = (1, 0, follow_up, case["id"])
    elif is_open:
        key = (2, -(days_left or 0), "", case["id"])
    else:
        key = (3, 0, _descending(case.get("updated_at") or ""), case["id"])
    text = " ".join((party_name(case.get("vendor")), party_name(case.get("seller")),
                     case.get("product") or "", case.get("order_number") or "",
                     status_short(case.get("status", "")), case.get("status_label") or "",
                     case.get("amount") or "")).casefold()
    return Row(case, key, text, due_soon, follow_up_due)


def _descending(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def in_view(row: Row, view: View) -> bool:
    is_open = row.case.get("is_open")
    if view is View.OPEN:
        return bool(is_open)
    if view is View.DUE_SOON:
        return row.due_soon
    if view is View.FOLLOW_UPS:
        return bool(is_open and row.case.get("follow_up_on"))
    if view is View.CLOSED:
        return not is_open
    return True


class CaseIndex:
    """Every case on the board, keyed by id, with cached urgency order."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today or date.today()
        self._rows: dict[str, Row] = {}
        self._ordered: list[Row] | None = None
        self._view_cache: dict[View, list[Row]] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, case_id: str) -> bool:
        return case_id in self._rows

    def get(self, case_id: str) -> dict[str, Any] | None:
        row = self._rows.get(case_id)
        return row.case if row else None

    def replace_all(self, cases: Iterable[dict[str, Any]], today: date) -> None:
        self.today = today
        self._rows = {case["id"]: make_row(case, today) for case in cases}
        self._changed()

    def upsert(self, case: dict[str, Any]) -> bool:
        """Add or update a case from an event or an answer; an older copy never wins.

        Returns False when the case is not on the board (archived) or nothing changed.
        """
        if case.get("archived_at"):
            return self.remove(case["id"])
        current = self._rows.get(case["id"])
        summary = summary_of(case)
        if current is not None:
            if (current.case.get("updated_at") or "") > (summary.get("updated_at") or ""):
                return False
            if current.case == summary:
                return False
        self._rows[case["id"]] = make_row(summary, self.today)
        self._changed()
        return True

    def remove(self, case_id: str) -> bool:
        if self._rows.pop(case_id, None) is None:
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        self._ordered = None
        self._view_cache.clear()

    def ordered(self) -> list[Row]:
        if self._ordered is None:
            self._ordered = sorted(self._rows.values(), key=lambda row: row.sort_key)
        return self._ordered

    def rows(self, view: View, needle: str = "") -> list[Row]:
        rows = self._view_cache.get(view)
        if rows is None:
            rows = [row for row in self.ordered() if in_view(row, view)]
            if view is View.FOLLOW_UPS:
                rows.sort(key=lambda row: (row.case["follow_up_on"], row.sort_key))
            self._view_cache[view] = rows
        needle = needle.casefold().strip()
        if not needle:
            return rows
        words = needle.split()
        return [row for row in rows if all(word in row.search_text for word in words)]

    def counts(self) -> dict[View, int]:
        return {view: len(self.rows(view)) for view in View}

    def summary_line(self) -> str:
        """One line for the header: what needs the user soonest."""
        rows = self.ordered()
        closing = sum(1 for row in rows if row.case.get("is_open") and row.case.get("days_left") is not None
                      and 0 <= row.case["days_left"] <= DUE_SOON_DAYS)
        follow_ups = sum(1 for row in rows if row.follow_up_due)
        open_count = sum(1 for row in rows if row.case.get("is_open"))
        if not rows:
            return "No refund cases yet"
        parts = []
        if closing:
            parts.append(f"{plural(closing, 'refund window')} close{'s' if closing == 1 else ''} "
                         f"within {DUE_SOON_DAYS} days")
        if follow_ups:
            parts.append(f"{plural(follow_ups, 'follow-up')} due")
        if not parts:
            parts.append(f"{plural(open_count, 'open case')}, nothing due within {DUE_SOON_DAYS} days")
        return " · ".join(parts)

    def first_to_close(self) -> Row | None:
        rows = self.rows(View.OPEN)
        return rows[0] if rows else None
