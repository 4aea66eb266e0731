"""A case's history as dated events: the order, every contact, every status change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.channels import CHANNEL_NAMES, contact_label  # noqa: F401 - the wording, shared with the TUI
from .dates import local_date, parse_date, zone

STATUS_NAMES = {
    "captured": "captured",
    "requested": "refund requested",
    "acknowledged": "request acknowledged",
    "approved": "refund approved",
    "refunded": "refunded",
    "denied": "refund denied",
    "escalated": "escalated",
    "kept": "kept",
    "closed": "closed",
}


@dataclass(frozen=True)
class Event:
    day: date | None
    kind: str  # "order" | "contact" | "status" | "refund"
    data: dict[str, Any]


def _tz(view: dict[str, Any]):
    return zone(view.get("timezone"))


def contacts(case: dict[str, Any]) -> list[dict[str, Any]]:
    """Communications with the other side (notes to self left out), oldest first."""
    return sorted(
        (
            c
            for c in case.get("communications") or ()
            if c.get("channel") != "note" and c.get("direction") != "none"
        ),
        key=lambda c: c.get("at") or "",
    )


def first_status_change(case: dict[str, Any], status: str, view: dict[str, Any]) -> date | None:
    for change in case.get("status_history") or ():
        if change.get("to") == status:
            return local_date(change.get("at"), _tz(view))
    return None


def first_request(case: dict[str, Any], view: dict[str, Any]) -> date | None:
    """The day the refund was first asked for: the status change to requested, or the first
    message sent to the other side before it (users log the form they sent, then set the
    status, often days later)."""
    requested = first_status_change(case, "requested", view)
    if requested is None:
        return None
    tz = _tz(view)
    sent = (local_date(c.get("at"), tz) for c in contacts(case) if c.get("direction") == "outbound")
    return min((day for day in sent if day is not None and day <= requested), default=requested)


def events(case: dict[str, Any], view: dict[str, Any]) -> list[Event]:
    tz = _tz(view)
    out: list[Event] = []
    order = parse_date(case.get("order_date"))
    if order is not None:
        out.append(Event(order, "order", {}))
    for entry in case.get("communications") or ():
        out.append(Event(local_date(entry.get("at"), tz), "contact", entry))
    for change in case.get("status_history") or ():
        if change.get("to") in (None, "captured"):
            continue
        out.append(Event(local_date(change.get("at"), tz), "status", change))
    refund = case.get("refund") or {}
    if refund.get("date"):
        out.append(Event(parse_date(refund.get("date")), "refund", refund))
    # Undated events last; among the same day the order comes first.
    rank = {"order": 0, "contact": 1, "status": 2, "refund": 3}
    out.sort(key=lambda e: (e.day is None, e.day or date.min, rank[e.kind], e.data.get("at") or ""))
    return out


CHANNEL_KIND_NAMES = {
    "phone": "Phone",
    "chat": "Chat",
    "refund_form": "Refund form",
    "order_lookup": "Order lookup",
    "support_page": "Support page",
    "email": "Email",
    "account": "Account",
}


def official_channel_lines(view: dict[str, Any], esc=lambda s: s, link=lambda u: u) -> list[str]:
    """The case's official channels as lines, in the order the view has them (the settings
    country's first), each with its source; "Phone: see <contact page>" for a party whose
    number the catalog does not list. ``esc`` escapes text, ``link`` shows a URL (Markdown)."""
    channels = list(view.get("channels") or ())
    lines = []
    for channel in channels:
        kind = CHANNEL_KIND_NAMES.get(channel.get("kind") or "", "Contact")
        where = channel.get("phone") or channel.get("email") or channel.get("url")
        extra = " · ".join(p for p in (channel.get("region"), channel.get("hours")) if p)
        party = f" ({esc(channel['party'])})" if channel.get("party") else ""
        line = f"{kind}{party}: {esc(channel.get('label') or '')}"
        if where:
            line += f": {link(where) if channel.get('url') == where else esc(where)}"
        if extra:
            line += f" ({esc(extra)})"
        if channel.get("source_url") and channel.get("source_url") != where:
            line += f"; source {link(channel['source_url'])}"
            if channel.get("checked_on"):
                line += f", checked on {channel['checked_on']}"
        lines.append(line)
    if not any(c.get("kind") == "phone" for c in channels):
        for page in view.get("contact_pages") or ():
            lines.append(
                f"Phone: see {link(page['url'])} ({esc(page.get('party') or '')}'s official contact page)"
            )
    return lines
