"""Reminders delivered: to the desktop over a private D-Bus session bus with a test
notification service that records each Notify call (the real desktop-notifier and dbus-fast
underneath), and pushed through apprise to a local ntfy-style HTTP receiver. Each reminder
once per channel, never again after a restart, again after a snooze ends; late when the
server was not running on its day."""

import asyncio
import json
import logging
import subprocess
from datetime import date, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

from server.app import create_app
from server.config import Config
from server.keys import CLIENTS, DISPATCHER
from server.wallclock import WallClock, system_clock
from tests.conftest import require_tool

from ..support.waits import eventually
from .helpers import new_case

TODAY = date(2027, 1, 31)  # a month's end


class NotificationService(ServiceInterface):
    """org.freedesktop.Notifications as a desktop provides it, recording what it is asked to show."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.shown: list[dict] = []

    @method()
    def Notify(
        self,
        app_name: "s",
        replaces_id: "u",
        app_icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        expire_timeout: "i",
    ) -> "u":
        self.shown.append({"app": app_name, "summary": summary, "body": body})
        return len(self.shown)

    @method()
    def GetCapabilities(self) -> "as":
        return ["body", "actions"]

    @method()
    def CloseNotification(self, notification_id: "u"):
        pass

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["test-notifications", "refund-tracker", "1.0", "1.2"]

    @signal()
    def NotificationClosed(self) -> "uu":
        return [0, 0]

    @signal()
    def ActionInvoked(self) -> "us":
        return [0, ""]


@pytest.fixture
async def desktop(tmp_path, monkeypatch):
    """A private session bus with a notification service on it; the server's session bus."""
    daemon_path = require_tool("dbus-daemon", "dbus-daemon")
    socket = tmp_path / "bus"
    daemon = subprocess.Popen(
        [daemon_path, "--session", "--nofork", "--print-address=1", f"--address=unix:path={socket}"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        address = daemon.stdout.readline().strip()
        assert address, "dbus-daemon did not start"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        bus = await MessageBus(bus_address=address).connect()
        service = NotificationService()
        bus.export("/org/freedesktop/Notifications", service)
        await bus.request_name("org.freedesktop.Notifications")
        yield service
        bus.disconnect()
        await bus.wait_for_disconnect()
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        daemon.stdout.close()


def config_for(tmp_path, clock):
    # One round at start; the tests run the others themselves.
    return Config(
        data_dir=tmp_path / "data",
        port=0,
        clock=clock,
        policies_file=tmp_path / "policies.toml",
        reminder_interval=3600,
    )


class Running:
    """A real server on the data dir, and a client with the local token."""

    def __init__(self, config: Config) -> None:
        self.app = create_app(config)
        self.client = TestClient(TestServer(self.app))

    async def __aenter__(self) -> "Running":
        await self.client.start_server()
        self.client.session.headers["Authorization"] = f"Bearer {self.app[CLIENTS].local_token}"
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.close()

    async def round(self) -> int:
        return await self.app[DISPATCHER].run_once()


def closing_in(days_left: int, today: date = TODAY) -> dict:
    """Trend Micro's 30-day window with ``days_left`` days to run."""
    return {"order_date": (today - timedelta(days=30 - days_left)).isoformat()}


async def until(predicate, what: str, timeout: float = 10.0):
    await eventually(predicate, timeout=timeout, message=what)


async def test_a_window_closing_in_3_days_is_shown_once_and_never_again_after_a_restart(tmp_path, desktop):
    clock = WallClock.starting(TODAY)
    async with Running(config_for(tmp_path, clock)) as server:
        await new_case(server.client, order_number="16739482210", **closing_in(3))
        assert await server.round() == 1
        assert desktop.shown == [
            {
                "app": "Refund Tracker",
                "summary": "Trend Micro 16739482210",
                "body": "3 days left to ask for a refund (Digital River)",
            }
        ]
        assert await server.round() == 0
        [listed] = (await (await server.client.get("/api/v1/reminders")).json())["reminders"]
        assert listed["sent"] == ["desktop"] and listed["late"] is False
    async with Running(config_for(tmp_path, clock)) as server:
        # Time for the start round. No wait on a condition fits: with nothing due it changes
        # nothing anyone can see, which is what this checks.
        await asyncio.sleep(0.3)
        assert await server.round() == 0
    assert len(desktop.shown) == 1
    # Each step of the schedule once: 1 day before, and on the last day.
    clock.move(timedelta(days=2))
    async with Running(config_for(tmp_path, clock)) as server:
        await until(lambda: len(desktop.shown) == 2, "the 1-day reminder at start")
        assert desktop.shown[1]["body"] == "1 day left to ask for a refund (Digital River)"
        clock.move(timedelta(days=1))
        assert await server.round() == 1
        assert desktop.shown[2]["body"] == "last day to ask for a refund (Digital River)"


async def test_a_step_missed_while_the_server_was_down_is_sent_once_at_start_marked_late(tmp_path, desktop):
    clock = WallClock.starting(TODAY)
    async with Running(config_for(tmp_path, clock)) as server:
        await new_case(server.client, order_number="A-9", **closing_in(9))
        assert await server.round() == 0  # 9 days: no step yet
    clock.move(timedelta(days=4))  # the 7-day step began 2 days ago, while nothing ran
    async with Running(config_for(tmp_path, clock)) as server:
        await until(lambda: len(desktop.shown) == 1, "the late reminder")
        assert desktop.shown[0]["body"] == (
            "5 days left to ask for a refund (Digital River) (sent late: the server was not running)"
        )
        [listed] = (await (await server.client.get("/api/v1/reminders")).json())["reminders"]
        assert listed["late"] is True and listed["days_before"] == 7
        assert await server.round() == 0


async def test_snooze_moves_it_and_done_ends_it(tmp_path, desktop):
    clock = WallClock.starting(TODAY)
    async with Running(config_for(tmp_path, clock)) as server:
        case = await new_case(server.client, order_number="S-3", **closing_in(3))
        assert await server.round() == 1
        [reminder] = (await (await server.client.get("/api/v1/reminders")).json())["reminders"]
        response = await server.client.post(f"/api/v1/reminders/{reminder['id']}/snooze", json={"days": 1})
        assert response.status == 200, await response.text()
        assert (await response.json())["snoozed_until"] == (TODAY + timedelta(days=1)).isoformat()
        assert (await (await server.client.get("/api/v1/reminders")).json())["reminders"] == []
        assert await server.round() == 0
        clock.move(timedelta(days=1))  # 2 days left: still the 3-day step, back from its snooze
        assert await server.round() == 1
        assert desktop.shown[-1]["body"] == "2 days left to ask for a refund (Digital River)"
        [again] = (await (await server.client.get("/api/v1/reminders")).json())["reminders"]
        assert again["id"] == reminder["id"]
        response = await server.client.post(f"/api/v1/reminders/{again['id']}/done", json={})
        assert response.status == 200
        assert (await (await server.client.get("/api/v1/reminders")).json())["reminders"] == []
        # The next step still comes.
        clock.move(timedelta(days=1))
        assert await server.round() == 1
        assert desktop.shown[-1]["body"] == "1 day left to ask for a refund (Digital River)"
        # Unknown ids, bad bodies: clear errors.
        missing = await server.client.post(
            f"/api/v1/reminders/{case['id']}.refund_deadline.2000-01-01.3/done", json={}
        )
        assert missing.status == 404
        bad = await server.client.post(f"/api/v1/reminders/{again['id']}/snooze", json={"days": 0})
        assert bad.status == 422 and "days" in await bad.text()


async def test_turned_off_the_desktop_gets_nothing(tmp_path, desktop):
    async with Running(config_for(tmp_path, WallClock.starting(TODAY))) as server:
        response = await server.client.patch("/api/v1/settings", json={"desktop_notifications": False})
        assert response.status == 200
        await new_case(server.client, order_number="Q-1", **closing_in(1))
        assert await server.round() == 0
    assert desktop.shown == []


async def test_no_desktop_session_is_said_once_and_the_reminder_waits(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    caplog.set_level(logging.WARNING, logger="server.notify")
    async with Running(config_for(tmp_path, WallClock.starting(TODAY))) as server:
        await new_case(server.client, order_number="N-1", **closing_in(1))
        assert await server.round() == 0
        assert await server.round() == 0
        said = [r for r in caplog.records if "Desktop notifications are not available" in r.getMessage()]
        assert len(said) == 1
        [listed] = (await (await server.client.get("/api/v1/reminders")).json())["reminders"]
        assert listed["sent"] == []


@pytest.fixture
async def ntfy():
    """An ntfy-style HTTP receiver on 127.0.0.1: what apprise pushes to it."""
    received: list[dict] = []

    async def publish(request: web.Request) -> web.Response:
        received.append(
            {"path": request.path, "body": await request.text(), "headers": dict(request.headers)}
        )
        return web.json_response({"id": str(len(received)), "event": "message"})

    app = web.Application()
    app.router.add_post("/{tail:.*}", publish)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield port, received
    await runner.cleanup()


async def test_push_through_apprise_is_opt_in_and_sends_only_the_reminder(tmp_path, ntfy, monkeypatch):
    port, received = ntfy
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    async with Running(config_for(tmp_path, WallClock.starting(TODAY))) as server:
        await new_case(server.client, order_number="P-3", account_email="ana@example.com", **closing_in(3))
        assert await server.round() == 0, "off by default"
        assert received == []
        bad = await server.client.patch("/api/v1/settings", json={"push_urls": ["nosuchservice://x"]})
        assert bad.status == 422 and "push_urls" in await bad.text()
        response = await server.client.patch(
            "/api/v1/settings", json={"push_urls": [f"ntfy://127.0.0.1:{port}/refunds"]}
        )
        assert response.status == 200, await response.text()
        assert await server.round() == 1
        assert await server.round() == 0
    assert len(received) == 1
    pushed = received[0]
    text = pushed["body"] + json.dumps(pushed["headers"])
    assert "3 days left to ask for a refund (Digital River)" in text
    assert "Trend Micro P-3" in text
    assert "ana@example.com" not in text, "only the reminder's title and message leave the machine"


async def test_a_command_line_run_on_the_data_dir_sends_no_reminders(tmp_path, desktop, capsys):
    from server.cli import main

    # The command line reads the program's clock (REFUNDS_TODAY in the moved passes): so does this.
    today = system_clock().today()
    quiet = Config(
        data_dir=tmp_path / "data",
        port=0,
        clock=system_clock(),
        policies_file=tmp_path / "policies.toml",
        reminder_interval=None,
    )
    async with Running(quiet) as server:
        await new_case(
            server.client,
            order_number="C-3",
            **closing_in(3, today),
            renewal_date=(today + timedelta(days=335)).isoformat(),
        )
    # `refunds due` with no server running starts a temporary one on the data dir: it answers,
    # and leaves the reminders to the real server.
    assert await asyncio.to_thread(main, ["due", "--data-dir", str(tmp_path / "data")]) == 0
    assert "Trend Micro C-3: last day to ask for a refund (Digital River)" in capsys.readouterr().out
    # Time for a (wrong) reminder round to show something: waiting for nothing to happen.
    await asyncio.sleep(0.3)
    assert desktop.shown == []
