"""The clocks of one case, each with its start, deadline and source: the rule's own refund
window (its plans and renewal terms, the user's override), the legal refund clocks and the
escalation clocks (which ones apply: escalation.py). clocks.py picks the case's deadline from
them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .dates import parse_date
from .escalation import EscalationPlanner, card_of
from .regions import BuyerRegion
from .schema import LegalClock, Rule

_SOURCE_BY_KIND = {
    "vendor": "vendor",
    "reseller": "seller",
    "app_store": "store",
    "marketplace": "store",
    "default": "assumption",
}


class ClockMaker:
    """Builds the clocks of a case as of ``today``."""

    def __init__(self, today: date, escalation: EscalationPlanner) -> None:
        self.today = today
        self.escalation = escalation

    def clock(
        self,
        kind: str,
        clock_id: str,
        label: str,
        start: date,
        deadline: date,
        source: str,
        source_url: str | None,
        verified: bool,
        note: str | None,
        **extra: Any,
    ) -> dict[str, Any]:
        days_left = (deadline - self.today).days
        clock = {
            "kind": kind,
            "id": clock_id,
            "label": label,
            "start": start.isoformat(),
            "deadline": deadline.isoformat(),
            "days_left": days_left,
            "open": days_left >= 0,
            "source": source,
            "source_url": source_url,
            "verified": verified,
            "note": note,
        }
        if extra:
            clock.update(extra)
        return clock

    def vendor_clock(
        self,
        rule: Rule,
        case: dict[str, Any],
        order: date | None,
        window_override: int | None,
        notes: list[str],
    ) -> tuple[dict[str, Any] | None, int | None]:
        """The rule's own refund window for this charge, with the window length used."""
        term = case.get("plan_term")
        renewal = case.get("charge_type") == "renewal"
        window = rule.window_days
        what = ""
        note: str | None = None
        source_url = rule.source_url

        plan = next((p for p in rule.plans if p.term == term), None) if term else None
        if plan is not None:
            if not plan.eligible:
                notes.append(plan.note or f"{rule.name}: {term} plans are not refundable.")
                window = None
            elif renewal and plan.first_purchase_only:
                notes.append(plan.note or f"{rule.name}: only the first {term} purchase is refundable.")
                window = None
            else:
                if plan.window_days is not None:
                    window = plan.window_days
                what = f" ({term} plan)"
                note = plan.note
        if renewal and window is not None and (plan is None or plan.window_days is None):
            policy = rule.renewal
            if policy is None:
                notes.append(
                    f"{rule.name}'s policy does not say whether renewal charges are "
                    "covered; the purchase window is assumed."
                )
            elif not policy.covered:
                notes.append(policy.note or f"{rule.name}: renewal charges are not refundable.")
                window = None
            else:
                if policy.window_days is not None:
                    window = policy.window_days
                what = " for the renewal charge"
                note = policy.note
                source_url = policy.source_url or rule.source_url

        label_name = rule.name
        source = _SOURCE_BY_KIND.get(rule.kind, "vendor")
        verified = rule.verified
        if window_override is not None:
            window, source, verified = window_override, "user", True
            note = f"Your own window of {window} days replaces {rule.name}'s."
        if window is None:
            if rule.window_days is None and window_override is None and plan is None and not renewal:
                notes.append(f"{rule.name} publishes no fixed refund window.")
            return None, None
        if order is None:
            return None, window

        start = order
        if rule.clock_start == "delivery" and not renewal:
            delivered = parse_date(case.get("delivery_date"))
            if delivered is not None:
                start = delivered
            else:
                note = "Delivery date not recorded: counted from the order date (earlier, so safe)."
        deadline = start + timedelta(days=window)
        if rule.window_ends_at_renewal and not renewal and window_override is None:
            renews = parse_date(case.get("renewal_date"))
            if renews is not None and renews - timedelta(days=1) < deadline:
                deadline = max(start, renews - timedelta(days=1))
                note = "Ends the day before the first renewal, which comes sooner."
        if window_override is not None:
            label = f"Your refund window ({window} days)"
        elif rule.is_default:
            label = f"Assumed refund window ({window} days, {rule.name.lower()})"
        else:
            label = f"{label_name}: {window}-day refund window{what}"
        return self.clock(
            "refund", rule.id, label, start, deadline, source, source_url, verified, note
        ), window

    def legal_clock(
        self, legal: LegalClock, rule: Rule, case: dict[str, Any], order: date, region: BuyerRegion
    ) -> dict[str, Any]:
        start = order
        if legal.basis == "delivery_or_order" and rule.clock_start == "delivery":
            start = parse_date(case.get("delivery_date")) or order
        note = (
            f"{legal.note} Applies because of {region.evidence}."
            if legal.note
            else f"Applies because of {region.evidence}."
        )
        return self.clock(
            "refund",
            legal.id,
            legal.label,
            start,
            start + timedelta(days=legal.days),
            "law",
            legal.source_url,
            legal.verified,
            note,
            evidence=region.evidence,
        )

    def escalation_clocks(
        self, case: dict[str, Any], order: date | None, region: BuyerRegion | None
    ) -> list[dict[str, Any]]:
        if order is None:
            return []
        network, debit, assumed = card_of(case.get("payment_method"))
        if network is None:
            return []
        statement = parse_date(case.get("statement_date"))
        plan = self.escalation.plan(
            network, debit, assumed, region.region if region else None, statement is not None
        )
        clocks = []
        for legal, source, note, by_statement in plan:
            # by_statement only when the statement date is recorded (the plan was told so).
            start = statement if by_statement and statement is not None else order
            clocks.append(
                self.clock(
                    "escalation",
                    legal.id,
                    legal.label,
                    start,
                    start + timedelta(days=legal.days),
                    source,
                    legal.source_url,
                    legal.verified,
                    note,
                    approximate=legal.approximate,
                    estimated=legal.basis == "statement_date" and not by_statement,
                )
            )
        return clocks
