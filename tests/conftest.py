"""Shared fixtures: a real server on a temp data dir, reached over real HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from server.app import create_app
from server.config import Config
from server.keys import CLIENTS
from server.wallclock import WallClock

TODAY = date(2026, 11, 26)


@pytest.fixture
def config(tmp_path):
    return Config(data_dir=tmp_path / "data", port=0, clock=WallClock.starting(TODAY),
                  policies_file=tmp_path / "policies.toml")


@pytest.fixture
async def app(config):
    return create_app(config)


@pytest.fixture
async def server(aiohttp_server, app):
    """A real server on a temp data dir, listening on a loopback port."""
    return await aiohttp_server(app)


@pytest.fixture
async def client(aiohttp_client, server, app):
    """A client of the server that sends the local token (as the TUI and CLI do)."""
    test_client = await aiohttp_client(server)
    test_client.session.headers["Authorization"] = f"Bearer {app[CLIENTS].local_token}"
    return test_client


@pytest.fixture
async def anon(aiohttp_client, server):
    """A client of the same server that sends no token."""
    return await aiohttp_client(server)


def require_browser(path: str, name: str) -> str:
    """The browser's path; a skip with a reason when it is missing, a failure in CI."""
    import os
    from pathlib import Path

    if Path(path).exists():
        return path
    if os.environ.get("REFUNDS_REQUIRE_BROWSERS") == "1":
        pytest.fail(f"{name} is required here (REFUNDS_REQUIRE_BROWSERS=1) but {path} is missing")
    pytest.skip(f"{name} is not installed ({path}); install it to run the browser tests")
