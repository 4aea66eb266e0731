"""`x`: write a case's dossier, or every case as CSV, JSON or a calendar, to a file; show its path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...api import ApiError
from ...formatting import case_name
from .base import FormScreen

# (id, label, API path, file suffix); "{id}" is the case's id.
CASE_FORMATS = (
    (
        "dossier_md",
        "This case's dossier (Markdown: facts, deadlines, every contact)",
        "/api/v1/cases/{id}/dossier.md",
        "md",
    ),
    ("dossier_json", "This case's dossier (JSON)", "/api/v1/cases/{id}/dossier.json", "json"),
)
ALL_FORMATS = (
    ("csv", "Every case as CSV (a spreadsheet)", "/api/v1/export.csv", "csv"),
    ("json", "Every case as JSON (everything, for a backup)", "/api/v1/export.json", "json"),
    ("ics", "Deadlines and follow-ups as a calendar (ICS)", "/api/v1/export.ics", "ics"),
)


def default_export_dir() -> Path:
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.home()


def free_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``… : an export never overwrites a file (nor a link)."""
    if not os.path.lexists(path):
        return path
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(path)


class ExportScreen(FormScreen):
    TITLE = "Export"
    SAVE_LABEL = "Export"
    FIELD_ALIASES = {"body": "path"}
    BINDINGS = [
        Binding(
            "o",
            "open_written(False)",
            "Open file",
            tooltip="Open the file just written",
            id="export.open_file",
        ),
        Binding(
            "O",
            "open_written(True)",
            "Open folder",
            key_display="O",
            tooltip="Open the folder of the file just written",
            id="export.open_folder",
        ),
    ]

    def __init__(self, case: dict[str, Any] | None) -> None:
        super().__init__(case)
        self.formats = (CASE_FORMATS if case is not None else ()) + ALL_FORMATS
        self.written: Path | None = None

    def title_text(self) -> str:
        return "Export"

    def fields(self) -> ComposeResult:
        if self.case is not None:
            yield Static(Text(f"Case: {case_name(self.case)}"), classes="hint")
        yield from self.field(
            "What",
            OptionList(*(Option(label, id=key) for key, label, _, _ in self.formats), compact=True),
            "format",
        )
        yield from self.field(
            "Save to", Input(str(self.suggested_path(self.formats[0][0])), compact=True), "path"
        )
        yield Static("", id="written", classes="hint")
        yield Static("", id="opened", classes="hint")

    def buttons(self):
        yield from super().buttons()
        # Shown once a file is written (o, O).
        yield Button("Open file", id="open-file", compact=True, classes="after-export")
        yield Button("Open folder", id="open-folder", compact=True, classes="after-export")

    def after_mount(self) -> None:
        for widget in self.query(".after-export, #opened"):
            widget.display = False
        super().after_mount()

    def export_dir(self) -> Path:
        return self.app.export_dir or default_export_dir()

    def suggested_path(self, key: str) -> Path:
        _, _, _, suffix = next(f for f in self.formats if f[0] == key)
        today = self.app.server_date().isoformat()
        if key.startswith("dossier"):
            order = (self.case or {}).get("order_number") or (self.case or {}).get("id", "case")
            safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in order)[:40]
            name = f"refund-dossier-{safe}-{today}.{suffix}"
        else:
            name = f"refunds-{today}.{suffix}"
        return self.export_dir() / name

    @property
    def chosen(self) -> str:
        option_list = self.query_one("#field-format", OptionList)
        index = option_list.highlighted or 0
        return self.formats[index][0]

    @on(OptionList.OptionHighlighted, "#field-format")
    def format_changed(self) -> None:
        self.query_one("#written", Static).update("")  # it named the file of another format
        self.query_one("#opened", Static).display = False
        path_input = self.query_one("#field-path", Input)
        # Follow the format only while the user has not typed a path of their own.
        if not getattr(self, "_path_edited", False):
            path_input.value = str(self.suggested_path(self.chosen))

    @on(OptionList.OptionSelected, "#field-format")
    def format_selected(self) -> None:
        self.query_one("#field-path", Input).focus()

    @on(Input.Changed, "#field-path")
    def path_typed(self, event: Input.Changed) -> None:
        self._path_edited = event.value != str(self.suggested_path(self.chosen))

    def validate(self) -> dict[str, str]:
        text = self.value("path").strip()
        if not text:
            return {"path": "where should the file go?"}
        path = Path(text).expanduser()
        if path.is_dir():
            return {"path": "is a folder: add a file name"}
        if not path.parent.is_dir():
            return {"path": f"there is no folder {path.parent}"}
        return {}

    async def save(self) -> Any:
        key, label, api_path, _ = next(f for f in self.formats if f[0] == self.chosen)
        try:
            data = await self.api.download(api_path.replace("{id}", (self.case or {}).get("id", "")))
        except ApiError as exc:
            if exc.code == "not_found":
                raise ApiError(
                    exc.status,
                    exc.code,
                    f"This server cannot export {label.split(' (')[0].lower()} yet; try another format.",
                ) from None
            raise
        from server.storage.files import UnsafeTarget, write_private_file

        path = free_path(Path(self.value("path").strip()).expanduser())
        try:
            # Exports hold personal data: 0600, whole or not at all, never through a link.
            write_private_file(path, data)
        except UnsafeTarget as exc:
            raise ApiError(0, "write_failed", "", {"path": str(exc)}) from None
        except OSError as exc:
            raise ApiError(
                0, "write_failed", "", {"path": f"cannot write it: {exc.strerror or exc}"}
            ) from None
        return path, len(data)

    def saved(self, result: Any) -> None:
        path, size = result
        self.written = path
        self.query_one("#written", Static).update(
            Text(f"✓ Wrote {path} ({size:,} bytes, readable by you only)")
        )
        self.notify(f"Wrote {path}", title="Exported")
        for button in self.query("#save").results(Button):
            button.label = "Export again"
        for button in self.query("#cancel").results(Button):
            button.label = "Close"
        for shown in self.query(".after-export"):
            shown.display = True
        self.query_one("#opened", Static).display = False
        self.query_one(
            "#dialog"
        ).border_subtitle = "o open file · O open folder · ctrl+s export again · esc close"
        # Out of the path: the next key is a command (o, O, esc), not a letter added to it.
        self.query_one("#cancel", Button).focus()
        self.refresh_bindings()

    def show_errors(self, fields: dict[str, str], message: str = "") -> None:
        super().show_errors(fields, message)
        if "path" in self._error_names:
            # Selected: the next keys replace the path rather than add to it.
            self.query_one("#field-path", Input).select_all()

    # -- after the export: open the file or its folder -------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # nothing written yet: o and O are letters of the path
        return not (action == "open_written" and self.written is None)

    def action_open_written(self, folder: bool) -> None:
        from ...opener import OpenFailed, open_path

        if self.written is None:
            return
        target = self.written.parent if folder else self.written
        line = self.query_one("#opened", Static)
        line.display = True
        try:
            open_path(target)
        except OpenFailed as exc:
            line.update(Text(f"✗ {exc}"))
            line.add_class("-problem")
            return
        line.remove_class("-problem")
        line.update(Text(f"Opened {target}"))

    @on(Button.Pressed, "#open-file")
    def open_file_pressed(self) -> None:
        self.action_open_written(False)

    @on(Button.Pressed, "#open-folder")
    def open_folder_pressed(self) -> None:
        self.action_open_written(True)
