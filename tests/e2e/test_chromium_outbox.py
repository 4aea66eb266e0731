"""Nothing lost, nothing twice: a capture made while the server is down waits in the extension's
storage and arrives exactly once when the server is back, by the retry alarm or at the next
browser start."""

from __future__ import annotations

import pytest

from .harness import ChromiumWithExtension, pair_through_options, wait_for
from .orders import TREND_MICRO, TREND_MICRO_SHOP

pytestmark = pytest.mark.browser

OUTBOX = """async () => Object.entries(await chrome.storage.local.get(null))
    .filter(([key]) => key.startsWith('outbox/')).map(([, entry]) => entry)"""


async def track_while_server_is_down(chromium, server, website) -> dict:
    await server.stop()
    shop = await chromium.open(website.url(TREND_MICRO_SHOP))
    popup, _ = await chromium.open_popup_for(shop)
    await popup.get_by_text("Refund Tracker is not running on port").wait_for()
    await popup.get_by_text("Found an order on this page").wait_for()
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Saved in the browser, not sent yet.").wait_for()
    await popup.get_by_role("heading", name="Not sent yet").wait_for()
    await popup.close()
    [entry] = await chromium.evaluate_in_worker(OUTBOX)
    assert entry["kind"] == "capture" and entry["state"] == "pending" and entry["attempts"] == 1
    assert entry["last_error"]["kind"] == "offline"
    assert entry["payload"]["order_number"] == TREND_MICRO["order_number"]
    assert await chromium.badge() == "1"
    return entry


async def test_a_capture_made_while_the_server_is_down_arrives_once_by_the_retry_alarm(
    chromium, server, website
):
    await pair_through_options(chromium, server)
    entry = await track_while_server_is_down(chromium, server, website)
    alarm = await chromium.evaluate_in_worker("() => chrome.alarms.get('outbox-retry')")
    assert alarm is not None
    assert abs(alarm["scheduledTime"] - entry["next_attempt_at"]) < 1500
    assert 25_000 <= entry["next_attempt_at"] - entry["created_at"] <= 35_000  # the first retry: 30 s

    await server.start()
    # Nobody opens the popup: the alarm delivers it.
    cases = await wait_for(server.cases, timeout=60, interval=0.5, what="the queued capture to arrive")
    [case] = cases
    assert case["order_number"] == TREND_MICRO["order_number"]
    assert [c["capture_id"] for c in case["captures"]] == [entry["id"]]
    assert await wait_for(lambda: _outbox_empty(chromium), what="the outbox to empty")
    assert await wait_for(lambda: _badge(chromium, ""), what="the badge to clear")
    assert await chromium.evaluate_in_worker("() => chrome.alarms.get('outbox-retry')") is None

    # Sending the same capture again (an acknowledgement lost on the way) changes nothing.
    await chromium.evaluate_in_worker(
        "(entry) => chrome.storage.local.set({['outbox/' + entry.id]: entry})", entry
    )
    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_role("button", name="Send now").click()
    await options.get_by_text("Sent 1 capture.").wait_for()
    [case] = await server.cases()
    assert len(case["captures"]) == 1
    assert await chromium.evaluate_in_worker(OUTBOX) == []


async def test_a_queued_capture_survives_a_browser_restart(
    playwright, chromium_path, tmp_path, server, website
):
    profile = tmp_path / "restart-profile"
    browser = await ChromiumWithExtension(playwright, profile, chromium_path).launch()
    try:
        await pair_through_options(browser, server)
        entry = await track_while_server_is_down(browser, server, website)
    finally:
        await browser.close()

    await server.start()
    assert await server.cases() == []
    browser = await ChromiumWithExtension(playwright, profile, chromium_path).launch()
    try:
        # At start the extension sends what was left waiting.
        [case] = await wait_for(server.cases, timeout=20, interval=0.25, what="the capture after the restart")
        assert [c["capture_id"] for c in case["captures"]] == [entry["id"]]
        assert await wait_for(lambda: _outbox_empty(browser), what="the outbox to empty")
    finally:
        await browser.close()
    assert len((await server.cases())[0]["captures"]) == 1


async def _outbox_empty(chromium):
    return await chromium.evaluate_in_worker(OUTBOX) == []


async def _badge(chromium, text):
    return await chromium.badge() == text
