"""Escalation clocks: the card network's chargeback window and the laws on disputed charges,
and which of them apply to a kind of payment."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .schema import LegalClock

_NETWORKS = (
    ("visa", re.compile(r"\bvisa\b")),
    ("mastercard", re.compile(r"master\s?card|\bmc\b")),
    ("amex", re.compile(r"\bamex\b|american express")),
    ("discover", re.compile(r"\bdiscover\b")),
)
_NOT_A_CARD = re.compile(
    r"paypal|bank|transfer|gift|crypto|invoice|cash|sepa|\bach\b|klarna"
    r"|afterpay|voucher|store credit|balance"
)
_A_CARD = re.compile(r"card|credit|debit|ending|\d{4}|apple pay|google pay")


@lru_cache(maxsize=512)
def card_of(payment_method: str | None) -> tuple[str | None, bool, bool]:
    """(network or "unknown" or None when not a card, is_debit, assumed).

    ``assumed`` is true when no payment method is recorded: most online orders are paid by
    card, so the card clocks are shown, marked as assumptions.
    """
    if not payment_method:
        return "unknown", False, True
    text = payment_method.lower()
    debit = "debit" in text
    for network, pattern in _NETWORKS:
        if pattern.search(text):
            return network, debit, False
    if _NOT_A_CARD.search(text):
        return None, False, False
    if _A_CARD.search(text):
        return "unknown", debit, False
    return None, False, False


class EscalationPlanner:
    """Which escalation clocks apply to a kind of payment (cached per kind)."""

    def __init__(self, escalation_legal: Iterable[LegalClock]) -> None:
        self._legal = list(escalation_legal)
        # Networks with a clock of their own; any other card falls back to the "unknown" one.
        self._named_networks = {
            n for c in self._legal if not c.regions for n in c.card_networks if n != "unknown"
        }
        self._plans: dict[tuple, list[tuple[LegalClock, str, str | None, bool]]] = {}

    def plan(
        self, network: str, debit: bool, assumed: bool, region: str | None, has_statement: bool
    ) -> list[tuple[LegalClock, str, str | None, bool]]:
        """Which escalation clocks apply to this kind of payment, with their notes (cached)."""
        key = (network, debit, assumed, region, has_statement)
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        plan = []
        for legal in self._legal:
            if legal.regions and region not in legal.regions:
                continue
            networks = legal.card_networks
            # A card whose network has no clock of its own falls under the "unknown" one.
            if (
                networks
                and network not in networks
                and not ("unknown" in networks and (legal.regions or network not in self._named_networks))
            ):
                continue
            if legal.credit_only and debit:
                continue
            notes = [legal.note] if legal.note else []
            by_statement = legal.basis == "statement_date" and has_statement
            if legal.basis == "statement_date" and not has_statement:
                notes.append(
                    "Estimate: the statement date is not recorded, so this counts "
                    "from the order date, the earliest the charge can appear. "
                    "Add the statement date for the exact deadline."
                )
            if assumed:
                notes.append("No payment method recorded; this assumes a card payment.")
            source = "law" if legal.regions else "card_network"
            plan.append((legal, source, " ".join(notes) or None, by_statement))
        self._plans[key] = plan
        return plan
