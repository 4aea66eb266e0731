"""Copying a text: the system clipboard through pyperclip (faked here, never the real one), OSC 52
always, and a notification that says which of them took it."""

from __future__ import annotations

import threading

import pyperclip

from tui.clipboard import FAILED, NO_TOOL, TIMED_OUT, copy_text, system_copy


class Terminal:
    """Stands in for the app: records what went out by OSC 52."""

    def __init__(self) -> None:
        self.osc52: list[str] = []

    def copy_to_clipboard(self, text: str) -> None:
        self.osc52.append(text)


LETTER = "Dear Trend Micro,\n\nI ask for a refund of order 16739482210.\n"


async def test_the_system_clipboard_takes_the_text(monkeypatch):
    taken: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", taken.append)
    terminal = Terminal()
    told = await copy_text(terminal, LETTER, "the request text")
    assert taken == [LETTER] and terminal.osc52 == [LETTER]
    assert told.title == "Copied" and told.severity == "information"
    assert told.message.startswith("Copied to the clipboard: the request text (3 lines).")


async def test_no_clipboard_tool_says_the_terminal_got_it_and_how_else(monkeypatch):
    def no_tool(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_tool)
    terminal = Terminal()
    told = await copy_text(terminal, LETTER, "the request text")
    assert terminal.osc52 == [LETTER]
    assert "Copied" not in told.title and told.severity == "warning"
    assert told.message.startswith(NO_TOOL)
    assert "sent to the terminal's clipboard (OSC 52)" in told.message
    assert "If pasting gives nothing, the terminal ignores it" in told.message
    assert "select the text on screen" in told.message


async def test_a_failing_clipboard_tool_is_said(monkeypatch):
    def broken(text: str) -> None:
        raise OSError("xclip: cannot open display")

    monkeypatch.setattr(pyperclip, "copy", broken)
    told = await copy_text(Terminal(), LETTER, "the request text")
    assert told.message.startswith(FAILED) and "OSC 52" in told.message


async def test_a_hanging_clipboard_tool_times_out(monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(pyperclip, "copy", lambda text: release.wait(10))
    try:
        told = await copy_text(Terminal(), LETTER, "the request text", system_copy, timeout=0.1)
    finally:
        release.set()
    assert told.message.startswith(TIMED_OUT) and "OSC 52" in told.message
