"""The board: every case in urgency order, six views (the sixth: archived), and `/` to filter."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.screen import Screen
from textual.widgets import Input, Static

from ..advice import next_step
from ..api import ApiError, ServerUnreachable
from ..cases import View
from ..chrome import Link
from ..widgets.banner import ConnectionBanner
from ..widgets.case_table import CaseTable
from ..widgets.footer import KeysFooter
from ..widgets.header import AppHeader
from ..widgets.view_tabs import ViewTabs
from .case_actions import CaseActions, archive_bindings, case_bindings

EMPTY_BOARD = (
    "[b]No refund cases yet.[/b]\n\n"
    "To capture an order, press [b]p[/b] to pair the browser extension, then click its button on "
    "the shop's order confirmation page: the case appears here at once, with the date its refund "
    "window closes.\n\n"
    "Bought by phone or in a shop? Press [b]a[/b] to add a case by hand.\n\n"
    "[dim]? shows every key · ctrl+p searches every command[/dim]"
)

# Seconds of no typing before the filter asks the server (each key would otherwise ask).
SEARCH_PAUSE = 0.15


class BoardScreen(CaseActions, Screen):
    """The first screen: which refund closes first."""

    CSS_PATH = "board.tcss"

    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/", id="board.filter"),
        Binding("1", "view('open')", "Open", show=False, id="board.view_open"),
        Binding("2", "view('due')", "Due soon", show=False, id="board.view_due"),
        Binding("3", "view('follow_ups')", "Follow-ups", show=False, id="board.view_follow_ups"),
        Binding("4", "view('closed')", "Closed", show=False, id="board.view_closed"),
        Binding("5", "view('all')", "All", show=False, id="board.view_all"),
        Binding(
            "6",
            "view('archived')",
            "Archived",
            show=False,
            tooltip="Archived cases, to restore",
            id="board.view_archived",
        ),
        Binding("right,right_square_bracket", "next_view(1)", "Next view", show=False, id="board.next_view"),
        Binding(
            "left,left_square_bracket", "next_view(-1)", "Previous view", show=False, id="board.previous_view"
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="board.clear_filter"),
        Binding(
            "x",
            "export",
            "Export",
            show=False,
            tooltip="The highlighted case's dossier, or every case as CSV, JSON or calendar",
            id="board.export",
        ),
        *case_bindings(show_all=False),
        *archive_bindings(),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = View.OPEN
        self.needle = ""

    def compose(self) -> ComposeResult:
        # Kept as attributes: a keystroke should not search the DOM for them.
        self.tabs = ViewTabs(id="views")
        self.table = CaseTable(today=self.app.server_date, id="cases")
        self.next_step_hint = Static(id="next-step")
        self.filter_input = Input(
            placeholder="filter: vendor, product, order number, reference, email…", id="filter", compact=True
        )
        yield ConnectionBanner()
        yield AppHeader(hints=True)
        yield self.tabs
        yield self.table
        with Center(id="empty"):
            yield Static(EMPTY_BOARD, id="empty-text")
        yield self.next_step_hint
        yield self.filter_input
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.filter_input.cursor_blink = self.app.cursor_blink
        self.table.empty_text = "Loading cases…"
        self.app.cases_signal.subscribe(self, lambda _: self.refresh_rows())
        self.table.focus()
        self.refresh_rows()

    def current_case_id(self) -> str | None:
        return self.table.current_id

    # -- rows ----------------------------------------------------------------------------
    def refresh_rows(self) -> None:
        index = self.app.index
        rows = index.rows(self.view, self.needle)
        table = self.table
        archived = self.view is View.ARCHIVED
        if archived and not index.archived_loaded:
            table.empty_text = "Loading the archived cases…"
        elif self.app.loaded:
            table.empty_text = (
                f"No cases match “{self.needle}”."
                if self.needle
                else "No archived cases. d archives the highlighted case of another view."
                if archived
                else f"No cases in {self.view.label}."
            )
        table.show(rows)
        tabs = self.tabs
        tabs.counts = index.counts() if self.app.loaded else {}
        tabs.view = self.view
        tabs.filter_text = self.needle
        empty = self.app.loaded and len(index) == 0 and not archived
        self.set_class(empty, "-empty")
        if not empty and self.focused is None:
            # The table was hidden while the board was empty, and lost the focus with it.
            self.call_after_refresh(self.table.focus)
        self.show_next_step()
        self.refresh_bindings()  # the footer rebuilds only if its keys changed (KeysFooter)

    @on(CaseTable.Selected)
    def open_selected(self, message: CaseTable.Selected) -> None:
        self.app.open_case(message.case_id)

    @on(CaseTable.Highlighted)
    def highlighted(self) -> None:
        self.show_next_step()
        self.refresh_bindings()

    def show_next_step(self) -> None:
        case = self.app.index.get(self.table.current_id or "")
        if case is getattr(self, "_next_step_for", False):
            return
        self._next_step_for = case
        hint = self.next_step_hint
        hint.display = case is not None
        if case is not None and case.get("archived_at"):
            hint.update(Text("Archived: on no other view, calendar or reminder. r restores it to the board."))
        elif case is not None:
            hint.update(Text(next_step(case, self.app.today)))

    def select(self, case_id: str) -> None:
        """Put the cursor on a case, in a view that shows it."""
        if not any(row.id == case_id for row in self.app.index.rows(self.view, self.needle)):
            self.view, self.needle = View.ALL, ""
            self.filter_input.value = ""
            self.filter_input.remove_class("-shown")
        self.refresh_rows()
        self.table.show(self.table.rows, follow=case_id)
        self.table.focus()

    # -- views and the filter ------------------------------------------------------------
    def action_view(self, name: str) -> None:
        self._show_view(View(name))

    def action_next_view(self, step: int) -> None:
        views = list(View)
        self._show_view(views[(views.index(self.view) + step) % len(views)])

    def _show_view(self, view: View) -> None:
        self.view = view
        if view is View.ARCHIVED and not self.app.index.archived_loaded:
            self.app.load_archived()  # asked for on the first visit only; events keep it current
        self.refresh_rows()

    @on(ViewTabs.Chosen)
    def view_chosen(self, message: ViewTabs.Chosen) -> None:
        self.action_view(message.view.value)

    def action_filter(self) -> None:
        self.app.index.prepare_search()
        self.filter_input.add_class("-shown")
        self.filter_input.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.needle = event.value
        self.refresh_rows()
        if self.needle.strip() and not self.app.index.searched_by_server(self.needle):
            self.search_server(self.needle)

    @work(group="search", exclusive=True)
    async def search_server(self, needle: str) -> None:
        """Ask the server too: it finds cases by what the board does not hold (a reference
        number, the account email, the text of a communication)."""
        await asyncio.sleep(SEARCH_PAUSE)  # typing on cancels this one
        api = self.app.api
        if api is None:
            return
        try:
            found = await api.search(needle)
        except (ServerUnreachable, ApiError):
            return  # the board's own matches stay; the banner says when the server is gone
        self.app.index.found_by_server(needle, found)
        if needle == self.needle:
            self.refresh_rows()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        if not self.needle:
            self.filter_input.remove_class("-shown")
        self.table.focus()

    def action_clear_filter(self) -> None:
        filter_input = self.filter_input
        had_filter = bool(self.needle) or filter_input.has_class("-shown")
        filter_input.value = ""
        filter_input.remove_class("-shown")
        self.needle = ""
        self.table.focus()
        if had_filter:
            self.refresh_rows()

    def action_export(self) -> None:
        from .forms.export import ExportScreen

        if self.app.api is not None:
            self.app.push_screen(ExportScreen(self.app.index.get(self.table.current_id or "")))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.needle) or self.filter_input.has_class("-shown")
        if action in ("view", "next_view", "filter") and self.app.chrome.link is Link.FAILED:
            return None
        if action == "case_form" and self.has_class("-empty"):
            return False  # no case at all: the case keys are not offered (the board says what to do)
        return super().check_action(action, parameters)
