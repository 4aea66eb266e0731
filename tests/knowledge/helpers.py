"""Case builders shared by the refund-knowledge tests."""

from __future__ import annotations

import copy
from typing import Any

TREND_URL = "https://store.trendmicro.com/DRHM/store?Action=ThankYouPage&SiteID=trendmicro&Locale=en_US"
US = {"country": "US", "region": None, "locale": "en-US"}

_BLANK_CASE: dict[str, Any] = {
    "id": "01JDXCASE0000000000000000",
    "created_at": "2026-11-20T10:00:00+00:00",
    "updated_at": "2026-11-20T10:00:00+00:00",
    "vendor": None,
    "seller": None,
    "purchase_source": None,
    "product": None,
    "plan": None,
    "plan_term": None,
    "charge_type": None,
    "order_number": None,
    "order_date": None,
    "delivery_date": None,
    "statement_date": None,
    "amount": None,
    "currency": None,
    "account_email": None,
    "payment_method": None,
    "auto_renews": None,
    "renewal_date": None,
    "page_url": None,
    "captured_from": "manual",
    "reason": None,
    "policy": {"rule_id": None, "window_days": None, "deadline": None},
    "status": "captured",
    "status_history": [],
    "communications": [],
    "follow_up_on": None,
    "refund": None,
    "archived_at": None,
}


def make_case(**fields: Any) -> dict[str, Any]:
    """A stored case with every field present; ``rule_id=`` sets policy.rule_id."""
    case = copy.deepcopy(_BLANK_CASE)
    rule_id = fields.pop("rule_id", None)
    case.update(fields)
    if rule_id is not None:
        case["policy"] = {**case["policy"], "rule_id": rule_id}
    return case


def trend_case(**fields: Any) -> dict[str, Any]:
    """The "done" scenario: Trend Micro bought on the Digital River store."""
    base = dict(
        vendor={"name": "Trend Micro", "domain": "trendmicro.com"},
        seller={"name": "Digital River", "domain": "digitalriver.com"},
        purchase_source="reseller",
        product="Trend Micro Maximum Security - 1 Year / 5 Devices",
        plan="1 Year / 5 Devices",
        plan_term="annual",
        charge_type="new",
        order_number="16739482210",
        order_date="2026-11-20",
        amount="49.95",
        currency="USD",
        account_email="jane.doe@example.com",
        payment_method="Visa ending in 4417",
        auto_renews=True,
        renewal_date="2027-11-20",
        page_url=TREND_URL,
        captured_from="extension",
        rule_id="trend-micro",
    )
    base.update(fields)
    return make_case(**base)


def comms() -> list[dict[str, Any]]:
    return [
        {
            "id": "c1",
            "at": "2026-11-21T09:10:00+00:00",
            "channel": "web_form",
            "direction": "outbound",
            "summary": "Requested a return on findmyorder.com",
            "body": None,
            "reference": "RMA-5521",
            "contact": "Digital River",
        },
        {
            "id": "c2",
            "at": "2026-11-22T17:45:00+00:00",
            "channel": "email",
            "direction": "inbound",
            "summary": "Request received, ticket opened",
            "body": "We received your request.\nTicket TMC-20261122-0042.",
            "reference": "TMC-20261122-0042",
            "contact": "support@digitalriver.com",
        },
        {
            "id": "c3",
            "at": "2026-11-30T18:00:00+00:00",
            "channel": "note",
            "direction": "none",
            "summary": "Remember to check the card statement",
            "body": None,
            "reference": None,
            "contact": None,
        },
        {
            "id": "c4",
            "at": "2026-12-02T16:30:00+00:00",
            "channel": "phone",
            "direction": "outbound",
            "summary": "Called support, was told to wait",
            "body": None,
            "reference": None,
            "contact": "Maria at Trend Micro support",
        },
    ]


def history() -> list[dict[str, Any]]:
    return [
        {"at": "2026-11-20T18:00:00+00:00", "from": None, "to": "captured", "note": None},
        {"at": "2026-11-21T09:12:00+00:00", "from": "captured", "to": "requested", "note": None},
        {
            "at": "2026-11-22T17:50:00+00:00",
            "from": "requested",
            "to": "acknowledged",
            "note": "Ticket TMC-20261122-0042",
        },
        {
            "at": "2026-12-05T02:00:00+00:00",
            "from": "acknowledged",
            "to": "denied",
            "note": "Agent said the product was already activated",
        },
    ]


def full_case(**fields: Any) -> dict[str, Any]:
    """The done scenario worked to a denial: contacts logged, status history, a reason."""
    base = dict(
        reason="The software slows my computer down and I no longer need it",
        statement_date="2026-12-03",
        communications=comms(),
        status_history=history(),
        status="denied",
        follow_up_on="2026-12-02",
    )
    base.update(fields)
    return trend_case(**base)
