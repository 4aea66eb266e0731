"""What the browser tests run against: the real server, a loopback web site, and Chromium with
the unpacked extension loaded (driven by Playwright).

- `LocalServer`: the Refund Tracker server in this test's event loop, on a fixed port so it can
  be stopped and started again on the same address (the extension keeps the port).
- `WebSite`: a plain aiohttp server on another loopback port serving the extraction fixtures
  (extension/test/fixtures/pages) and tests/e2e/pages (a hostile page, a transcript), their
  dates moved to the day the tests run (dates.py), and the extraction corpus
  (extension/test/corpus/pages) as it is.
- `ChromiumWithExtension`: a persistent Chromium profile with the extension loaded unpacked, and
  the handful of things the tests need from it (its id, its service worker, its pages, a tab's
  id and badge). The extension itself asks only for the server's default port (manifest.json);
  a user's click on its button grants the tab it is on (activeTab), which a test cannot make,
  so by default the tests load a copy whose manifest also names http://127.0.0.1/* (every
  loopback port: the site's pages and the test server's port) in its place. `real=True` loads
  extension/ itself, unchanged (test_chromium_permissions.py), and `grant()` does what the
  user's "Allow" in the browser's permission prompt does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from server.config import Config
from server.serve import RunningServer, start_server
from server.wallclock import system_clock

from ..support.ports import free_port
from ..support.waits import eventually
from .dates import move_dates

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
FIXTURE_PAGES = EXTENSION_DIR / "test" / "fixtures" / "pages"
E2E_PAGES = Path(__file__).resolve().parent / "pages"
CORPUS_PAGES = EXTENSION_DIR / "test" / "corpus" / "pages"

CHROMIUM = "/usr/bin/chromium"
FIREFOX = "/usr/bin/firefox-esr"

# The machine has no network: keep Chromium from trying (and from slowing down on it).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LocalServer:
    """The real server on a temp data dir; stop() and start() again keep its port and data."""

    data_dir: Path
    policies_file: Path
    port: int = field(default_factory=free_port)
    running: RunningServer | None = None
    token: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> LocalServer:
        # The program's clock, not a pinned day: the browser stamps what it sends with the real
        # one (dates.py moves the pages to match).
        config = Config(
            data_dir=self.data_dir, port=self.port, clock=system_clock(), policies_file=self.policies_file
        )
        self.running = await start_server(config, freeze_gc=False)
        self.token = self.running.token
        return self

    async def stop(self) -> None:
        if self.running is not None:
            await self.running.stop()
            self.running = None

    async def api(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """A call with the local (TUI/CLI) token, as the app would make it."""
        headers = {"Authorization": f"Bearer {self.token}"}
        async with (
            aiohttp.ClientSession() as session,
            session.request(method, self.url + path, json=body, headers=headers) as response,
        ):
            return response.status, await response.json()

    async def pairing_code(self) -> str:
        status, body = await self.api("POST", "/api/v1/pairing-codes", {})
        assert status == 201, body
        return body["code"]

    async def capture(self, capture: dict) -> dict:
        """``capture`` sent with the local token; the case it made or updated."""
        status, body = await self.api("POST", "/api/v1/captures", capture)
        assert status == 201, body
        return body["case"]

    async def cases(self) -> list[dict]:
        status, body = await self.api("GET", "/api/v1/cases?archived=include")
        assert status == 200, body
        return body["cases"]

    async def snapshot(self) -> dict:
        """Everything a page could have changed: the cases and the paired clients."""
        _, export = await self.api("GET", "/api/v1/export.json")
        export.pop("exported_at", None)
        _, clients = await self.api("GET", "/api/v1/clients")
        _, cases = await self.api("GET", "/api/v1/cases?archived=include")
        return {"export": export, "clients": clients, "cases": cases}


def _dated_pages(folder: Path):
    """A handler serving ``folder``'s pages with their dates moved to the run's calendar."""

    async def page(request: web.Request) -> web.StreamResponse:
        path = folder / request.match_info["name"]
        if path.parent != folder or not path.is_file():
            raise web.HTTPNotFound()
        if path.suffix != ".html":
            return web.FileResponse(path)
        return web.Response(text=move_dates(path.read_text(encoding="utf-8")), content_type="text/html")

    return page


def _raw_pages(folder: Path):
    """A handler serving ``folder``'s pages byte for byte (as UTF-8, as the command line reads them)."""

    async def page(request: web.Request) -> web.StreamResponse:
        path = folder / request.match_info["name"]
        if path.parent != folder or not path.is_file() or path.suffix != ".html":
            raise web.HTTPNotFound()
        return web.Response(body=path.read_bytes(), content_type="text/html", charset="utf-8")

    return page


@dataclass
class WebSite:
    """A static web site on its own loopback port."""

    port: int = 0
    runner: web.AppRunner | None = None
    hits: list[str] = field(default_factory=list)

    async def start(self) -> WebSite:
        app = web.Application()

        @web.middleware
        async def record(request, handler):
            self.hits.append(request.path)
            return await handler(request)

        app.middlewares.append(record)
        app.router.add_get("/shop/{name}", _dated_pages(FIXTURE_PAGES))
        app.router.add_get("/pages/{name}", _dated_pages(E2E_PAGES))
        app.router.add_get("/corpus/{name}", _raw_pages(CORPUS_PAGES))
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", self.port or 0)
        await site.start()
        self.port = self.runner.addresses[0][1]
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


