"""The acceptance path, by keyboard alone: a new user with a few captured cases sees which refund
closes first, opens it, logs a phone call with a reference number, marks it requested, copies
the request text and sees the follow-up date appear."""

from __future__ import annotations

from tui.screens.case_detail import CaseScreen
from tui.screens.forms import LogForm, TemplatesScreen

from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded

CAPTURES = [
    {"capture_id": "c1", "page_url": "https://store.trendmicro.com/DRHM/store?Action=ThankYouPage",
     "order_number": "16739482210", "order_date": "2026-11-20", "amount": "49.95", "currency": "USD",
     "product": "Maximum Security - 1 Year / 5 Devices", "account_email": "jordan@example.com",
     "merchant_name": "Trend Micro", "seller_name": "Digital River"},
    {"capture_id": "c2", "page_url": "https://www.bitdefender.com/checkout/thanks",
     "order_number": "BD-1", "order_date": "2026-10-30", "amount": "39.98", "currency": "EUR",
     "product": "Bitdefender Total Security", "merchant_name": "Bitdefender"},
    {"capture_id": "c3", "page_url": "https://www.avast.com/order-confirmation",
     "order_number": "AV-1", "order_date": "2026-11-10", "amount": "69.99", "currency": "USD",
     "product": "Avast One", "merchant_name": "Avast"},
]


async def test_a_new_user_works_the_first_case_by_keyboard(empty_server):
    for capture in CAPTURES:
        empty_server.call("POST", "/api/v1/captures", capture)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        # Which refund closes first: the top row, and the header says how many close soon.
        first = rows_shown(app)[0]
        assert first["product"] == "Bitdefender Total Security" and first["days_left"] == 3
        assert "1 refund window closes within 7 days" in screen_text(app)

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        assert "Bitdefender" in screen_text(app) and "3 days left" in screen_text(app)

        # Log the phone call: phone and "I contacted them" are already chosen.
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm))
        await pilot.press("tab", "tab", "tab")  # channel -> direction -> when -> reference
        await pilot.press(*"BD-77")
        await pilot.press("tab", "tab")  # -> contact -> summary
        await pilot.press(*"Refund asked", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen), message="the form to close")

        case = empty_server.case(first["id"])
        assert case["status"] == "requested"
        assert case["communications"][-1]["reference"] == "BD-77"
        assert case["communications"][-1]["channel"] == "phone"

        # The request text, copied.
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TemplatesScreen) and app.screen.text)
        await pilot.press("1", "c")
        await wait_for(pilot, lambda: app.screen.kind == "request" and app.clipboard == app.screen.text)
        assert "BD-1" in app.clipboard
        await pilot.press("escape")

        # The follow-up date the server set is on screen.
        follow_up = case["follow_up_on"]
        assert follow_up is not None
        await wait_for(pilot, lambda: "Follow up" in screen_text(app) and "Refund requested" in screen_text(app))
        from tui.formatting import long_date

        assert long_date(follow_up) in screen_text(app)
