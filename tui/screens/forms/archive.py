"""`d`: archive a case, after asking. Enter (or y) archives, Esc (or n) leaves it as it is."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...formatting import case_name, days_left_sentence, money, status_short


class ArchiveConfirm(ModalScreen[bool]):
    """Dismissed with True when the user confirms."""

    CSS_PATH = "archive.tcss"

    BINDINGS = [
        Binding("escape,n", "cancel", "Cancel", id="archive.cancel"),
        # Enter presses the focused button: Archive, unless the user moved to Cancel.
        Binding("y", "confirm", "Archive", id="archive.confirm"),
    ]

    def __init__(self, case: dict[str, Any]) -> None:
        super().__init__()
        self.case = case

    def compose(self) -> ComposeResult:
        case = self.case
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Archive this case?"
            dialog.border_subtitle = "enter archive · esc cancel"
            yield Static(Text(case_name(case)), id="what")
            facts = [status_short(case.get("status", ""))]
            if case.get("order_number"):
                facts.append(f"order {case['order_number']}")
            if case.get("amount"):
                facts.append(money(case.get("amount"), case.get("currency")))
            yield Static(Text(" · ".join(facts)), id="facts")
            days_left = case.get("days_left")
            if case.get("is_open") and days_left is not None and days_left >= 0:
                yield Static(
                    Text(f"Its refund window is still open: {days_left_sentence(days_left)}."),
                    id="open-window",
                )
            yield Static(
                "It leaves the board and the calendar, so nothing reminds you of it. Nothing "
                "is deleted: [b]6[/b] lists the archived cases, and [b]r[/b] there restores it.",
                id="explain",
            )
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Archive", id="archive", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#archive", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#archive")
    def archive_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
