"""Fixtures for the TUI tests: real servers on temp data dirs, with a fixed `today`.

A server runs on its own event loop in a thread, so the same fixture serves Pilot tests
(async, on pytest's loop) and snapshot tests (sync: the app runs its own loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from server.client import call
from server.config import Config
from server.runtime import Endpoint
from server.wallclock import WallClock

TODAY = date(2026, 11, 26)


@contextlib.contextmanager
def utc_zone() -> Iterator[None]:
    """This process in UTC for a while (times on screen are the same everywhere), then restored."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture(autouse=True)
def utc():
    with utc_zone():
        yield


class ServerThread:
    """A real Refund Tracker server on ``data_dir``, answering from a background thread."""

    def __init__(self, data_dir: Path, *, today: date = TODAY, port: int = 0) -> None:
        self.data_dir = Path(data_dir)
        self.today = today
        self.clock = WallClock.starting(today)
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.server: Any = None

    def start(self) -> ServerThread:
        from server.serve import start_server

        ready = threading.Event()
        failure: list[BaseException] = []
        loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                config = Config(data_dir=self.data_dir, port=self.port, clock=self.clock)
                self.server = loop.run_until_complete(start_server(config, freeze_gc=False))
            except BaseException as exc:  # noqa: BLE001 - re-raised on the test's thread
                failure.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()

        self._loop = loop
        self._thread = threading.Thread(target=run, name="test-server", daemon=True)
        self._thread.start()
        ready.wait(30)
        if failure:
            self._thread.join()
            loop.close()
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        self._loop.close()
        self._loop = self._thread = None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.server.url, self.server.token)

    def call(self, method: str, path: str, body: Any = None) -> Any:
        return call(self.endpoint, method, path, body)

    def cases(self) -> list[dict[str, Any]]:
        return self.call("GET", "/api/v1/cases")["cases"]

    def case(self, case_id: str) -> dict[str, Any]:
        return self.call("GET", f"/api/v1/cases/{case_id}")["case"]


def seed_demo_sync(server: ServerThread) -> None:
    """The demo's cases, made through the API (the same seed `refunds --demo` uses)."""
    from tui.api import ApiClient
    from tui.api import Endpoint as TuiEndpoint
    from tui.demo import seed_demo

    async def seed() -> None:
        client = ApiClient(TuiEndpoint(server.url, server.server.token))
        try:
            await seed_demo(client)
        finally:
            await client.close()

    with utc_zone():  # the demo's times of day are local times
        asyncio.run(seed())


@pytest.fixture
def empty_server(tmp_path):
    """An empty server for one test."""
    running = ServerThread(tmp_path / "data").start()
    yield running
    running.stop()


@pytest.fixture
def demo_server(tmp_path):
    """A server for one test, holding the demo's cases."""
    running = ServerThread(tmp_path / "data").start()
    seed_demo_sync(running)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shared_demo_server(tmp_path_factory):
    """The demo's cases, shared by a module's tests that only read (snapshots)."""
    running = ServerThread(tmp_path_factory.mktemp("shared") / "data").start()
    seed_demo_sync(running)
    yield running
    running.stop()
