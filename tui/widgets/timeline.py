"""The case's timeline: status changes and every logged contact, newest first; Enter on a
contact shows its full text (an email, a pasted chat transcript, call notes)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from ..formatting import (CHANNEL_ICONS, CHANNEL_LABELS, DIRECTION_ARROWS, DIRECTION_LABELS,
                          local_time, status_short)


def timeline_entries(case: dict[str, Any]) -> list[dict[str, Any]]:
    """Status changes and communications in one list, newest first."""
    entries = [{"kind": "status", "at": change.get("at", ""), **change}
               for change in case.get("status_history", ())]
    entries += [{"kind": "contact", **comm} for comm in case.get("communications", ())]
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

    BINDINGS = [Binding("enter,space", "toggle", "Show / hide text", id="timeline.toggle")]

    expanded: reactive[bool] = reactive(False, layout=True)

    def __init__(self, entry: dict[str, Any], *, expanded: bool = False) -> None:
        super().__init__(classes="-status" if entry["kind"] == "status" else "-contact")
        self.entry = entry
        self.set_reactive(TimelineEntry.expanded, expanded)

    @property
    def key(self) -> str:
        return self.entry.get("id") or f"status-{self.entry.get('at')}-{self.entry.get('to')}"

    @property
    def has_more(self) -> bool:
        return bool(self.entry.get("body") or self.entry.get("contact") or self.entry.get("note"))

    def action_toggle(self) -> None:
        if self.has_more:
            self.expanded = not self.expanded

    def render(self) -> Text:
        entry = self.entry
        text = Text(no_wrap=not self.expanded, overflow="ellipsis")
        text.append(local_time(entry.get("at")) + "  ", style="dim")
        if entry["kind"] == "status":
            before = status_short(entry["from"]) if entry.get("from") else "New case"
            text.append(f"● {before} → ", style="dim")
            text.append(status_short(entry.get("to", "")), style="bold")
            if entry.get("note"):
                text.append(f"  “{entry['note']}”", style="italic")
            return text
        channel = entry.get("channel", "")
        direction = entry.get("direction", "none")
        marker = ("▼ " if self.expanded else "▶ ") if self.has_more else "  "
        text.append(marker, style="dim")
        text.append(f"{CHANNEL_ICONS.get(channel, '•')} {CHANNEL_LABELS.get(channel, channel)} ", style="bold")
        if DIRECTION_LABELS.get(direction):
            text.append(f"{DIRECTION_ARROWS[direction]} {DIRECTION_LABELS[direction]}  ", style="dim")
        if entry.get("reference"):
            text.append(f"ref {entry['reference']}", style="bold reverse")
            text.append("  ")
        text.append(entry.get("summary", ""))
        if self.expanded:
            if entry.get("contact"):
                text.append(f"\n    with: {entry['contact']}", style="dim")
            if entry.get("body"):
                body = entry["body"].rstrip("\n")
                text.append("\n")
                text.append("\n".join("    " + line for line in body.splitlines()))
        return text
