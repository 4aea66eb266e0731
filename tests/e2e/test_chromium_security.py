"""A web page must never reach the data: not through the server's API (any loopback page can send
requests to it), not through the extension, not by planting markup in an order page, and not by
answering on the server's port in its place."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from aiohttp import web

from .dates import moved
from .harness import free_port, pair_through_options, set_port_in_options, wait_for

pytestmark = pytest.mark.browser


async def seed_case(server, website):
    status, body = await server.api("POST", "/api/v1/captures", {
        "capture_id": "cap-seed", "page_url": website.url("/shop/trendmicro-digitalriver-thankyou.html"),
        "product": "Trend Micro Maximum Security", "seller_name": "Digital River",
        "order_number": "16739482210", "order_date": moved("2026-11-20"), "account_email": "jordan.lee@example.com"})
    assert status == 201, body
    return body["case"]


async def test_a_hostile_page_on_another_loopback_port_gets_nothing_and_changes_nothing(chromium, server, website):
    await pair_through_options(chromium, server)
    await seed_case(server, website)
    before = await server.snapshot()

    page = await chromium.open(website.url(f"/pages/hostile.html?port={server.port}&ext={chromium.extension_id}"))
    await page.wait_for_function("window.done === true", timeout=30_000)
    attempts = await page.evaluate("window.attempts")

    assert len(attempts) == 15, attempts
    for attempt in attempts:
        got_nothing = attempt["outcome"] == "blocked" or (
            attempt.get("type") == "opaque" and attempt.get("status") == 0 and not attempt.get("body"))
        assert got_nothing, attempt
    for attempt in attempts:
        assert "jordan.lee" not in str(attempt) and "16739482210" not in str(attempt), attempt

    assert await server.snapshot() == before
    # The extension's own pairing still works.
    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_text(f"Connected to Refund Tracker").wait_for()


async def test_markup_in_an_order_page_is_shown_as_text(chromium, server, website):
    await pair_through_options(chromium, server)
    order = await chromium.open(website.url("/pages/hostile-order.html"))
    popup, _ = await chromium.open_popup_for(order)
    await popup.get_by_text("Found an order on this page").wait_for()
    assert await popup.get_by_label("Product").input_value() == "<script>document.title='pwned'</script>Gadget"
    await popup.get_by_role("button", name="Track").click()
    await popup.get_by_text("Tracked: a new refund case was created.").wait_for()
    await popup.get_by_role("heading", name="Open cases on this site").wait_for()
    # Shown as text in the list of the site's cases (and in the items, once the extractor
    # lists them), never parsed.
    await popup.locator("#site-cases").get_by_text("<script>document.title='pwned'</script>Gadget").wait_for()
    assert await popup.title() == "Refund Tracker"
    assert await popup.evaluate("document.querySelectorAll('img, main script, #site-cases script').length") == 0
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

    async def start(self) -> "Impostor":
        async def anything(request: web.Request) -> web.Response:
            self.requests.append({"method": request.method, "path": request.path, "query": dict(request.query),
                                  "authorization": request.headers.get("Authorization"),
                                  "body": await request.text()})
            if request.path == "/api/v1/health":
                nonce = request.query.get("nonce", "")
                # A proof under the wrong key: what any program without the pairing can make.
                proof = hmac.new(hashlib.sha256(b"not the token").digest(), nonce.encode(), hashlib.sha256).hexdigest()
                return web.json_response({"status": "ok", "service": "refund-tracker", "version": "0.1.0",
                                          "paired": True, "proof": proof})
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

        shop = await chromium.open(website.url("/shop/trendmicro-digitalriver-thankyou.html"))
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
            assert "16739482210" not in str(request)

        # Back on the real server's port, the capture goes there.
        await set_port_in_options(options, server.port)
        await options.get_by_role("button", name="Send now").click()
        await options.get_by_text("Sent 1 capture.").wait_for()
        [case] = await server.cases()
        assert case["order_number"] == "16739482210"
    finally:
        await impostor.stop()


async def test_unpairing_revokes_the_token_on_the_server(chromium, server):
    await pair_through_options(chromium, server)
    _, clients = await server.api("GET", "/api/v1/clients")
    [client] = [c for c in clients["clients"] if c["kind"] == "extension"]
    token = await chromium.evaluate_in_worker("async () => (await chrome.storage.local.get('pairing')).pairing.token")
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
