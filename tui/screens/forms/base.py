"""What every form shares: labelled fields, errors shown next to the field they name, Esc to back
out, ctrl+s (or Enter in a one-line field) to save, and nothing the user typed ever thrown away."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from ...api import ApiClient, ApiError, ServerUnreachable

if TYPE_CHECKING:
    from textual import getters

    from ...app import RefundsApp

UNREACHABLE = "The server does not answer. What you typed is kept: save again once it is back."
OPENED_OFFLINE = "The server does not answer: type away; ctrl+s saves once it is back."


class FormScreen(ModalScreen[Any]):
    """A dialog; subclasses yield their fields from `fields()` and send them in `save()`."""

    if TYPE_CHECKING:  # for the type checker only: the app of these screens is a RefundsApp
        app = getters.app(RefundsApp)

    TITLE: ClassVar[str] = ""
    SAVE_LABEL: ClassVar[str] = "Save"
    # Server error field -> the form field that shows it ("vendor.name" -> "vendor").
    FIELD_ALIASES: ClassVar[dict[str, str]] = {}
    # The form works from the board's row of the case (no need of the full case from the server).
    FROM_SUMMARY: ClassVar[bool] = False

    BINDINGS = [
        Binding("escape", "cancel", "Back", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.save"),
    ]

    def __init__(self, case: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.case = case
        self._error_names: set[str] = set()
        self.saving = False
        self.typed_ahead = ""  # typed while the form was on its way (see PendingForm)
        self.opened_offline = False  # opened from what the app held: the server did not answer

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = escape(self.title_text())  # border titles are markup
            dialog.border_subtitle = "ctrl+s save · esc back"
            with VerticalScroll(id="form-body"):
                yield from self.fields()
            yield Static(id="form-error")
            with Horizontal(id="buttons"):
                yield from self.buttons()

    def buttons(self) -> Iterable[Widget]:
        yield Button("Cancel", id="cancel", compact=True)
        yield Button(self.SAVE_LABEL, id="save", variant="primary", compact=True)

    def title_text(self) -> str:
        if self.case is None:
            return self.TITLE
        from ...formatting import case_name

        return f"{self.TITLE} · {case_name(self.case)}"

    def fields(self) -> ComposeResult:
        yield from ()

    @staticmethod
    def field(label: str, widget: Widget, name: str) -> ComposeResult:
        """A labelled field with the line under it where its error shows."""
        if widget.id is None:
            widget.id = f"field-{name}"
        with Horizontal(classes="field", id=f"row-{name}"):
            yield Label(label, id=f"label-{name}")
            yield widget
        yield Static(id=f"error-{name}", classes="field-error")

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = self.app.cursor_blink
        for area in self.query(TextArea):
            area.cursor_blink = self.app.cursor_blink
        self.after_mount()
        if self.typed_ahead or self.opened_offline:
            self.call_after_refresh(self._after_opening)

    def _after_opening(self) -> None:
        """What was typed before the form was up goes into its field; a server away is said."""
        typed, self.typed_ahead = self.typed_ahead, ""
        if typed and isinstance(self.focused, Input):
            self.focused.insert_text_at_cursor(typed)
        elif typed and isinstance(self.focused, TextArea):
            self.focused.insert(typed)
        if self.opened_offline:
            self.show_errors({}, OPENED_OFFLINE)

    def on_resize(self) -> None:
        self.fit_body()

    def fit_body(self) -> None:
        """Keep the buttons on screen: the fields scroll within what the dialog's border, the
        buttons and a shown error leave (CSS cannot say "the rest" in an auto-height dialog)."""
        reserved = 2 + 2 + (2 if self.query_one("#form-error").has_class("-shown") else 0)
        self.query_one("#form-body").styles.max_height = max(3, self.size.height - reserved)

    def after_mount(self) -> None:
        """Focus the first field (subclasses may choose another)."""
        for widget in self.query(
            "#form-body Input, #form-body Select, #form-body TextArea, #form-body OptionList"
        ):
            if widget.focusable:
                widget.focus()
                break

    # -- errors --------------------------------------------------------------------------
    def show_errors(self, fields: dict[str, str], message: str = "") -> None:
        """Show each error next to its field; what no field shows goes above the buttons."""
        self.clear_errors()
        leftover = []
        for server_name, text in fields.items():
            name = self.FIELD_ALIASES.get(server_name, server_name.split(".")[0])
            try:
                error = self.query_one(f"#error-{name}", Static)
            except Exception:  # noqa: BLE001 - no such field on this form
                leftover.append(f"{server_name}: {text}")
                continue
            self._show_field_error(name, text, error)
        summary = "; ".join(leftover) if leftover else ("" if fields else message)
        form_error = self.query_one("#form-error", Static)
        form_error.update(Text(summary))
        form_error.set_class(bool(summary), "-shown")
        self.fit_body()
        if self._error_names:
            first = sorted(self._error_names, key=self._field_order)[0]
            for widget in self.query(f"#field-{first}"):
                widget.focus()
                break

    def _show_field_error(self, name: str, text: str, error: Static) -> None:
        error.update(Text(f"↑ {text}"))
        error.add_class("-shown")
        self._error_names.add(name)
        for widget in self.query(f"#field-{name}"):
            widget.add_class("-invalid")

    # -- checked as you type -------------------------------------------------------------
    @staticmethod
    def _field_name(widget: Widget) -> str | None:
        return widget.id[len("field-") :] if widget.id and widget.id.startswith("field-") else None

    def check_field(self, name: str) -> None:
        """Check one field now: its error shows, changes or goes away with what it holds."""
        if not self.is_attached or self.saving:
            return
        problem = self.validate().get(name)
        errors = self.query(f"#error-{name}").results(Static)
        error = next(iter(errors), None)
        if problem and error is not None:
            self._show_field_error(name, problem, error)
        else:
            self.clear_error(name)

    @on(Input.Changed)
    def _recheck_as_typed(self, event: Input.Changed) -> None:
        """A field showing an error is checked again at each key: fixed, the error goes at once."""
        name = self._field_name(event.input)
        if name is not None and name in self._error_names:
            self.check_field(name)

    @on(Input.Blurred)
    def _check_on_leaving(self, event: Input.Blurred) -> None:
        """Leaving a field checks what it holds (an empty one waits for the save)."""
        name = self._field_name(event.input)
        if name is not None and event.value.strip():
            self.check_field(name)

    def _field_order(self, name: str) -> int:
        ids = [w.id for w in self.query(".field-error")]
        return ids.index(f"error-{name}") if f"error-{name}" in ids else 999

    def clear_errors(self) -> None:
        for name in list(self._error_names):
            self.clear_error(name)
        self.query_one("#form-error", Static).remove_class("-shown")

    def clear_error(self, name: str) -> None:
        """Take one field's error away (its value changed: the error may no longer hold)."""
        if name not in self._error_names:
            return
        self.query_one(f"#error-{name}", Static).remove_class("-shown")
        for widget in self.query(f"#field-{name}"):
            widget.remove_class("-invalid")
        self._error_names.discard(name)

    # -- saving --------------------------------------------------------------------------
    def validate(self) -> dict[str, str]:
        """Checks made before anything is sent: {field: message}."""
        return {}

    async def save(self) -> Any:
        """Send the form; return what `dismiss` should return. Raise ApiError to show errors."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if self.saving:
            return
        problems = self.validate()
        if problems:
            self.show_errors(problems)
            return
        self.clear_errors()
        self.run_save()

    @work(group="save", exclusive=True)
    async def run_save(self, send: Callable[[], Awaitable[Any]] | None = None) -> None:
        """Send the form (or ``send``, another way to save it) and show what went wrong."""
        self.saving = True
        self._set_busy(True)
        try:
            answered, result = await self.ask(send or self.save)
        finally:
            self.saving = False
            self._set_busy(False)
        if answered:
            self.saved(result)

    async def ask(self, send: Callable[[], Awaitable[Any]]) -> tuple[bool, Any]:
        """(True, ``send``'s answer); (False, None) once the form shows why there is none:
        the server's errors next to their fields, or that it does not answer."""
        try:
            return True, await send()
        except ApiError as exc:
            self.show_errors(exc.fields, exc.message)
        except ServerUnreachable:
            self.show_errors({}, UNREACHABLE)
        return False, None

    def saved(self, result: Any) -> None:
        """After a successful save: close (forms that show a result override this)."""
        self.dismiss(result)

    def _set_busy(self, busy: bool) -> None:
        for button in self.query("#save"):
            button.disabled = busy

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def enter_in_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    # -- small helpers -------------------------------------------------------------------
    def value(self, name: str) -> str:
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            return widget.text
        return str(getattr(widget, "value", "") or "")

    def case_arrived(self, case: dict[str, Any]) -> None:
        self.app.case_arrived(case)

    @property
    def api(self) -> ApiClient:
        """The server's API; ServerUnreachable (said on the form) until the app is connected."""
        return self.app.connected_api


class CaseForm(FormScreen):
    """A form about one case (a note, a contact, a status, a follow-up): it always has one."""

    case: dict[str, Any]

    def __init__(self, case: dict[str, Any]) -> None:
        super().__init__(case)
