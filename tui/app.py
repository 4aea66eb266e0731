"""RefundsApp: the keys and the screens on top of the server's data.

`AppState` (app_state.py) holds the cases, the settings and the header in memory;
`ServerConnection` (connection.py) fills them from the server. Here: the app-wide keys, the
screens and forms they open, and the writes made from them. Every write goes through the API;
the answer (and the event that follows it) updates what is on screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding

from .api import ApiClient, ApiError, ServerUnreachable
from .chrome import Link
from .commands import RefundCommands
from .connection import DAY_CHECK_SECONDS, ServerConnection

if TYPE_CHECKING:
    from .screens.forms.pending import PendingForm

# The app's actions that need the server: greyed out until it is connected.
CONNECTED_ACTIONS = frozenset({"pair", "export", "add_case", "settings", "reminders", "calendar_feeds"})

T = TypeVar("T")


class RefundsApp(ServerConnection):
    """Refund Tracker's terminal UI."""

    TITLE = "Refund Tracker"
    CSS_PATH = "app.tcss"
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # Toasts are short and go soon (app.tcss puts them top right, out of the forms' way).
    NOTIFICATION_TIMEOUT = 4
    COMMANDS = App.COMMANDS | {RefundCommands}

    BINDINGS = [
        Binding(
            "c",
            "calendar",
            "Calendar",
            tooltip="The next 60 days: deadlines and follow-ups",
            id="app.calendar",
        ),
        Binding(
            "R",
            "reminders",
            "Reminders",
            show=False,
            key_display="R",
            tooltip="What is due in the next 14 days: snooze it (z, Z) or mark it done (x)",
            id="app.reminders",
        ),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("a", "add_case", "Add case", show=False, tooltip="Add a case by hand", id="app.add_case"),
        Binding(
            "p",
            "pair",
            "Pair browser",
            show=False,
            tooltip="Show a code to pair the browser extension",
            id="app.pair",
        ),
        Binding(
            "x",
            "export",
            "Export",
            show=False,
            tooltip="Write a dossier, CSV, JSON or calendar file",
            id="app.export",
        ),
        Binding(
            "comma",
            "settings",
            "Settings",
            show=False,
            key_display=",",
            tooltip="Country, region, time zone: holidays and statutory refund rights",
            id="app.settings",
        ),
    ]

    # -- start-up and shut-down ----------------------------------------------------------
    def on_mount(self) -> None:
        from .screens.board import BoardScreen

        self.push_screen(BoardScreen())
        # Paint first, connect second: connecting imports the HTTP client and perhaps the
        # whole server, which would hold the first frame back.
        self.call_after_refresh(self.connect)
        self.set_interval(DAY_CHECK_SECONDS, self.check_day)

    async def on_unmount(self) -> None:
        await self.disconnect()

    # -- working on cases ----------------------------------------------------------------
    def work_on(self, case_id: str, form: str) -> None:
        """Open one of the case forms (note, log, status, follow_up, edit, templates, export).

        The form is on screen at once, as far as the keys can tell: until the case comes from
        the server a `PendingForm` holds what is typed (the form gets it), so no letter meant
        for the form runs a command of the board underneath."""
        from .screens.forms.pending import PendingForm

        if self.api is None:
            self.notify("Not connected to the server yet.", severity="warning")
            return
        pending = PendingForm(form)
        self.push_screen(pending)
        self._open_form(case_id, form, pending)

    @work(group="open-form", exclusive=True)
    async def _open_form(self, case_id: str, form: str, pending: PendingForm) -> None:
        from .screens.forms import FORMS
        from .screens.forms.base import FormScreen

        assert self.api is not None
        form_type = FORMS[form]
        offline = False
        while True:
            try:
                case = await self.api.get_case(case_id)
                break
            except ServerUnreachable:
                # What this app already holds may do: the case screen's full case, or the
                # board's row for a form that needs no more (a note). Saved once the server is back.
                known = self.known_case(case_id, full=not form_type.FROM_SUMMARY)
                if known is not None:
                    case, offline = known, True
                    break
                if not pending.is_attached:
                    return
                pending.waiting()
                await asyncio.sleep(0.25)
                while self.chrome.link is not Link.ONLINE and pending.is_attached:
                    await asyncio.sleep(0.1)
                if not pending.is_attached:
                    return  # given up (esc)
            except ApiError as exc:
                self.notify(str(exc), severity="error")
                if pending.is_current:
                    pending.dismiss(None)
                return
        if not pending.is_current:
            return  # given up (esc) while the case was on its way
        screen = form_type(case)
        if isinstance(screen, FormScreen):  # the texts screen says for itself that the server is away
            screen.opened_offline = offline
        pending.hand_over(screen)

    def known_case(self, case_id: str, *, full: bool) -> dict[str, Any] | None:
        """The freshest copy of a case held here without asking the server (None: none good enough)."""
        from .screens.case_detail import CaseScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, CaseScreen) and screen.case_id == case_id and screen.case is not None:
                return screen.case
        return None if full else self.index.get(case_id)

    @work(group="archive", exclusive=True)
    async def archive_case(self, case_id: str) -> None:
        """Archive a case (the user confirmed): it leaves every view but Archived."""
        from .formatting import case_name

        case = await self.ask_server(lambda api: api.archive_case(case_id))
        if case is not None:
            self.case_arrived(case)
            self.notify(f"Archived {case_name(case)}. 6 lists it; r restores it.", title="Archived")

    @work(group="archive", exclusive=True)
    async def restore_case(self, case_id: str) -> None:
        from .formatting import case_name

        case = await self.ask_server(lambda api: api.restore_case(case_id))
        if case is not None:
            self.case_arrived(case)
            self.notify(f"{case_name(case)} is back on the board.", title="Restored")

    async def ask_server(self, send: Callable[[ApiClient], Awaitable[T]]) -> T | None:
        """``send``'s answer; None after telling the user why there is none."""
        if self.api is None:
            self.notify("Not connected to the server yet.", severity="warning")
            return None
        try:
            return await send(self.api)
        except ServerUnreachable:
            self.notify("The server does not answer; try again soon.", severity="error")
        except ApiError as exc:
            self.notify(str(exc), severity="error")
        return None

    def open_case(self, case_id: str) -> None:
        from .screens.case_detail import CaseScreen

        self.push_screen(CaseScreen(case_id))

    # -- app-wide actions ----------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_pair(self) -> None:
        from .screens.forms.pairing import PairScreen

        if self.api is not None:
            self.push_screen(PairScreen())

    def action_export(self) -> None:
        from .screens.forms.export import ExportScreen

        if self.api is not None:
            self.push_screen(ExportScreen(None))

    @work(group="open-form", exclusive=True)
    async def action_settings(self) -> None:
        """The settings form, with the server's settings as they are now (and its regions)."""
        from .screens.forms.settings import SettingsForm

        if self.api is None or isinstance(self.screen, SettingsForm):
            return
        self.settings_seen = True
        self._show_settings_hint()
        answer = await self.ask_server(lambda api: asyncio.gather(api.settings(), self._regions()))
        if answer is None:
            return
        settings, catalog = answer
        self.settings_arrived(settings)
        self.push_screen(SettingsForm(settings, catalog, self.system_settings()))

    async def _regions(self) -> dict[str, Any] | None:
        """The catalog's regions, for the form's previews; it works without them too."""
        try:
            return await self.connected_api.regions()
        except (ApiError, ServerUnreachable):
            return None

    def action_calendar(self) -> None:
        from .screens.calendar import CalendarScreen

        if not isinstance(self.screen, CalendarScreen):
            self.push_screen(CalendarScreen())

    def action_reminders(self) -> None:
        from .screens.reminders import RemindersScreen

        if self.api is not None and not isinstance(self.screen, RemindersScreen):
            self.push_screen(RemindersScreen())

    def action_calendar_feeds(self) -> None:
        """The live calendar feeds (the command palette's "Calendar feeds")."""
        from .screens.forms.feeds import FeedsScreen

        if self.api is not None and not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen())

    def action_add_case(self) -> None:
        from .screens.forms.case_form import CaseFormScreen

        if self.api is not None:
            self.push_screen(CaseFormScreen(None), callback=self._case_added)

    def _case_added(self, case: dict[str, Any] | None) -> None:
        from .screens.board import BoardScreen

        if case is not None and isinstance(self.screen, BoardScreen):
            self.screen.select(case["id"])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CONNECTED_ACTIONS and self.api is None:
            return None  # shown greyed until connected
        return True
