"""`s`: move the case to one of the statuses the server allows next (and only those)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ... import statuses
from ...api import ApiError, ServerUnreachable
from ...formatting import long_date, status_short
from .base import CaseForm
from .checks import MONEY_HINT, date_problem, is_money


class StatusForm(CaseForm):
    TITLE = "Change status"
    FIELD_ALIASES = {
        "refund.amount": "refund_amount",
        "refund.date": "refund_date",
        "refund.method": "refund_method",
        "status_note": "note",
        "refund": "refund_amount",
    }

    def fields(self) -> ComposeResult:
        case = self.case or {}
        current = case.get("status_label") or status_short(case.get("status", ""))
        allowed = case.get("next_statuses") or []
        now = Text("Now: ")
        now.append(current, style="bold")
        if not allowed:
            now.append(" — a final status: nothing follows it.")
        yield Static(now, classes="hint")
        if not allowed:
            return
        options = [
            Option(f"{status_short(name):<13}[dim]{statuses.help_line(name)}[/dim]", id=name)
            for name in allowed
        ]
        yield from self.field("Move to", OptionList(*options, compact=True), "status")
        yield Static(id="confirm-final", classes="confirm")
        yield from self.field(
            "Note", Input(placeholder="optional: why, who, reference", compact=True), "note"
        )
        refund = case.get("refund") or {}
        yield from self.field(
            "Amount",
            Input(refund.get("amount") or case.get("amount") or "", placeholder="49.95", compact=True),
            "refund_amount",
        )
        yield from self.field(
            "Refunded on",
            Input(
                refund.get("date") or self.app.server_date().isoformat(),
                placeholder="YYYY-MM-DD",
                compact=True,
            ),
            "refund_date",
        )
        yield from self.field(
            "Method",
            Input(
                refund.get("method") or case.get("payment_method") or "",
                placeholder="card, PayPal, store credit…",
                compact=True,
            ),
            "refund_method",
        )

    # Final statuses (nothing may follow them) by label, from the server's status table.
    final: dict[str, str] | None = None
    confirmed: str | None = None  # the final status the user was warned about

    def after_mount(self) -> None:
        self._show_refund_fields(False)
        self.load_status_table()
        super().after_mount()

    @work(group="statuses", exclusive=True)
    async def load_status_table(self, then_submit: bool = False) -> None:
        try:
            table = await self.api.statuses()
        except (ApiError, ServerUnreachable):
            table = []  # no table: no confirmation asked; the save says what the server thinks
        self.final = {
            row["status"]: row.get("label") or status_short(row["status"])
            for row in table
            if not row.get("next")
        }
        if then_submit:
            self.action_submit()

    @property
    def chosen(self) -> str | None:
        options = self.query("#field-status").results(OptionList)
        for option_list in options:
            if option_list.highlighted is not None:
                return option_list.get_option_at_index(option_list.highlighted).id
        return None

    def _show_refund_fields(self, shown: bool) -> None:
        for name in ("refund_amount", "refund_date", "refund_method"):
            for row in self.query(f"#row-{name}"):
                row.display = shown

    @on(OptionList.OptionHighlighted, "#field-status")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_refund_fields(event.option.id == "refunded")
        self._ask_confirmation(None)

    def _ask_confirmation(self, status: str | None) -> None:
        self.confirmed = None
        line = self.query_one("#confirm-final", Static)
        line.set_class(status is not None, "-shown")
        if status is not None and self.final is not None:
            line.update(
                Text.assemble(
                    (f"{self.final[status]} is final", "bold"),
                    ": the case closes for good. ctrl+s again to confirm.",
                )
            )
            self.confirmed = status
            line.scroll_visible()

    checking: str | None = None  # the final status whose edit the server is checking
    confirm_queued = False  # ctrl+s pressed again while it checks: the confirmation

    def action_submit(self) -> None:
        """A final status takes a second ctrl+s (or Enter): it cannot be undone. It is asked only
        once the server found nothing wrong with the rest of the form (checked, not saved)."""
        status = self.chosen
        if self.saving or status is None or self.validate():
            super().action_submit()
        elif self.final is None:
            self.load_status_table(then_submit=True)
        elif status in self.final and self.confirmed != status:
            if self.checking == status:
                self.confirm_queued = True
                return
            self.clear_errors()
            self.check_then_confirm(status)
        else:
            super().action_submit()

    @work(group="check", exclusive=True)
    async def check_then_confirm(self, status: str) -> None:
        self.checking, self.confirm_queued = status, False
        try:
            answered, _ = await self.ask(lambda: self.api.check_patch(self.case["id"], self.patch()))
        finally:
            self.checking = None
        if not answered or self.chosen != status:
            return  # refused (the form says why), or another status chosen meanwhile
        self._ask_confirmation(status)
        if self.confirm_queued:
            self.confirm_queued = False
            self.action_submit()

    def show_errors(self, fields: dict[str, str], message: str = "") -> None:
        # A confirmation was for the form as it was: once something is wrong, it is asked again.
        if self.query("#confirm-final"):
            self._ask_confirmation(None)
        super().show_errors(fields, message)

    @on(Input.Changed)
    def _edited(self) -> None:
        """What was confirmed changed: confirm (and check) again."""
        if self.confirmed is not None:
            self._ask_confirmation(None)

    @on(OptionList.OptionSelected, "#field-status")
    def selected(self, event: OptionList.OptionSelected) -> None:
        target = "#field-refund_amount" if event.option.id == "refunded" else "#field-note"
        self.query_one(target).focus()

    def validate(self) -> dict[str, str]:
        if not (self.case or {}).get("next_statuses"):
            return {"status": "nothing can follow this status"}
        if self.chosen == "refunded":
            problems = {}
            if self.value("refund_amount") and not is_money(self.value("refund_amount")):
                problems["refund_amount"] = MONEY_HINT
            if self.value("refund_date") and (problem := date_problem(self.value("refund_date"))):
                problems["refund_date"] = problem
            return problems
        return {}

    def patch(self) -> dict[str, Any]:
        status = self.chosen
        patch: dict[str, Any] = {"status": status}
        if self.value("note").strip():
            patch["status_note"] = self.value("note").strip()
        if status == "refunded":
            patch["refund"] = {
                "amount": self.value("refund_amount").strip() or None,
                "date": self.value("refund_date").strip() or None,
                "method": self.value("refund_method").strip() or None,
            }
        return patch

    async def save(self) -> Any:
        case = await self.api.patch_case(self.case["id"], self.patch())
        self.case_arrived(case)
        message = f"Now {case.get('status_label') or status_short(case['status'])}."
        if case.get("follow_up_on") and case.get("follow_up_on") != self.case.get("follow_up_on"):
            message += f" Follow up on {long_date(case['follow_up_on'])}."
        self.notify(message)
        return case
