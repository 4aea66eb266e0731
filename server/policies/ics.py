"""Open cases' deadlines and follow-ups as an iCalendar file.

Each event's UID is made from the case id and the kind of date, so importing a newer export
updates the events instead of adding copies; SEQUENCE follows the case's last change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Any

from .dates import human_date, parse_date

PRODID = "-//Refund Tracker//Refund deadlines//EN"
UID_DOMAIN = "refund-tracker.local"
ALARM_DAYS = (7, 3, 0)
ALARM_HOUR = 9  # alarms ring at 09:00 on those days, not at midnight
CLOSED_STATUSES = frozenset({"refunded", "kept", "closed"})
NOT_ASKED_YET = "captured"


def event_uid(case_id: str, kind: str) -> str:
    return f"{case_id}-{kind}@{UID_DOMAIN}"


def _sequence(case: dict[str, Any]) -> int:
    """Grows whenever the case changes (seconds since 2020), as iCalendar requires."""
    stamp = case.get("updated_at") or case.get("created_at")
    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0, int((moment - datetime(2020, 1, 1, tzinfo=timezone.utc)).total_seconds()))


def _title(case: dict[str, Any]) -> str:
    """The product (or vendor) and the order number: two orders of one product stay apart."""
    vendor = (case.get("vendor") or {}).get("name")
    product = case.get("product")
    order = case.get("order_number")
    name = product or vendor or "purchase"
    if order:
        name = f"{name} (order {order})"
    return " ".join(str(name).split())


def _event(
    icalendar, case: dict[str, Any], kind: str, day: date, summary: str, description: str, now: datetime
):
    event = icalendar.Event()
    event.add("uid", event_uid(str(case.get("id")), kind))
    event.add("dtstamp", now)
    event.add("sequence", _sequence(case))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Refund Tracker"])
    for days in ALARM_DAYS:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary if days == 0 else f"In {days} days: {summary}")
        alarm.add("trigger", timedelta(days=-days, hours=ALARM_HOUR))
        event.add_component(alarm)
    return event


def export_ics(cases_with_views: Iterable[tuple[dict[str, Any], dict[str, Any]]], now: datetime) -> bytes:
    """An iCalendar file with every open case's dates still ahead: the refund deadline while
    the refund is not asked for yet, the follow-up, and the last day of the next escalation
    step (a card dispute) once it was asked for and until a dispute is filed, or once the
    window to ask has passed (then it is the only way left).

    ``cases_with_views`` pairs each case with what ``compute`` returned for it; ``now`` (aware)
    becomes every event's DTSTAMP.
    """
    import icalendar  # imported here: only exports need it

    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    now = now.astimezone(timezone.utc)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Refund deadlines")
    for case, view in cases_with_views:
        if case.get("archived_at") or case.get("status") in CLOSED_STATUSES:
            continue
        title = _title(case)
        who = (view.get("who_refunds") or {}).get("name")
        ask = f" Ask {who} for the refund." if who else ""
        today = parse_date(view.get("as_of")) or now.date()
        deadline = parse_date(view.get("deadline"))
        asked = case.get("status") != NOT_ASKED_YET
        if deadline is not None and deadline >= today and not asked:
            source = (
                "your override"
                if view.get("deadline_source") == "override"
                else (view.get("policy") or {}).get("name") or "the refund policy"
            )
            calendar.add_component(
                _event(
                    icalendar,
                    case,
                    "deadline",
                    deadline,
                    f"Refund deadline: {title}",
                    f"Last day to ask for a refund for {title} ({human_date(deadline)}, from {source}).{ask}",
                    now,
                )
            )
        follow_up = parse_date(case.get("follow_up_on"))
        if follow_up is not None and follow_up >= today:
            calendar.add_component(
                _event(
                    icalendar,
                    case,
                    "follow-up",
                    follow_up,
                    f"Follow up: {title}",
                    f"Check whether the refund for {title} has arrived; if not, send a follow-up.",
                    now,
                )
            )
        escalation = parse_date(view.get("escalation_deadline"))
        window_gone = deadline is None or deadline < today
        if (
            escalation is not None
            and escalation >= today
            and case.get("status") != "escalated"
            and (asked or window_gone)
        ):
            step = (
                next(
                    (
                        c.get("label")
                        for c in view.get("clocks") or ()
                        if c.get("id") == view.get("escalation_clock")
                    ),
                    None,
                )
                or "card dispute"
            )
            calendar.add_component(
                _event(
                    icalendar,
                    case,
                    "escalation",
                    escalation,
                    f"Dispute deadline: {title}",
                    f"Last day for the next step if the refund does not come: {step}. Ask your "
                    f"card issuer or bank before then.",
                    now,
                )
            )
    return calendar.to_ical()
