"""`t`: the request / follow-up / escalation text for the case, copied to the clipboard with `c`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ... import statuses
from ...advice import letter_too_early
from ...api import ApiError, ServerUnreachable
from ...formatting import case_name

if TYPE_CHECKING:
    from textual import getters

    from ...app import RefundsApp

KINDS = (("request", "Request"), ("follow_up", "Follow-up"), ("escalation", "Escalation"))


class TemplatesScreen(ModalScreen[None]):
    if TYPE_CHECKING:  # for the type checker only: the app of these screens is a RefundsApp
        app = getters.app(RefundsApp)

    CSS_PATH = "templates.tcss"
    # Its texts come from the server: the board's row of the case is not enough (FormScreen's).
    FROM_SUMMARY: ClassVar[bool] = False

    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="templates.close"),
        Binding("c", "copy", "Copy", id="templates.copy"),
        Binding("1", "kind('request')", "Request text", id="templates.request"),
        Binding("2", "kind('follow_up')", "Follow-up text", id="templates.follow_up"),
        Binding("3", "kind('escalation')", "Escalation text", id="templates.escalation"),
        Binding("right,tab", "next_kind(1)", "Next text", show=False, id="templates.next"),
        Binding("left,shift+tab", "next_kind(-1)", "Previous text", show=False, id="templates.previous"),
    ]

    def __init__(self, case: dict[str, Any]) -> None:
        super().__init__()
        self.case = case
        self.kind = (
            "request"
            if case.get("status") in ("captured", "kept")
            else "escalation"
            if statuses.is_disputing(case.get("status"))
            else "follow_up"
        )
        self.text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = escape(f"Texts · {case_name(self.case)}")  # border titles are markup
            dialog.border_subtitle = "c copy · 1 2 3 choose · esc back"
            yield Static(id="kinds")
            with VerticalScroll(id="text-scroll"):
                yield Static(id="text")
            yield Static(id="source")
            with Horizontal(id="buttons"):
                yield Button("Close", id="close", compact=True)
                yield Button("Copy to clipboard", id="copy", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text-scroll").focus()
        self.load()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy()
        else:
            self.dismiss(None)

    def action_kind(self, kind: str) -> None:
        self.kind = kind
        self.load()

    def action_next_kind(self, step: int) -> None:
        names = [name for name, _ in KINDS]
        self.action_kind(names[(names.index(self.kind) + step) % len(names)])

    def _draw_kinds(self) -> None:
        parts = []
        for number, (name, label) in enumerate(KINDS, start=1):
            parts.append(f"[reverse b] {number} {label} [/]" if name == self.kind else f" {number} {label} ")
        self.query_one("#kinds", Static).update(" ".join(parts))

    @work(group="template", exclusive=True)
    async def load(self) -> None:
        self._draw_kinds()
        source = ""
        try:
            self.text = await self.app.connected_api.template(self.case["id"], self.kind)
        except ApiError as exc:
            self.text = ""
            source = f"The server could not write this text: {exc}"
        except ServerUnreachable:
            self.text = ""
            source = "The server does not answer: the text comes back with it (esc, then t again)."
        if not source and not (self.app.settings or {}).get("name"):
            source = "Unsigned: set your name in settings (,) and every letter carries it."
        warning = letter_too_early(self.case, self.kind)
        self.query_one("#text", Static).update(Text(self.text))
        self.query_one("#source", Static).update("\n".join(line for line in (warning, source) if line))
        self.query_one("#text-scroll").scroll_home(animate=False)

    def action_copy(self) -> None:
        if self.text:
            self.copy_out(self.text, f"the {dict(KINDS)[self.kind].lower()} text")

    @work(group="copy", exclusive=True)
    async def copy_out(self, text: str, what: str) -> None:
        await self.app.copy_out(text, what)
