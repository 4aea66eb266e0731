"""The board's cases in memory: urgency order, the views, the filter, the summary line.

Pure Python over the server's CaseSummary rows (no Textual), so it is quick with 10,000
cases and easy to test. Live events feed it whole cases; it keeps only the board's fields.
Archived cases are kept apart, and only once the Archived view has asked for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from . import statuses
from .formatting import party_name, plural, status_short

# The fields of the server's CaseSummary (GET /api/v1/cases?view=summary).
SUMMARY_KEYS = (
    "id",
    "status",
    "status_label",
    "vendor",
    "seller",
    "product",
    "order_number",
    "order_date",
    "amount",
    "currency",
    "deadline",
    "days_left",
    "window_state",
    "window_used",
    "escalation_deadline",
    "follow_up_on",
    "is_open",
    "archived_at",
    "updated_at",
    "revision",
)

# Filter results kept, so typing on and backspacing reuse what was found.
FILTER_CACHE = 64


class View(str, Enum):
    OPEN = "open"
    DUE_SOON = "due"
    FOLLOW_UPS = "follow_ups"
    CLOSED = "closed"
    ALL = "all"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return VIEW_LABELS[self]


VIEW_LABELS = {
    View.OPEN: "Open",
    View.DUE_SOON: "Due soon",
    View.FOLLOW_UPS: "Follow-ups",
    View.CLOSED: "Closed",
    View.ALL: "All",
    View.ARCHIVED: "Archived",
}


def summary_of(case: dict[str, Any]) -> dict[str, Any]:
    """A full case (from an event or a PATCH answer) cut down to a board row."""
    return {key: case.get(key) for key in SUMMARY_KEYS}


def is_newer(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether copy ``a`` of a case holds later changes than copy ``b`` (the server counts them)."""
    return (a.get("revision") or 0) > (b.get("revision") or 0)


class Row:
    """One case on the board, with what sorting and filtering need computed once."""

    __slots__ = ("case", "sort_key", "due_soon", "follow_up_due", "_search_text")

    def __init__(self, case: dict[str, Any], sort_key: tuple, due_soon: bool, follow_up_due: bool) -> None:
        self.case = case
        self.sort_key = sort_key
        self.due_soon = due_soon
        self.follow_up_due = follow_up_due
        self._search_text: str | None = None

    @property
    def id(self) -> str:
        return self.case["id"]

    @property
    def search_text(self) -> str:
        """What the filter searches, made on the first search (most boards are never filtered)."""
        if self._search_text is None:
            case = self.case
            self._search_text = " ".join(
                (
                    party_name(case.get("vendor")),
                    party_name(case.get("seller")),
                    case.get("product") or "",
                    case.get("order_number") or "",
                    status_short(case.get("status", "")),
                    case.get("status_label") or "",
                    case.get("amount") or "",
                )
            ).casefold()
        return self._search_text


@dataclass(frozen=True)
class Day:
    """The server's today, and the dates the board compares against (as ISO strings too);
    ``closing_days``: a deadline this near is due soon (the server's, GET /api/v1/statuses)."""

    today: str
    due_soon_until: str
    as_date: date
    closing_days: int

    @classmethod
    def of(cls, today: date) -> Day:
        soon = statuses.closing_days()
        return cls(today.isoformat(), (today + timedelta(days=soon)).isoformat(), today, soon)


def pressing_days(case: dict[str, Any], today: date) -> int | None:
    """Days left on the deadline that matters now: the refund window until the refund is asked
    for, the dispute deadline once refused or escalated; None in between (asked, waiting)."""
    if not case.get("is_open"):
        return None
    status = case.get("status")
    if status == "captured":
        return case.get("days_left")
    if statuses.is_disputing(status) and case.get("escalation_deadline"):
        return (date.fromisoformat(case["escalation_deadline"]) - today).days
    return None


def make_row(case: dict[str, Any], day: Day) -> Row:
    is_open = bool(case.get("is_open"))
    days_left = pressing_days(case, day.as_date)
    follow_up = case.get("follow_up_on")
    follow_up_due = bool(is_open and follow_up and follow_up <= day.today)
    closing = is_open and days_left is not None and 0 <= days_left <= day.closing_days
    due_soon = bool(closing or (is_open and follow_up and follow_up <= day.due_soon_until))
    # Most urgent first: open deadlines by days left; then follow-ups by date; then the other
    # open cases (deadline passed, unknown, or none pressing); closed cases last, latest change first.
    if is_open and days_left is not None and days_left >= 0:
        key: tuple = (0, days_left, follow_up or "9999", case["id"])
    elif is_open and follow_up:
        key = (1, 0, follow_up, case["id"])
    elif is_open:
        key = (2, -(days_left or 0), "", case["id"])
    else:
        key = (3, 0, _descending(case.get("updated_at") or ""), case["id"])
    return Row(case, key, due_soon, follow_up_due)


