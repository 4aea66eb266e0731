"""Start-up: attach to a running server, start one in-process, or say clearly why not."""

from __future__ import annotations

import socket

from server.runtime import read_runtime
from tui import backend
from tui.cases import View
from tui.chrome import Link
from tui.screens.board import BoardScreen
from tui.screens.startup_error import StartupErrorScreen

from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded


async def test_attaches_to_the_running_server(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        assert not app.backend.started_here
        assert app.chrome.address == demo_server.url.removeprefix("http://")
        assert "(started here)" not in screen_text(app)
        assert "(attached)" in screen_text(app)  # quitting leaves that server running
        assert isinstance(app.screen, BoardScreen)
        assert rows_shown(app)[0]["product"] == "Avast One Individual - 1 year"
    # Attaching never stops someone else's server.
    assert read_runtime(demo_server.data_dir) is not None


async def test_starts_a_server_here_when_none_runs(tmp_path):
    data_dir = tmp_path / "data"
    app = make_app(data_dir, port=0)
    async with app.run_test() as pilot:
        await wait_loaded(pilot)
        assert app.backend.started_here
        info = read_runtime(data_dir)
        assert info is not None and info.url == app.backend.endpoint.url
        assert "(started here)" in screen_text(app) and "(attached)" not in screen_text(app)
        assert "No refund cases yet" in screen_text(app)
    # Quitting stops the server it started and removes server.json.
    assert read_runtime(data_dir) is None


async def test_port_taken_runs_elsewhere_and_says_so(tmp_path):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    taken = blocker.getsockname()[1]
    try:
        app = make_app(tmp_path / "data", port=taken)
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_loaded(pilot)
            assert app.backend.started_here
            assert app.backend.endpoint.url != f"http://127.0.0.1:{taken}"
            assert f"Port {taken} is taken" in app.chrome.warning
            assert f"Port {taken} is taken" in screen_text(app)
    finally:
        blocker.close()


async def test_locked_data_dir_without_a_server_is_a_clear_message(tmp_path, monkeypatch):
    from server.storage.lock import DataDirLock

    monkeypatch.setattr(backend, "STARTING_GRACE_SECONDS", 0.2)
    data_dir = tmp_path / "data"
    lock = DataDirLock(data_dir)
    lock.acquire()
    try:
        app = make_app(data_dir, port=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, StartupErrorScreen) and "cannot start" in screen_text(app),
                5,
                "the error screen",
            )
            text = screen_text(app)
            assert "cannot start" in text
            assert "locked by a Refund Tracker server" in text
            assert app.chrome.link is Link.FAILED
            await pilot.press("q")
        assert app.return_code == 1
        assert "locked" in app.startup_problem
    finally:
        lock.release()


async def test_demo_seeds_a_throwaway_dir_through_the_api(tmp_path):
    app = make_app(tmp_path / "demo", demo=True, port=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.loaded and len(app.index) == 7, 15, "the demo cases")
        statuses = {row.case["status"] for row in app.index.rows(View.ALL)}
        assert statuses == {"captured", "requested", "acknowledged", "denied", "refunded"}
        assert "DEMO" in screen_text(app)
        first = rows_shown(app)[0]
        assert first["days_left"] == 2  # the board opens on what closes first
