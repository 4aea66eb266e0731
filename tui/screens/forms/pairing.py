"""`p`: pair a browser. Shows a one-time code and how long it lives; says when a browser pairs."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Static

from ...api import ApiError, ServerUnreachable

if TYPE_CHECKING:
    from textual import getters

    from ...app import RefundsApp

STEPS = """\
1. Install the Refund Tracker extension and open its options page.
2. Type this code there (letters and digits only; case does not matter).
3. It works once. Then capture an order from its confirmation page."""


class PairScreen(ModalScreen[None]):
    if TYPE_CHECKING:  # for the type checker only: the app of these screens is a RefundsApp
        app = getters.app(RefundsApp)

    CSS_PATH = "pairing.tcss"

    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="pair.close"),
        Binding("r", "new_code", "New code", id="pair.new_code"),
    ]

    code: reactive[str] = reactive("")
    seconds_left: reactive[int | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self._expires_at: float | None = None  # time.monotonic() when the code dies
        self._paired_before: set[str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Pair a browser"
            dialog.border_subtitle = "r new code · esc back"
            yield Static(id="code")
            yield Static(id="countdown")
            yield Static(STEPS, id="steps")
            yield Static(id="paired")
            yield Static(id="clients")

    def on_mount(self) -> None:
        self.app.chrome_signal.subscribe(self, lambda _: self.show_clients())
        self._timer = self.set_interval(1.0, self.tick)
        self._paired_before = {client_id for client_id, _ in self.app.chrome.clients}
        self.show_clients()
        self.action_new_code()

    @work(group="pair", exclusive=True)
    async def action_new_code(self) -> None:
        try:
            issued: dict[str, Any] = await self.app.connected_api.pairing_code()
        except (ApiError, ServerUnreachable) as exc:
            self.code = ""
            self.query_one("#countdown", Static).update(Text(f"Could not get a code: {exc}"))
            return
        self._expires_at = time.monotonic() + int(issued["expires_in"])
        self.code = issued["code"]
        self.tick()

    def tick(self) -> None:
        if self._expires_at is not None:
            self.seconds_left = max(0, round(self._expires_at - time.monotonic()))

    def watch_code(self, code: str) -> None:
        big = "  ".join(code) if code else "…"
        self.query_one("#code", Static).update(Text(big))

    def watch_seconds_left(self, seconds: int | None) -> None:
        countdown = self.query_one("#countdown", Static)
        if seconds is None:
            countdown.update("")
            return
        countdown.set_class(seconds == 0, "-expired")
        if seconds == 0:
            countdown.update("This code has expired. Press r for a new one.")
        else:
            countdown.update(f"expires in {seconds // 60}:{seconds % 60:02d}")

    def show_clients(self) -> None:
        clients = self.app.chrome.clients
        new = [name for client_id, name in clients if client_id not in (self._paired_before or set())]
        if new:
            self.query_one("#paired", Static).update(Text(f"✓ Paired: {', '.join(new)}. You can close this."))
            self._expires_at = None
            self.seconds_left = None
        listing = ", ".join(name for _, name in clients) if clients else "none yet"
        self.query_one("#clients", Static).update(Text(f"Paired browsers: {listing}"))

    def freeze(self, code: str, seconds_left: int) -> None:
        """Show a fixed code and countdown (screenshots in tests)."""
        self._timer.pause()
        self._expires_at = None
        self.code = code
        self.seconds_left = seconds_left
