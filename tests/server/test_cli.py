"""`refunds` as a user runs it: subprocesses against a real data dir."""

from __future__ import annotations

import json
import signal
import socket

import pytest

from server import __version__

from ..support.ports import free_port
from ..support.server import Server, run_cli
from .helpers import capture


@pytest.fixture
def serve(tmp_path):
    started = []

    def start(**kwargs):
        process = Server(tmp_path / "data", **kwargs).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def test_version_and_help():
    result = run_cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout
    help_text = run_cli("--help").stdout
    for command in ("serve", "pair", "export", "clients", "unpair", "--demo", "--version"):
        assert command in help_text


def test_serve_prints_its_url_and_writes_a_private_runtime_file(serve):
    process = serve()
    info = process.runtime()
    assert info["url"] == process.url and info["port"] == process.port
    assert info["version"] == __version__ and info["token"].startswith("rt1.")
    assert (process.data_dir / "server.json").stat().st_mode & 0o777 == 0o600
    status, body = process.request("POST", "/api/v1/captures", capture())
    assert status == 201
    case = process.get(f"/api/v1/cases/{body['case']['id']}")["case"]
    assert case["deadline"] == "2026-12-20"
    assert process.stop() == 0
    assert f"listening on {process.url}" in process.stdout
    assert not (process.data_dir / "server.json").exists(), "removed on clean shutdown"


def test_sigint_shuts_down_cleanly_and_keeps_the_data(serve):
    process = serve()
    process.request("POST", "/api/v1/captures", capture())
    assert process.stop(signal.SIGINT) == 0
    again = serve()
    assert len(again.get("/api/v1/cases")["cases"]) == 1


def test_second_server_on_the_same_data_dir_refuses(serve, tmp_path):
    first = serve()
    result = run_cli("serve", "--data-dir", tmp_path / "data", "--port", free_port(), timeout=30)
    assert result.returncode != 0
    assert str(tmp_path / "data") in result.stderr
    assert str(first.proc.pid) in result.stderr


def test_port_in_use_names_the_port_and_the_flag(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = run_cli("serve", "--data-dir", tmp_path / "data", "--port", port, timeout=30)
    assert result.returncode != 0
    assert str(port) in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_stale_runtime_file_is_replaced(serve, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "server.json").write_text(
        json.dumps(
            {
                "url": "http://127.0.0.1:1",
                "port": 1,
                "pid": 999999,
                "token": "rt1.old.old",
                "version": "0",
                "data_dir": str(data),
            }
        )
    )
    process = serve()
    assert process.runtime()["pid"] == process.proc.pid


def test_pair_prints_a_code_that_pairs(serve):
    process = serve()
    result = run_cli("pair", "--data-dir", process.data_dir)
    assert result.returncode == 0, result.stderr
    code = result.stdout.split("Pairing code:")[1].split()[0]
    import urllib.request

    request = urllib.request.Request(
        process.url + "/api/v1/pair",
        method="POST",
        data=json.dumps({"code": code, "client_name": "Test"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request) as response:
        assert response.status == 201
    clients = run_cli("clients", "--data-dir", process.data_dir)
    assert "Test" in clients.stdout


def test_pair_without_a_server_says_what_to_do(tmp_path):
    result = run_cli("pair", "--data-dir", tmp_path / "nothing")
    assert result.returncode == 1
    assert "refunds serve" in result.stderr and "Traceback" not in result.stderr


def test_export_from_a_running_server(serve, tmp_path):
    process = serve()
    process.request("POST", "/api/v1/captures", capture())
    out = tmp_path / "cases.csv"
    result = run_cli("export", "--format", "csv", "--output", out, "--data-dir", process.data_dir)
    assert result.returncode == 0, result.stderr
    assert out.read_text().splitlines()[1].split(",")[1] == "captured"
    as_json = run_cli("export", "--format", "json", "--data-dir", process.data_dir)
    assert len(json.loads(as_json.stdout)["cases"]) == 1


def test_export_without_a_running_server_opens_the_data_dir_briefly(serve, tmp_path):
    process = serve()
    process.request("POST", "/api/v1/captures", capture())
    process.stop()
    result = run_cli("export", "--format", "json", "--data-dir", process.data_dir)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["cases"]) == 1
    assert not (process.data_dir / "server.json").exists()


def test_export_from_a_data_dir_that_does_not_exist_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo"
    result = run_cli("export", "--format", "json", "--data-dir", missing)
    assert result.returncode == 1
    assert str(missing) in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.exists()


def test_a_new_data_dir_made_by_serve_is_private(serve):
    process = serve()  # the lock is taken before the store opens: it creates the directory
    assert process.data_dir.stat().st_mode & 0o777 == 0o700
    for path in process.data_dir.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path.name


def test_data_dir_from_the_environment(tmp_path):
    data = tmp_path / "from-env"
    missing = run_cli("export", "--format", "json", env={"REFUNDS_DATA_DIR": str(data)})
    assert missing.returncode == 1 and str(data) in missing.stderr
    data.mkdir()
    result = run_cli("export", "--format", "json", env={"REFUNDS_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (data / "refunds.json").exists(), "the export opened $REFUNDS_DATA_DIR"


def test_bad_port_is_a_clear_error(tmp_path):
    result = run_cli("serve", "--data-dir", tmp_path, "--port", "70000")
    assert result.returncode == 2 and "--port" in result.stderr


def test_export_ics_and_a_case_dossier(serve, tmp_path):
    process = serve()
    _, body = process.request("POST", "/api/v1/captures", capture())
    case_id = body["case"]["id"]
    ics = run_cli("export", "--format", "ics", "--data-dir", process.data_dir)
    assert ics.returncode == 0 and ics.stdout.startswith("BEGIN:VCALENDAR")
    out = tmp_path / "dossier.md"
    md = run_cli(
        "export", "--case", case_id, "--format", "md", "--output", out, "--data-dir", process.data_dir
    )
    assert md.returncode == 0, md.stderr
    assert "16739482210" in out.read_text()
    wrong = run_cli("export", "--case", case_id, "--format", "csv", "--data-dir", process.data_dir)
    assert wrong.returncode == 2 and "md or json" in wrong.stderr
    missing = run_cli("export", "--case", "01NOPE", "--format", "md", "--data-dir", process.data_dir)
    assert missing.returncode == 1 and "No case" in missing.stderr


def test_a_serve_that_cannot_listen_leaves_no_data_dir_behind(tmp_path):
    new = tmp_path / "new"
    empty = tmp_path / "empty"
    empty.mkdir()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        for data_dir in (new, empty):
            result = run_cli("serve", "--data-dir", data_dir, "--port", port, timeout=30)
            assert result.returncode == 4, result.stderr
            assert f"Port {port}" in result.stderr and "Traceback" not in result.stderr
    assert not new.exists(), "a data dir made by a serve that never ran"
    assert list(empty.iterdir()) == [], "no refunds.json, no refunds.lock"


def test_a_second_serve_on_the_same_port_and_data_dir_names_the_running_server(serve):
    first = serve()
    again = run_cli("serve", "--data-dir", first.data_dir, "--port", first.port, timeout=30)
    assert again.returncode == 3, again.stderr
    assert "in use by another Refund Tracker server" in again.stderr and str(first.proc.pid) in again.stderr
    assert first.get("/api/v1/health")["status"] == "ok", "the running server is untouched"