def make_archived_row(case: dict[str, Any]) -> Row:
    """An archived case: the most recently archived first."""
    return Row(case, (4, _descending(case.get("archived_at") or ""), case["id"]), False, False)


def _descending(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


class CaseIndex:
    """Every case on the board, keyed by id, with cached urgency order; archived ones apart."""

    def __init__(self, today: date) -> None:
        self.today = today
        self._day: Day | None = None  # made with the first cases (the server's closing days)
        self._rows: dict[str, Row] = {}
        # Archived cases, once the Archived view asked for them (None: never asked).
        self._archived: dict[str, Row] | None = None
        self._archived_order: list[Row] | None = None
        self._ordered: list[Row] | None = None
        self._views: dict[View, list[Row]] | None = None
        # (refund windows and dispute deadlines closing within the closing days, follow-ups due)
        self._stats = (0, 0, 0)
        self._filtered: dict[tuple[View, str], list[Row]] = {}  # recent filter results
        # needle -> ids of the cases the server finds for it (it reads what the board does
        # not hold: references, the account email, communications). Kept until a reload.
        self._found: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        """The cases on the board (archived ones are not)."""
        return len(self._rows)

    def __contains__(self, case_id: str) -> bool:
        return case_id in self._rows or (self._archived is not None and case_id in self._archived)

    def get(self, case_id: str) -> dict[str, Any] | None:
        row = self._rows.get(case_id) or (self._archived or {}).get(case_id)
        return row.case if row else None

    @property
    def archived_loaded(self) -> bool:
        return self._archived is not None

    def replace_all(self, cases: Iterable[dict[str, Any]], today: date) -> None:
        """Every case from the server; archived ones among them are kept for the Archived view
        (when it has been loaded, the list asked for them too)."""
        self.today = today
        self._day = day = Day.of(today)
        rows, archived = {}, {}
        for case in cases:
            if case.get("archived_at"):
                archived[case["id"]] = make_archived_row(case)
            else:
                rows[case["id"]] = make_row(case, day)
        self._rows = rows
        if self._archived is not None:
            self._archived = archived
        self._found.clear()
        self._changed()

    def replace_archived(self, cases: Iterable[dict[str, Any]]) -> None:
        """The archived cases (the Archived view's first visit); live ones are left alone."""
        self._archived = {
            case["id"]: make_archived_row(case)
            for case in cases
            if case.get("archived_at") and not self._newer_live(case)
        }
        self._changed()

    def _newer_live(self, case: dict[str, Any]) -> bool:
        live = self._rows.get(case["id"])
        return live is not None and not is_newer(case, live.case)

    def all_cases(self) -> list[dict[str, Any]]:
        """Every case held, on the board and archived (for merging a reload)."""
        return [row.case for row in self._rows.values()] + [
            row.case for row in (self._archived or {}).values()
        ]

    def upsert(self, case: dict[str, Any]) -> bool:
        """Add or update a case from an event or an answer; an older copy never wins.

        An archived case leaves the board (and joins the Archived view, once that is loaded);
        a restored one comes back. Returns False when nothing shown changed.
        """
        case_id = case["id"]
        current = self._rows.get(case_id) or (self._archived or {}).get(case_id)
        summary = summary_of(case)
        if current is not None and (is_newer(current.case, summary) or current.case == summary):
            return False
        self._rows.pop(case_id, None)
        if self._archived is not None:
            self._archived.pop(case_id, None)
        if summary.get("archived_at"):
            if self._archived is not None:
                self._archived[case_id] = make_archived_row(summary)
            elif current is None:
                return False  # neither shown nor held
        else:
            self._rows[case_id] = make_row(summary, self._day or Day.of(self.today))
        self._changed()
        return True

    def remove(self, case_id: str) -> bool:
        removed = self._rows.pop(case_id, None)
        if self._archived is not None:
            removed = self._archived.pop(case_id, None) or removed
        if removed is None:
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        self._ordered = None
        self._views = None
        self._archived_order = None
        self._filtered.clear()

    @staticmethod
    def normal_needle(needle: str) -> str:
        return " ".join(needle.casefold().split())

    def found_by_server(self, needle: str, case_ids: Iterable[str]) -> None:
        """The cases the server's search finds for ``needle``: the filter shows them too."""
        needle = self.normal_needle(needle)
        if not needle:
            return
        if len(self._found) >= FILTER_CACHE:
            self._found.pop(next(iter(self._found)))
        self._found[needle] = frozenset(case_ids)
        for key in [key for key in self._filtered if key[1] == needle]:
            del self._filtered[key]

    def searched_by_server(self, needle: str) -> bool:
        return self.normal_needle(needle) in self._found

    def ordered(self) -> list[Row]:
        if self._ordered is None:
            self._ordered = sorted(self._rows.values(), key=lambda row: row.sort_key)
        return self._ordered

    def _all_views(self) -> dict[View, list[Row]]:
        """Every view's rows, made in one pass over the cases in urgency order."""
        if self._views is None:
            ordered = self.ordered()
            open_rows, due, follow_ups, closed = [], [], [], []
            closing = disputes = follow_ups_due = 0
            soon = statuses.closing_days() if ordered else 0  # loaded before the first case
            for row in ordered:
                case = row.case
                if case.get("is_open"):
                    open_rows.append(row)
                    if case.get("follow_up_on"):
                        follow_ups.append(row)
                    days_left = pressing_days(case, self.today)
                    if days_left is not None and 0 <= days_left <= soon:
                        if statuses.is_disputing(case.get("status")):
                            disputes += 1
                        else:
                            closing += 1
                else:
                    closed.append(row)
                if row.due_soon:
                    due.append(row)
                if row.follow_up_due:
                    follow_ups_due += 1
            follow_ups.sort(key=lambda row: (row.case["follow_up_on"], row.sort_key))
            self._views = {
                View.OPEN: open_rows,
                View.DUE_SOON: due,
                View.FOLLOW_UPS: follow_ups,
                View.CLOSED: closed,
                View.ALL: ordered,
            }
            self._stats = (closing, disputes, follow_ups_due)
        return self._views

    def archived_rows(self) -> list[Row]:
        if self._archived_order is None:
            self._archived_order = sorted((self._archived or {}).values(), key=lambda row: row.sort_key)
        return self._archived_order

    def rows(self, view: View, needle: str = "") -> list[Row]:
        """The view's rows; with ``needle``, those whose text holds every word of it."""
        rows = self.archived_rows() if view is View.ARCHIVED else self._all_views()[view]
        needle = self.normal_needle(needle)
        if not needle:
            return rows
        cached = self._filtered.get((view, needle))
        if cached is not None:
            return cached
        words = needle.split()
        found = self._found.get(needle)
        if found is not None:
            # The server's answer counts, in the view's order, with what the board matches.
            result = [
                row for row in rows if row.id in found or all(word in row.search_text for word in words)
            ]
        else:
            # Typing on: a longer needle only narrows what the shorter one found.
            base, base_needle = rows, ""
            for (cached_view, cached_needle), shown in self._filtered.items():
                if (
                    cached_view is view
                    and needle.startswith(cached_needle)
                    and len(cached_needle) > len(base_needle)
                ):
                    base, base_needle = shown, cached_needle
            result = base
            for word in words:
                result = [row for row in result if word in row.search_text]
        if len(self._filtered) >= FILTER_CACHE:
            self._filtered.pop(next(iter(self._filtered)))
        self._filtered[(view, needle)] = result
        return result

    def prepare_search(self) -> None:
        """Make every row's search text now (when the filter opens), not on the first key."""
        for row in [*self._rows.values(), *(self._archived or {}).values()]:
            row.search_text  # noqa: B018 - computed and kept on first access

    def counts(self) -> dict[View, int]:
        """How many cases each view shows (Archived only once it is loaded)."""
        counts = {view: len(rows) for view, rows in self._all_views().items()}
        if self._archived is not None:
            counts[View.ARCHIVED] = len(self._archived)
        return counts

    def summary_line(self) -> str:
        """One line for the header: what needs the user soonest."""
        views = self._all_views()
        if not self._rows:
            return "No refund cases yet"
        closing, disputes, follow_ups = self._stats
        soon = statuses.closing_days()
        parts = []
        if closing:
            parts.append(
                f"{plural(closing, 'refund window')} close{'s' if closing == 1 else ''} within {soon} days"
            )
        if disputes:
            parts.append(f"{plural(disputes, 'dispute deadline')} within {soon} days")
        if follow_ups:
            parts.append(f"{plural(follow_ups, 'follow-up')} due")
        if not parts:
            parts.append(f"{plural(len(views[View.OPEN]), 'open case')}, nothing due within {soon} days")
        return " · ".join(parts)
