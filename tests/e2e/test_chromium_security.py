"""A web page must never reach the data: not through the server's API (any loopback page can send
requests to it), not through the extension, not by planting markup in an order page, and not by
answering on the server's port in its place."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import timedelta

import pytest
from aiohttp import web

from server.wallclock import system_clock

from ..support.ports import free_port
from .harness import pair_through_options, set_port_in_options, wait_for
from .orders import TREND_MICRO, TREND_MICRO_SHOP, trend_micro

pytestmark = pytest.mark.browser

# The seeded order's account mailbox (its name alone must not leak either).
MAILBOX = TREND_MICRO["account_email"].split("@")[0]


async def seed_case(server, website):
    return await server.capture(trend_micro(website))


async def test_a_hostile_page_on_another_loopback_port_gets_nothing_and_changes_nothing(
    chromium, server, website
):
    await pair_through_options(chromium, server)
    await seed_case(server, website)
    before = await server.snapshot()

    page = await chromium.open(
        website.url(f"/pages/hostile.html?port={server.port}&ext={chromium.extension_id}")
    )
    await page.wait_for_function("window.done === true", timeout=30_000)
    attempts = await page.evaluate("window.attempts")

    assert len(attempts) == 15, attempts
    for attempt in attempts:
        got_nothing = attempt["outcome"] == "blocked" or (
            attempt.get("type") == "opaque" and attempt.get("status") == 0 and not attempt.get("body")
        )
        assert got_nothing, attempt
    for attempt in attempts:
        assert MAILBOX not in str(attempt) and TREND_MICRO["order_number"] not in str(attempt), attempt

    assert await server.snapshot() == before
    # The extension's own pairing still works.
    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_text("Connected to Refund Tracker").wait_for()


async def test_markup_in_an_order_page_is_shown_as_text(chromium, server, website):
    await pair_through_options(chromium, server)
    order = await chromium.open(website.url("/pages/hostile-order.html"))
    popup, _ = await chromium.open_popup_for(order)
    await popup.get_by_text("Found an order on this page").wait_for()
    assert (
        await popup.get_by_label("Product").input_value() == "<script>document.title='pwned'</script>Gadget"
    )
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    await popup.get_by_role("heading", name="Open cases on this site").wait_for()
    # Shown as text in the list of the site's cases (and in the items, once the extractor
    # lists them), never parsed.
    await popup.locator("#site-cases").get_by_text("<script>document.title='pwned'</script>Gadget").wait_for()
    assert await popup.title() == "Refund Tracker"
    assert (
        await popup.evaluate("document.querySelectorAll('img, main script, #site-cases script').length") == 0
    )
    assert await popup.evaluate("window.pwned === undefined")
    [case] = await server.cases()
    assert case["product"] == "<script>document.title='pwned'</script>Gadget"


class Impostor:
    """Something else answering on a port: says it is Refund Tracker, cannot prove the pairing,
    and writes down every request it gets."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.port = free_port()
        self.runner = None

    async def start(self) -> Impostor:
        async def anything(request: web.Request) -> web.Response:
            self.requests.append(
                {
                    "method": request.method,
                    "path": request.path,
                    "query": dict(request.query),
                    "authorization": request.headers.get("Authorization"),
                    "body": await request.text(),
                }
            )
            if request.path == "/api/v1/health":
                nonce = request.query.get("nonce", "")
                # A proof under the wrong key: what any program without the pairing can make.
                proof = hmac.new(
                    hashlib.sha256(b"not the token").digest(), nonce.encode(), hashlib.sha256
                ).hexdigest()
                return web.json_response(
                    {
                        "status": "ok",
                        "service": "refund-tracker",
                        "version": "0.1.0",
                        "paired": True,
                        "proof": proof,
                    }
                )
            return web.json_response({"case": {"id": "fake"}, "result": "created"}, status=201)

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", anything)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        return self

    async def stop(self) -> None:
        await self.runner.cleanup()


async def test_nothing_is_sent_to_a_server_that_fails_the_identity_check(chromium, server, website):
    await pair_through_options(chromium, server)
    impostor = await Impostor().start()
    try:
        options = await chromium.open_extension_page("src/options/options.html")
        await set_port_in_options(options, impostor.port)
        await options.get_by_text("is not your Refund Tracker").wait_for()

        shop = await chromium.open(website.url(TREND_MICRO_SHOP))
        popup, _ = await chromium.open_popup_for(shop)
        await popup.get_by_text("is not your Refund Tracker").wait_for()
        await popup.get_by_text("Found an order on this page").wait_for()
        await popup.get_by_role("button", name="Track").click()
        await popup.get_by_text("Saved in the browser, not sent yet.").wait_for()
        await popup.get_by_text("Nothing was sent to it.").first.wait_for()

        assert impostor.requests, "the extension never asked the impostor to prove itself"
        for request in impostor.requests:
            assert (request["method"], request["path"]) == ("GET", "/api/v1/health"), request
            assert request["authorization"] is None and request["body"] == ""
            assert set(request["query"]) <= {"client_id", "nonce"}
            assert TREND_MICRO["order_number"] not in str(request)

        # Back on the real server's port, the capture goes there.
        await set_port_in_options(options, server.port)
        await options.get_by_role("button", name="Send now").click()
        await options.get_by_text("Sent 1 capture.").wait_for()
        [case] = await server.cases()
        assert case["order_number"] == TREND_MICRO["order_number"]
    finally:
        await impostor.stop()