def extension_with_loopback_access(target: Path) -> Path:
    """A copy of the extension whose manifest also names every loopback port: what a click on
    its button (activeTab) and the user's "Allow" for the test server's port give it."""
    import shutil

    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("src", "icons"):
        shutil.copytree(EXTENSION_DIR / name, target / name)
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    manifest["host_permissions"] = [*manifest["host_permissions"], "http://127.0.0.1/*"]
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


class ChromiumWithExtension:
    """Chromium (new headless) with the extension loaded unpacked, in a persistent profile."""

    def __init__(self, playwright, profile_dir: Path, executable: str, *, real: bool = False) -> None:
        self.playwright = playwright
        self.profile_dir = profile_dir
        self.executable = executable
        self.real = real
        self.context = None
        self.extension_id: str | None = None

    async def launch(self) -> ChromiumWithExtension:
        ext = str(
            EXTENSION_DIR
            if self.real
            else extension_with_loopback_access(self.profile_dir.parent / "extension-under-test")
        )
        self.context = await self.playwright.chromium.launch_persistent_context(
            str(self.profile_dir),
            executable_path=self.executable,
            headless=True,
            ignore_default_args=["--disable-extensions"],
            args=[f"--disable-extensions-except={ext}", f"--load-extension={ext}", *CHROMIUM_ARGS],
        )
        worker = await self.service_worker()
        self.extension_id = worker.url.split("/")[2]
        return self

    async def service_worker(self, timeout: float = 15.0):
        """The extension's service worker (started again if Chromium stopped it)."""
        for worker in self.context.service_workers:
            if worker.url.startswith("chrome-extension://"):
                return worker
        try:
            return await self.context.wait_for_event("serviceworker", timeout=timeout * 1000)
        except Exception as exc:
            raise AssertionError(
                "The extension's service worker never started: Chromium refused to load extension/ "
                "(a file the manifest names is missing, or the manifest is invalid)."
            ) from exc

    async def grant(self, origin: str) -> None:
        """The user's "Allow" for `origin`, given where Chromium's extension settings give it
        (chrome://extensions, site access): the extension's next permissions.request for it
        answers yes without a prompt, which a headless browser could not show."""
        page = await self.context.new_page()
        await page.goto("chrome://extensions")
        error = await page.evaluate(
            """([id, origin]) => new Promise((done) => chrome.developerPrivate.addHostPermission(id, origin,
                () => done(chrome.runtime.lastError ? chrome.runtime.lastError.message : null)))""",
            [self.extension_id, origin],
        )
        await page.close()
        assert error is None, error

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()
            self.context = None

    def page_url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    async def open_extension_page(self, path: str):
        page = await self.context.new_page()
        await page.goto(self.page_url(path))
        return page

    async def open(self, url: str):
        page = await self.context.new_page()
        await page.goto(url)
        return page

    async def evaluate_in_worker(self, script: str, arg: Any = None):
        worker = await self.service_worker()
        return await worker.evaluate(script, arg)

    async def tab_id(self, url: str) -> int:
        """The browser's tab id of the tab showing `url` (the extension may see loopback tabs)."""
        tabs = await self.evaluate_in_worker(
            "async () => (await chrome.tabs.query({})).map((t) => ({id: t.id, url: t.url}))"
        )
        ids = [t["id"] for t in tabs if t.get("url") == url]
        assert len(ids) == 1, f"expected one tab at {url}, found {tabs}"
        return ids[0]

    async def badge(self, tab_id: int | None = None) -> str:
        details = json.dumps({} if tab_id is None else {"tabId": tab_id})
        return await self.evaluate_in_worker(f"() => chrome.action.getBadgeText({details})")

    async def open_popup_for(self, page):
        """The popup, opened as a page working on `page`'s tab (popup.html?tab=<id>)."""
        tab_id = await self.tab_id(page.url)
        popup = await self.open_extension_page(f"src/popup/popup.html?tab={tab_id}")
        return popup, tab_id


async def wait_for(predicate, *, timeout: float = 10.0, interval: float = 0.1, what: str = "condition"):
    """Polls an async predicate until it returns something truthy; returns that."""
    return await eventually(predicate, timeout=timeout, interval=interval, message=what)


async def set_port_in_options(options, port: int) -> None:
    await options.get_by_label("Port").fill(str(port))
    await options.get_by_role("button", name="Save port").click()
    await options.get_by_text(f"expected on port {port}").wait_for()


async def pair_through_options(
    browser: ChromiumWithExtension, server: LocalServer, name: str = "Test Chromium"
) -> None:
    """What a user does: get a code from the app, type it into the extension's settings."""
    code = await server.pairing_code()
    options = await browser.open_extension_page("src/options/options.html")
    await set_port_in_options(options, server.port)
    await options.get_by_label("Pairing code").fill(code)
    await options.get_by_label("Name for this browser").fill(name)
    await options.get_by_role("button", name="Pair", exact=True).click()
    await options.get_by_text(f"Paired as “{name}”").first.wait_for()
    await options.close()
