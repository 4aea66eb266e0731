"""Sends what is due: at start and then every few minutes, each reminder whose step has begun
(``notify_on`` <= today) and that is neither done nor snoozed goes once to each channel the
user has. A reminder whose day passed while the server was not running is sent at the next
start, once, marked late; the steps it missed are not sent one by one (only the current one)."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from ..domain.reminders import MAX_WITHIN_DAYS, Reminder, due_reminders
from ..domain.status import OPEN_STATUSES
from ..services import CaseService
from .desktop import DesktopChannel
from .ledger import ReminderLedger
from .push import PushChannel

log = logging.getLogger(__name__)


class Desktop(Protocol):
    name: str

    async def send(self, title: str, message: str) -> bool: ...


class ReminderDispatcher:
    def __init__(
        self,
        cases: CaseService,
        ledger: ReminderLedger,
        *,
        desktop: Desktop | None = None,
        push: PushChannel | None = None,
    ) -> None:
        self._cases = cases
        self._ledger = ledger
        self._desktop = desktop or DesktopChannel()
        self._push = push or PushChannel()
        self._lock = asyncio.Lock()

    def due_now(self) -> list[Reminder]:
        """The reminders to send today: their step has begun, not done, not snoozed."""
        today = self._cases.today()
        return [
            r
            for r in due_reminders(self._cases.list(statuses=OPEN_STATUSES), today, MAX_WITHIN_DAYS)
            if r.notify_on <= today and not self._ledger.hidden(r, today)
        ]

    async def run_once(self) -> int:
        """Sends what is due and not yet sent; how many notifications went out."""
        async with self._lock:
            settings = self._cases.settings()
            today = self._cases.today()
            sent = 0
            for reminder in self.due_now():
                late = self._ledger.due_on(reminder) < today
                message = (
                    f"{reminder.message} (sent late: the server was not running)"
                    if late
                    else reminder.message
                )
                if settings.get("desktop_notifications", True) and not self._ledger.sent_on(
                    reminder.id, "desktop"
                ):
                    if await self._desktop.send(reminder.title, message):
                        await self._ledger.mark_sent(reminder, "desktop", self._cases.now(), late=late)
                        sent += 1
                urls = settings.get("push_urls") or []
                if urls and not self._ledger.sent_on(reminder.id, "push"):
                    if await self._push.send(urls, reminder.title, message):
                        await self._ledger.mark_sent(reminder, "push", self._cases.now(), late=late)
                        sent += 1
            await self._ledger.prune(today)
            return sent

    async def run_forever(self, interval: float) -> None:
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # logged: one bad round must not end reminders for good
                log.exception("Sending reminders failed; trying again in %.0f s", interval)
            await asyncio.sleep(interval)
