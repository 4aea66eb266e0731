"""The look-alike guard in real Chromium: a page on a domain that borrows Trend Micro's name
(trendmicrocustomersupport.com, mapped to a loopback server with --host-resolver-rules) and
speaks of refunds and phone numbers gets the warning and Trend Micro's official channels in
the popup instead of the capture form, and a "!" badge; the same page on an official Trend
Micro host gets neither.

A test cannot click the toolbar button (activeTab) nor answer the browser's permission prompt,
so the extension is loaded from a copy whose manifest lists as granted what the user's click or
"Allow" grants: the popup tests get the two test hosts (the click's activeTab) and "tabs"; the
badge test gets only what turning on site badges grants ("tabs": a tab's address, not its page),
so there the domain alone decides. Both get every loopback port, as for a server on another port.
"""

from __future__ import annotations

import asyncio
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
            str(self.profile_dir),
            executable_path=self.executable,
            headless=True,
            ignore_default_args=["--disable-extensions"],
            args=[
                f"--disable-extensions-except={ext}",
                f"--load-extension={ext}",
                f"--host-resolver-rules={rules}",
                *CHROMIUM_ARGS,
            ],
        )
        worker = await self.service_worker()
        self.extension_id = worker.url.split("/")[2]
        return self


async def launch_with(playwright, chromium_path, tmp_path, *, hosts: list[str], permissions: list[str]):
    copy = tmp_path / "extension"
    shutil.copytree(
        EXTENSION_DIR, copy, ignore=shutil.ignore_patterns("node_modules", "test", "tools", "e2e")
    )
    manifest_path = copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["host_permissions"] = [
        *manifest["host_permissions"],
        *manifest["optional_host_permissions"],
        *hosts,
    ]
    manifest["permissions"] = [*manifest["permissions"], *permissions]
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    return await _WithSitePermission(playwright, tmp_path / "profile", chromium_path, copy).launch()


@pytest.fixture
async def browser(playwright, chromium_path, tmp_path):
    """As after the user's click on the button on one of the two test hosts."""
    running = await launch_with(
        playwright,
        chromium_path,
        tmp_path,
        hosts=[f"http://{LOOKALIKE}/*", f"http://{OFFICIAL}/*"],
        permissions=["tabs"],
    )
    yield running
    await running.close()


@pytest.fixture
async def badges_only(playwright, chromium_path, tmp_path):
    """As after turning on site badges in the settings: the "tabs" permission, no site's page."""
    optional = json.loads((EXTENSION_DIR / "manifest.json").read_text("utf-8"))["optional_permissions"]
    assert optional == ["tabs"], "site badges are meant to ask for the tabs permission only"
    running = await launch_with(playwright, chromium_path, tmp_path, hosts=[], permissions=optional)
    yield running
    await running.close()


async def test_the_popup_warns_on_a_lookalike_support_page_and_shows_the_official_channels(
    browser, server, website
):
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
    assert (
        await warning.get_by_role(
            "link", name="https://helpcenter.trendmicro.com/en-us/trend-micro-account/"
        ).count()
        >= 1
    )
    # Nothing offered to capture.
    assert await popup.locator("#capture-form").is_hidden()
    assert await popup.get_by_role("button", name="Track").count() == 0
    assert "Nothing is captured from this page." in await popup.locator("#page-status").inner_text()

    # With the site permission, the badge warns on such pages too (from the table the
    # extension keeps: it was fetched after pairing, so the next page load shows it).
    await page.reload()
    await wait_for(lambda: browser.badge(tab_id), what="the look-alike badge")
    assert await browser.badge(tab_id) == "!"
    title = await browser.evaluate_in_worker(f"() => chrome.action.getTitle({{tabId: {tab_id}}})")
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


async def test_with_site_badges_only_the_badge_warns_by_the_domain(badges_only, server, website):
    await pair_through_options(badges_only, server)
    await wait_for(
        lambda: badges_only.evaluate_in_worker(
            "async () => Boolean((await chrome.storage.local.get('official_table')).official_table)"
        ),
        what="the official-domains table",
    )
    page = await badges_only.open(f"http://{LOOKALIKE}:{website.port}{PAGE}")
    tab_id = await badges_only.tab_id(page.url)
    # The page itself is out of the extension's reach: only its address is known.
    reach = await badges_only.evaluate_in_worker(
        f"() => chrome.scripting.executeScript({{target: {{tabId: {tab_id}}}, func: () => 1}})"
        ".then(() => 'read', () => 'refused')"
    )
    assert reach == "refused"
    await page.reload()
    await wait_for(lambda: badges_only.badge(tab_id), what="the look-alike badge")
    assert await badges_only.badge(tab_id) == "!"

    official = await badges_only.open(f"http://{OFFICIAL}:{website.port}{PAGE}")
    official_tab = await badges_only.tab_id(official.url)
    await official.reload()
    for _ in range(15):  # the look-alike tab got its "!" within this; the official one never does
        assert await badges_only.badge(official_tab) != "!"
        await asyncio.sleep(0.1)  # the point: a while in which nothing may happen
