"""`refunds service`: the login service rendered for each platform, and installed on Linux.

Rendering is pure, so the systemd unit, the LaunchAgent and the Windows task are checked on
any OS; the unit also goes through systemd's own parser (`systemd-analyze verify`). Install /
uninstall / status run as a user runs them (subprocesses) against a temporary
XDG_CONFIG_HOME, with PATH holding no systemctl or a stand-in one: the real user's systemd is
never touched.
"""

from __future__ import annotations

import os
import plistlib
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from server import login_service as service
from server.config import DEFAULT_PORT
from tests.conftest import require_tool

from ..support.server import run_cli

# A data dir a user could really have: spaces, both quotes, and the characters systemd would
# otherwise expand (% specifiers, $ variables), a backslash, XML's own & and <.
AWKWARD = '/home/ann/My Refunds/"quoted" it\'s 100% $HOME \\ & <data>'
PY = "/opt/py 3/bin/python3"
TASK_NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def argv(data_dir=AWKWARD, python=PY):
    return service.server_argv(data_dir, 41731, python=python, platform="linux")


# ---------------------------------------------------------------- the command


def test_the_service_runs_this_interpreter_with_the_data_dir_and_port_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert service.server_argv("data", 5000, platform="linux") == [
        os.path.abspath(sys.executable),
        "-m",
        "server.cli",
        "serve",
        "--data-dir",
        str(tmp_path / "data"),
        "--port",
        "5000",
    ]
    venv_python = tmp_path / "venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.symlink_to(sys.executable)
    # The venv's own path, not the interpreter it links to (that would lose the venv).
    assert service.server_argv("/d", 1, python=str(venv_python), platform="linux")[0] == str(venv_python)
    for port in (0, 65536):
        with pytest.raises(service.ServiceError, match="not a port"):
            service.server_argv("/d", port, platform="linux")


def test_windows_prefers_the_windowless_interpreter(tmp_path):
    (tmp_path / "python.exe").write_text("")
    assert service.server_argv("/d", 1, python=str(tmp_path / "python.exe"), platform="win32")[0] == str(
        tmp_path / "python.exe"
    )
    (tmp_path / "pythonw.exe").write_text("")
    assert service.server_argv("/d", 1, python=str(tmp_path / "python.exe"), platform="win32")[0] == str(
        tmp_path / "pythonw.exe"
    )
    assert service.server_argv("/d", 1, python=str(tmp_path / "python.exe"), platform="linux")[0] == str(
        tmp_path / "python.exe"
    )


def test_other_platforms_are_told_no():
    with pytest.raises(service.ServiceError, match="freebsd14"):
        service.platform_key("freebsd14")
    assert service.service_installed(service.Where(platform="freebsd14", home=Path("/"))) is False


# ---------------------------------------------------------------- systemd


def exec_start(unit: str) -> str:
    [line] = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    return line[len("ExecStart=") :]


def test_systemd_unit_quotes_every_word_for_systemd():
    unit = service.render_systemd_unit(argv())
    assert exec_start(unit) == (
        '"/opt/py 3/bin/python3" "-m" "server.cli" "serve" "--data-dir" '
        '"/home/ann/My Refunds/\\"quoted\\" it\'s 100%% $$HOME \\\\ & <data>" "--port" "41731"'
    )
    lines = unit.splitlines()
    for expected in (
        "[Unit]",
        "[Service]",
        "Type=simple",
        "Restart=on-failure",
        "RestartPreventExitStatus=2 5 6",
        "[Install]",
        "WantedBy=default.target",
    ):
        assert expected in lines


