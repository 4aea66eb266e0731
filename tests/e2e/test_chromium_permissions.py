"""Least privilege, in real Chromium with extension/ loaded as it ships (not the test copy): the
extension reaches the server's port only, and no other local web app, on any other port."""

from __future__ import annotations

import pytest

from .harness import ChromiumWithExtension, pair_through_options
from .orders import TREND_MICRO_SHOP

pytestmark = pytest.mark.browser

READ = """async (url) => {
  try {
    const response = await fetch(url);
    return {read: true, status: response.status, body: (await response.text()).slice(0, 200)};
  } catch (error) {
    return {read: false, error: String(error)};
  }
}"""

SCRIPT_TAB = """async (tabId) => {
  try {
    const [result] = await chrome.scripting.executeScript(
      {target: {tabId}, func: () => document.body.innerText});
    return {read: true, text: String(result && result.result).slice(0, 200)};
  } catch (error) {
    return {read: false, error: String(error)};
  }
}"""


@pytest.fixture
async def shipped(playwright, chromium_path, tmp_path):
    browser = await ChromiumWithExtension(playwright, tmp_path / "profile", chromium_path, real=True).launch()
    yield browser
    await browser.close()


async def test_security_the_extension_cannot_read_other_loopback_ports(shipped, server, website):
    granted = await shipped.evaluate_in_worker("() => chrome.permissions.getAll()")
    assert granted["origins"] == ["http://127.0.0.1:41731/*"]
    assert "tabs" not in granted["permissions"]

    page_url = website.url(TREND_MICRO_SHOP)
    tab = await shipped.open(page_url)
    tab_id = await shipped.evaluate_in_worker(
        "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id ?? null", page_url
    )
    # Without the "tabs" permission or a host permission, not even the tab's address is visible.
    assert tab_id is None

    # A port the browser has not granted: nothing answers there, and the settings say why (not
    # "not running": the server runs).
    await shipped.evaluate_in_worker("(port) => chrome.storage.local.set({server: {port}})", server.port)
    options = await shipped.open_extension_page("src/options/options.html")
    await options.get_by_text(
        f"The extension may not reach Refund Tracker on port {server.port} yet"
    ).first.wait_for()
    assert "not running" not in await options.locator("#connection").inner_text()
    await options.close()

    # The user moves the server to another port and allows that one port when asked.
    await shipped.grant(f"http://127.0.0.1:{server.port}/*")
    await pair_through_options(shipped, server)
    options = await shipped.open_extension_page("src/options/options.html")
    await options.get_by_text(
        f"The browser lets the extension reach http://127.0.0.1:{server.port} only."
    ).wait_for()
    await options.get_by_text("Connected to Refund Tracker").wait_for()
    granted = await shipped.evaluate_in_worker("() => chrome.permissions.getAll()")
    assert sorted(granted["origins"]) == sorted(
        ["http://127.0.0.1:41731/*", f"http://127.0.0.1:{server.port}/*"]
    )

    # The server's port answers the extension; the web site's port (another local app) does not:
    # its request goes out as any web page's would, and its answer stays unreadable.
    health = await shipped.evaluate_in_worker(READ, f"{server.url}/api/v1/health")
    assert health["read"] and health["status"] == 200, health
    for url in (page_url, website.url("/pages/hostile.html")):
        attempt = await shipped.evaluate_in_worker(READ, url)
        assert not attempt["read"], attempt
    tabs = await shipped.evaluate_in_worker(
        "async () => (await chrome.tabs.query({})).map((t) => t.url || null)"
    )
    assert page_url not in tabs
    ids = await shipped.evaluate_in_worker("async () => (await chrome.tabs.query({})).map((t) => t.id)")
    for tab_id in ids:
        attempt = await shipped.evaluate_in_worker(SCRIPT_TAB, tab_id)
        assert not attempt["read"] or "Trend Micro" not in attempt["text"], attempt
    await tab.close()


async def test_site_badges_ask_for_tabs_not_hosts(shipped):
    options = await shipped.open_extension_page("src/options/options.html")
    await options.get_by_text("Show the days left on shop sites").wait_for()
    requested = await shipped.evaluate_in_worker("() => chrome.runtime.getManifest().optional_permissions")
    assert requested == ["tabs"]
    hosts = await shipped.evaluate_in_worker("() => chrome.runtime.getManifest().optional_host_permissions")
    assert hosts == ["http://127.0.0.1/*"]
