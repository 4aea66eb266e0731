"""`refunds` with no command: the entry point, the demo's throwaway dir, the prefetch."""

from __future__ import annotations

from pathlib import Path

from tui import __main__ as entry
from tui.app import RefundsApp
from tui.prefetch import Prefetch


def test_run_opens_the_app_on_the_data_dir(monkeypatch, tmp_path):
    seen = {}

    def fake_run(self):
        seen.update(data_dir=self.data_dir, demo=self.demo, port=self.port, prefetch=self.prefetch)

    monkeypatch.setattr(RefundsApp, "run", fake_run)
    assert entry.run(tmp_path / "data") == 0
    assert seen["data_dir"] == tmp_path / "data" and not seen["demo"] and seen["port"] == 41731
    assert isinstance(seen["prefetch"], Prefetch)


def test_demo_uses_a_throwaway_dir_any_port_and_removes_it(monkeypatch, tmp_path):
    seen = {}

    def fake_run(self):
        seen.update(data_dir=self.data_dir, demo=self.demo, port=self.port)
        assert self.data_dir.is_dir()

    monkeypatch.setattr(RefundsApp, "run", fake_run)
    assert entry.run(tmp_path / "real", demo=True) == 0
    assert seen["demo"] and seen["port"] == 0
    assert seen["data_dir"] != tmp_path / "real" and not Path(seen["data_dir"]).exists()
    assert not (tmp_path / "real").exists()  # the real data dir is never touched


def test_cli_without_a_command_runs_the_tui(monkeypatch, tmp_path):
    from server import cli

    calls = []
    monkeypatch.setattr(entry, "run", lambda data_dir, demo=False: calls.append((data_dir, demo)) or 0)
    assert cli.main(["--data-dir", str(tmp_path), "--demo"]) == 0
    assert calls == [(tmp_path, True)]


def test_prefetch_brings_the_board_from_the_running_server(demo_server):
    prefetch = Prefetch(demo_server.data_dir).start()
    prefetch.wait(10)
    health, cases = prefetch.take(demo_server.url)
    assert health["today"] == "2026-11-26" and len(cases) == 7
    assert prefetch.take(demo_server.url) is None  # once


def test_prefetch_is_only_used_for_the_server_it_asked(demo_server):
    prefetch = Prefetch(demo_server.data_dir).start()
    prefetch.wait(10)
    assert prefetch.take("http://127.0.0.1:1") is None


def test_prefetch_without_a_server_is_nothing(tmp_path):
    prefetch = Prefetch(tmp_path).start()
    prefetch.wait(10)
    assert prefetch.take("http://127.0.0.1:41731") is None


async def test_the_app_uses_the_prefetched_board(demo_server):
    from .helpers import make_app, rows_shown, wait_loaded

    prefetch = Prefetch(demo_server.data_dir).start()
    prefetch.wait(10)
    app = make_app(demo_server.data_dir, prefetch=prefetch)
    async with app.run_test() as pilot:
        await wait_loaded(pilot)
        assert app.prefetch is None and prefetch.result is None  # taken
        assert len(rows_shown(app)) == 6