def test_systemd_executable_keeps_its_dollar_and_refuses_what_systemd_cannot_run():
    # systemd does not expand variables in the program's path: a $ there stays single.
    assert service.systemd_quote("/a $b/py%", executable=True) == '"/a $b/py%%"'
    assert service.systemd_quote("/a $b/py%") == '"/a $$b/py%%"'
    for bad in ('/home/"x"/python', "/home/it's/python", "/home/a\\b/python"):
        with pytest.raises(service.ServiceError, match="quote or a backslash"):
            service.render_systemd_unit(argv(python=bad))
    for bad_dir in ("/data\nExecStartPre=/bin/rm", "/data\x00"):
        with pytest.raises(service.ServiceError, match="control character"):
            service.render_systemd_unit(argv(data_dir=bad_dir))


def test_systemd_unit_path_follows_xdg_config_home(tmp_path):
    home = Path("/home/ann")
    assert service.systemd_unit_path({}, home) == home / ".config/systemd/user/refund-tracker.service"
    assert (
        service.systemd_unit_path({"XDG_CONFIG_HOME": str(tmp_path)}, home)
        == tmp_path / "systemd/user/refund-tracker.service"
    )
    # systemd ignores a relative XDG_CONFIG_HOME: so do we.
    assert (
        service.systemd_unit_path({"XDG_CONFIG_HOME": "rel"}, home)
        == home / ".config/systemd/user/refund-tracker.service"
    )


