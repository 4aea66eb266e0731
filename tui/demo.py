"""`refunds --demo`: a throwaway data dir seeded through the API with cases in every state,
so a newcomer sees the product working. Dates are counted back from the server's today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from .api import ApiClient


def _day(today: date, days_ago: int) -> str:
    return (today - timedelta(days=days_ago)).isoformat()


def _at(today: date, days_ago: int, hour: int, minute: int = 0) -> str:
    moment = datetime.combine(today - timedelta(days=days_ago), time(hour, minute)).astimezone()
    return moment.isoformat()


async def _asked_for_refund(api: ApiClient, case_id: str, contact: dict[str, Any]) -> None:
    """The refund request the user made (an outbound ``contact``): logged, and the case requested."""
    await api.log_communication(case_id, {**contact, "direction": "outbound"})
    await api.patch_case(case_id, {"status": "requested"})


async def seed_demo(api: ApiClient) -> None:
    today = date.fromisoformat((await api.health())["today"])
    d = lambda n: _day(today, n)  # noqa: E731 - reads better below
    at = lambda n, h, m=0: _at(today, n, h, m)  # noqa: E731 - as d above

    # Just captured by the extension: a Trend Micro subscription sold through Digital River.
    await api.capture(
        {
            "capture_id": "demo-trend-micro",
            "page_url": "https://store.trendmicro.com/DRHM/store?Action=ThankYouPage&SiteID=trendmicro",
            "page_title": "Thank You for Your Order | Trend Micro Online Store",
            "order_number": "16739482210",
            "order_date": d(2),
            "amount": "49.95",
            "currency": "USD",
            "product": "Maximum Security - 1 Year / 5 Devices",
            "account_email": "jordan.lee@example.com",
            "payment_method": "Visa ending 4242",
            "auto_renews": True,
            "renewal_date": (today + timedelta(days=363)).isoformat(),
            "merchant_name": "Trend Micro",
            "seller_name": "Digital River",
            "source": "site:digitalriver",
            "confidence": 0.95,
            "items": [
                {
                    "name": "Trend Micro Maximum Security",
                    "variant": "1 Year / 5 Devices",
                    "quantity": 1,
                    "price": "39.95",
                },
                {
                    "name": "Extended Download Service",
                    "variant": "24 months",
                    "quantity": 1,
                    "price": "10.00",
                },
            ],
        }
    )

    # Two days left and nothing asked yet: the first thing the board shows.
    await api.capture(
        {
            "capture_id": "demo-avast",
            "page_url": "https://www.avast.com/order-confirmation",
            "order_number": "AVS-20417755",
            "order_date": d(28),
            "amount": "69.99",
            "currency": "USD",
            "product": "Avast One Individual - 1 year",
            "account_email": "jordan.lee@example.com",
            "merchant_name": "Avast",
            "auto_renews": True,
            "source": "jsonld",
            "confidence": 0.8,
        }
    )

    # A Norton renewal: refund requested by phone, with the call's reference number.
    norton = await api.capture(
        {
            "capture_id": "demo-norton",
            "page_url": "https://my.norton.com/extspa/orders",
            "order_number": "NRT-1180552",
            "order_date": d(55),
            "amount": "109.99",
            "currency": "USD",
            "product": "Norton 360 Deluxe - annual renewal",
            "account_email": "jordan.lee@example.com",
            "payment_method": "Mastercard ending 5100",
            "merchant_name": "Norton",
            "auto_renews": True,
            "reason": "Renewed automatically; I had moved to another product.",
            "source": "site:norton",
            "confidence": 0.9,
        }
    )
    await api.log_communication(
        norton["id"],
        {
            "channel": "phone",
            "direction": "outbound",
            "at": at(1, 10, 42),
            "summary": "Asked for a refund of the auto-renewal; agent opened a refund case",
            "reference": "NRT-58213907",
            "contact": "Priya, Norton billing (+1 844 488 4540)",
            "body": "Waited 12 minutes. Agent confirmed the renewal was within 60 days and opened a refund "
            "case. Said 5-7 business days; email confirmation to follow.",
        },
    )
    await api.patch_case(norton["id"], {"charge_type": "renewal", "plan_term": "annual"})
    await api.patch_case(norton["id"], {"status": "requested", "status_note": "By phone, ref NRT-58213907"})

    # Bitdefender via 2Checkout: requested with the web form, acknowledged by email.
    bitdefender = await api.capture(
        {
            "capture_id": "demo-bitdefender",
            "page_url": "https://secure.2checkout.com/order/finish.php",
            "order_number": "240981177",
            "order_date": d(20),
            "amount": "39.98",
            "currency": "EUR",
            "product": "Bitdefender Total Security - 5 devices",
            "account_email": "jordan.lee@example.com",
            "merchant_name": "Bitdefender",
            "seller_name": "2Checkout",
            "payment_method": "PayPal",
            "reason": "Bought the wrong edition.",
            "source": "site:2checkout",
            "confidence": 0.85,
            "items": [
                {
                    "name": "Bitdefender Total Security",
                    "variant": "5 devices · 1 year",
                    "quantity": 1,
                    "price": "29.99",
                },
                {"name": "Bitdefender Premium VPN", "variant": "1 year", "quantity": 1, "price": "9.99"},
            ],
        }
    )
    await _asked_for_refund(
        api,
        bitdefender["id"],
        {
            "channel": "web_form",
            "at": at(6, 19, 5),
            "summary": "Refund request sent through 2Checkout's order support form",
        },
    )
    await api.log_communication(
        bitdefender["id"],
        {
            "channel": "email",
            "direction": "inbound",
            "at": at(5, 8, 31),
            "reference": "BD-4471925",
            "summary": "2Checkout confirmed the request; refund to be processed within 5 business days",
            "contact": "support@2checkout.com",
        },
    )
    await api.patch_case(bitdefender["id"], {"status": "acknowledged", "status_note": "Ticket BD-4471925"})

    # Adobe: refused in chat (outside the 14-day window); the next step is the card issuer.
    adobe = await api.create_case(
        {
            "vendor": {"name": "Adobe", "domain": "adobe.com"},
            "product": "Creative Cloud Photography plan",
            "order_number": "AD0194455182",
            "order_date": d(25),
            "amount": "239.88",
            "currency": "USD",
            "account_email": "jordan.lee@example.com",
            "payment_method": "Visa ending 4242",
            "purchase_source": "direct",
            "reason": "Annual plan bought by mistake instead of monthly.",
        }
    )
    await _asked_for_refund(
        api,
        adobe["id"],
        {
            "channel": "chat",
            "at": at(10, 16, 2),
            "reference": "CHAT-77310",
            "summary": "Chat: agent refused, annual plan past 14 days; offered to switch to monthly",
            "body": "16:02 Me: I'd like a refund for my annual plan, bought by mistake.\n"
            "16:04 Agent (Marco): I see the order AD0194455182.\n"
            "16:07 Agent (Marco): Annual plans can be cancelled with a full refund within 14 days.\n"
            "16:08 Agent (Marco): I can switch you to monthly billing instead.\n"
            "16:09 Me: Please note that I asked for a refund today.\n"
            "16:10 Agent (Marco): Noted on case CHAT-77310.",
        },
    )
    await api.patch_case(
        adobe["id"],
        {
            "status": "denied",
            "status_note": "Refused in chat CHAT-77310",
            "follow_up_on": (today + timedelta(days=2)).isoformat(),
        },
    )

    # Money back: the whole way through.
    malwarebytes = await api.capture(
        {
            "capture_id": "demo-malwarebytes",
            "page_url": "https://www.malwarebytes.com/checkout/thank-you",
            "order_number": "MB-88120934",
            "order_date": d(15),
            "amount": "44.99",
            "currency": "USD",
            "product": "Malwarebytes Premium - 1 year",
            "merchant_name": "Malwarebytes",
            "account_email": "jordan.lee@example.com",
            "source": "jsonld",
            "confidence": 0.9,
        }
    )
    await _asked_for_refund(
        api,
        malwarebytes["id"],
        {
            "channel": "email",
            "at": at(12, 9, 15),
            "summary": "Asked for a refund by email",
        },
    )
    await api.patch_case(
        malwarebytes["id"],
        {"status": "refunded", "refund": {"amount": "44.99", "date": d(4), "method": "original card"}},
    )

    # Never asked, and the window has closed.
    await api.create_case(
        {
            "vendor": {"name": "McAfee", "domain": "mcafee.com"},
            "product": "Total Protection - 1 year",
            "order_number": "MCA-5520193",
            "order_date": d(45),
            "amount": "89.99",
            "currency": "USD",
            "account_email": "jordan.lee@example.com",
        }
    )
