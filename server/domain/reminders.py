"""What is due: reminders worked out from each open case's clocks (pure: no I/O, no clock).

The dates come from the computed case view (server/policies/clocks.py works them out, the
board and the calendar export show the same ones); ``today`` is passed in, the user's
calendar date as the server counts deadlines.

Each kind of date is reminded of on a few days before it (``SCHEDULES``):

- ``refund_deadline``: the last day to ask for a refund, while it is not asked for yet;
- ``follow_up``: the day to check whether the refund came; stays due once it is past;
- ``renewal``: an auto-renewal, to cancel in time (a renewed plan opens its own window);
- ``dispute_deadline``: the last day of the next card dispute step, for denied and
  escalated cases.

A reminder stands for one step of that schedule: on each day the step reached is the
smallest lead that is still >= the days left (``days_before``), and ``notify_on`` is the day
that step began. Its ``id`` ("<case>.<kind>.<date>.<step>", plain in a URL path) names the
case, the kind, the date and the step, so a notifier can send each step once and remember it
as sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal

from msgspec import Struct

from .status import DISPUTING, is_open

ReminderKind = Literal["refund_deadline", "follow_up", "renewal", "dispute_deadline"]

# Days before the date on which each kind is reminded of, largest first.
SCHEDULES: dict[str, tuple[int, ...]] = {
    "refund_deadline": (7, 3, 1, 0),
    "follow_up": (0,),
    "renewal": (14, 3),
    "dispute_deadline": (14, 3, 0),
}
NOT_ASKED_YET = "captured"
MAX_WITHIN_DAYS = 366
Day = date  # a field below is named "date": annotations name the type by this alias


class Reminder(Struct, frozen=True, kw_only=True):
    id: str
    case_id: str
    kind: ReminderKind
    date: Day  # the day the reminder is about (the deadline, the follow-up, the renewal)
    days_left: int  # negative once past (an overdue follow-up)
    days_before: int  # the schedule step this reminder stands for
    notify_on: Day  # the day that step began: when a notifier first sends it
    title: str  # "Trend Micro 16739482210"
    event: str  # what happens on ``date``: "last day to ask for a refund (Digital River)"
    message: str  # the same, said from today: "3 days left to ask for a refund (Digital River)"


def due_reminders(views: Iterable[dict[str, Any]], today: date, within: int = 7) -> list[Reminder]:
    """The reminders for dates at most ``within`` days ahead, plus overdue follow-ups.

    ``views`` are case views (a stored case plus its computed fields); closed and archived
    cases give none. A date still further away than ``within`` is left out even when its
    first step has begun (a renewal's 14 days with ``within=7``): ask with a larger
    ``within`` for those. Ordered by date, then case, then kind.
    """
    found = [
        reminder for view in views for reminder in case_reminders(view, today) if reminder.days_left <= within
    ]
    found.sort(key=lambda r: (r.date, r.case_id, list(SCHEDULES).index(r.kind)))
    return found


def case_reminders(view: dict[str, Any], today: date) -> list[Reminder]:
    """Every reminder one case has today, however far ahead its dates are."""
    status = view.get("status")
    if view.get("archived_at") or not is_open(status or ""):
        return []
    title = reminder_title(view)
    who = (view.get("who_refunds") or {}).get("name")
    by = f" ({who})" if who else ""
    out: list[Reminder] = []

    def add(kind: ReminderKind, day: date, event: str, message: str) -> None:
        days_left = (day - today).days
        step = schedule_step(SCHEDULES[kind], days_left)
        out.append(
            Reminder(
                id=f"{view['id']}.{kind}.{day.isoformat()}.{step}",
                case_id=view["id"],
                kind=kind,
                date=day,
                days_left=days_left,
                days_before=step,
                notify_on=day - timedelta(days=step),
                title=title,
                event=event,
                message=message,
            )
        )

    deadline = _date(view.get("deadline"))
    if status == NOT_ASKED_YET and deadline is not None and deadline >= today:
        event = f"last day to ask for a refund{by}"
        left = (deadline - today).days
        add(
            "refund_deadline",
            deadline,
            event,
            event if left == 0 else f"{_days(left)} left to ask for a refund{by}",
        )

    follow_up = _date(view.get("follow_up_on"))
    if follow_up is not None:
        left = (follow_up - today).days
        event = f"follow up if the refund has not arrived{by}"
        message = (
            f"follow-up {_days(-left)} overdue: ask whether the refund is on its way{by}"
            if left < 0
            else f"follow up {'today' if left == 0 else 'in ' + _days(left)} if the "
            f"refund has not arrived{by}"
        )
        add("follow_up", follow_up, event, message)

    renewal = _date(view.get("renewal_date"))
    if renewal is not None and renewal >= today and view.get("auto_renews") is not False:
        left = (renewal - today).days
        cancel = "cancel in time if you do not want it (a renewed plan opens its own refund window)"
        add(
            "renewal",
            renewal,
            f"renews automatically: {cancel}",
            f"renews automatically {'today' if left == 0 else 'in ' + _days(left)}: {cancel}",
        )

    dispute = _date(view.get("escalation_deadline"))
    if status in DISPUTING and dispute is not None and dispute >= today:
        step_name = dispute_step_name(view)
        event = f"last day to dispute the charge ({step_name})"
        left = (dispute - today).days
        add(
            "dispute_deadline",
            dispute,
            event,
            event if left == 0 else f"{_days(left)} left to dispute the charge ({step_name})",
        )
    return out


def schedule_step(schedule: tuple[int, ...], days_left: int) -> int:
    """The step a date ``days_left`` away is at: the smallest lead still >= days_left (the
    first step when the date is further away than all of them; the last once it is past)."""
    reached = [lead for lead in schedule if lead >= days_left]
    if reached:
        return min(reached)
    return max(schedule) if days_left > 0 else min(schedule)


def reminder_title(view: dict[str, Any]) -> str:
    """The vendor (or product) and the order number: "Trend Micro 16739482210"."""
    vendor = (view.get("policy") or {}).get("vendor") or (view.get("vendor") or {}).get("name")
    name = vendor or view.get("product") or "Purchase"
    order = view.get("order_number")
    return " ".join(f"{name} {order}".split() if order else str(name).split())


def dispute_step_name(view: dict[str, Any]) -> str:
    """The label of the escalation clock the dispute deadline comes from."""
    return (
        next(
            (
                clock.get("label")
                for clock in view.get("clocks") or ()
                if clock.get("id") == view.get("escalation_clock")
            ),
            None,
        )
        or "card dispute"
    )


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10]) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _plural(days: int) -> str:
    return "day" if days == 1 else "days"


def _days(days: int) -> str:
    return f"{days} {_plural(days)}"
