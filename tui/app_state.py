"""AppState: what the app holds in memory (the cases, the settings, the header's Chrome), the
signals that tell the screens it changed, and the toasts that tell the user.

`ServerConnection` (connection.py) fills it from the server; `RefundsApp` (app.py) adds the
keys and the screens on top.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.signal import Signal

from server.config import DEFAULT_PORT
from server.wallclock import WallClock, system_clock

from .api import ApiClient, ServerUnreachable
from .cases import CaseIndex
from .chrome import Chrome
from .clipboard import SystemCopy, copy_text, system_copy
from .formatting import user_zone
from .suggested_settings import SystemSettings, guess_system_settings

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from .backend import Backend
    from .prefetch import Prefetch

# Seconds between reconnection attempts: quick at first, then no busier than every 10 s.
RECONNECT_DELAYS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 10.0)
# The same toast again within this many seconds is not shown twice (a save's answer and the
# refresh a reconnection brings, a key pressed twice).
TOAST_REPEAT_SECONDS = 2.0


class AppState(App[int]):
    """The app's memory of the server's data, and how it is published to the screens."""

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

    @property
    def connected_api(self) -> ApiClient:
        """The server's API for a screen that asks it something; until the app is connected,
        ServerUnreachable (which every such call handles: the server does not answer)."""
        if self.api is None:
            raise ServerUnreachable("not connected to the server yet")
        return self.api

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
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

    async def copy_out(self, text: str, what: str) -> None:
        """Copy ``text`` (``what``: "the request text") and say where it went."""
        told = await copy_text(self, text, what, self.system_copy)
        self.notify(told.message, title=told.title, severity=told.severity, timeout=told.timeout)

    def set_chrome(self, **changes: Any) -> None:
        self.chrome = self.chrome.but(**changes)
        self.chrome_signal.publish(self.chrome)

    def case_arrived(self, case: dict[str, Any]) -> None:
        """A full case from an event or from the answer to a write: update every view of it."""
        if self.index.upsert(case):
            self.after_cases_changed()
        self.case_signal.publish(case)

    def after_cases_changed(self) -> None:
        self.set_chrome(summary=self.index.summary_line())
        self.cases_signal.publish(None)

    @property
    def zone(self) -> tzinfo:
        """The user's time zone: the settings' (as the server's letters and dossiers use it),
        else this computer's. Times are typed and shown in it; the server stores UTC."""
        return user_zone(self.settings, self.clock.local_zone())

    def server_date(self) -> date:
        """The server's today (deadlines are counted in its days), else this clock's."""
        return self.today or self.clock.today()
