"""The capture path in real Firefox (an event page, not a service worker): pair, track through the
popup, log a selected chat through the chooser, and a capture and a logged chat made while the
server is down delivered once by the retry alarm.

The browser is driven by extension/e2e/firefox-capture.mjs (puppeteer-core over WebDriver BiDi);
this test starts the real server and the web site, stops and starts the server when the script
asks, and checks the server's side."""

from __future__ import annotations

import asyncio
import json
import re
import shutil

import pytest

from server.keys import STORE
from tests.conftest import require_browser

from .dates import moved, shown
from .harness import EXTENSION_DIR, FIREFOX

pytestmark = pytest.mark.browser

SCRIPT = EXTENSION_DIR / "e2e" / "firefox-capture.mjs"


def require_node() -> str:
    node = require_browser(shutil.which("node") or "/usr/bin/node", "Node.js (drives Firefox)")
    if not (EXTENSION_DIR / "node_modules" / "puppeteer-core").is_dir():
        pytest.fail("extension/node_modules is missing: run `npm ci` in extension/ first")
    return node


async def test_firefox_pairs_tracks_and_delivers_a_queued_capture(server, website):
    firefox = require_browser(FIREFOX, "Firefox ESR")
    node = require_node()
    config = {
        "port": server.port,
        "code": await server.pairing_code(),
        "firefox": firefox,
        "shop_url": website.url("/shop/trendmicro-digitalriver-thankyou.html"),
        "offline_shop_url": website.url("/shop/norton-confirmation-en-au.html"),
        "chat_url": website.url("/pages/support-chat.html"),
        "hostile_url": website.url("/pages/hostile-payloads.html"),
        # Ordered 6 days ago (the page's dates move with the clock): 24 days left to ask.
        "refundable": f"Refundable until {shown(moved('2026-12-20'))}, 24 days left",
    }
    proc = await asyncio.create_subprocess_exec(
        node,
        str(SCRIPT),
        json.dumps(config),
        cwd=str(EXTENSION_DIR),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    steps: dict[str, dict] = {}
    try:
        async with asyncio.timeout(180):
            while line := await proc.stdout.readline():
                message = json.loads(line)
                if "ask" in message:
                    if message["ask"] == "stop_server":
                        await server.stop()
                    elif message["ask"] == "start_server":
                        await server.start()
                    proc.stdin.write(b"ok\n")
                    await proc.stdin.drain()
                elif "error" in message:
                    pytest.fail(f"the Firefox script failed: {message['error']}")
                elif "step" in message:
                    steps[message["step"]] = message
                    if message["step"] == "tracked":
                        [case] = await server.cases()
                        assert case["order_number"] == "16739482210"
                        assert case["deadline"] == moved("2026-12-20")
                else:
                    steps["done"] = message
            await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    stderr = (await proc.stderr.read()).decode(errors="replace")
    assert proc.returncode == 0 and "done" in steps, f"steps: {list(steps)}\n{stderr[-3000:]}"

    assert steps["tracked"]["fields"] == {
        "product": "Trend Micro Maximum Security - 1 Year / 5 Devices",
        "order_number": "16739482210",
        "order_date": moved("2026-11-20"),
        "amount": "49.95",
        "currency": "USD",
        "seller_name": "Digital River",
    }
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
        "checked": "Trend Micro Maximum Security - 1 Year / 5 Devices · order 16739482210this site",
        "channel": "chat",
        "summary": "Chat with Digital River Support, case 55120",
    }
    queued = steps["queued"]
    assert (
        queued["kind"] == "capture" and queued["attempts"] == 1 and 25_000 <= queued["alarm_in_ms"] <= 31_000
    )
    note = queued["note"]
    assert note["attempts"] == 1 and note["badge"] == "2"  # the capture and the logged chat
    cases = {c["order_number"]: c for c in await server.cases()}
    assert set(cases) == {"16739482210", "N-AU-40091274"}
    assert [c["capture_id"] for c in cases["N-AU-40091274"]["captures"]] == [queued["capture_id"]]
    trend = cases["16739482210"]
    assert len(trend["captures"]) == 1 and note["case_id"] == trend["id"]
    online, offline = trend["communications"]
    assert (online["channel"], online["summary"]) == ("chat", "Chat with Digital River Support, case 55120")
    assert "\n[10:03] You: I would like a refund for order 16739482210" in online["body"]
    # Logged while the server was stopped, under the id the chooser made: once.
    assert (offline["id"], offline["summary"]) == (
        note["id"],
        "Chat again, logged while Refund Tracker was stopped",
    )
