"""A selection logged to a case goes through the same outbox as a capture: logged while the
server is down it waits in the extension's storage and arrives exactly once; sent again it stays
single; logged to a case the server no longer has, it is kept and shown until the user moves it
to another case."""

from __future__ import annotations

import pytest

from .harness import ChromiumWithExtension, pair_through_options, wait_for
from .test_chromium_selection import CHAT_PAGE, CLICK_MENU, SELECT_TRANSCRIPT, TREND, open_case_here

pytestmark = pytest.mark.browser

OUTBOX = """async () => Object.entries(await chrome.storage.local.get(null))
    .filter(([key]) => key.startsWith('outbox/')).map(([, entry]) => entry)"""
CACHED_CASE_IDS = """async () =>
    Object.keys(((await chrome.storage.local.get('site_cases')).site_cases || {cases: {}}).cases)"""
DRAFTS = (
    "async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('draft/'))"
)


async def paired_with_the_case_known(chromium, server, website) -> dict:
    """An open case on the shop's site, and a paired extension that has listed the open cases."""
    case = await open_case_here(server, website)
    await pair_through_options(chromium, server)  # pairing lists the open cases for badges and the chooser
    await wait_for(lambda: _cached(chromium, case["id"]), what="the extension to know the open case")
    return case


async def open_chooser(chromium, website):
    chat = await chromium.open(website.url(CHAT_PAGE))
    selected = await chat.evaluate(SELECT_TRANSCRIPT)
    tab_id = await chromium.tab_id(chat.url)
    async with chromium.context.expect_page() as opened:
        await chromium.evaluate_in_worker(CLICK_MENU, {"tabId": tab_id, "flat": " ".join(selected.split())})
    chooser = await opened.value
    await chooser.get_by_role("heading", name="Log selection to a refund case").wait_for()
    return chat, chooser


async def test_a_selection_logged_while_the_server_is_down_arrives_once(chromium, server, website):
    case = await paired_with_the_case_known(chromium, server, website)
    await server.stop()

    _, chooser = await open_chooser(chromium, website)
    # The server cannot list the cases: the chooser offers the ones it listed last, this site's first.
    await chooser.get_by_text("Refund Tracker is not running on port").wait_for()
    await chooser.get_by_text("These are the open cases as Refund Tracker last listed them.").wait_for()
    await chooser.get_by_text("1 open case.").wait_for()
    assert await chooser.get_by_role("radio", name=TREND).is_checked()
    await chooser.get_by_label("Reference").fill("RF-88812")
    await chooser.get_by_role("button", name="Log to case").click()
    await chooser.get_by_text("Saved in the browser, not sent yet.").wait_for()
    await chooser.get_by_text(f"It is logged to “{TREND}” once Refund Tracker is running").wait_for()

    [entry] = await chromium.evaluate_in_worker(OUTBOX)
    assert (entry["kind"], entry["state"], entry["attempts"], entry["last_error"]["kind"]) == (
        "communication",
        "pending",
        1,
        "offline",
    )
    assert entry["payload"]["communication_id"] == entry["id"]
    assert entry["context"] == {"case_id": case["id"], "case_label": TREND}
    assert entry["payload"]["reference"] == "RF-88812" and "\n[10:03] You:" in entry["payload"]["body"]
    assert await chromium.evaluate_in_worker(DRAFTS) == [], "the text moved from the draft into the outbox"
    assert await chromium.badge() == "1"
    alarm = await chromium.evaluate_in_worker("() => chrome.alarms.get('outbox-retry')")
    assert alarm is not None and abs(alarm["scheduledTime"] - entry["next_attempt_at"]) < 1500
    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_text(
        "1 logged selection: kept in this browser until Refund Tracker accepts it."
    ).wait_for()

    await server.start()
    # The retry alarm delivers it. The capture outbox test waits out the real 30 s; here the wait
    # is skipped: the entry is made due now and its alarm moved forward, so the worker's own alarm
    # handler sends it.
    await chromium.evaluate_in_worker(
        """async (entry) => {
      await chrome.storage.local.set({['outbox/' + entry.id]: {...entry, next_attempt_at: Date.now()}});
      await chrome.alarms.create('outbox-retry', {when: Date.now() + 100});
    }""",
        entry,
    )
    logged = await wait_for(
        lambda: _communications(server, case["id"]), timeout=20, what="the logged chat to arrive"
    )
    [comm] = logged
    assert (comm["id"], comm["channel"], comm["reference"]) == (entry["id"], "chat", "RF-88812")
    assert comm["summary"] == "Chat with Digital River Support, case 55120"
    assert await wait_for(lambda: _outbox_empty(chromium), what="the outbox to empty")
    assert await wait_for(lambda: _badge(chromium, ""), what="the badge to clear")

    # Sent again (an acknowledgement lost on the way): the server keeps the one it has.
    await chromium.evaluate_in_worker(
        "(entry) => chrome.storage.local.set({['outbox/' + entry.id]: entry})", entry
    )
    await options.get_by_role("button", name="Send now").click()
    await options.get_by_text("Sent 1 logged selection.").wait_for()
    assert [c["id"] for c in await _communications(server, case["id"])] == [entry["id"]]
    assert await chromium.evaluate_in_worker(OUTBOX) == []


