"""The context menu "Log selection to refund case…": a chat transcript selected on the vendor's
site is logged to that site's open case, line breaks and all."""

from __future__ import annotations

import pytest

from .dates import moved
from .harness import pair_through_options
from .orders import NORTON, NORTON_PAGE, TREND_MICRO, capture_of, chooser_title, trend_micro

pytestmark = pytest.mark.browser

CHAT_PAGE = "/pages/support-chat.html"

SELECT_TRANSCRIPT = """() => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById('transcript'));
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""

# What a click on the menu item runs, with what the browser passes it (selectionText flattened).
CLICK_MENU = """async ({tabId, flat}) => {
  const tab = await chrome.tabs.get(tabId);
  await globalThis.refundTrackerDebug.logSelection(
    {menuItemId: 'log-selection', frameId: 0, selectionText: flat, pageUrl: tab.url}, tab);
}"""


# How the chooser names the Trend Micro order's case.
TREND = chooser_title(TREND_MICRO)


async def open_case_here(server, website) -> dict:
    """The Trend Micro order bought on the test site: its open case."""
    return await server.capture(trend_micro(website))


async def test_a_selected_chat_is_logged_to_the_sites_open_case(chromium, server, website):
    await pair_through_options(chromium, server)
    # Two open cases: one bought on this site, one elsewhere.
    here = await open_case_here(server, website)
    elsewhere = await server.capture(capture_of(NORTON_PAGE))  # bought on au.norton.com

    chat = await chromium.open(website.url(CHAT_PAGE))
    selected = await chat.evaluate(SELECT_TRANSCRIPT)
    assert "\n" in selected
    tab_id = await chromium.tab_id(chat.url)

    async with chromium.context.expect_page() as opened:
        await chromium.evaluate_in_worker(CLICK_MENU, {"tabId": tab_id, "flat": " ".join(selected.split())})
    chooser = await opened.value
    await chooser.get_by_role("heading", name="Log selection to a refund case").wait_for()
    await chooser.get_by_text("2 open cases.").wait_for()

    # Preselected: this site's case; the kind guessed from the text; the first line as summary.
    assert await chooser.get_by_role("radio", name=TREND).is_checked()
    assert not await chooser.get_by_role("radio", name=chooser_title(NORTON)).is_checked()
    assert await chooser.get_by_label("Kind").input_value() == "chat"
    assert (
        await chooser.get_by_label("Summary").input_value() == "Chat with Digital River Support, case 55120"
    )
    await chooser.get_by_label("Reference").fill("RF-88812")
    await chooser.get_by_role("button", name="Log to case").click()
    await chooser.get_by_text(f"Logged to “{TREND}”").wait_for()

    _, case = await server.api("GET", f"/api/v1/cases/{here['id']}")
    [logged] = case["case"]["communications"]
    assert logged["channel"] == "chat" and logged["direction"] == "none"
    assert logged["summary"] == "Chat with Digital River Support, case 55120"
    assert logged["reference"] == "RF-88812"
    assert logged["body"].strip().splitlines()[-1].startswith("[10:05] Alex (Support): Done.")
    assert f"You: I would like a refund for order {TREND_MICRO['order_number']}" in logged["body"]
    _, other = await server.api("GET", f"/api/v1/cases/{elsewhere['id']}")
    assert other["case"]["communications"] == []
    # The draft is gone once logged.
    assert (
        await chromium.evaluate_in_worker(
            """async () => Object.keys(await chrome.storage.session.get(null))
             .filter((k) => k.startsWith('draft/'))"""
        )
        == []
    )


SELECT_FIRST_LINE = """() => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('#transcript p:nth-child(2)'));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return getSelection().toString();
}"""


async def two_cases_on_this_site(server, website):
    """Trend Micro's case (24 days left) and another shop's, on the same site with fewer days
    left: what used to be preselected whatever the text said."""
    trend = await open_case_here(server, website)
    _, other = await server.api(
        "POST",
        "/api/v1/captures",
        {
            "capture_id": "cap-other",
            "page_url": website.url("/pages/other-order.html"),
            "product": "Acme Photo Suite",
            "order_number": "AC-771203",
            "order_date": moved("2026-11-05"),
        },
    )
    assert other["case"]["days_left"] < trend["days_left"]
    return trend, other["case"]


async def open_chooser_on(chromium, website, select_script):
    chat = await chromium.open(website.url(CHAT_PAGE))
    selected = await chat.evaluate(select_script)
    tab_id = await chromium.tab_id(chat.url)
    async with chromium.context.expect_page() as opened:
        await chromium.evaluate_in_worker(CLICK_MENU, {"tabId": tab_id, "flat": " ".join(selected.split())})
    chooser = await opened.value
    await chooser.get_by_text("2 open cases.").wait_for()
    return chooser


async def test_the_case_the_selection_names_is_preselected_not_the_most_urgent(chromium, server, website):
    await pair_through_options(chromium, server)
    trend, other = await two_cases_on_this_site(server, website)
    chooser = await open_chooser_on(chromium, website, SELECT_TRANSCRIPT)
    assert await chooser.get_by_role("radio", name=TREND).is_checked()
    assert not await chooser.get_by_role("radio", name="Acme Photo Suite · order AC-771203").is_checked()


async def test_a_selection_that_names_no_case_preselects_none(chromium, server, website):
    await pair_through_options(chromium, server)
    trend, other = await two_cases_on_this_site(server, website)
    chooser = await open_chooser_on(chromium, website, SELECT_FIRST_LINE)
    radios = chooser.get_by_role("radio")
    assert await radios.count() == 2
    for index in range(2):
        assert not await radios.nth(index).is_checked()
    # Accepting the default files nothing: the user is asked to choose.
    await chooser.get_by_role("button", name="Log to case").click()
    await chooser.get_by_text("Choose the case this belongs to.").wait_for()
    for case in (trend, other):
        _, body = await server.api("GET", f"/api/v1/cases/{case['id']}")
        assert body["case"]["communications"] == []
