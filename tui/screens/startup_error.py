"""Shown when the TUI can neither attach to a server nor start one: what happened, what to do."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static


class StartupErrorScreen(Screen):
    CSS_PATH = "startup_error.tcss"

    BINDINGS = [Binding("q,escape", "quit", "Quit", id="startup_error.quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def action_quit(self) -> None:
        self.app.exit(return_code=1)

    def compose(self) -> ComposeResult:
        with Center():  # noqa: SIM117 - the nesting mirrors the widget tree
            with Vertical(id="problem") as box:
                box.border_title = "Refund Tracker cannot start"
                yield Static(Text(self.message), id="message")
                yield Static("\n[dim]Nothing was changed. Press q to quit.[/dim]")
        yield Footer()
