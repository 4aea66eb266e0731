"""The case screen's "What was bought": the order's line items under the facts, at most a few
lines, and who refunds when nothing on the order page (or the case) names the shop."""

from __future__ import annotations

from tui.screens.case_detail import CaseScreen

from .helpers import make_app, screen_text, wait_for, wait_loaded

ORDER = {
    "capture_id": "items-1",
    "page_url": "https://shop.northwind-home.example/order/thanks",
    "order_number": "NW-5512",
    "order_date": "2026-11-20",
    "amount": "310.50",
    "currency": "EUR",
    "product": "Merino Wool Throw Blanket",
    "merchant_name": "Northwind Home",
}


async def open_case(app, pilot, case_id: str) -> CaseScreen:
    await wait_loaded(pilot)
    screen = CaseScreen(case_id)
    await app.push_screen(screen)
    await wait_for(pilot, lambda: screen.case is not None, message="the case")
    await pilot.pause()
    return screen


async def test_the_items_are_shown_with_quantity_variant_and_price(empty_server):
    case = empty_server.call(
        "POST",
        "/api/v1/captures",
        {
            **ORDER,
            "items": [
                {
                    "name": "Merino Wool Throw Blanket",
                    "variant": "Charcoal / Queen",
                    "quantity": 2,
                    "price": "98.00",
                },
                {"name": "Linen Pillow Cover", "quantity": 1.5, "price": "24.50"},
                {"name": "Gift wrap"},
            ],
        },
    )["case"]
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        await open_case(app, pilot, case["id"])
        text = screen_text(app)
        assert "What was bought" in text
        lines = [line for line in text.splitlines() if "×" in line or "Gift wrap" in line]
        assert len(lines) == 3, text
        assert "2 ×" in lines[0] and "Merino Wool Throw Blanket" in lines[0]
        assert "Charcoal / Queen" in lines[0] and "98.00 EUR" in lines[0]
        assert "1.5 ×" in lines[1] and "24.50 EUR" in lines[1]
        assert "more" not in text.split("What was bought", 1)[1].split("Who refunds", 1)[0]
        # Under the facts, before who refunds.
        assert text.index("Order #") < text.index("What was bought") < text.index("Who refunds")


async def test_many_items_take_eight_lines_and_say_how_many_more(empty_server):
    items = [{"name": f"Spare part {n:02d}", "quantity": 1, "price": "1.00"} for n in range(1, 31)]
    case = empty_server.call("POST", "/api/v1/captures", {**ORDER, "items": items})["case"]
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        await open_case(app, pilot, case["id"])
        block = screen_text(app).split("What was bought", 1)[1].split("Who refunds", 1)[0]
        shown = [line.strip() for line in block.splitlines() if line.strip()]
        assert len(shown) == 8, block
        assert "Spare part 01" in shown[0] and "Spare part 07" in shown[6]
        assert "Spare part 08" not in block
        assert shown[7].startswith("and 23 more")


async def test_a_case_without_items_has_no_such_section(empty_server):
    case = empty_server.call("POST", "/api/v1/captures", ORDER)["case"]
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await open_case(app, pilot, case["id"])
        assert "What was bought" not in screen_text(app)
        # Items arriving later (another capture of the order) show up in place.
        empty_server.call(
            "POST",
            "/api/v1/captures",
            {**ORDER, "capture_id": "items-2", "items": [{"name": "Linen Pillow Cover"}]},
        )
        await wait_for(pilot, lambda: (screen.case or {}).get("items"), message="the items")
        await pilot.pause()
        assert "What was bought" in screen_text(app) and "Linen Pillow Cover" in screen_text(app)


async def test_who_refunds_is_not_known_when_the_page_named_no_shop(empty_server):
    case = empty_server.call(
        "POST",
        "/api/v1/captures",
        {
            "capture_id": "unnamed",
            "page_url": "http://127.0.0.1:8123/shop/order.html",
            "order_number": "A-1",
            "order_date": "2026-11-20",
            "product": "Garden hose",
        },
    )["case"]
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        await open_case(app, pilot, case["id"])
        who = screen_text(app).split("Who refunds", 1)[1].split("Deadlines", 1)[0]
        assert "Unknown —" in who and "add the shop's or seller's name" in who
        assert "127.0.0.1 sold it" not in who and "Refunds by" not in who


async def test_who_refunds_without_vendor_or_seller_says_how_to_add_one(empty_server):
    """The server names no one (the case names neither): the screen guesses nobody either."""
    made = empty_server.call("POST", "/api/v1/cases", {"product": "Garden hose", "order_number": "A-2"})
    case = empty_server.case(made["case"]["id"])
    assert case["who_refunds"] is None
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        await open_case(app, pilot, case["id"])
        who = screen_text(app).split("Who refunds", 1)[1].split("Deadlines", 1)[0]
        assert "Unknown: add the vendor or seller with e (edit)." in who
        assert "inferred" not in who
