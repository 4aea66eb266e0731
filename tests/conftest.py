"""Shared fixtures: a real server on a temp data dir, reached over real HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from server.app import create_app
from server.config import Config
from server.keys import CLIENTS
from server.wallclock import WallClock

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True, scope="session")
def _private_config_home(tmp_path_factory):
    """The user's config dir (login service unit, policies) is a temp one in every test: no
    test reads or changes the real user's, and what the TUI's header says does not depend on
    whether this machine's user installed the login service."""
    import os

    # Nor does a test's reminder pop up on the desktop of whoever runs the tests: no session
    # bus (the notification tests start their own, tests/server/test_notifications.py).
    private = {
        "XDG_CONFIG_HOME": str(tmp_path_factory.mktemp("config-home")),
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/refund-tracker-tests",
    }
    before = {name: os.environ.get(name) for name in private}
    os.environ.update(private)
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def config_today() -> date:
    """The day the ``config`` fixture's clock starts on; a test module may override it."""
    return TODAY


@pytest.fixture
def config(tmp_path, config_today):
    return Config(
        data_dir=tmp_path / "data",
        port=0,
        clock=WallClock.starting(config_today),
        policies_file=tmp_path / "policies.toml",
    )


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


def require_tool(command: str, package: str) -> str:
    """A system tool's path (looked up on PATH); a skip with a reason when it is missing, a
    failure where REFUNDS_REQUIRE_BROWSERS=1 (CI, which installs it) says every real part runs."""
    import os
    import shutil

    path = shutil.which(command)
    if path:
        return path
    if os.environ.get("REFUNDS_REQUIRE_BROWSERS") == "1":
        pytest.fail(
            f"{command} is required here (REFUNDS_REQUIRE_BROWSERS=1) but is not on PATH; "
            f"install Debian's {package}"
        )
    pytest.skip(f"{command} is not installed; install Debian's {package} to run this test")
