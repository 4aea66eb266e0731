"""The keys that work on one case, shared by the board (the highlighted case) and the case screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

if TYPE_CHECKING:
    from textual import getters
    from textual.screen import Screen

    from ..app import RefundsApp

    _Screen = Screen[Any]  # the type checker sees the screens this is mixed into
else:
    _Screen = object


def case_bindings(*, show_all: bool) -> list[Binding]:
    """The case keys; where the footer is crowded (the board) note and edit are left out of it."""
    return [
        Binding("l", "case_form('log')", "Log", tooltip="Log an email, call, chat or letter", id="case.log"),
        Binding("s", "case_form('status')", "Status", tooltip="Change the status", id="case.status"),
        Binding(
            "f",
            "case_form('follow_up')",
            "Follow-up",
            tooltip="Set or clear the follow-up date",
            id="case.follow_up",
        ),
        Binding(
            "t",
            "case_form('templates')",
            "Texts",
            tooltip="The request / follow-up / escalation text, to copy",
            id="case.templates",
        ),
        Binding("n", "case_form('note')", "Note", tooltip="Add a note", show=show_all, id="case.note"),
        Binding(
            "e", "case_form('edit')", "Edit", tooltip="Edit the case's facts", show=show_all, id="case.edit"
        ),
    ]


def archive_bindings() -> list[Binding]:
    """Archive (asks first) and restore; each is offered only where it applies."""
    return [
        Binding(
            "d",
            "archive",
            "Archive",
            show=False,
            tooltip="Archive the case (asks first; 6 Archived lists it, r restores it)",
            id="case.archive",
        ),
        Binding(
            "r", "restore", "Restore", tooltip="Bring the archived case back to the board", id="case.restore"
        ),
    ]


class CaseActions(_Screen):
    """Mixed into a Screen that knows which case the user is on."""

    if TYPE_CHECKING:  # for the type checker only: the app of these screens is a RefundsApp
        app = getters.app(RefundsApp)

    def current_case_id(self) -> str | None:
        raise NotImplementedError

    def current_case(self) -> dict[str, Any] | None:
        case_id = self.current_case_id()
        return self.app.index.get(case_id) if case_id else None

    def action_case_form(self, form: str) -> None:
        case_id = self.current_case_id()
        if case_id is not None:
            self.app.work_on(case_id, form)

    def action_archive(self) -> None:
        from .forms.archive import ArchiveConfirm

        case = self.current_case()
        if case is None or case.get("archived_at"):
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.archive_confirmed(case["id"])

        self.app.push_screen(ArchiveConfirm(case), callback=confirmed)

    def archive_confirmed(self, case_id: str) -> None:
        self.app.archive_case(case_id)

    def action_restore(self) -> None:
        case = self.current_case()
        if case is not None and case.get("archived_at"):
            self.app.restore_case(case["id"])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "case_form" and self.current_case_id() is None:
            return None  # greyed out: no case to work on
        if action in ("archive", "restore"):
            case = self.current_case()
            # Hidden where it does not apply: archive for an archived case, restore otherwise.
            return case is not None and bool(case.get("archived_at")) == (action == "restore")
        return True
