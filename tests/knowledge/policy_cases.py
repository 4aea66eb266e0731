"""Case builders shared by the refund-knowledge tests."""

from __future__ import annotations

import copy
from typing import Any

TREND_URL = ("https://store.trendmicro.com/DRHM/store?Action=ThankYouPage&SiteID=trendmicro"
             "&Locale=en_US")
US = {"country": "US", "region": None, "locale": "en-US"}

_BLANK_CASE: dict[str, Any] = {
    "id": "01JDXCASE0000000000000000",
    "created_at": "2026-11-20T10:00:00+00:00",
    "updated_at": "2026-11-20T10:00:00+00:00",
    "vendor": None, "seller": None, "purchase_source": None,
    "product": None, "plan": None, "plan_term": None, "charge_type": None,
    "order_number": None, "order_date": None, "delivery_date": None, "statement_date": None,
    "amount": None, "currency": None, "account_email": None, "payment_method": None,
    "auto_renews": None, "renewal_date": None, "page_url": None,
    "captured_from": "manual", "reason": None,
    "policy": {"rule_id": None, "window_days": None, "deadline": None},
    "status": "captured", "status_history": [], "communications": [],
    "follow_up_on": None, "refund": None, "archived_at": None,
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
        plan="1 Year / 5 Devices", plan_term="annual", charge_type="new",
        order_number="16739482210", order_date="2026-11-20",
        amount="49.95", currency="USD", account_email="jane.doe@example.com",
        payment_method="Visa ending in 4417", auto_renews=True, renewal_date="2027-11-20",
        page_url=TREND_URL, captured_from="extension", rule_id="trend-micro",
    )
    base.update(fields)
    return make_case(**base)
