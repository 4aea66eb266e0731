"""Plain drafts of the request, follow-up and escalation texts, used only while the server has no
templates endpoint (GET /api/v1/cases/{id}/templates/{kind}); the server's texts win when present."""

from __future__ import annotations

from typing import Any

from .formatting import long_date, money, party_name


def _facts(case: dict[str, Any]) -> dict[str, str]:
    vendor = party_name(case.get("vendor"))
    seller = party_name(case.get("seller"))
    who = case.get("who_refunds")
    # The server's word when it has one: no name there means none is known (a page's address
    # kept as the vendor's name is no one to write to).
    refunder = (who.get("name") if isinstance(who, dict) else seller or vendor) or "Support"
    references = [c["reference"] for c in case.get("communications", ()) if c.get("reference")]
    requested = next((h["at"][:10] for h in case.get("status_history", ()) if h.get("to") == "requested"), None)
    return {
        "refunder": refunder,
        "product": case.get("product") or "my purchase",
        "order": case.get("order_number") or "(order number)",
        "date": long_date(case.get("order_date")) if case.get("order_date") else "(order date)",
        "amount": money(case.get("amount"), case.get("currency")),
        "email": case.get("account_email") or "(account email)",
        "reason": case.get("reason") or "(your reason)",
        "paid": case.get("payment_method") or "the original payment method",
        "reference": references[-1] if references else "",
        "requested": long_date(requested) if requested else "",
        "seller_line": f" (sold by {seller})" if seller and seller != vendor else "",
        "vendor": vendor or refunder,
    }


def draft(case: dict[str, Any], kind: str) -> str:
    f = _facts(case)
    if kind == "request":
        return (f"Subject: Refund request - order {f['order']}\n\n"
                f"Hello {f['refunder']},\n\n"
                f"I am asking for a full refund of {f['product']}{f['seller_line']}, order {f['order']}, "
                f"bought on {f['date']} for {f['amount']}, within your money-back guarantee period.\n\n"
                f"Account email: {f['email']}\nReason: {f['reason']}\n\n"
                f"Please refund {f['paid']} and confirm by email with a reference number.\n\n"
                "Thank you.\n")
    if kind == "follow_up":
        ref = f" (reference {f['reference']})" if f["reference"] else ""
        when = f" on {f['requested']}" if f["requested"] else ""
        return (f"Subject: Follow-up: refund for order {f['order']}{ref}\n\n"
                f"Hello {f['refunder']},\n\n"
                f"I asked for a refund of {f['product']}, order {f['order']} ({f['amount']}){when}{ref}. "
                "I have not received the refund or a final answer yet.\n\n"
                "Please tell me when the refund will be issued, or confirm it has been, with its date "
                "and amount.\n\n"
                f"Account email: {f['email']}\n\nThank you.\n")
    ref = f", reference {f['reference']}" if f["reference"] else ""
    return (f"To my card issuer - dispute of a charge\n\n"
            f"Charge: {f['amount']} on {f['date']} from {f['refunder']}{f['seller_line']} for {f['product']}, "
            f"order {f['order']}.\n\n"
            f"I asked the merchant for a refund within their money-back guarantee"
            f"{' on ' + f['requested'] if f['requested'] else ''}{ref}. "
            "The refund was refused or not issued.\n\n"
            "I ask you to reverse the charge. My record of every contact with the merchant is attached.\n")
