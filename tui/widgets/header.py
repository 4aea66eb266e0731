"""The header: where the server is, how many browsers are paired, whether it starts at login,
and what is due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from ..chrome import Chrome, Link
from ..formatting import plural

if TYPE_CHECKING:
    from textual import getters

    from ..app import RefundsApp

# The board's nudge while no country is set, longest first (the one that fits is shown).
SETTINGS_HINTS = ("Set your country (,) so follow-ups skip your public holidays", "set your country (,)")


class AppHeader(Widget):
    """Two lines: the server and paired browsers; then the one-line summary of what is due.

    With ``hints`` (the board), the summary line ends, quietly and only where it fits, with
    the settings hint while no country is set.
    """

    if TYPE_CHECKING:  # for the type checker only: the app of these screens is a RefundsApp
        app = getters.app(RefundsApp)

    DEFAULT_CSS = """
    AppHeader {
        height: 2;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES = {
        "app-header--title",
        "app-header--muted",
        "app-header--summary",
        "app-header--warning",
    }

    def __init__(self, *, hints: bool = False) -> None:
        super().__init__()
        self.hints = hints

    def on_mount(self) -> None:
        self.app.chrome_signal.subscribe(self, lambda _: self.refresh())

    def render(self) -> Text:
        chrome: Chrome = self.app.chrome
        title = self.get_component_rich_style("app-header--title")
        muted = self.get_component_rich_style("app-header--muted")
        warning = self.get_component_rich_style("app-header--warning")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" Refund Tracker ", title)
        if chrome.demo:
            line.append(" DEMO (throwaway data) ", warning)
        line.append(" ")
        if chrome.link is Link.CONNECTING:
            line.append("connecting…", muted)
        elif chrome.address:
            line.append(chrome.address, muted)
            if not chrome.demo:  # the demo's server is always its own
                # Whether quitting stops the server: started in this process, or one already running.
                line.append(" (started here)" if chrome.started_here else " (attached)", muted)
        if chrome.browsers is not None:
            line.append(" · ", muted)
            if chrome.browsers:
                line.append(plural(chrome.browsers, "browser") + " paired", muted)
            else:
                line.append("no browser paired (p)", warning)
        if chrome.login_service is not None and not chrome.demo:
            login = " · " + ("starts at login" if chrome.login_service else "not started at login")
            if not self.size.width or cell_len(line.plain) + cell_len(login) <= self.size.width:
                line.append(login, muted)  # left out where it would be cut short
        summary = Text(no_wrap=True, overflow="ellipsis")
        if chrome.warning:
            summary.append(" ⚠ " + chrome.warning, warning)
        else:
            summary.append(" " + chrome.summary, self.get_component_rich_style("app-header--summary"))
            if self.hints and chrome.settings_hint:
                self._add_hint(summary, muted)
        return Text("\n").join([line, summary])

    def _add_hint(self, summary: Text, style) -> None:
        """Right-aligned after the summary: the long hint, else the short one, else none."""
        room = self.size.width - cell_len(summary.plain) - 1
        for hint in SETTINGS_HINTS:
            if cell_len(hint) + 3 <= room:
                summary.append(" " * (room - cell_len(hint)))
                summary.append(hint, style)
                return
