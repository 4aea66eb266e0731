"""What the login service is made of: the platform's unit / plist / task XML and where it
goes, as pure functions of their arguments (testable on any OS)."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from ..config import APP_NAME

SYSTEMD_UNIT = "refund-tracker.service"
LAUNCHD_LABEL = "local.refund-tracker.server"
WINDOWS_TASK = "Refund Tracker"
WINDOWS_TASK_FILE = "login-task.xml"
DESCRIPTION = "Refund Tracker server (refund deadlines, captures from the browser)"

# `refunds serve` exit codes that a restart cannot fix: a bad argument (2), a damaged
# database (5), a data directory it may not use (6). A locked data dir (3: the terminal UI's
# own server) or a taken port (4) can clear, so those are retried.
NO_RESTART_EXIT_CODES = (2, 5, 6)

LINUX, MACOS, WINDOWS = "linux", "darwin", "win32"


class ServiceError(Exception):
    """The login service cannot be set up here (say why; nothing was written)."""


def platform_key(platform: str | None = None) -> str:
    """linux, darwin or win32 for ``sys.platform``-style names; ServiceError for the rest."""
    platform = platform or sys.platform
    if platform.startswith("linux"):
        return LINUX
    if platform in (MACOS, WINDOWS):
        return platform
    raise ServiceError(
        f"A login service is made for Linux (systemd), macOS (launchd) and Windows "
        f"(Task Scheduler); this is {platform}. Start 'refunds serve' from your "
        "system's own autostart instead."
    )


# ---------------------------------------------------------------- the command the service runs


def server_argv(
    data_dir: Path | str, port: int, python: str | None = None, platform: str | None = None
) -> list[str]:
    """``python -m server.cli serve --data-dir D --port P``, every path absolute.

    The interpreter is the one running now (the venv's: its path is kept as is, not resolved
    through the venv's symlink, or the packages would be lost); on Windows its windowless
    twin ``pythonw.exe`` when there is one, so no console window opens at logon.
    """
    python = os.path.abspath(python or sys.executable)
    if platform_key(platform) == WINDOWS:
        windowless = Path(python).with_name("pythonw.exe")
        if Path(python).name.lower() == "python.exe" and windowless.exists():
            python = str(windowless)
    if not 1 <= port <= 65535:
        raise ServiceError(f"--port {port} is not a port number (1-65535).")
    return [python, "-m", "server.cli", "serve", "--data-dir", os.path.abspath(data_dir), "--port", str(port)]


# ---------------------------------------------------------------- systemd (Linux)

# systemd refuses an executable path with these in it, however it is quoted.
_SYSTEMD_UNSAFE_EXECUTABLE = set("\"'\\")


def _no_control_characters(arg: str) -> None:
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in arg):
        raise ServiceError(
            f"{arg!r} contains a control character (a newline?): a service "
            "cannot be written for it. Use a path without one."
        )


def systemd_quote(arg: str, *, executable: bool = False) -> str:
    """One word of an ``ExecStart=`` line: double-quoted, ``\\`` and ``"`` escaped, ``%``
    (specifiers) doubled and, for arguments, ``$`` (variable expansion) doubled; the executable
    is not variable-expanded, so its ``$`` stays single."""
    _no_control_characters(arg)
    if executable and _SYSTEMD_UNSAFE_EXECUTABLE & set(arg):
        raise ServiceError(
            f"systemd cannot run a program whose path contains a quote or a "
            f"backslash: {arg}. Install Refund Tracker (its .venv) under a path "
            "without one."
        )
    text = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    if not executable:
        text = text.replace("$", "$$")
    return f'"{text}"'


def systemd_command_line(argv: Sequence[str]) -> str:
    return " ".join(systemd_quote(arg, executable=i == 0) for i, arg in enumerate(argv))


def render_systemd_unit(argv: Sequence[str]) -> str:
    """The user unit's text."""
    restart_prevent = " ".join(map(str, NO_RESTART_EXIT_CODES))
    return (
        "# Written by 'refunds service install'; 'refunds service uninstall' removes it.\n"
        "[Unit]\n"
        f"Description={DESCRIPTION}\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={systemd_command_line(argv)}\n"
        "Environment=PYTHONUNBUFFERED=1\n"
        "Restart=on-failure\n"
        "RestartSec=10\n"
        f"RestartPreventExitStatus={restart_prevent}\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def systemd_unit_path(env: Mapping[str, str], home: Path) -> Path:
    """Where systemd looks for the user's own units: ``$XDG_CONFIG_HOME/systemd/user`` (an
    absolute one; systemd ignores a relative one, and so do we), else ``~/.config/...``."""
    config = env.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and os.path.isabs(config) else Path(home) / ".config"
    return base / "systemd" / "user" / SYSTEMD_UNIT


# ---------------------------------------------------------------- launchd (macOS)


def render_launchd_plist(argv: Sequence[str], log_file: Path | str) -> bytes:
    """The LaunchAgent (XML escaping by plistlib): started at login, restarted if it crashes
    (not when it exits cleanly), its output in ``log_file``."""
    for arg in argv:
        _no_control_characters(arg)
    return plistlib.dumps(
        {
            "Label": LAUNCHD_LABEL,
            "ProgramArguments": list(argv),
            "RunAtLoad": True,
            "KeepAlive": {"SuccessfulExit": False},
            "ThrottleInterval": 10,
            "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
            "StandardOutPath": str(log_file),
            "StandardErrorPath": str(log_file),
        },
        fmt=plistlib.FMT_XML,
    )


def launchd_plist_path(home: Path) -> Path:
    return Path(home) / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def launchd_log_file(home: Path) -> Path:
    return Path(home) / "Library" / "Logs" / APP_NAME / "server.log"


# ---------------------------------------------------------------- Task Scheduler (Windows)


def windows_command_line(args: Sequence[str]) -> str:
    """Arguments quoted for a Windows program's argv parser (the C runtime's rules)."""
    for arg in args:
        _no_control_characters(arg)
    return subprocess.list2cmdline(list(args))


def render_windows_task(argv: Sequence[str], user_id: str) -> str:
    """The task's XML (Task Scheduler schema 1.2): run at ``user_id``'s logon, as that user,
    without elevation, with no time limit, restarted if it fails."""
    for arg in argv:
        _no_control_characters(arg)
    user = xml_escape(user_id)
    return (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n'
        "  <RegistrationInfo>\n"
        f"    <Description>{xml_escape(DESCRIPTION)}. Written by 'refunds service install'; "
        "'refunds service uninstall' removes it.</Description>\n"
        "  </RegistrationInfo>\n"
        "  <Triggers>\n"
        "    <LogonTrigger>\n"
        "      <Enabled>true</Enabled>\n"
        f"      <UserId>{user}</UserId>\n"
        "    </LogonTrigger>\n"
        "  </Triggers>\n"
        "  <Principals>\n"
        '    <Principal id="Author">\n'
        f"      <UserId>{user}</UserId>\n"
        "      <LogonType>InteractiveToken</LogonType>\n"
        "      <RunLevel>LeastPrivilege</RunLevel>\n"
        "    </Principal>\n"
        "  </Principals>\n"
        "  <Settings>\n"
        "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
        "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
        "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
        "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>\n"
        "    <RestartOnFailure>\n"
        "      <Interval>PT1M</Interval>\n"
        "      <Count>10</Count>\n"
        "    </RestartOnFailure>\n"
        "    <Enabled>true</Enabled>\n"
        "  </Settings>\n"
        '  <Actions Context="Author">\n'
        "    <Exec>\n"
        f"      <Command>{xml_escape(argv[0])}</Command>\n"
        f"      <Arguments>{xml_escape(windows_command_line(argv[1:]))}</Arguments>\n"
        "    </Exec>\n"
        "  </Actions>\n"
        "</Task>\n"
    )


def windows_task_file(config_dir: Path) -> Path:
    """The task's XML, kept as the record that it is installed (and what it runs)."""
    return Path(config_dir) / WINDOWS_TASK_FILE
