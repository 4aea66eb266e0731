"""The moment between a case key (`n`, `s`, `l`…) and its form: the keys typed meanwhile are the form's.

The form needs the case from the server. Until it comes, this screen is on top: nothing typed
reaches the board (where `p` would pair a browser and `s` change a status); what is typed is
kept and goes into the form's first field. Is the server away, it says so and opens the form
once the server is back (esc gives up).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

WAITING = (
    "The server does not answer. The form opens when it is back; what you type is kept for it. esc gives up."
)


class PendingForm(ModalScreen[None]):
    """Holds the keys typed for a form that is on its way."""

    DEFAULT_CSS = """
    PendingForm {
        align: center middle;
        background: transparent;
    }
    PendingForm > #pending {
        display: none;
        width: 60;
        max-width: 100%;
        height: auto;
        border: round $warning;
        background: $surface;
        padding: 0 1;
    }
    PendingForm.-waiting > #pending {
        display: block;
    }
    """

    def __init__(self, form: str) -> None:
        super().__init__()
        self.form = form
        self.typed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="pending"):
            yield Static(id="pending-text")

    def waiting(self) -> None:
        """The server does not answer: say so (the form still opens once it is back)."""
        if not self.has_class("-waiting"):
            self.query_one("#pending-text", Static).update(Text(WAITING))
            self.border_title = "Waiting for the server"
            self.query_one("#pending").border_title = "Waiting for the server"
            self.add_class("-waiting")

    def on_key(self, event: events.Key) -> None:
        # Every key stops here: none runs a command of the screen underneath.
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.dismiss(None)
        elif event.key == "backspace":
            self.typed = self.typed[:-1]
        elif event.is_printable and event.character:
            self.typed += event.character

    def hand_over(self, form) -> None:
        """Replace this screen by the form, with what was typed meanwhile."""
        form.typed_ahead = self.typed
        self.app.switch_screen(form)
