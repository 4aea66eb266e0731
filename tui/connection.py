"""ServerConnection: attach to (or start) the server, follow its events, load what the board shows.

Start-up paints first and connects second: the board shows at once, then the app attaches
to (or starts) the server, listens to its events and loads the cases. When the server goes
away the header says so and the app keeps trying to get back.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from textual import work

from . import statuses
from .api import ApiClient, ApiError, ServerUnreachable
from .app_state import AppState
from .cases import is_newer
from .chrome import Link

# How often the app checks whether the server's date moved on (days left change at midnight).
DAY_CHECK_SECONDS = 300


class ServerConnection(AppState):
    """The app's link to the server: what it holds comes from here."""

    # -- start-up and shut-down ----------------------------------------------------------
    async def disconnect(self) -> None:
        """Close the session and stop a server started here (everything it holds is on disk)."""
        if self.api is not None:
            await self.api.close()
        if self.backend is not None:
            await self.backend.close()

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
