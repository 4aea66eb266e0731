"""The banner shown while the server cannot be reached; it says what the TUI is doing about it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from ..chrome import Chrome, Link

if TYPE_CHECKING:
    from textual import getters

    from ..app import RefundsApp


class ConnectionBanner(Static):
    DEFAULT_CSS = """
    ConnectionBanner {
        display: none;
        dock: top;
        height: auto;
        width: 1fr;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    ConnectionBanner.-shown { display: block; }
    """

    if TYPE_CHECKING:  # for the type checker only: the app is a RefundsApp
        app = getters.app(RefundsApp)

    def on_mount(self) -> None:
        self.app.chrome_signal.subscribe(self, lambda _: self.sync())
        self.sync()

    def sync(self) -> None:
        chrome: Chrome = self.app.chrome
        shown = chrome.link is Link.LOST
        self.set_class(shown, "-shown")
        if shown:
            retry = f"retrying every {chrome.retry_in:.0f} s" if chrome.retry_in else "retrying"
            self.update(
                Text(
                    f"⚠ Lost the server ({retry}). {chrome.problem} What you saved is safe on "
                    "disk; forms keep what you type until it is back."
                )
            )
