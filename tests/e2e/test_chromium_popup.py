"""What the popup tells the user before they track: who refunds (or that nobody is named yet),
and the order's line items it will track with the order."""

from __future__ import annotations

import json

import pytest

from .dates import moved
from .harness import pair_through_options
from .orders import TREND_MICRO, TREND_MICRO_SHOP

pytestmark = pytest.mark.browser

BLOG_PAGE = "/shop/not-order-blog-refund-guide.html"


async def test_a_page_naming_no_shop_says_who_refunds_is_unknown_not_its_address(chromium, server, website):
    await pair_through_options(chromium, server)
    blog = await chromium.open(website.url(BLOG_PAGE))  # served from 127.0.0.1, names no shop
    popup, _ = await chromium.open_popup_for(blog)
    await popup.get_by_text("This page does not look like an order confirmation").wait_for()

    await popup.get_by_label("Product").fill("Garden hose")
    await popup.get_by_label("Order date").fill(moved("2026-11-20"))
    await popup.get_by_text("Who refunds: unknown — add the shop or seller").wait_for()
    assert await popup.get_by_text("Refunds by 127.0.0.1").count() == 0

    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    await popup.get_by_text("Who refunds: unknown — add the shop or seller.").wait_for()
    [case] = await server.cases()
    assert case["who_refunds"]["name"] is None

    # Naming the shop names who refunds.
    await popup.get_by_label("Shop").fill("Garden Shop Ltd")
    await popup.get_by_text("Refunds by Garden Shop Ltd").wait_for()
    await popup.close()


# Known items whatever the extractor lists (it does not list them everywhere yet): this puts
# them in its answer, in the popup only (the page and the extractor are untouched). The answer
# is the extraction itself or wraps it ({result, ...}): either is found by its `found` key.
ITEMS = [
    {"name": f"Part {n}", "variant": "Blue" if n == 1 else None, "quantity": n, "price": f"{n}.00"}
    for n in range(1, 8)
]
# The first is the page's own product, "<name> - <variant>", at the order's amount.
NAME, VARIANT = TREND_MICRO["product"].split(" - ")
ITEMS[0] = {"name": NAME, "variant": VARIANT, "quantity": 1, "price": TREND_MICRO["amount"]}
WITH_ITEMS = """
(() => {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/popup.html')) return;
  const items = %s;
  const real = chrome.scripting.executeScript.bind(chrome.scripting);
  chrome.scripting.executeScript = async (details) => {
    const answer = await real(details);
    const given = answer && answer[0] ? answer[0].result : null;
    const extraction = given && typeof given === 'object' && !('found' in given) ? given.result : given;
    if (extraction && typeof extraction === 'object' && 'found' in extraction) extraction.items = items;
    return answer;
  };
})();
"""


async def test_the_popup_shows_the_items_it_tracks_and_keeps_them_through_edits(chromium, server, website):
    await pair_through_options(chromium, server)
    await chromium.context.add_init_script(WITH_ITEMS % json.dumps(ITEMS))
    shop = await chromium.open(website.url(TREND_MICRO_SHOP))
    popup, _ = await chromium.open_popup_for(shop)
    await popup.get_by_text("Found an order on this page").wait_for()

    items = popup.get_by_role("region", name="Items")
    await items.wait_for()
    lines = await items.get_by_role("listitem").all_inner_texts()
    assert lines == [
        f"1 × {NAME} — {VARIANT} · {TREND_MICRO['amount']}",
        "2 × Part 2 · 2.00",
        "3 × Part 3 · 3.00",
        "4 × Part 4 · 4.00",
        "5 × Part 5 · 5.00",
        "and 2 more",
    ]

    await popup.get_by_label("Why you want a refund").fill("Does not run on my laptop")
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    [case] = await server.cases()
    assert case["items"] == ITEMS
    assert case["reason"] == "Does not run on my laptop"
    await popup.close()
