"""Learning from a correction, in Chromium: on a shop whose order number the extractor reads wrong
(it takes the "Kundennummer" for it, the order's own number is the "Vorgang"), the user corrects it
in the popup and tracks the order; on the next order page of the same shop the popup reads the
right number by itself. The settings list what was learnt, export it as a file, import it again
and remove it, after which the page is read wrong again. Nothing of it reaches the server."""

from __future__ import annotations

import json

import pytest

from .dates import moved
from .harness import pair_through_options

pytestmark = pytest.mark.browser

PAGE_A = "/pages/learn-shop-order-a.html"
PAGE_B = "/pages/learn-shop-order-b.html"
WRONG = "K-4471123"  # the customer number, which the extractor takes for the order number
SITE = "127.0.0.1"  # the test shop's site (an IP address is its own site)
USED = "Using what you corrected on this site before: order number."


async def read_in_popup(chromium, website, path):
    """The popup on a new tab showing `path` (the harness finds a tab by its address: close both after)."""
    shop = await chromium.open(website.url(path))
    popup, _ = await chromium.open_popup_for(shop)
    await popup.get_by_text("Found an order on this page").wait_for()
    return shop, popup


async def close(*pages):
    for page in pages:
        await page.close()


async def test_a_corrected_order_number_is_read_right_on_the_next_order_page(
    chromium, server, website, tmp_path
):
    await pair_through_options(chromium, server)

    # Page A: read wrong; the user corrects it and tracks the order.
    shop_a, popup = await read_in_popup(chromium, website, PAGE_A)
    number = popup.get_by_label("Order number")
    assert await number.input_value() == WRONG
    assert await popup.get_by_label("Order date").input_value() == moved("2026-11-20")
    assert await popup.get_by_text("Using what you corrected").count() == 0
    await number.fill("VG-2026-0412")
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    await popup.get_by_text(f"Learnt for {SITE}: where the order number stands on its pages").wait_for()
    [case] = await server.cases()
    assert case["order_number"] == "VG-2026-0412"
    await close(popup, shop_a)

    # The rule is in the extension's local storage, never synced, and nothing of it went to the server.
    stored = await chromium.evaluate_in_worker(
        "async () => (await chrome.storage.local.get('learned_fields')).learned_fields"
    )
    assert list(stored) == [SITE]
    [rule] = stored[SITE]
    assert rule["field"] == "order_number"
    assert rule["anchor"] == {"kind": "label", "relation": "next_cell", "label": "vorgang"}
    assert rule["example"] == "VG-2026-0412"
    assert (
        await chromium.evaluate_in_worker("async () => Object.keys(await chrome.storage.sync.get(null))")
        == []
    )
    on_server = json.dumps(await server.snapshot())
    assert "learned_fields" not in on_server and '"anchor"' not in on_server

    # Page B of the same shop, another order: its own number, read where the correction showed.
    shop, popup = await read_in_popup(chromium, website, PAGE_B)
    assert await popup.get_by_label("Order number").input_value() == "VG-2026-0587"
    await popup.get_by_text(USED).wait_for()
    # The other fields are the extractor's, as before.
    assert await popup.get_by_label("Order date").input_value() == moved("2026-11-23")
    assert await popup.get_by_label("Amount").input_value() == "31.90"
    assert await popup.get_by_label("Currency").input_value() == "EUR"
    await close(popup, shop)

    # The settings list it, in words.
    options = await chromium.open_extension_page("src/options/options.html")
    learnt = options.get_by_role("region", name=f"Learnt on {SITE}")
    await learnt.get_by_role("heading", name=SITE).wait_for()
    row = learnt.get_by_role("row").filter(has_text="Order number")
    cells = await row.get_by_role("cell").all_inner_texts()
    assert cells[:3] == ["Order number", "next to “vorgang”", "VG-2026-0412"] and cells[4] == "Remove"
    assert cells[3]  # when it was learnt (today, in the browser's locale)

    # Exported as a file.
    async with options.expect_download() as download_info:
        await options.get_by_role("button", name="Export as a file").click()
    download = await download_info.value
    assert download.suggested_filename.startswith("refund-tracker-learned-fields-")
    exported = tmp_path / "learned.json"
    await download.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "refund-tracker-learned-fields" and data["version"] == 1
    assert [r["example"] for r in data["sites"][SITE]] == ["VG-2026-0412"]
    await options.get_by_text("Exported 1 learnt field of 1 site.").wait_for()

    # Removed: page B is read wrong again.
    await options.get_by_role("button", name=f"Remove what was learnt for the order number on {SITE}").click()
    await options.get_by_text("Nothing learnt yet.").wait_for()
    assert (
        await chromium.evaluate_in_worker(
            "async () => (await chrome.storage.local.get('learned_fields')).learned_fields"
        )
        == {}
    )
    shop, popup = await read_in_popup(chromium, website, PAGE_B)
    assert await popup.get_by_label("Order number").input_value() == WRONG
    assert await popup.get_by_text("Using what you corrected").count() == 0
    await close(popup, shop)

    # Imported from the file: read right again; then everything of the site forgotten at once.
    await options.locator("#learned-import").set_input_files(str(exported))
    await options.get_by_text("Imported 1 learnt field for 1 site.").wait_for()
    shop, popup = await read_in_popup(chromium, website, PAGE_B)
    assert await popup.get_by_label("Order number").input_value() == "VG-2026-0587"
    await popup.get_by_text(USED).wait_for()
    await close(popup, shop)
    forget = options.get_by_role("button", name=f"Forget everything learnt on {SITE}")
    await forget.click()
    await options.get_by_text(f"Really forget all 1 for {SITE}?").wait_for()
    await forget.click()
    await options.get_by_text(f"Forgot everything learnt on {SITE}.").wait_for()
    await options.get_by_text("Nothing learnt yet.").wait_for()
    await options.close()


async def test_an_unchanged_field_teaches_nothing(chromium, server, website):
    await pair_through_options(chromium, server)
    _, popup = await read_in_popup(chromium, website, PAGE_A)
    await popup.get_by_label("Why you want a refund").fill("Bought twice")
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    assert await popup.get_by_text("Learnt for").count() == 0
    assert (
        await chromium.evaluate_in_worker(
            "async () => (await chrome.storage.local.get('learned_fields')).learned_fields ?? null"
        )
        is None
    )
