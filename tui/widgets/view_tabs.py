"""The board's views (Open, Due soon, Follow-ups, Closed, All, Archived) on one line, with counts."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..cases import View


class ViewTabs(Widget):
    """`1`…`6` pick a view (bound on the board); a click does too."""

    DEFAULT_CSS = """
    ViewTabs {
        height: 1;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES = {"view-tabs--active", "view-tabs--inactive", "view-tabs--key"}

    view: reactive[View] = reactive(View.OPEN)
    counts: reactive[dict] = reactive(dict, always_update=True)
    filter_text: reactive[str] = reactive("")

    @dataclass
    class Chosen(Message):
        view: View

    def render(self) -> Text:
        active = self.get_component_rich_style("view-tabs--active")
        inactive = self.get_component_rich_style("view-tabs--inactive")
        key_style = self.get_component_rich_style("view-tabs--key")
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans: list[tuple[int, int, View]] = []
        for number, view in enumerate(View, start=1):
            start = len(text)
            text.append(f" {number}", key_style)
            count = self.counts.get(view)
            label = f" {view.label}" + (f" {count}" if count is not None else "") + " "
            text.append(label, active if view is self.view else inactive)
            self._spans.append((start, len(text), view))
        if self.filter_text:
            text.append(f"  filter: {self.filter_text}", key_style)
        return text

    def on_click(self, event) -> None:
        for start, end, view in getattr(self, "_spans", []):
            if start <= event.x < end:
                self.post_message(self.Chosen(view))