async def test_unpairing_revokes_the_token_on_the_server(chromium, server):
    await pair_through_options(chromium, server)
    _, clients = await server.api("GET", "/api/v1/clients")
    [client] = [c for c in clients["clients"] if c["kind"] == "extension"]
    token = await chromium.evaluate_in_worker(
        "async () => (await chrome.storage.local.get('pairing')).pairing.token"
    )
    assert token.startswith(f"rt1.{client['id']}.")

    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_role("button", name="Unpair this browser").click()
    await options.get_by_text("Unpaired: the server no longer accepts this browser").wait_for()
    assert await chromium.evaluate_in_worker("async () => chrome.storage.local.get('pairing')") == {}
    _, clients = await server.api("GET", "/api/v1/clients")
    assert [c for c in clients["clients"] if c["kind"] == "extension"] == []
    await options.get_by_role("heading", name="Pair this browser").wait_for()
    assert await wait_for(lambda: _paired_false(server, client["id"]), what="the server to forget the client")


async def _paired_false(server, client_id):
    import aiohttp

    async with aiohttp.ClientSession() as session:
        params = {"client_id": client_id, "nonce": "n" * 20}
        async with session.get(f"{server.url}/api/v1/health", params=params) as response:
            return (await response.json())["paired"] is False


# -- hostile payloads in what the extension's pages show ------------------------------------------
PAYLOAD_PAGE = "/pages/hostile-payloads.html"
MARKUP = '<i class="pwn">x</i><img src="x" onerror="window.pwned=1"><script>window.pwned=1</script>'
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NOTHING_RAN = """() => ({
  injected: document.querySelectorAll('.pwn, img, body script').length,
  pwned: window.pwned === undefined ? null : window.pwned,
  title: document.title,
})"""
SELECT_CHAT = """() => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById('chat'));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return getSelection().toString().length;
}"""
CLICK_MENU = """async ({tabId}) => {
  const tab = await chrome.tabs.get(tabId);
  await globalThis.refundTrackerDebug.logSelection(
    {menuItemId: 'log-selection', frameId: 0, selectionText: 'flattened', pageUrl: tab.url}, tab);
}"""


async def assert_shown_as_text(page, title: str) -> None:
    assert await page.evaluate(NOTHING_RAN) == {"injected": 0, "pwned": None, "title": title}
    assert not CONTROLS.search(await page.evaluate("document.body.innerText"))


async def test_hostile_payloads_stay_text_in_the_popup_chooser_and_options(chromium, server, website):
    await pair_through_options(chromium, server)
    order = await chromium.open(website.url(PAYLOAD_PAGE))
    assert await order.evaluate("document.getElementById('chat').textContent.length") > 100 * 1024

    # The popup: the fields hold the markup as text, without the escapes; tracked as text.
    popup, tab_id = await chromium.open_popup_for(order)
    await popup.get_by_text("Found an order on this page").wait_for()
    product = await popup.get_by_label("Product").input_value()
    assert product.startswith(MARKUP) and product.endswith("]52;c;ZXZpbA==[2J31mGadget"), product
    assert not CONTROLS.search(product)
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    await popup.get_by_role("heading", name="Open cases on this site").wait_for()
    await popup.locator("#site-cases").get_by_text(MARKUP, exact=False).first.wait_for()
    await assert_shown_as_text(popup, "Refund Tracker")
    [case] = await server.cases()
    assert case["product"] == product and not CONTROLS.search(case["product"] + str(case["vendor"]))

    # The chooser: 100 KB of it selected and logged, shown in its fields as text.
    assert await order.evaluate(SELECT_CHAT) > 100 * 1024
    async with chromium.context.expect_page() as opened:
        await chromium.evaluate_in_worker(CLICK_MENU, {"tabId": tab_id})
    chooser = await opened.value
    await chooser.get_by_text("1 open case.").wait_for()
    # The text field holds the selection as it is (a textarea shows, never runs, what it holds);
    # what is logged has the controls taken out (below).
    body = await chooser.get_by_label("Text").input_value()
    assert len(body) > 90 * 1024 and MARKUP in body
    assert MARKUP in await chooser.locator("#source").inner_text()
    await assert_shown_as_text(chooser, "Log selection to a refund case")
    assert await chooser.get_by_role("radio").first.is_checked(), "the text names order X-2002"
    await chooser.get_by_role("button", name="Log to case").click()
    await chooser.get_by_text("Logged to").wait_for()
    await assert_shown_as_text(chooser, "Log selection to a refund case")
    _, full = await server.api("GET", f"/api/v1/cases/{case['id']}")
    [logged] = full["case"]["communications"]
    assert (
        len(logged["body"]) > 90 * 1024 and MARKUP in logged["body"] and not CONTROLS.search(logged["body"])
    )

    # The settings page: a due reminder about a case whose shop's name is markup.
    today = system_clock().today()
    shop = {
        "page_url": "https://evil-shop.example/checkout/thank-you",
        "merchant_name": f"{MARKUP}Evil Shop",
        "amount": "10.00",
        "currency": "EUR",
    }
    _, probe = await server.api(
        "POST",
        "/api/v1/captures",
        {**shop, "capture_id": "cap-probe", "order_number": "E-1000", "order_date": today.isoformat()},
    )
    window = probe["case"]["days_left"]
    status, due = await server.api(
        "POST",
        "/api/v1/captures",
        {
            **shop,
            "capture_id": "cap-due",
            "order_number": "E-1001",
            "order_date": (today - timedelta(days=window)).isoformat(),
        },
    )
    assert status == 201 and due["case"]["days_left"] == 0, due
    checked = await chromium.evaluate_in_worker("() => globalThis.refundTrackerDebug.checkReminders()")
    assert "error" not in checked, checked
    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_role("heading", name="Due now").wait_for()
    await options.locator("#reminders-list").get_by_text(MARKUP, exact=False).first.wait_for()
    await assert_shown_as_text(options, "Refund Tracker settings")
