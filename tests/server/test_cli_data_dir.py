"""`--data-dir` wherever it is written, and exports as private as the data they come from.

Every command is run as a user runs it (a subprocess), with REFUNDS_DATA_DIR pointing at a
decoy data dir holding other cases: a command that reads the wrong one is caught, not just
one that fails.
"""

from __future__ import annotations

import json
import os
import stat

import pytest

from server import cli

from ..support.server import Server, run_cli
from ..support.waits import wait_until
from .helpers import capture

COMMANDS_THAT_NEED_A_SERVER = ("pair", "clients")


@pytest.fixture
def two_dirs(tmp_path):
    """(the data dir the user names, a decoy in REFUNDS_DATA_DIR), each with its own server."""
    chosen = Server(tmp_path / "chosen").start()
    decoy = Server(tmp_path / "decoy").start()
    chosen.request("POST", "/api/v1/captures", capture(order_number="CHOSEN-1"))
    decoy.request("POST", "/api/v1/captures", capture(order_number="DECOY-1"))
    decoy.request("POST", "/api/v1/captures", capture(order_number="DECOY-2"))
    yield chosen, decoy
    chosen.stop()
    decoy.stop()


def order_numbers(csv_text: str) -> set[str]:
    header, *rows = csv_text.splitlines()
    column = header.split(",").index("order_number")
    return {row.split(",")[column] for row in rows}


@pytest.mark.parametrize("where", ["before", "after"])
def test_export_reads_the_data_dir_given_before_or_after_the_command(two_dirs, where):
    chosen, decoy = two_dirs
    flag = ["--data-dir", chosen.data_dir]
    args = [*flag, "export", "--format", "csv"] if where == "before" else ["export", "--format", "csv", *flag]
    result = run_cli(*args, env={"REFUNDS_DATA_DIR": str(decoy.data_dir)})
    assert result.returncode == 0, result.stderr
    assert order_numbers(result.stdout) == {"CHOSEN-1"}


@pytest.mark.parametrize("where", ["before", "after"])
def test_clients_and_unpair_read_the_data_dir_given_before_or_after_the_command(two_dirs, where):
    chosen, decoy = two_dirs
    flag = ["--data-dir", chosen.data_dir]

    def run(*command):
        args = [*flag, *command] if where == "before" else [*command, *flag]
        return run_cli(*args, env={"REFUNDS_DATA_DIR": str(decoy.data_dir)})

    code = run("pair")
    assert code.returncode == 0, code.stderr
    pairing_code = code.stdout.split("Pairing code: ")[1].split()[0]
    status, paired = chosen.request_anon(
        "POST", "/api/v1/pair", {"code": pairing_code, "client_name": "Firefox"}
    )
    assert status == 201, paired
    listed = run("clients")
    assert listed.returncode == 0 and "Firefox" in listed.stdout, listed.stdout + listed.stderr
    client_id = paired["client_id"]
    assert client_id in listed.stdout
    assert run("unpair", client_id).returncode == 0
    assert "No paired browsers" in run("clients").stdout
    # The decoy was never asked: no browser was ever paired with it.
    assert decoy.get("/api/v1/clients")["clients"] == []


def test_the_data_dir_after_the_command_wins_over_the_one_before(two_dirs):
    chosen, decoy = two_dirs
    result = run_cli("--data-dir", decoy.data_dir, "export", "--format", "csv", "--data-dir", chosen.data_dir)
    assert result.returncode == 0 and order_numbers(result.stdout) == {"CHOSEN-1"}


def test_serve_takes_the_data_dir_before_the_command(tmp_path):
    data = tmp_path / "before"
    server = Server(data, data_dir_first=True, extra_env={"REFUNDS_DATA_DIR": str(tmp_path / "decoy")})
    proc = server.spawn()
    try:
        try:
            wait_until(
                lambda: (data / "server.json").exists() or proc.poll() is not None,
                timeout=30,
                message="a server.json or an exit",
            )
        except TimeoutError:
            pass  # the assertions below say what is missing
        assert not (tmp_path / "decoy").exists(), "it served REFUNDS_DATA_DIR instead"
        assert (data / "server.json").exists(), "it never served the --data-dir given"
        assert json.loads((data / "server.json").read_text())["port"] == server.port
    finally:
        server.stop()


def test_help_lists_the_data_dir_and_its_environment_variable():
    text = run_cli("--help").stdout
    assert "--data-dir" in text and "REFUNDS_DATA_DIR" in text and "REFUNDS_TODAY" in text
    for command in ("serve", "pair", "export", "clients", "unpair"):
        assert "--data-dir" in run_cli(command, "--help").stdout, command


def test_demo_with_a_command_is_refused_rather_than_ignored(tmp_path):
    result = run_cli("--demo", "export", "--data-dir", tmp_path)
    assert result.returncode == 2 and "--demo" in result.stderr


# -- exports are private, whole, and never written through a link ---------------------------
@pytest.fixture
def served(tmp_path):
    process = Server(tmp_path / "data").start()
    process.request("POST", "/api/v1/captures", capture())
    yield process
    process.stop()


def export_to(process, target, *extra):
    return run_cli("export", "--format", "json", "--output", target, "--data-dir", process.data_dir, *extra)


def test_an_export_is_readable_by_its_owner_only(served, tmp_path):
    target = tmp_path / "cases.json"
    result = export_to(served, target)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(json.loads(target.read_text())["cases"]) == 1
    assert "readable by you only" in result.stderr


def test_an_export_over_a_readable_file_replaces_it_with_a_private_one(served, tmp_path):
    target = tmp_path / "cases.json"
    target.write_text("old")
    target.chmod(0o644)
    assert export_to(served, target).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() != "old"


def test_an_export_never_writes_through_a_symbolic_link(served, tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    link = tmp_path / "cases.json"
    link.symlink_to(elsewhere)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "would-be-created.json")
    for target in (link, dangling):
        result = export_to(served, target)
        assert result.returncode == 2, result.stderr
        assert "symbolic link" in result.stderr and "Traceback" not in result.stderr
        assert target.is_symlink()
    assert elsewhere.read_text() == "keep me"
    assert not (tmp_path / "would-be-created.json").exists()


def test_an_export_that_fails_midway_leaves_the_old_file_and_no_temp_file(
    served, tmp_path, monkeypatch, capsys
):
    target = tmp_path / "cases.json"
    target.write_text("the previous export")
    real_fsync = os.fsync

    def failing_fsync(fd):
        if os.path.realpath(f"/proc/self/fd/{fd}").startswith(str(tmp_path / "cases.json")):
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    code = cli.main(
        ["export", "--format", "json", "--output", str(target), "--data-dir", str(served.data_dir)]
    )
    assert code == 1
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.json", "data"]


def test_an_export_to_a_folder_or_a_missing_folder_is_a_clear_error(served, tmp_path):
    folder = export_to(served, tmp_path)
    assert folder.returncode == 2 and "not a plain file" in folder.stderr
    missing = export_to(served, tmp_path / "no" / "such" / "cases.json")
    assert missing.returncode == 1 and "Nothing was written" in missing.stderr
    assert "Traceback" not in folder.stderr + missing.stderr