def test_systemd_analyze_verifies_the_unit(tmp_path):
    """systemd's own parser reads the unit: no warning, and it finds the program, even through a
    path with a space, a % and a $ (the executable's quoting), with an awkward data dir."""
    analyze = require_tool("systemd-analyze", "systemd")
    bin_dir = tmp_path / "my env 100% $x" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.symlink_to(sys.executable)
    data_dir = tmp_path / 'My Refunds "q" it\'s 50% $HOME \\ & <x>'
    unit_dir = tmp_path / "units"
    unit_dir.mkdir()
    unit = unit_dir / service.SYSTEMD_UNIT
    unit.write_text(
        service.render_systemd_unit(
            service.server_argv(data_dir, DEFAULT_PORT, python=str(python), platform="linux")
        )
    )
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    result = subprocess.run(
        [analyze, "--user", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
    )
    assert result.returncode == 0, result.stderr
    assert str(unit) not in result.stderr and service.SYSTEMD_UNIT not in result.stderr, result.stderr

    # The check is real: a program that is not there fails it.
    unit.write_text(
        service.render_systemd_unit(
            service.server_argv(data_dir, DEFAULT_PORT, python=str(bin_dir / "missing"), platform="linux")
        )
    )
    result = subprocess.run(
        [analyze, "--user", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
    )
    assert result.returncode != 0 and "missing" in result.stderr


# ---------------------------------------------------------------- launchd


def test_launch_agent_keeps_the_argv_whole_and_escapes_xml(tmp_path):
    where = service.Where(platform="darwin", home=Path("/Users/ann"), uid=501)
    plan = service.install_plan(where, argv())
    assert plan.path == Path("/Users/ann/Library/LaunchAgents/local.refund-tracker.server.plist")
    loaded = plistlib.loads(plan.content)
    assert loaded["Label"] == "local.refund-tracker.server"
    assert loaded["ProgramArguments"] == argv()  # one string per argument: no quoting to get wrong
    assert loaded["RunAtLoad"] is True and loaded["KeepAlive"] == {"SuccessfulExit": False}
    assert loaded["StandardErrorPath"] == "/Users/ann/Library/Logs/refund-tracker/server.log"
    text = plan.content.decode()
    assert "&amp; &lt;data&gt;" in text and "<data>" not in text
    assert plan.commands == (
        ("launchctl", "bootout", "gui/501/local.refund-tracker.server"),
        ("launchctl", "bootstrap", "gui/501", str(plan.path)),
    )
    assert service.installed_command("darwin", plan.content).startswith(
        "'/opt/py 3/bin/python3' -m server.cli"
    )


def test_launch_agent_install_and_uninstall_with_launchctl_stood_in(tmp_path):
    where = service.Where(platform="darwin", home=tmp_path, uid=501)
    calls = []

    def launchctl(command):
        calls.append(tuple(command))
        failed = command[1] == "bootout" and len(calls) == 1  # not loaded yet: bootout fails
        return subprocess.CompletedProcess(command, 3 if failed else 0, "state = running\n", "")

    outcome = service.install(service.install_plan(where, argv()), run=launchctl)
    assert outcome.ok and outcome.managed, outcome.lines
    assert [call[1] for call in calls] == ["bootout", "bootstrap"]
    assert (tmp_path / "Library/Logs/refund-tracker").is_dir()
    assert service.service_installed(where)
    assert service.status(where, run=launchctl).manager == "loaded, running"
    outcome = service.uninstall(service.uninstall_plan(where), run=launchctl)
    assert outcome.ok and calls[-1] == ("launchctl", "bootout", "gui/501/local.refund-tracker.server")
    assert not service.service_installed(where)


# ---------------------------------------------------------------- Windows


def parse_task(content: bytes) -> ET.Element:
    text = content.decode("utf-16")
    assert text.startswith('<?xml version="1.0" encoding="UTF-16"?>')
    return ET.fromstring(text.split("?>", 1)[1])


def test_windows_task_runs_at_the_users_logon_with_windows_quoting(tmp_path):
    where = service.Where(
        platform="win32", home=Path("C:/Users/Ann"), config_dir=tmp_path, user_id="PC\\Ann & Co"
    )
    python = "C:\\Program Files\\Python 3.12\\pythonw.exe"
    data_dir = 'C:\\Users\\Ann\\My "Refunds"\\'
    task_argv = [python, "-m", "server.cli", "serve", "--data-dir", data_dir, "--port", "41731"]
    plan = service.install_plan(where, task_argv)
    assert plan.path == tmp_path / "login-task.xml"
    root = parse_task(plan.content)
    assert root.findtext("t:Actions/t:Exec/t:Command", None, TASK_NS) == python
    # The C runtime's rules: a quote is \", backslashes before a quote are doubled.
    assert root.findtext("t:Actions/t:Exec/t:Arguments", None, TASK_NS) == (
        '-m server.cli serve --data-dir "C:\\Users\\Ann\\My \\"Refunds\\"\\\\" --port 41731'
    )
    assert root.findtext("t:Triggers/t:LogonTrigger/t:UserId", None, TASK_NS) == "PC\\Ann & Co"
    assert root.findtext("t:Principals/t:Principal/t:RunLevel", None, TASK_NS) == "LeastPrivilege"
    # No time limit: the default (72 hours) would stop the server.
    assert root.findtext("t:Settings/t:ExecutionTimeLimit", None, TASK_NS) == "PT0S"
    assert plan.commands == (
        ("schtasks", "/Create", "/TN", "Refund Tracker", "/XML", str(plan.path), "/F"),
        ("schtasks", "/Run", "/TN", "Refund Tracker"),
    )
    assert plan.command_lines()[0] == f'schtasks /Create /TN "Refund Tracker" /XML {plan.path} /F'
    assert service.installed_command("win32", plan.content) == (
        '"C:\\Program Files\\Python 3.12\\pythonw.exe" -m server.cli serve --data-dir '
        '"C:\\Users\\Ann\\My \\"Refunds\\"\\\\" --port 41731'
    )


def test_windows_task_install_and_uninstall_with_schtasks_stood_in(tmp_path):
    where = service.Where(platform="win32", home=tmp_path, config_dir=tmp_path / "cfg", user_id="Ann")
    calls = []

    def schtasks(command):
        calls.append(tuple(command))
        if command[1] == "/Create":  # it reads the XML written before it runs
            parse_task(Path(command[5]).read_bytes())
        return subprocess.CompletedProcess(command, 0, "Status:   Running\n", "")

    outcome = service.install(service.install_plan(where, argv()), run=schtasks)
    assert outcome.ok and outcome.managed and [c[1] for c in calls] == ["/Create", "/Run"]
    assert service.status(where, run=schtasks).manager == "task Running"
    outcome = service.uninstall(service.uninstall_plan(where), run=schtasks)
    assert outcome.ok and [c[1] for c in calls[3:]] == ["/End", "/Delete"]
    assert not (tmp_path / "cfg/login-task.xml").exists()


# ---------------------------------------------------------------- Linux, as the user runs it


@pytest.fixture
def user(tmp_path):
    """A user whose systemd config is in a temp dir; PATH has only a stand-in systemctl's dir."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()

    class User:
        home = tmp_path / "home"
        config = tmp_path / "config"
        data = tmp_path / "My Refunds"
        unit = config / "systemd" / "user" / service.SYSTEMD_UNIT
        calls = tmp_path / "systemctl.calls"
        env = {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(config),
            "PATH": str(bin_dir),
            "REFUNDS_DATA_DIR": str(data),
        }

        @staticmethod
        def systemctl(script: str) -> None:
            """A systemctl that records its arguments, then runs ``script`` (sh)."""
            path = bin_dir / "systemctl"
            path.write_text(f'#!/bin/sh\necho "$*" >> "{User.calls}"\n{script}\n')
            path.chmod(0o755)

        @staticmethod
        def refunds(*args):
            return run_cli(*args, env=User.env)

        @staticmethod
        def systemctl_calls() -> list[str]:
            return User.calls.read_text().splitlines() if User.calls.exists() else []

    User.home.mkdir()
    return User


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd is Linux's")


@linux_only
def test_install_without_systemctl_writes_the_unit_and_says_how_to_enable_it(user):
    result = user.refunds("service", "install")
    assert result.returncode == 0, result.stderr
    assert f"Wrote {user.unit}" in result.stdout
    assert "systemctl is not available" in result.stdout
    assert f"systemctl --user enable --now {service.SYSTEMD_UNIT}" in result.stdout
    text = user.unit.read_text()
    assert f'"--data-dir" "{user.data}" "--port" "{DEFAULT_PORT}"' in text  # REFUNDS_DATA_DIR's
    assert f'ExecStart="{os.path.abspath(sys.executable)}" "-m" "server.cli" "serve"' in text
    assert stat.S_IMODE(user.unit.stat().st_mode) == 0o600
    assert not list(user.unit.parent.glob("*.tmp-*")), "no temp file left"
    assert service.service_installed(service.Where(platform="linux", home=user.home, env=user.env))

    status = user.refunds("service", "status")
    assert status.returncode == 0
    assert f"Installed: {user.unit}" in status.stdout
    assert f'"--data-dir" "{user.data}"' in status.stdout
    assert "systemctl is not available here" in status.stdout

    removed = user.refunds("service", "uninstall")
    assert removed.returncode == 0, removed.stderr
    assert f"Removed {user.unit}" in removed.stdout and not user.unit.exists()
    status = user.refunds("service", "status")
    assert status.returncode == 1 and "Not installed" in status.stdout
    assert not service.service_installed(service.Where(platform="linux", home=user.home, env=user.env))
    again = user.refunds("service", "uninstall")
    assert again.returncode == 0 and "not installed" in again.stdout


@linux_only
def test_install_with_no_user_session_bus_is_written_not_enabled(user):
    user.systemctl('echo "Failed to connect to bus: No medium found" >&2; exit 1')
    result = user.refunds("service", "install", "--port", "5005")
    assert result.returncode == 0, result.stderr
    assert "Failed to connect to bus" in result.stdout
    assert "No systemd user session is reachable" in result.stdout
    assert "systemctl --user daemon-reload" in result.stdout
    assert '"--port" "5005"' in user.unit.read_text()
    assert user.systemctl_calls() == ["--user daemon-reload"]
    status = user.refunds("service", "status")
    assert status.returncode == 0 and "systemd does not answer (Failed to connect to bus" in status.stdout


@linux_only
def test_install_enables_and_starts_it_and_uninstall_disables_it(user):
    user.systemctl('case "$2" in is-enabled) echo enabled;; is-active) echo active;; esac; exit 0')
    result = user.refunds("service", "install")
    assert result.returncode == 0, result.stderr
    assert "starts at login" in result.stdout
    assert user.systemctl_calls() == ["--user daemon-reload", f"--user enable --now {service.SYSTEMD_UNIT}"]
    status = user.refunds("service", "status")
    assert "Service manager: is-enabled: enabled, is-active: active" in status.stdout
    user.calls.unlink()
    removed = user.refunds("service", "uninstall")
    assert removed.returncode == 0 and not user.unit.exists()
    assert user.systemctl_calls() == [f"--user disable --now {service.SYSTEMD_UNIT}", "--user daemon-reload"]


@linux_only
def test_enable_that_fails_on_a_live_session_is_an_error(user):
    user.systemctl('[ "$2" = enable ] && { echo "Unit is masked." >&2; exit 1; }; exit 0')
    result = user.refunds("service", "install")
    assert result.returncode == 1
    assert "Unit is masked." in result.stderr and "enable --now" in result.stderr
    assert user.unit.exists(), "the unit stays written: enabling it by hand is what is said"


@linux_only
def test_a_unit_that_cannot_be_written_fails_and_writes_nothing(user):
    user.config.write_text("a file where the config dir should be")
    result = user.refunds("service", "install")
    assert result.returncode == 1 and "Nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    user.config.unlink()
    user.unit.parent.mkdir(parents=True)
    user.unit.symlink_to(user.home / "elsewhere")
    result = user.refunds("service", "install")
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert not (user.home / "elsewhere").exists()


@linux_only
def test_print_shows_the_unit_and_commands_and_changes_nothing(user):
    user.systemctl("exit 0")
    result = user.refunds("service", "install", "--print")
    assert result.returncode == 0, result.stderr
    assert f"Would write {user.unit}:" in result.stdout
    assert f'"--data-dir" "{user.data}"' in result.stdout and "[Install]" in result.stdout
    assert "  systemctl --user enable --now refund-tracker.service" in result.stdout
    assert not user.config.exists() and user.systemctl_calls() == []
    result = user.refunds("service", "uninstall", "--print")
    assert result.returncode == 0 and "Would remove" in result.stdout
    assert "systemctl --user disable --now refund-tracker.service" in result.stdout
    assert user.systemctl_calls() == []


@linux_only
@pytest.mark.parametrize("where", ["before", "after"])
def test_the_unit_uses_the_data_dir_given_before_or_after_the_command(user, tmp_path, where):
    chosen = tmp_path / "chosen data"
    flag = ["--data-dir", str(chosen)]
    args = (
        [*flag, "service", "install", "--print"]
        if where == "before"
        else ["service", "install", "--print", *flag]
    )
    result = user.refunds(*args)
    assert result.returncode == 0, result.stderr
    assert f'"--data-dir" "{chosen}"' in result.stdout and str(user.data) not in result.stdout


def test_cli_help_and_bad_arguments():
    assert "service" in run_cli("--help").stdout
    help_text = run_cli("service", "--help").stdout
    for action in ("install", "uninstall", "status"):
        assert action in help_text
    assert run_cli("service").returncode == 2
    result = run_cli("service", "install", "--port", "0", "--print")
    assert result.returncode == 2 and "not a port number" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the systemd user unit is Linux's login service")
async def test_health_says_whether_the_server_starts_at_login(client, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert (await (await client.get("/api/v1/health")).json())["login_service"] is False
    unit = service.service_file(service.Where.here())
    unit.parent.mkdir(parents=True)
    unit.write_text("[Unit]\n")
    assert (await (await client.get("/api/v1/health")).json())["login_service"] is True
