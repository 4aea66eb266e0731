"""What a refund request needs, and which of it the case already has."""

from __future__ import annotations

import re
from typing import Any

# (id, label, hint when missing, hint when present)
_ITEMS = (
    ("order_number", "Order number",
     "Find it in the order confirmation email or in your account's order history.", None),
    ("account_email", "Account email",
     "The email address the order was placed with.", None),
    ("reason", "Reason for the refund",
     "One or two sentences on why you want your money back.", None),
    ("purchase_source", "Where it was bought",
     "Directly from the vendor, through a reseller, an app store or your internet provider: "
     "that decides who refunds.", None),
    ("proof_of_purchase", "Proof of purchase",
     "Log the order confirmation email (as an email from them): a captured order page is kept "
     "only as its link.", None),
)


def _item(item_id: str, label: str, hint: str, present: bool) -> dict[str, Any]:
    return {"id": item_id, "label": label, "present": present, "hint": None if present else hint}


# Both variants of every item, built once: the list is computed for every case on every read.
_VARIANTS = {(item_id, present): _item(item_id, label, hint, present)
             for item_id, label, hint, _ in _ITEMS for present in (True, False)}


# Words of an order confirmation, receipt or invoice, in the languages the catalog's shops write.
_CONFIRMATION = re.compile(
    r"order|confirm|receipt|invoice|purchase|thank you for|"
    r"bestell|rechnung|kaufbest|commande|facture|re[çc]u|achat|pedido|recibo|factura|compra|"
    r"ordine|ricevuta|fattura|acquisto|bestelling|factuur|aankoop", re.IGNORECASE)


def has_proof_of_purchase(case: dict[str, Any]) -> bool:
    """A logged email from them that is the order's confirmation: it names the order number,
    or says it confirms an order, a receipt or an invoice."""
    order_number = str(case.get("order_number") or "").strip()
    for entry in case.get("communications") or ():
        if entry.get("direction") != "inbound" or entry.get("channel") != "email":
            continue
        text = " ".join(str(entry.get(name) or "") for name in ("summary", "reference"))
        body = str(entry.get("body") or "")[:20_000]
        if (order_number and (order_number in text or order_number in body)) \
                or _CONFIRMATION.search(text) or _CONFIRMATION.search(body[:2_000]):
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
