"""A user's path in Chromium: pair in the settings, open an order page, check the fields and the
deadline in the popup, press Track, and find the case on the server."""

from __future__ import annotations

import pytest

from .dates import moved, shown
from .harness import pair_through_options, set_port_in_options, wait_for
from .orders import TREND_MICRO, TREND_MICRO_SHOP

pytestmark = pytest.mark.browser

# Ordered 6 days before today (the page's dates move with the clock): 30 days to ask, 24 left.
DEADLINE = moved("2026-12-20")
DEADLINE_SHOWN = shown(DEADLINE)
# The popup's fields and what each must hold on the Trend Micro page.
FORM_FIELDS = {
    "Order number": "order_number",
    "Order date": "order_date",
    "Amount": "amount",
    "Currency": "currency",
    "Seller": "seller_name",
    "Product": "product",
}


async def test_pair_capture_and_find_the_case(chromium, server, website):
    await pair_through_options(chromium, server)
    status, clients = await server.api("GET", "/api/v1/clients")
    assert [c["name"] for c in clients["clients"] if c["kind"] == "extension"] == ["Test Chromium"]

    shop = await chromium.open(website.url(TREND_MICRO_SHOP))
    popup, tab_id = await chromium.open_popup_for(shop)

    await popup.get_by_text("Found an order on this page").wait_for()
    for label, field in FORM_FIELDS.items():
        assert await popup.get_by_label(label).input_value() == TREND_MICRO[field], label
    # The deadline the server would give, before anything is saved.
    await popup.get_by_text(f"Refundable until {DEADLINE_SHOWN}, 24 days left").wait_for()
    await popup.get_by_text(f"Refunds by {TREND_MICRO['seller_name']}").wait_for()
    assert await server.cases() == []

    # The user corrects a field, then tracks.
    await popup.get_by_label("Why you want a refund").fill("Does not run on my laptop")
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()

    [case] = await server.cases()
    assert case["order_number"] == TREND_MICRO["order_number"]
    assert (case["amount"], case["currency"]) == (TREND_MICRO["amount"], TREND_MICRO["currency"])
    assert case["reason"] == "Does not run on my laptop"
    assert case["captured_from"] == "extension"
    assert case["deadline"] == DEADLINE and case["days_left"] == 24
    assert case["page_url"] == website.url(TREND_MICRO_SHOP)
    assert len(case["captures"]) == 1

    # The site now has an open case: the popup lists it and the tab's badge shows the days left.
    await popup.get_by_role("heading", name="Open cases on this site").wait_for()
    assert await wait_for(lambda: _badge_is(chromium, tab_id, "24d"), what="the 24d badge")
    # Another page of the site, popup not opened: the worker sees it load and shows the badge too.
    chat = await chromium.open(website.url("/pages/support-chat.html"))
    chat_tab = await chromium.tab_id(chat.url)
    assert await wait_for(
        lambda: _badge_is(chromium, chat_tab, "24d"), what="the badge on another page of the site"
    )
    title = await chromium.evaluate_in_worker(f"() => chrome.action.getTitle({{tabId: {chat_tab}}})")
    assert title == f"Refund Tracker: open case here, refundable until {DEADLINE_SHOWN}, 24 days left"
    assert await chromium.badge() == ""

    # Tracking the same order again (a new capture) merges into the same case.
    await popup.get_by_label("Amount").fill(TREND_MICRO["amount"])
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Already tracked: this order's case was updated").wait_for()
    [case] = await server.cases()
    assert len(case["captures"]) == 2
    await popup.close()


async def _badge_is(chromium, tab_id, text):
    return await chromium.badge(tab_id) == text


async def test_a_page_that_is_not_an_order_can_still_be_tracked_by_hand(chromium, server, website):
    await pair_through_options(chromium, server)
    blog = await chromium.open(website.url("/shop/not-order-blog-refund-guide.html"))
    popup, _ = await chromium.open_popup_for(blog)
    await popup.get_by_text("This page does not look like an order confirmation").wait_for()
    assert await popup.get_by_label("Order number").input_value() == ""

    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Fill in at least the product, shop or order number.").wait_for()
    assert await server.cases() == []

    await popup.get_by_label("Product").fill("Norton 360 Deluxe")
    await popup.get_by_label("Order date").fill(moved("2026-11-20"))
    await popup.get_by_label("Amount").fill("89,99")
    await popup.get_by_label("Currency").fill("aud")
    await popup.get_by_text("Refundable until").wait_for()
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    [case] = await server.cases()
    assert (case["product"], case["amount"], case["currency"]) == ("Norton 360 Deluxe", "89.99", "AUD")
    assert case["captures"][0]["source"] == "manual"


async def test_the_popup_says_what_to_do_when_unpaired_or_the_server_is_down(chromium, server, website):
    shop = await chromium.open(website.url(TREND_MICRO_SHOP))
    popup, _ = await chromium.open_popup_for(shop)
    # Nothing on the default port here.
    await popup.get_by_text("Refund Tracker is not running on port 41731").wait_for()
    await popup.close()

    options = await chromium.open_extension_page("src/options/options.html")
    await set_port_in_options(options, server.port)
    await options.get_by_text("this browser is not paired yet").wait_for()
    await options.close()
    popup, _ = await chromium.open_popup_for(shop)
    await popup.get_by_text("this browser is not paired yet").wait_for()
    await popup.get_by_text(
        "The refund deadline is shown once Refund Tracker is running and paired."
    ).wait_for()
    await popup.get_by_role("button", name="Open settings to pair").wait_for()
    await popup.close()

    await pair_through_options(chromium, server)
    await server.stop()
    popup, _ = await chromium.open_popup_for(shop)
    await popup.get_by_text("Refund Tracker is not running on port").wait_for()
    await popup.get_by_text("Start Refund Tracker: run refunds").wait_for()
    await server.start()


async def test_a_capture_the_server_refuses_is_shown_and_kept_until_fixed(chromium, server, website):
    await pair_through_options(chromium, server)
    shop = await chromium.open(website.url(TREND_MICRO_SHOP))
    popup, _ = await chromium.open_popup_for(shop)
    await popup.get_by_text("Found an order on this page").wait_for()
    # Three letters, so the popup lets it through; not a currency, so the server refuses it.
    await popup.get_by_label("Currency").fill("XYZ")
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text(
        "Refund Tracker refused this capture: currency: 'XYZ' is not an ISO 4217"
    ).wait_for()
    assert await popup.get_by_label("Currency").get_attribute("aria-invalid") == "true"
    assert await server.cases() == []
    # Kept, marked for the user, not retried.
    await popup.get_by_role("heading", name="Not sent yet").wait_for()
    await popup.get_by_text("Refused by Refund Tracker").wait_for()
    assert await chromium.badge() == "1"
    assert await chromium.evaluate_in_worker("() => chrome.alarms.get('outbox-retry')") is None

    await popup.get_by_label("Currency").fill(TREND_MICRO["currency"])
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    [case] = await server.cases()
    assert case["currency"] == TREND_MICRO["currency"]
    await popup.get_by_role("heading", name="Not sent yet").wait_for(state="hidden")
    assert await wait_for(lambda: _global_badge_is(chromium, ""), what="the badge to clear")


async def _global_badge_is(chromium, text):
    return await chromium.badge() == text
