"""What a refund request needs, and which of it the case already has."""

from __future__ import annotations

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
     "Log the order confirmation email (as an inbound email) or capture the order page.",
     None),
)


def _item(item_id: str, label: str, hint: str, present: bool) -> dict[str, Any]:
    return {"id": item_id, "label": label, "present": present, "hint": None if present else hint}


# Both variants of every item, built once: the list is computed for every case on every read.
_VARIANTS = {(item_id, present): _item(item_id, label, hint, present)
             for item_id, label, hint, _ in _ITEMS for present in (True, False)}


def has_proof_of_purchase(case: dict[str, Any]) -> bool:
    for entry in case.get("communications") or ():
        if entry.get("direction") == "inbound" and entry.get("channel") == "email":
            return True
    return case.get("captured_from") == "extension" and bool(case.get("page_url"))


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
