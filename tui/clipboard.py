"""Copying text out of the UI, and saying honestly where it went.

Two ways at once: the system clipboard through pyperclip (which finds wl-copy, xclip, xsel,
pbcopy or clip.exe), and OSC 52 through the terminal (Textual's ``copy_to_clipboard``), which
is what works over SSH but which many terminals (GNOME Terminal, tmux by default) silently drop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .formatting import plural

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

SystemCopy = Callable[[str], None]

# pyperclip runs a subprocess (xclip, wl-copy…) that may never return.
SYSTEM_TIMEOUT = 2.0

NO_TOOL = "No clipboard tool was found (wl-copy, xclip or xsel)"
FAILED = "The system clipboard refused the text"
TIMED_OUT = "The system clipboard did not answer"


def system_copy(text: str) -> None:
    """The real system clipboard (imported late: only a copy needs it)."""
    import pyperclip

    pyperclip.copy(text)


@dataclass(frozen=True)
class Notice:
    title: str
    message: str
    severity: SeverityLevel = "information"
    timeout: float | None = None


async def copy_text(
    app: App, text: str, what: str, system: SystemCopy = system_copy, timeout: float = SYSTEM_TIMEOUT
) -> Notice:
    """Copy ``text`` (``what``: "the request text") both ways; what to tell the user."""
    app.copy_to_clipboard(text)  # OSC 52, always: harmless where ignored
    problem = await to_system_clipboard(text, system, timeout)
    return notice(what, len(text.splitlines()), problem)


async def to_system_clipboard(
    text: str, system: SystemCopy = system_copy, timeout: float = SYSTEM_TIMEOUT
) -> str | None:
    """None once the system clipboard holds ``text``; else why it does not."""
    import pyperclip

    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[BaseException | None] = loop.create_future()

    def settle(error: BaseException | None) -> None:
        if not outcome.done():
            outcome.set_result(error)

    def run() -> None:
        try:
            system(text)
            error = None
        except Exception as exc:  # noqa: BLE001 - reported to the user, not raised
            error = exc
        try:
            loop.call_soon_threadsafe(settle, error)
        except RuntimeError:
            pass  # the app has quit meanwhile

    # A daemon thread, not the loop's executor: quitting waits for the executor's threads,
    # and a hung clipboard tool must not hold the app open.
    threading.Thread(target=run, name="clipboard", daemon=True).start()
    try:
        error = await asyncio.wait_for(outcome, timeout)
    except TimeoutError:
        return TIMED_OUT
    if error is None:
        return None
    if isinstance(error, (pyperclip.PyperclipWindowsException, pyperclip.PyperclipTimeoutException)):
        return FAILED
    if isinstance(error, pyperclip.PyperclipException):
        return NO_TOOL  # what pyperclip raises when it found no mechanism at all
    return FAILED


def notice(what: str, lines: int, problem: str | None) -> Notice:
    """The notification for a copy of ``what`` (``lines`` long); ``problem`` as above."""
    if problem is None:
        return Notice("Copied", f"Copied to the clipboard: {what} ({plural(lines, 'line')}).")
    return Notice(
        "Sent to the terminal's clipboard",
        f"{problem}, so {what} was sent to the terminal's clipboard (OSC 52). If pasting gives "
        "nothing, the terminal ignores it: select the text on screen (shift+drag).",
        severity="warning",
        timeout=12,
    )
