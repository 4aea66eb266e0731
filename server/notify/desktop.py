"""The desktop's notifications, through desktop-notifier: freedesktop notifications over
D-Bus on Linux, the Notification Center on macOS, toasts on Windows."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_notifier import DesktopNotifier

log = logging.getLogger(__name__)
# How long a notification may take to be handed to the desktop before it counts as not sent.
SEND_TIMEOUT = 10.0


class DesktopChannel:
    name = "desktop"

    def __init__(self, app_name: str = "Refund Tracker") -> None:
        self._app_name = app_name
        self._notifier: DesktopNotifier | None = None
        self._said_unavailable = False

    async def send(self, title: str, message: str) -> bool:
        """True once the desktop took the notification; False (said once in the log, never
        raised) when there is no desktop session to show it."""
        try:
            notifier = self._get_notifier()
        except Exception as exc:  # noqa: BLE001 - a missing backend is a state, not an error
            return self._unavailable(exc)
        dispatched: list[bool] = []
        try:
            # desktop-notifier logs and swallows a failed send; it calls on_dispatched (before
            # send returns) only when the desktop accepted the notification.
            await asyncio.wait_for(
                notifier.send(title=title, message=message, on_dispatched=lambda: dispatched.append(True)),
                SEND_TIMEOUT,
            )
        except Exception as exc:  # noqa: BLE001 - the desktop refused or is not there
            return self._unavailable(exc)
        if not dispatched:
            return self._unavailable("")
        self._said_unavailable = False
        return True

    def _get_notifier(self) -> DesktopNotifier:
        if self._notifier is None:
            from desktop_notifier import DesktopNotifier

            # Its own warning on every failed send would repeat each round: we say it once.
            logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)
            self._notifier = DesktopNotifier(app_name=self._app_name)
        return self._notifier

    def _unavailable(self, exc: BaseException | str) -> bool:
        if not self._said_unavailable:
            log.warning(
                "Desktop notifications are not available (%s); reminders are kept and "
                "sent once a desktop session can show them.",
                exc or "no desktop session",
            )
            self._said_unavailable = True
        # A failed connection is not reused: the next round connects afresh.
        self._notifier = None
        return False
