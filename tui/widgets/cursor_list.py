"""A virtual list with a row cursor and fixed header lines, painting only what is visible.

The board and the calendar both draw thousands of rows; only the lines on screen are ever
rendered, so a keystroke costs the same with 10 cases as with 10,000.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


def fit(text: str, width: int, align: str = "left") -> str:
    """``text`` cropped (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - length)
    return pad + text if align == "right" else text + pad


class CursorList(ScrollView, can_focus=True):
    """Rows below ``header_lines`` fixed lines; subclasses say how many rows and draw them."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
    ]

    DEFAULT_CSS = """
    CursorList {
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    header_lines = 1

    # -- what subclasses provide ---------------------------------------------------------
    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def render_header(self, line: int, width: int) -> Strip:
        return Strip.blank(width, self.rich_style)

    def render_row(self, index: int, width: int, *, at_cursor: bool) -> Strip:
        raise NotImplementedError

    def cursor_moved(self, index: int) -> None:
        """Called after the cursor lands on a row (post a message here)."""

    # -- plumbing ------------------------------------------------------------------------
    def rows_changed(self, keep_cursor: int | None = None) -> None:
        """Call after the rows change; ``keep_cursor`` puts the cursor on that row."""
        self.virtual_size = Size(self.size.width, self.row_count + self.header_lines)
        if keep_cursor is not None:
            self.cursor = keep_cursor
        else:
            self.cursor = min(self.cursor, max(0, self.row_count - 1))
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, index: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if self.row_count:
            self.cursor_moved(index)

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - self.header_lines)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, force=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count + self.header_lines)
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.header_lines:
            return self.render_header(y, width)
        index = round(self.scroll_y) + y - self.header_lines
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        return self.render_row(index, width, at_cursor=index == self.cursor)

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - self.header_lines)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self.page_height

    def action_page_down(self) -> None:
        self.cursor += self.page_height

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def on_click(self, event) -> None:
        index = round(self.scroll_y) + event.y - self.header_lines
        if event.y >= self.header_lines and 0 <= index < self.row_count:
            self.cursor = index


def strip_of(parts: list[tuple[str, Style]], width: int, style: Style) -> Strip:
    """A line of (text, style) parts, padded or cropped to ``width``."""
    return Strip([Segment(text, part_style) for text, part_style in parts]).adjust_cell_length(width, style)
