"""One server per data dir: a second one refuses and touches nothing; what a killed server left
behind (server.json, the lock file) does not stop the next one.

(tests/server/test_cli.py checks the second server's message and a made-up stale server.json;
these use real processes and a real SIGKILL.)
"""

from __future__ import annotations

import json

import pytest

from server.config import Config
from server.serve import start_server
from server.storage.lock import DataDirLocked

from ..support.captures import capture
from ..support.server import REFUNDS, REPO, Server
from ..support.server import child_env as env
from ..support.waits import wait_until


async def test_a_second_server_refuses_and_leaves_the_first_untouched(tmp_path):
    first = Server(tmp_path / "data").start()
    try:
        status, body = first.call("POST", "/api/v1/captures", capture())
        assert status == 201
        runtime_before = (first.data_dir / "server.json").read_bytes()
        files_before = {p.name: p.read_bytes() for p in first.data_dir.iterdir() if p.is_file()}
        with pytest.raises(DataDirLocked) as info:
            await start_server(Config(data_dir=first.data_dir, port=0), freeze_gc=False)
        assert str(first.proc.pid) in str(info.value)
        assert (first.data_dir / "server.json").read_bytes() == runtime_before
        assert {p.name: p.read_bytes() for p in first.data_dir.iterdir() if p.is_file()} == files_before
        # The first one still works, with its own token.
        assert first.call("GET", f"/api/v1/cases/{body['case']['id']}")[0] == 200
        assert first.call("POST", "/api/v1/captures", capture(order_number="2"))[0] == 201
    finally:
        assert first.stop() == 0


def test_many_servers_racing_for_one_data_dir_one_wins(tmp_path):
    import subprocess

    data = tmp_path / "data"
    racers = [Server(data) for _ in range(4)]
    for racer in racers:
        racer.spawn()
    try:
        wait_until(
            lambda: sum(r.proc.poll() is None for r in racers) <= 1,
            timeout=60,
            interval=0.05,
            message="all racers but one to give up",
        )
    except TimeoutError:
        pass  # the assertion below names what each one printed
    running = [r for r in racers if r.proc.poll() is None]
    try:
        assert len(running) == 1, [r.output() for r in racers]
        for loser in racers:
            if loser is not running[0]:
                assert loser.proc.returncode == 3, loser.output()
                assert "in use by another Refund Tracker server" in loser.output()
        winner = running[0]
        try:
            wait_until(
                lambda: (winner.runtime() or {}).get("pid") == winner.proc.pid,
                timeout=30,
                interval=0.05,
                message="the winner's server.json",
            )
        except TimeoutError:
            raise AssertionError(winner.output()) from None
        winner.token = winner.runtime()["token"]
        assert winner.call("POST", "/api/v1/captures", capture())[0] == 201
    finally:
        for racer in racers:
            if racer.proc.poll() is None:
                racer.stop()
    assert (
        subprocess.run(
            [*REFUNDS, "export", "--data-dir", str(data)],
            capture_output=True,
            env=env(),
            cwd=REPO,
            timeout=60,
        ).returncode
        == 0
    )


def test_what_a_killed_server_left_behind_is_replaced(tmp_path):
    import subprocess

    data = tmp_path / "data"
    killed = Server(data).start()
    old_token = killed.token
    assert killed.call("POST", "/api/v1/captures", capture())[0] == 201
    killed.kill()
    stale = json.loads((data / "server.json").read_text())
    assert stale["pid"] == killed.proc.pid, "a SIGKILL leaves server.json behind"

    # Clients are not fooled by it...
    pair = subprocess.run(
        [*REFUNDS, "pair", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        timeout=60,
    )
    assert pair.returncode == 1 and "No Refund Tracker server is running" in pair.stderr
    # ...and the next server replaces it (and the lock the dead one held is free).
    again = Server(data).start()
    try:
        fresh = again.runtime()
        assert fresh["pid"] == again.proc.pid and fresh["port"] == again.port
        assert fresh["token"] != old_token
        assert len(again.call("GET", "/api/v1/cases")[1]["cases"]) == 1
        again.token = old_token
        assert again.call("GET", "/api/v1/cases")[0] == 401, "the dead server's token is worth nothing"
    finally:
        assert again.stop() == 0
    assert not (data / "server.json").exists()


def test_a_stale_server_json_naming_a_live_unrelated_pid_is_replaced(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    # pid 1 is alive but is not a Refund Tracker server (pids get reused after a crash).
    (data / "server.json").write_text(
        json.dumps(
            {
                "url": "http://127.0.0.1:9",
                "port": 9,
                "pid": 1,
                "token": "rt1.dead.beef",
                "version": "0",
                "data_dir": str(data),
            }
        )
    )
    server = Server(data).start()
    try:
        assert server.runtime()["pid"] == server.proc.pid
    finally:
        assert server.stop() == 0
