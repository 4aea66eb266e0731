"""The look-alike guard in real Chromium: a page on a domain that borrows Trend Micro's name
(trendmicrocustomersupport.com, mapped to a loopback server with --host-resolver-rules) and
speaks of refunds and phone numbers gets the warning and Trend Micro's official channels in
the popup instead of the capture form, and a "!" badge; the same page on an official Trend
Micro host gets neither.

The extension may read those hosts as it may once the user grants the optional site
permission (the options page asks for it; a test cannot answer the browser's prompt): the
extension is loaded from a copy whose manifest lists that permission as granted. A real user's
click on the button grants the popup the same through activeTab.
"""

from __future__ import annotations

import json
import shutil

import pytest

from .harness import CHROMIUM_ARGS, EXTENSION_DIR, ChromiumWithExtension, pair_through_options, wait_for

pytestmark = pytest.mark.browser

LOOKALIKE = "trendmicrocustomersupport.com"
OFFICIAL = "helpcenter.trendmicro.com"
PAGE = "/pages/lookalike-support.html"


class _WithSitePermission(ChromiumWithExtension):
    """Chromium with a copy of extension/ whose site permission is granted, and the two test
    host names resolving to 127.0.0.1."""

    def __init__(self, playwright, profile_dir, executable, extension_dir):
        super().__init__(playwright, profile_dir, executable)
        self.extension_dir = extension_dir

    async def launch(self):
        ext = str(self.extension_dir)
        rules = f"MAP {LOOKALIKE} 127.0.0.1, MAP {OFFICIAL} 127.0.0.1"
        self.context = await self.playwright.chromium.launch_persistent_context(
            str(self.profile_dir), executable_path=self.executable, headless=True,
            ignore_default_args=["--disable-extensions"],
            args=[f"--disable-extensions-except={ext}", f"--load-extension={ext}",
                  f"--host-resolver-rules={rules}", *CHROMIUM_ARGS])
        worker = await self.service_worker()
        self.extension_id = worker.url.split("/")[2]
        return self


@pytest.fixture
async def browser(playwright, chromium_path, tmp_path):
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION_DIR, copy, ignore=shutil.ignore_patterns(
        "node_modules", "test", "tools", "e2e"))
    manifest_path = copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["host_permissions"] = [*manifest["host_permissions"], *manifest["optional_host_permissions"]]
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    running = await _WithSitePermission(playwright, tmp_path / "profile", chromium_path, copy).launch()
    yield running
    await running.close()


async def test_the_popup_warns_on_a_lookalike_support_page_and_shows_the_official_channels(
        browser, server, website):
    await pair_through_options(browser, server)
    page = await browser.open(f"http://{LOOKALIKE}:{website.port}{PAGE}")
    assert await page.title() == "Trend Micro Customer Support | Refund Policy"  # served by us

    popup, tab_id = await browser.open_popup_for(page)
    await popup.get_by_role("heading", name="This is not Trend Micro’s website").wait_for()
    warning = popup.locator("#lookalike")
    text = await warning.inner_text()
    assert "trendmicrocustomersupport.com uses the name “Trend Micro”" in text
    assert "trendmicro.com" in text and "Do not call a number" in text
    # The official channels, from the catalog, each with where it was seen.
    await warning.get_by_role("heading", name="Trend Micro’s official channels").wait_for()
    refund_form = warning.get_by_role("link", name="https://helpcenter.trendmicro.com/en-us/srf/")
    assert await refund_form.count() == 1
    assert "Phone: see the official contact page" in text
    assert "Order lookup (Digital River): Find your order" in text  # its merchant of record's
    assert await warning.get_by_role(
        "link", name="https://helpcenter.trendmicro.com/en-us/trend-micro-account/").count() >= 1
    # Nothing offered to capture.
    assert await popup.locator("#capture-form").is_hidden()
    assert await popup.get_by_role("button", name="Track").count() == 0
    assert "Nothing is captured from this page." in await popup.locator("#page-status").inner_text()

    # With the site permission, the badge warns on such pages too (from the table the
    # extension keeps: it was fetched after pairing, so the next page load shows it).
    await page.reload()
    await wait_for(lambda: browser.badge(tab_id), what="the look-alike badge")
    assert await browser.badge(tab_id) == "!"
    title = await browser.evaluate_in_worker(
        f"() => chrome.action.getTitle({{tabId: {tab_id}}})")
    assert "this is not Trend Micro’s site" in title
    await popup.close()


async def test_the_same_page_on_an_official_host_gets_no_warning(browser, server, website):
    await pair_through_options(browser, server)
    page = await browser.open(f"http://{OFFICIAL}:{website.port}{PAGE}")
    popup, tab_id = await browser.open_popup_for(page)
    await popup.get_by_role("button", name="Track").wait_for()
    assert await popup.locator("#lookalike").is_hidden()
    assert await popup.locator("#capture-form").is_visible()
    assert await browser.badge(tab_id) != "!"
    await popup.close()
