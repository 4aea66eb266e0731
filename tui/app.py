"""RefundsApp: the connection to the server, the cases in memory, and the screens on top.

Start-up paints first and connects second: the board shows at once, then the app attaches
to (or starts) the server, listens to its events and loads the cases. Every write goes
through the API; the answer (and the event that follows it) updates what is on screen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.signal import Signal

from server.config import DEFAULT_PORT
from server.wallclock import WallClock, system_clock

from . import statuses
from .api import ApiClient, ApiError, ServerUnreachable
from .cases import CaseIndex, is_newer
from .chrome import Chrome, Link
from .clipboard import SystemCopy, system_copy
from .commands import RefundCommands
from .formatting import user_zone
from .suggested_settings import SystemSettings, guess_system_settings

if TYPE_CHECKING:
    from .backend import Backend
    from .prefetch import Prefetch

# Seconds between reconnection attempts: quick at first, then no busier than every 10 s.
RECONNECT_DELAYS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 10.0)
# How often the app checks whether the server's date moved on (days left change at midnight).
DAY_CHECK_SECONDS = 300
# The app's actions that need the server: greyed out until it is connected.
# The same toast again within this many seconds is not shown twice (a save's answer and the
# refresh a reconnection brings, a key pressed twice).
TOAST_REPEAT_SECONDS = 2.0
CONNECTED_ACTIONS = frozenset({"pair", "export", "add_case", "settings", "reminders", "calendar_feeds"})

T = TypeVar("T")


class RefundsApp(App[int]):
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

    def __init__(
        self,
        data_dir: Path,
        *,
        demo: bool = False,
        port: int = DEFAULT_PORT,
        freeze_gc: bool = False,
        clock: WallClock | None = None,
        cursor_blink: bool = True,
        reconnect_delays: tuple[float, ...] = RECONNECT_DELAYS,
        export_dir: Path | None = None,
        prefetch: Prefetch | None = None,
        system_settings: Callable[[], SystemSettings] | None = None,
        system_copy: SystemCopy = system_copy,
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.demo = demo
        self.port = port
        self.freeze_gc = freeze_gc
        # Now and today, here and for a server started in this process (REFUNDS_TODAY moves it).
        self.clock = clock or system_clock()
        self.cursor_blink = cursor_blink
        self.reconnect_delays = reconnect_delays
        self.export_dir = export_dir
        self.prefetch = prefetch
        # What this computer says about the user (LANG, the system time zone): the settings
        # screen suggests it while nothing is set.
        self.system_settings = system_settings or guess_system_settings
        self.system_copy = system_copy  # the system clipboard (tests put a fake one here)
        self.backend: Backend | None = None
        self.api: ApiClient | None = None
        self.index = CaseIndex(self.clock.today())
        self.today: date | None = None
        self.loaded = False
        self.events_ready = False  # subscribed to the server's events
        self.startup_problem: str | None = None
        self.chrome = Chrome(demo=demo)
        self.chrome_signal: Signal[Chrome] = Signal(self, "chrome")
        self.cases_signal: Signal[None] = Signal(self, "cases")
        self.case_signal: Signal[dict[str, Any]] = Signal(self, "case")
        # The server's settings (None until read); published when they change.
        self.settings: dict[str, Any] | None = None
        self.settings_signal: Signal[dict[str, Any]] = Signal(self, "settings")
        self.settings_seen = False  # the settings screen was opened: no more hints about it
        self._toasts_shown: dict[tuple[str, str, str], float] = {}  # (message, title, severity): when

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

    async def disconnect(self) -> None:
        """Close the session and stop a server started here (everything it holds is on disk)."""
        if self.api is not None:
            await self.api.close()
        if self.backend is not None:
            await self.backend.close()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry the user's data (product names, paths): never read as markup.
        The same one within TOAST_REPEAT_SECONDS of the last is shown once."""
        now = time.monotonic()
        key = (message, title, str(severity))
        shown = self._toasts_shown.get(key)
        self._toasts_shown = {
            k: at for k, at in self._toasts_shown.items() if now - at < TOAST_REPEAT_SECONDS
        }
        if shown is not None and now - shown < TOAST_REPEAT_SECONDS:
            return
        self._toasts_shown[key] = now
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def set_chrome(self, **changes: Any) -> None:
        self.chrome = self.chrome.but(**changes)
        self.chrome_signal.publish(self.chrome)

    @work(group="connect", exclusive=True)
    async def connect(self) -> None:
        # Imported here, after the first paint: it loads the server's modules.
        from .backend import StartupFailed, open_backend

        try:
            self.backend = await open_backend(
                self.data_dir, port=self.port, clock=self.clock, freeze_gc=self.freeze_gc
            )
        except StartupFailed as failure:
            from .screens.startup_error import StartupErrorScreen

            self.startup_problem = str(failure)
            self.set_chrome(link=Link.FAILED, problem=str(failure))
            self.push_screen(StartupErrorScreen(str(failure)))
            return
        self.api = ApiClient(self.backend.endpoint)
        self.set_chrome(
            address=self.backend.address, started_here=self.backend.started_here, warning=self.backend.warning
        )
        if self.demo:
            from .demo import seed_demo

            try:
                await seed_demo(self.api)
            except (ApiError, ServerUnreachable) as exc:
                self.notify(f"Could not seed the demo cases: {exc}", severity="error")
        # The board first; then the events stream, which reloads once it is subscribed so
        # nothing that happened in between is missed.
        await self.reload()
        # After the board is on screen: subscribing imports aiohttp, which takes a while.
        self.call_after_refresh(self.listen)

    # -- live events ---------------------------------------------------------------------
    @work(group="events", exclusive=True)
    async def listen(self) -> None:
        """Follow the server's events; when it goes away, say so and keep trying to get back."""
        assert self.backend is not None and self.api is not None
        failures = 0
        while True:
            endpoint = self.backend.current_endpoint()
            problem = f"No server is running for {self.backend.data_dir}."
            if endpoint is not None:
                self.api.endpoint = endpoint
                try:
                    async for event in self.api.events():
                        if event.get("type") == "ready":
                            failures = 0
                            await self.server_ready(endpoint.url)
                        else:
                            self.apply_event(event)
                    problem = "The server closed the connection."
                except ServerUnreachable:
                    problem = "It does not answer."
                except ApiError as exc:
                    problem = str(exc)
                self.events_ready = False
            delay = self.reconnect_delays[min(failures, len(self.reconnect_delays) - 1)]
            failures += 1
            if self.chrome.link is not Link.CONNECTING or failures > 2:
                self.set_chrome(link=Link.LOST, problem=problem, retry_in=max(delay, 1.0))
            await asyncio.sleep(delay)

    async def server_ready(self, url: str) -> None:
        self.set_chrome(link=Link.ONLINE, address=url.removeprefix("http://"), problem="", retry_in=None)
        await self.reload()
        self.events_ready = True

    def apply_event(self, event: dict[str, Any]) -> None:
        kind = event.get("type", "")
        if kind.startswith("case.") and isinstance(event.get("case"), dict):
            case = event["case"]
            is_new = case["id"] not in self.index
            self.case_arrived(case)
            if kind == "case.created" and is_new and case.get("captured_from") == "extension":
                self.announce_capture(case)
            elif (
                kind == "case.updated" and event.get("cause") == "capture" and event.get("result") == "merged"
            ):
                self.announce_merge(case)
        elif kind in ("client.paired", "client.revoked"):
            self.refresh_clients()
        elif kind == "settings.updated" and isinstance(event.get("settings"), dict):
            self.settings_arrived(event["settings"])

    def announce_capture(self, case: dict[str, Any]) -> None:
        from .formatting import case_name, days_left_sentence

        self.notify(
            f"{case_name(case)}: {days_left_sentence(case.get('days_left'))} to ask for a refund.",
            title="Captured from the browser",
            timeout=6,
        )

    def announce_merge(self, case: dict[str, Any]) -> None:
        """A capture of an order already tracked: it filled in its case rather than making one."""
        from .formatting import case_name

        self.notify(
            f"Updated {case_name(case)} from a new capture.", title="Captured from the browser", timeout=6
        )

    def case_arrived(self, case: dict[str, Any]) -> None:
        """A full case from an event or from the answer to a write: update every view of it."""
        if self.index.upsert(case):
            self.after_cases_changed()
        self.case_signal.publish(case)

    def settings_arrived(self, settings: dict[str, Any], *, reload_board: bool = True) -> None:
        """New settings (an event, or the answer to a save): what is computed from them changes.

        The server works out every case with them (the region's refund clocks, dates in the
        time zone): the board is loaded again and every case screen reloads its case (it
        listens to ``settings_signal``).
        """
        if settings == self.settings:
            return  # the save's answer and its event: one refresh
        self.settings = settings
        self._show_settings_hint()
        self.settings_signal.publish(settings)
        if reload_board and self.loaded:
            self.reload_in_background()

    def _show_settings_hint(self) -> None:
        """Until the country is set, the board says once, quietly, what setting it changes."""
        hint = self.settings is not None and not self.settings.get("country") and not self.settings_seen
        if hint != self.chrome.settings_hint:
            self.set_chrome(settings_hint=hint)

    def after_cases_changed(self) -> None:
        self.set_chrome(summary=self.index.summary_line())
        self.cases_signal.publish(None)

    # -- loading -------------------------------------------------------------------------
    async def reload(self) -> None:
        """Everything the board shows, from the server (at start, after a reconnect, at midnight)."""
        assert self.api is not None
        prefetched = await self._prefetched()
        try:
            if prefetched is not None:
                health, summaries = prefetched
                settings, _ = await asyncio.gather(self._settings_or_none(), self._load_statuses())
            else:
                health = await self.api.health()
                # Once the Archived view has been shown, its cases come in the same answer.
                summaries, settings, _ = await asyncio.gather(
                    self.api.list_summaries("include" if self.index.archived_loaded else "exclude"),
                    self._settings_or_none(),
                    self._load_statuses(),
                )
        except ServerUnreachable:
            return  # the events loop notices and reconnects
        except ApiError as exc:
            self.notify(f"Could not load the cases: {exc}", severity="error")
            return
        self.today = date.fromisoformat(health["today"])
        # A server that answers but cannot save (disk full, storage error) is said at the top.
        cannot_save = (
            None
            if health.get("status") == "ok"
            else f"The server cannot save right now: {health.get('problem') or 'storage problem'}"
        )
        warning = cannot_save or (self.backend.warning if self.backend is not None else None)
        if warning != self.chrome.warning:
            self.set_chrome(warning=warning)
        if health.get("login_service") != self.chrome.login_service:
            self.set_chrome(login_service=health.get("login_service"))
        fresher = {case["id"]: case for case in self.index.all_cases()}
        merged = [
            fresher[c["id"]] if c["id"] in fresher and is_newer(fresher[c["id"]], c) else c for c in summaries
        ]
        self.index.replace_all(merged, self.today)
        self.loaded = True
        if self.chrome.link is Link.CONNECTING:
            self.set_chrome(link=Link.ONLINE)
        if settings is not None:
            # The board has just been loaded with them: only case screens refresh.
            self.settings_arrived(settings, reload_board=False)
        self.after_cases_changed()
        self.refresh_clients()

    async def _prefetched(self) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The first board's data, if `refunds` fetched it from this server while starting."""
        if self.prefetch is None or self.api is None:
            return None
        prefetch, self.prefetch = self.prefetch, None
        await asyncio.to_thread(prefetch.wait, 10.0)  # started long ago: nearly always done
        return prefetch.take(self.api.endpoint.url)

    @work(group="reload", exclusive=True)
    async def reload_in_background(self) -> None:
        await self.reload()

    @work(group="clients", exclusive=True)
    async def refresh_clients(self) -> None:
        if self.api is None:
            return
        try:
            clients = await self.api.clients()
        except (ApiError, ServerUnreachable):
            return
        self.set_chrome(browsers=len(clients), clients=tuple((c["id"], c.get("name", "")) for c in clients))

    async def _load_statuses(self) -> None:
        """The server's status words (tui/statuses.py), once: before the first cases."""
        assert self.api is not None
        if not statuses.loaded():
            statuses.load(await self.api.status_table())

    async def _settings_or_none(self) -> dict[str, Any] | None:
        """The server's settings for reload(); a refusal only means no settings hint."""
        assert self.api is not None
        try:
            return await self.api.settings()
        except ApiError:
            return None

    @work(group="archived", exclusive=True)
    async def load_archived(self) -> None:
        """The archived cases, the first time the Archived view is shown."""
        if self.api is None or self.index.archived_loaded:
            return
        try:
            cases = await self.api.list_summaries("only")
        except ServerUnreachable:
            return
        except ApiError as exc:
            self.notify(f"Could not load the archived cases: {exc}", severity="error")
            return
        self.index.replace_archived(cases)
        self.after_cases_changed()

    @work(group="day", exclusive=True)
    async def check_day(self) -> None:
        if self.api is None or self.chrome.link is not Link.ONLINE:
            return
        try:
            health = await self.api.health()
        except (ApiError, ServerUnreachable):
            return
        if self.today is not None and health.get("today") != self.today.isoformat():
            await self.reload()

    @property
    def zone(self) -> tzinfo:
        """The user's time zone: the settings' (as the server's letters and dossiers use it),
        else this computer's. Times are typed and shown in it; the server stores UTC."""
        return user_zone(self.settings, self.clock.local_zone())

    def server_date(self) -> date:
        """The server's today (deadlines are counted in its days), else this clock's."""
        return self.today or self.clock.today()

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
    async def _open_form(self, case_id: str, form: str, pending: Any) -> None:
        from .screens.forms import FORMS

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
                case = self.known_case(case_id, full=not form_type.FROM_SUMMARY)
                if case is not None:
                    offline = True
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
            return await self.api.regions()  # type: ignore[union-attr]
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
