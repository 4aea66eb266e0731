"""The next step for a case, in one line, with the key that does it (README, "The terminal UI")."""

from __future__ import annotations

from datetime import date
from typing import Any

from .formatting import long_date, relative_days


def next_step(case: dict[str, Any], today: date | None) -> str:
    status = case.get("status")
    days_left = case.get("days_left")
    deadline = long_date(case.get("deadline")) if case.get("deadline") else None
    follow_up = case.get("follow_up_on")
    when = f"follow up {long_date(follow_up)} ({relative_days(follow_up, today)})" if follow_up else ""
    if status == "captured":
        if days_left is not None and days_left < 0:
            return (
                f"The refund window closed on {deadline}. You may still ask (t for the text), "
                "or mark it kept with s."
            )
        by = f" before {deadline}" if deadline else ""
        return (
            f"Next: ask for the refund{by}. t gives the request text to copy; "
            "then log the form, call or chat with l."
        )
    if status in ("requested", "acknowledged"):
        due = follow_up and today is not None and follow_up <= today.isoformat()
        if due:
            return (
                "Follow-up due: no refund yet? t → Follow-up quotes your reference. "
                "Log their answer with l, the outcome with s."
            )
        return (
            f"Next: wait for their answer — {when or 'set a follow-up date with f'}. "
            "Log each reply with l (with its reference number)."
        )
    if status == "approved":
        return "Next: check your statement for the money, then mark it refunded with s."
    if status == "denied":
        return (
            f"Next: escalate to your card issuer (chargeback): t → Escalation, x exports the "
            f"dossier.{' ' + when.capitalize() + '.' if when else ''}"
        )
    if status == "escalated":
        decision = f" ({when})" if when else ""
        return f"Next: wait for the card issuer's decision{decision}; mark it refunded or closed with s."
    if status == "refunded":
        return "Done: the money is back."
    if status == "kept":
        return "Kept: no refund wanted. s reopens it."
    return "Closed."


def letter_too_early(case: dict[str, Any], kind: str) -> str:
    """A warning when the letter does not fit the case's status yet (empty when it does)."""
    status = case.get("status")
    if status == "captured" and kind in ("follow_up", "escalation"):
        return "Not asked yet: send the request first (1)."
    if kind == "escalation" and status in ("requested", "acknowledged", "approved"):
        return "Escalate once they refuse or stop answering."
    return ""
