"""The case's timeline: status changes and every logged contact, newest first; Enter on a
contact shows its full text (an email, a pasted chat transcript, call notes)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from ..formatting import contact_label, local_time, status_short


def timeline_entries(case: dict[str, Any]) -> list[dict[str, Any]]:
    """Status changes and communications in one list, newest first."""
    entries = [
        {"kind": "status", "at": change.get("at", ""), **change} for change in case.get("status_history", ())
    ]
    proof = case.get("proof_of_purchase")
    entries += [
        {"kind": "contact", **comm, "proof": bool(proof) and comm.get("id") == proof}
        for comm in case.get("communications", ())
    ]
    # Stored order breaks ties: a case's changes within one second stay in the order they happened.
    ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].get("at") or "", pair[0]), reverse=True)
    return [entry for _, entry in ordered]


class TimelineEntry(Widget, can_focus=True):
    """One line per entry; a contact with more to say expands in place."""

    DEFAULT_CSS = """
    TimelineEntry {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    TimelineEntry:focus {
        background: $block-cursor-blurred-background;
    }
    TimelineEntry.-status {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("enter,space", "toggle_text", "Show / hide text", show=False, id="timeline.toggle"),
        Binding("down,j", "step(1)", "Next entry", show=False, id="timeline.next"),
        Binding("up,k", "step(-1)", "Previous entry", show=False, id="timeline.previous"),
    ]

    expanded: reactive[bool] = reactive(False, layout=True)
    # Set once the server said the contact's URL / email domain is not official.
    warning: reactive[str | None] = reactive(None, layout=True)

    def __init__(self, entry: dict[str, Any], *, expanded: bool = False, zone: tzinfo | None = None) -> None:
        super().__init__(classes="-status" if entry["kind"] == "status" else "-contact")
        self.entry = entry
        self.zone = zone  # the user's time zone (None: this computer's)
        self.set_reactive(TimelineEntry.expanded, expanded)

    @property
    def key(self) -> str:
        return self.entry.get("id") or f"status-{self.entry.get('at')}-{self.entry.get('to')}"

    @property
    def has_more(self) -> bool:
        return bool(self.entry.get("body") or self.entry.get("contact") or self.entry.get("note"))

    def action_toggle_text(self) -> None:
        if self.has_more:
            self.expanded = not self.expanded

    def action_step(self, step: int) -> None:
        """↑ / ↓: the entry above or below (the first and the last stay put)."""
        entries = (
            [node for node in self.parent.children if isinstance(node, TimelineEntry)]
            if self.parent is not None
            else []
        )
        at = entries.index(self) + step if self in entries else -1
        if 0 <= at < len(entries):
            entries[at].focus()

    def watch_expanded(self, expanded: bool) -> None:
        self.set_class(expanded, "-expanded")
        if expanded:
            self.call_after_refresh(self.scroll_visible)

    def render(self) -> RenderableType:
        entry = self.entry
        when = Text(local_time(entry.get("at"), self.zone) + "  ", style="dim")
        head = Text()
        if entry["kind"] == "status":
            before = status_short(entry["from"]) if entry.get("from") else "New case"
            head.append(f"● {before} → ", style="dim")
            head.append(status_short(entry.get("to", "")), style="bold")
            if not entry.get("note"):
                return _hanging(when, head)
            return Group(_hanging(when, head), _indented(Text(f"“{entry['note']}”", style="italic")))
        channel = entry.get("channel", "")
        direction = entry.get("direction", "none")
        marker = ("▼ " if self.expanded else "▶ ") if self.has_more else "  "
        head.append(marker, style="dim")
        head.append(f"{contact_label(channel, direction)}  ", style="bold")
        if entry.get("proof"):
            head.append("✓ proof of purchase  ", style="bold")
        # The reference in a column of its own: wrapping never splits "ref" from its number.
        reference = (
            Text(f"ref {entry['reference']}", style="bold reverse") if entry.get("reference") else None
        )
        parts: list[RenderableType] = [
            _hanging(when, head, reference),
            _indented(Text(entry.get("summary", ""))),
        ]
        if self.warning:
            parts.append(_indented(Text(self.warning, style="bold yellow")))
        if self.expanded:
            if entry.get("contact"):
                parts.append(_indented(Text(f"with: {entry['contact']}", style="dim")))
            if entry.get("body"):
                parts.append(_indented(Text(entry["body"].rstrip("\n"))))
        return Group(*parts)


def _hanging(when: Text, head: Text, reference: Text | None = None) -> Table:
    """The time, then the line; what wraps lines up under the line, not under the time."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    if reference is None:
        grid.add_row(when, head)
    else:
        grid.add_column(no_wrap=True, overflow="fold")
        grid.add_row(when, head, reference)
    return grid


def _indented(text: Text) -> Padding:
    return Padding(text, (0, 0, 0, 4))
