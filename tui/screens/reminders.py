"""`R`: the Reminders view — what is due in the next two weeks, as the server's notifications
send it (the same list: desktop, browser, push). z snoozes a reminder for a day, Z for three,
x marks it done; enter opens its case. Snoozed and done ones are not listed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ..api import ApiError, ServerUnreachable
from ..formatting import long_date, plural
from ..widgets.banner import ConnectionBanner
from ..widgets.footer import KeysFooter
from ..widgets.header import AppHeader
from ..widgets.reminder_list import ReminderList, describe

if TYPE_CHECKING:
    from textual import getters

    from ..app import RefundsApp

WITHIN_DAYS = 14
EMPTY = (
    f"Nothing is due in the next {WITHIN_DAYS} days. You are reminded 7, 3, 1 and 0 days before a "
    "refund window closes, on the follow-up day, before an auto-renewal and before a dispute "
    "deadline."
)


class RemindersScreen(Screen):
    CSS_PATH = "reminders.tcss"

    if TYPE_CHECKING:  # for the type checker only: the app is a RefundsApp
        app = getters.app(RefundsApp)

    BINDINGS = [
        Binding("escape,R", "back", "Back", id="reminders.back"),
        Binding(
            "z",
            "snooze(1)",
            "Snooze 1d",
            tooltip="Snooze a day: not reminded of it again until tomorrow",
            id="reminders.snooze_1",
        ),
        Binding(
            "Z",
            "snooze(3)",
            "Snooze 3d",
            key_display="Z",
            tooltip="Snooze three days: not reminded of it again until then",
            id="reminders.snooze_3",
        ),
        Binding(
            "x",
            "done",
            "Done",
            tooltip="Never reminded of this one again (the case's later reminders still come)",
            id="reminders.done",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.as_of: str | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        self.reminder_list = ReminderList(id="reminders")
        yield ConnectionBanner()
        yield AppHeader()
        yield Static(id="as-of")
        yield self.reminder_list
        yield Static(id="detail")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        # What is due follows the cases (a status change, a new follow-up date, a new day).
        self.app.cases_signal.subscribe(self, lambda _: self.load())
        self.app.settings_signal.subscribe(self, lambda _: self.load())
        self.reminder_list.focus()
        self.load()

    # -- loading -------------------------------------------------------------------------
    @work(group="reminders-load", exclusive=True)
    async def load(self) -> None:
        if self.app.api is None:
            return
        try:
            answer = await self.app.api.reminders(WITHIN_DAYS)
        except ServerUnreachable:
            self._problem("The server does not answer; this refreshes when it is back.")
            return
        except ApiError as exc:
            self._problem(f"Could not load the reminders: {exc}")
            return
        self.show_reminders(answer.get("reminders") or [], answer.get("as_of"))

    def _problem(self, text: str) -> None:
        if not self.loaded:
            self.reminder_list.empty_text = text
            self.reminder_list.refresh()
        else:
            self.notify(text, severity="error")

    def show_reminders(self, reminders: list[dict[str, Any]], as_of: str | None) -> None:
        self.loaded = True
        self.as_of = as_of
        self.reminder_list.empty_text = EMPTY
        self.reminder_list.show(reminders)
        count = plural(len(reminders), "reminder")
        self.query_one("#as-of", Static).update(
            Text(
                f" {count} due in the next {WITHIN_DAYS} days, as of {long_date(as_of)}"
                " · snoozed and done ones are hidden · ⏎ opens the case"
            )
        )
        self.refresh_bindings()

    @on(ReminderList.Highlighted)
    def highlighted(self, message: ReminderList.Highlighted) -> None:
        detail = self.query_one("#detail", Static)
        reminder = message.reminder
        detail.update(Text(describe(reminder)) if reminder is not None else "")
        detail.display = reminder is not None
        self.refresh_bindings()

    @on(ReminderList.Selected)
    def selected(self, message: ReminderList.Selected) -> None:
        self.app.open_case(message.case_id)

    # -- snooze and done -----------------------------------------------------------------
    def action_snooze(self, days: int) -> None:
        reminder = self.reminder_list.current
        if reminder is not None:
            self.act(reminder, days)

    def action_done(self) -> None:
        reminder = self.reminder_list.current
        if reminder is not None:
            self.act(reminder, None)

    @work(group="reminders-act", exclusive=True)
    async def act(self, reminder: dict[str, Any], days: int | None) -> None:
        """Snooze ``reminder`` for ``days`` days (None: mark it done), then list what is due."""
        api = self.app.api
        if api is None:
            return
        title = reminder.get("title") or "the reminder"
        try:
            if days is None:
                await api.reminder_done(reminder["id"])
            else:
                answer = await api.snooze_reminder(reminder["id"], days)
        except ServerUnreachable:
            self.notify("The server does not answer; try again soon.", severity="error")
            return
        except ApiError as exc:
            # Gone meanwhile (a status change, another client): the list is out of date.
            self.notify(str(exc), severity="warning" if exc.status == 404 else "error")
            self.load()
            return
        if days is None:
            self.notify(f"{title}: done. Not reminded of it again.", title="Reminder done", timeout=4)
        else:
            until = long_date(answer.get("snoozed_until"))
            self.notify(
                f"{title}: snoozed for {plural(days, 'day')}, back on {until}.", title="Snoozed", timeout=4
            )
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("snooze", "done") and self.reminder_list.current is None:
            return None  # greyed out: nothing to snooze
        return True
