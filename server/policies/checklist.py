"""What a refund request needs, and which of it the case already has."""

from __future__ import annotations

import re
from typing import Any

# (id, label, hint when missing, hint when present)
_ITEMS = (
    (
        "order_number",
        "Order number",
        "Find it in the order confirmation email or in your account's order history.",
        None,
    ),
    ("account_email", "Account email", "The email address the order was placed with.", None),
    ("reason", "Reason for the refund", "One or two sentences on why you want your money back.", None),
    (
        "purchase_source",
        "Where it was bought",
        "Directly from the vendor, through a reseller, an app store or your internet provider: "
        "that decides who refunds.",
        None,
    ),
    (
        "proof_of_purchase",
        "Proof of purchase",
        "Log the order confirmation email or receipt (l: an email from them, its subject saying "
        "“order confirmation”, “receipt” or “invoice”), or mark a logged email as the proof (m on "
        "it in the timeline). A captured order page is kept only as its link.",
        None,
    ),
)


def _item(item_id: str, label: str, hint: str, present: bool) -> dict[str, Any]:
    return {"id": item_id, "label": label, "present": present, "hint": None if present else hint}


# Both variants of every item, built once: the list is computed for every case on every read.
_VARIANTS = {
    (item_id, present): _item(item_id, label, hint, present)
    for item_id, label, hint, _ in _ITEMS
    for present in (True, False)
}


# What an order confirmation, receipt or invoice says of itself, in the languages the catalog's
# shops write. Not "order" alone, nor the order number: a reply about the refund names both.
_CONFIRMATION = re.compile(
    r"order confirm|confirmation of your (?:order|purchase)|purchase confirm|receipt|invoice|"
    r"thank you for (?:your )?(?:order|purchase|buying)|thanks for your (?:order|purchase)|"
    r"bestellbest[äa]tigung|kaufbest[äa]tigung|rechnung|kaufbeleg|"
    r"confirmation de (?:votre )?commande|facture|re[çc]u|"
    r"confirmaci[óo]n (?:de|del) (?:tu |su )?(?:pedido|compra)|recibo|factura|"
    r"conferma (?:dell'|del )?(?:ordine|acquisto)|ricevuta|fattura|"
    r"orderbevestiging|bevestiging van (?:je|uw) bestelling|factuur",
    re.IGNORECASE,
)


def proof_of_purchase(case: dict[str, Any]) -> dict[str, Any] | None:
    """The logged email or letter the user marked as the proof of purchase, if it is logged."""
    marked = case.get("proof_of_purchase")
    if not marked:
        return None
    return next((entry for entry in case.get("communications") or () if entry.get("id") == marked), None)


def has_proof_of_purchase(case: dict[str, Any]) -> bool:
    """An email the user marked as the proof; else a logged email from them that is the
    order's confirmation, a receipt or an invoice, by what its subject (or the start of its
    text) says it is."""
    if proof_of_purchase(case) is not None:
        return True
    for entry in case.get("communications") or ():
        if entry.get("direction") != "inbound" or entry.get("channel") != "email":
            continue
        if _CONFIRMATION.search(str(entry.get("summary") or "")) or _CONFIRMATION.search(
            str(entry.get("body") or "")[:1_000]
        ):
            return True
    return False


def checklist(case: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{id, label, present, hint}]`` for the items a refund request should carry.

    The dicts are shared between calls: treat them as read-only.
    """
    variants = _VARIANTS
    return [
        variants["order_number", bool(case.get("order_number"))],
        variants["account_email", bool(case.get("account_email"))],
        variants["reason", bool(case.get("reason"))],
        variants["purchase_source", bool(case.get("purchase_source"))],
        variants["proof_of_purchase", has_proof_of_purchase(case)],
    ]
