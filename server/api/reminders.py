"""What is due: the reminders from every open case's dates (server/domain/reminders.py), less
the ones the user snoozed or marked done (server/notify/ledger.py)."""

from __future__ import annotations

from datetime import timedelta

import msgspec
from aiohttp import web

from ..domain.inputs import ReminderDoneIn, ReminderSnoozeIn
from ..domain.reminders import MAX_WITHIN_DAYS, Reminder, case_reminders, due_reminders
from ..domain.status import OPEN_STATUSES
from ..errors import NotFound
from ..keys import CASE_SERVICE, REMINDERS
from .io import json_response, query_int, read_json

DEFAULT_WITHIN_DAYS = 7


async def get_reminders(request: web.Request) -> web.Response:
    """Reminders for dates at most `within` days ahead (default 7), plus overdue follow-ups,
    ordered by date; each with what was done with it (sent on which channels, late)."""
    within = query_int(request, "within", maximum=MAX_WITHIN_DAYS)
    service = request.app[CASE_SERVICE]
    ledger = request.app[REMINDERS]
    today = service.today()
    # Closed cases have nothing due: not even worked out (most of a long history is closed).
    reminders = due_reminders(
        service.list(statuses=OPEN_STATUSES), today, DEFAULT_WITHIN_DAYS if within is None else within
    )
    listed = [
        {**msgspec.structs.asdict(r), **ledger.state(r.id)} for r in reminders if not ledger.hidden(r, today)
    ]
    return json_response({"reminders": listed, "as_of": today})


async def post_snooze(request: web.Request) -> web.Response:
    """Hides a reminder for `days` days; then it is listed and sent again."""
    body = await read_json(request, ReminderSnoozeIn)
    reminder = _current(request)
    until = request.app[CASE_SERVICE].today() + timedelta(days=body.days)
    await request.app[REMINDERS].snooze(reminder, until)
    return json_response({"reminder_id": reminder.id, "snoozed_until": until, "done_at": None})


async def post_done(request: web.Request) -> web.Response:
    """Marks a reminder done: never listed or sent again (the case's next reminders still come)."""
    await read_json(request, ReminderDoneIn)
    reminder = _current(request)
    doc = await request.app[REMINDERS].done(reminder, request.app[CASE_SERVICE].now())
    return json_response(
        {"reminder_id": reminder.id, "snoozed_until": doc["snoozed_until"], "done_at": doc["done_at"]}
    )


def _current(request: web.Request) -> Reminder:
    """The reminder the path names, if its case has it today (an old step's id is gone)."""
    reminder_id = request.match_info["reminder_id"]
    case_id = reminder_id.split(".", 1)[0]
    service = request.app[CASE_SERVICE]
    try:
        view = service.get(case_id)
    except NotFound:
        raise NotFound("No such reminder.") from None
    for reminder in case_reminders(view, service.today()):
        if reminder.id == reminder_id:
            return reminder
    raise NotFound("No such reminder today: it may be for a step that has passed.")
