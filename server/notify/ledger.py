"""What became of each reminder: on which channels it was sent (and whether late), snoozed
until when, or done. One document a reminder id in the ``reminders`` table, so a restart
never sends one again and a snooze or "done" holds everywhere (API, TUI, extension)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import msgspec

from ..domain.reminders import Reminder
from ..storage import Store

TABLE = "reminders"
# A reminder's record outlives its date by this much, then is dropped (its id cannot recur).
KEEP_DAYS = 60


class _StoredReminder(msgspec.Struct):
    id: str
    case_id: str
    date: str
    sent: dict[str, str] = {}
    late: bool = False
    snoozed_until: str | None = None
    done_at: str | None = None


class ReminderLedger:
    def __init__(self, store: Store) -> None:
        self._store = store
        store.add_validator(TABLE, lambda doc: msgspec.convert(doc, _StoredReminder))

    def record(self, reminder_id: str) -> dict[str, Any] | None:
        return self._store.latest(TABLE, reminder_id)

    def hidden(self, reminder: Reminder, today: date) -> bool:
        """Done, or snoozed past today: not listed and not sent."""
        doc = self.record(reminder.id)
        if doc is None:
            return False
        if doc.get("done_at"):
            return True
        until = doc.get("snoozed_until")
        return bool(until and date.fromisoformat(until) > today)

    def due_on(self, reminder: Reminder) -> date:
        """The day it is to be sent: its step's first day, or the day its snooze ends."""
        doc = self.record(reminder.id) or {}
        until = doc.get("snoozed_until")
        return max(reminder.notify_on, date.fromisoformat(until)) if until else reminder.notify_on

    def sent_on(self, reminder_id: str, channel: str) -> bool:
        doc = self.record(reminder_id)
        return bool(doc and channel in (doc.get("sent") or {}))

    def state(self, reminder_id: str) -> dict[str, Any]:
        """What the API shows beside a reminder: {sent: [channels], late, snoozed_until}."""
        doc = self.record(reminder_id) or {}
        return {
            "sent": sorted(doc.get("sent") or {}),
            "late": bool(doc.get("late")),
            "snoozed_until": doc.get("snoozed_until"),
        }

    async def mark_sent(self, reminder: Reminder, channel: str, at: datetime, *, late: bool) -> None:
        doc = self._doc(reminder)
        doc["sent"] = {**doc["sent"], channel: at.isoformat(timespec="seconds")}
        doc["late"] = doc["late"] or late
        await self._store.write([(TABLE, reminder.id, doc)])

    async def snooze(self, reminder: Reminder, until: date) -> dict[str, Any]:
        """Hidden until ``until``; then listed and sent again, as if new."""
        doc = {**self._doc(reminder), "snoozed_until": until.isoformat(), "sent": {}, "late": False}
        await self._store.write([(TABLE, reminder.id, doc)])
        return doc

    async def done(self, reminder: Reminder, at: datetime) -> dict[str, Any]:
        doc = {**self._doc(reminder), "done_at": at.isoformat(timespec="seconds")}
        await self._store.write([(TABLE, reminder.id, doc)])
        return doc

    async def prune(self, today: date) -> int:
        """Drops the records of reminders whose date is long past; how many."""
        cutoff = (today - timedelta(days=KEEP_DAYS)).isoformat()
        old = [doc["id"] for doc in self._store.all(TABLE) if doc["date"] < cutoff]
        if old:
            await self._store.write([(TABLE, key, None) for key in old])
        return len(old)

    def _doc(self, reminder: Reminder) -> dict[str, Any]:
        doc = self.record(reminder.id)
        if doc is None:
            return {
                "id": reminder.id,
                "case_id": reminder.case_id,
                "date": reminder.date.isoformat(),
                "sent": {},
                "late": False,
                "snoozed_until": None,
                "done_at": None,
            }
        return {**doc, "sent": dict(doc.get("sent") or {})}
