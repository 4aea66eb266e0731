"""Payloads and small helpers shared by the server tests."""

from __future__ import annotations

import itertools

_ids = itertools.count(1)

TREND_MICRO = {
    "page_url": "https://store.trendmicro.com/DRHM/store?Action=ThankYouPage&SiteID=trendmicro&Locale=en_US",
    "page_title": "Thank You for Your Order | Trend Micro Online Store",
    "order_number": "16739482210",
    "order_date": "2026-11-20",
    "amount": "49.95",
    "currency": "USD",
    "product": "Trend Micro Maximum Security - 1 Year / 5 Devices",
    "account_email": "jordan.lee@example.com",
    "auto_renews": True,
    "renewal_date": "2027-11-20",
    "seller_name": "Digital River",
    "source": "site:digitalriver",
    "confidence": 0.95,
}


def capture(**overrides):
    body = {"capture_id": f"cap-{next(_ids)}", **TREND_MICRO}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


async def post_capture(client, **overrides):
    response = await client.post("/api/v1/captures", json=capture(**overrides))
    return response, await response.json()


async def new_case(client, **overrides) -> dict:
    response, body = await post_capture(client, **overrides)
    assert response.status == 201, body
    return body["case"]