async def test_a_selection_queued_before_a_browser_restart_arrives_once(
    playwright, chromium_path, tmp_path, server, website
):
    profile = tmp_path / "restart-profile"
    browser = await ChromiumWithExtension(playwright, profile, chromium_path).launch()
    try:
        case = await paired_with_the_case_known(browser, server, website)
        await server.stop()
        _, chooser = await open_chooser(browser, website)
        await chooser.get_by_role("button", name="Log to case").click()
        await chooser.get_by_text("Saved in the browser, not sent yet.").wait_for()
        [entry] = await browser.evaluate_in_worker(OUTBOX)
    finally:
        await browser.close()

    await server.start()
    browser = await ChromiumWithExtension(playwright, profile, chromium_path).launch()
    try:
        # At start the extension sends what was left waiting.
        [comm] = await wait_for(
            lambda: _communications(server, case["id"]),
            timeout=20,
            interval=0.25,
            what="the logged chat after the restart",
        )
        assert comm["id"] == entry["id"]
        assert await wait_for(lambda: _outbox_empty(browser), what="the outbox to empty")
    finally:
        await browser.close()
    assert len(await _communications(server, case["id"])) == 1


async def test_a_selection_for_a_case_that_is_gone_is_kept_until_moved_to_another_case(
    chromium, server, website
):
    case = await paired_with_the_case_known(chromium, server, website)
    # The extension still lists a case this server does not have (it was listed by another data folder).
    await chromium.evaluate_in_worker("""async () => {
      const {site_cases: cache} = await chrome.storage.local.get('site_cases');
      // Listed today, by the browser's own clock, with 10 days left.
      const day = (d) => [d.getFullYear(), d.getMonth() + 1, d.getDate()]
        .map((n) => String(n).padStart(2, '0')).join('-');
      const now = new Date();
      cache.cases.GHOST1 = {id: 'GHOST1', domains: ['elsewhere.example'], days_left: 10, window_state: 'open',
        deadline: day(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 10)),
        label: 'Ghost Product', product: 'Ghost Product', order_number: 'G-1',
        vendor: {name: 'Ghost Shop'}, seller: null,
        status: 'captured', status_label: 'Captured', as_of_day: day(now)};
      await chrome.storage.local.set({site_cases: cache});
    }""")
    await server.stop()
    chat, chooser = await open_chooser(chromium, website)
    await chooser.get_by_text("2 open cases.").wait_for()
    await chooser.get_by_role("radio", name="Ghost Product · order G-1").check()
    await chooser.get_by_role("button", name="Log to case").click()
    await chooser.get_by_text("Saved in the browser, not sent yet.").wait_for()
    await chooser.close()
    [entry] = await chromium.evaluate_in_worker(OUTBOX)

    await server.start()
    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_role("button", name="Send now").click()
    await options.get_by_text(
        "Sent nothing; 1 refused by Refund Tracker: open the popup to fix or discard."
    ).wait_for()
    [refused] = await chromium.evaluate_in_worker(OUTBOX)
    assert (refused["state"], refused["last_error"]["status"]) == ("rejected", 404)
    assert await chromium.evaluate_in_worker("() => chrome.alarms.get('outbox-retry')") is None, "not retried"
    assert await chromium.badge() == "1"

    # The popup says what happened; Edit opens the chooser on that entry to pick another case.
    popup, _ = await chromium.open_popup_for(chat)
    await popup.get_by_text("Not logged: that case is no longer in Refund Tracker.").wait_for()
    async with chromium.context.expect_page() as opened:
        await popup.get_by_role("button", name="Edit").click()
    chooser = await opened.value
    await chooser.get_by_text("“Ghost Product · order G-1” is no longer in Refund Tracker").wait_for()
    await chooser.get_by_text("1 open case.").wait_for()
    assert await chooser.get_by_role("radio", name="Ghost Product · order G-1").count() == 0
    assert not await chooser.get_by_role("radio", name=TREND).is_checked(), "the user picks the case"
    assert (
        await chooser.get_by_label("Summary").input_value() == "Chat with Digital River Support, case 55120"
    )
    await chooser.get_by_role("radio", name=TREND).check()
    await chooser.get_by_role("button", name="Log to case").click()
    await chooser.get_by_text(f"Logged to “{TREND}”.").wait_for()

    [comm] = await _communications(server, case["id"])
    assert comm["id"] == entry["id"]
    assert await chromium.evaluate_in_worker(OUTBOX) == []
    assert await wait_for(lambda: _badge(chromium, ""), what="the badge to clear")


async def _cached(chromium, case_id):
    return case_id in await chromium.evaluate_in_worker(CACHED_CASE_IDS)


async def _communications(server, case_id):
    status, body = await server.api("GET", f"/api/v1/cases/{case_id}")
    assert status == 200, body
    return body["case"]["communications"]


async def _outbox_empty(chromium):
    return await chromium.evaluate_in_worker(OUTBOX) == []


async def _badge(chromium, text):
    return await chromium.badge() == text
