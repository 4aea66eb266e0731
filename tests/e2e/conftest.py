"""Fixtures for the browser tests: the real server, a loopback web site, Chromium + the extension."""

from __future__ import annotations

import pytest

from tests.conftest import require_browser

from .harness import CHROMIUM, ChromiumWithExtension, LocalServer, WebSite


@pytest.fixture
async def server(tmp_path):
    local = LocalServer(data_dir=tmp_path / "data", policies_file=tmp_path / "policies.toml")
    await local.start()
    yield local
    await local.stop()


@pytest.fixture
async def website():
    site = await WebSite().start()
    yield site
    await site.stop()


@pytest.fixture
def chromium_path():
    return require_browser(CHROMIUM, "Chromium")


@pytest.fixture
async def playwright():
    from playwright.async_api import async_playwright

    async with async_playwright() as running:
        yield running


@pytest.fixture
async def chromium(playwright, chromium_path, tmp_path):
    browser = await ChromiumWithExtension(playwright, tmp_path / "profile", chromium_path).launch()
    yield browser
    await browser.close()
