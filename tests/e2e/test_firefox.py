"""The capture path in real Firefox (an event page, not a service worker): pair, track through the
popup, log a selected chat through the chooser, and a capture and a logged chat made while the
server is down delivered once by the retry alarm.

The browser is driven by extension/e2e/firefox-capture.mjs (puppeteer-core over WebDriver BiDi);
this test starts the real server and the web site, stops and starts the server when the script
asks, and checks the server's side."""

from __future__ import annotations

import re

import pytest

from server.keys import STORE

from .dates import moved, shown
from .firefox import run_firefox_script
from .orders import NORTON, NORTON_PAGE, TREND_MICRO, TREND_MICRO_SHOP, chooser_title, shop_path

pytestmark = pytest.mark.browser

# The fields the script reads in the popup on the Trend Micro page.
FIELDS = ("product", "order_number", "order_date", "amount", "currency", "seller_name")
TRANSCRIPT_SUMMARY = "Chat with Digital River Support, case 55120"  # the chat page's first line
# Ordered 6 days ago (the page's dates move with the clock): 24 days left to ask.
DEADLINE = moved("2026-12-20")


async def test_firefox_pairs_tracks_and_delivers_a_queued_capture(server, website):
    async def answer(ask: str) -> None:
        if ask == "stop_server":
            await server.stop()
        elif ask == "start_server":
            await server.start()

    async def on_step(step: dict) -> None:
        if step["step"] == "tracked":
            [case] = await server.cases()
            assert case["order_number"] == TREND_MICRO["order_number"]
            assert case["deadline"] == DEADLINE

    steps = await run_firefox_script(
        "firefox-capture.mjs",
        server,
        timeout=180,
        answer=answer,
        on_step=on_step,
        shop_url=website.url(TREND_MICRO_SHOP),
        offline_shop_url=website.url(shop_path(NORTON_PAGE)),
        chat_url=website.url("/pages/support-chat.html"),
        hostile_url=website.url("/pages/hostile-payloads.html"),
        refundable=f"Refundable until {shown(DEADLINE)}, 24 days left",
        refunds_by=f"Refunds by {TREND_MICRO['seller_name']}",
    )

    assert steps["tracked"]["fields"] == {field: TREND_MICRO[field] for field in FIELDS}
    _, clients = await server.api("GET", "/api/v1/clients")
    assert [c["name"] for c in clients["clients"] if c["kind"] == "extension"] == ["Test Firefox"]
    # Least privilege as Firefox allows it: its patterns cannot name a port, so the manifest's
    # one port gives nothing there, and saving the port asks for 127.0.0.1 (any port), saying so.
    paired = steps["paired"]
    assert paired["access_before"]["origins"] == ["http://127.0.0.1:41731/*"]
    assert "may not reach Refund Tracker on port 41731 yet" in paired["access_before"]["text"]
    assert paired["access_after"]["origins"] == ["http://127.0.0.1/*", "http://127.0.0.1:41731/*"]
    assert "Firefox cannot limit an extension to one port" in paired["access_after"]["text"]
    assert "tabs" not in paired["access_after"]["permissions"], "no tabs until site badges are on"
    assert set(steps["site_badges"]["permissions"]) - set(paired["access_after"]["permissions"]) == {"tabs"}
    assert steps["site_badges"]["origins"] == paired["access_after"]["origins"], "no host for site badges"
    hostile = steps["hostile"]
    markup = '<i class="pwn">x</i><img src="x" onerror="window.pwned=1"><script>window.pwned=1</script>'
    assert hostile["product"].startswith(markup) and hostile["product"].endswith("Gadget"), hostile["product"]
    assert (hostile["injected"], hostile["pwned"], hostile["title"]) == (0, None, "Refund Tracker")
    controls = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    assert not controls.search(hostile["product"] + hostile["text"])
    # The token is bound to this extension's origin.
    [firefox_client] = [c for c in clients["clients"] if c["kind"] == "extension"]
    stored = server.running.app[STORE].get("clients", firefox_client["id"])
    assert stored["origin"].startswith("moz-extension://") and stored["origin"] != "moz-extension://"

    assert steps["logged"]["preset"] == {
        "checked": f"{chooser_title(TREND_MICRO)}this site",
        "channel": "chat",
        "summary": TRANSCRIPT_SUMMARY,
    }
    queued = steps["queued"]
    assert (
        queued["kind"] == "capture" and queued["attempts"] == 1 and 25_000 <= queued["alarm_in_ms"] <= 31_000
    )
    note = queued["note"]
    assert note["attempts"] == 1 and note["badge"] == "2"  # the capture and the logged chat
    cases = {c["order_number"]: c for c in await server.cases()}
    assert set(cases) == {TREND_MICRO["order_number"], NORTON["order_number"]}
    assert [c["capture_id"] for c in cases[NORTON["order_number"]]["captures"]] == [queued["capture_id"]]
    trend = cases[TREND_MICRO["order_number"]]
    assert len(trend["captures"]) == 1 and note["case_id"] == trend["id"]
    online, offline = trend["communications"]
    assert (online["channel"], online["summary"]) == ("chat", TRANSCRIPT_SUMMARY)
    assert f"\n[10:03] You: I would like a refund for order {TREND_MICRO['order_number']}" in online["body"]
    # Logged while the server was stopped, under the id the chooser made: once.
    assert (offline["id"], offline["summary"]) == (
        note["id"],
        "Chat again, logged while Refund Tracker was stopped",
    )
