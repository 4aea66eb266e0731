"""Installing, removing and checking the login service: a plan (pure) and its side effects
(writing the file whole or not at all, running systemctl / launchctl / schtasks with a list
argv, never a shell)."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .units import (
    LAUNCHD_LABEL,
    LINUX,
    MACOS,
    SYSTEMD_UNIT,
    WINDOWS,
    WINDOWS_TASK,
    ServiceError,
    launchd_log_file,
    launchd_plist_path,
    platform_key,
    render_launchd_plist,
    render_systemd_unit,
    render_windows_task,
    systemd_unit_path,
    windows_command_line,
    windows_task_file,
)

# ---------------------------------------------------------------- plans


@dataclass(frozen=True)
class Where:
    """What the pure functions need to know about this machine and user."""

    platform: str
    home: Path
    env: Mapping[str, str] = field(default_factory=dict)
    config_dir: Path | None = None  # Windows: the app's config dir (holds the task XML)
    uid: int | None = None  # macOS: launchctl's gui/UID domain
    user_id: str = ""  # Windows: DOMAIN\\user, for the logon trigger

    @classmethod
    def here(cls) -> Where:
        from ..config import default_config_dir

        platform = platform_key()
        user = os.environ.get("USERNAME", "")
        domain = os.environ.get("USERDOMAIN", "")
        return cls(
            platform=platform,
            home=Path.home(),
            env=dict(os.environ),
            config_dir=default_config_dir() if platform == WINDOWS else None,
            uid=os.getuid() if hasattr(os, "getuid") else None,
            user_id=f"{domain}\\{user}" if domain and user else user,
        )


def service_file(where: Where) -> Path:
    """The file that is the installed service (or, on Windows, its record)."""
    platform = platform_key(where.platform)
    if platform == LINUX:
        return systemd_unit_path(where.env, where.home)
    if platform == MACOS:
        return launchd_plist_path(where.home)
    if where.config_dir is None:
        raise ServiceError("No config directory to keep the task's XML in.")
    return windows_task_file(where.config_dir)


def service_installed(where: Where | None = None) -> bool:
    """Whether the login service is installed: its file is there (one stat, no subprocess;
    for the terminal UI's header). ``where`` defaults to this machine and user; False on a
    platform that has no login service."""
    try:
        return service_file(where or Where.here()).is_file()
    except (ServiceError, OSError):
        return False


@dataclass(frozen=True)
class Plan:
    """What installing (or uninstalling) does: a file written (or removed), then commands."""

    platform: str
    path: Path
    content: bytes = b""  # what is written at path; empty for an uninstall
    text: str = ""  # the same, readable (for --print)
    commands: tuple[tuple[str, ...], ...] = ()
    manual: str = ""  # how to do the commands' part by hand, when they cannot be run
    extra_dirs: tuple[Path, ...] = ()  # made before writing (macOS: the log directory)
    after: tuple[tuple[str, ...], ...] = ()  # uninstall: run once the file is removed

    def command_lines(self, commands: Sequence[Sequence[str]] | None = None) -> list[str]:
        join = windows_command_line if self.platform == WINDOWS else shlex.join
        return [join(command) for command in (self.commands if commands is None else commands)]


def install_plan(where: Where, argv: Sequence[str]) -> Plan:
    platform = platform_key(where.platform)
    path = service_file(where)
    if platform == LINUX:
        text = render_systemd_unit(argv)
        commands: tuple[tuple[str, ...], ...] = (
            ("systemctl", "--user", "daemon-reload"),
            ("systemctl", "--user", "enable", "--now", SYSTEMD_UNIT),
        )
        return Plan(
            platform,
            path,
            text.encode(),
            text,
            commands,
            manual="In your desktop session, run:\n  systemctl --user daemon-reload\n"
            f"  systemctl --user enable --now {SYSTEMD_UNIT}",
        )
    if platform == MACOS:
        log_file = launchd_log_file(where.home)
        content = render_launchd_plist(argv, log_file)
        domain = f"gui/{where.uid}"
        # bootout first: bootstrap refuses a label that is already loaded (a reinstall).
        commands = (
            ("launchctl", "bootout", f"{domain}/{LAUNCHD_LABEL}"),
            ("launchctl", "bootstrap", domain, str(path)),
        )
        return Plan(
            platform,
            path,
            content,
            content.decode(),
            commands,
            manual=f"Log in to the desktop and run:\n  launchctl bootstrap {domain} {shlex.quote(str(path))}",
            extra_dirs=(log_file.parent,),
        )
    text = render_windows_task(argv, where.user_id)
    commands = (
        ("schtasks", "/Create", "/TN", WINDOWS_TASK, "/XML", str(path), "/F"),
        ("schtasks", "/Run", "/TN", WINDOWS_TASK),
    )
    return Plan(
        platform,
        path,
        text.encode("utf-16"),
        text,
        commands,
        manual=f'Run: schtasks /Create /TN "{WINDOWS_TASK}" /XML "{path}" /F',
    )


def uninstall_plan(where: Where) -> Plan:
    platform = platform_key(where.platform)
    path = service_file(where)
    if platform == LINUX:
        # The reload comes after the file is gone, so systemd forgets the unit.
        return Plan(
            platform,
            path,
            commands=(("systemctl", "--user", "disable", "--now", SYSTEMD_UNIT),),
            after=(("systemctl", "--user", "daemon-reload"),),
        )
    commands: tuple[tuple[str, ...], ...]
    if platform == MACOS:
        commands = (("launchctl", "bootout", f"gui/{where.uid}/{LAUNCHD_LABEL}"),)
    else:
        commands = (
            ("schtasks", "/End", "/TN", WINDOWS_TASK),
            ("schtasks", "/Delete", "/TN", WINDOWS_TASK, "/F"),
        )
    return Plan(platform, path, commands=commands)


# ---------------------------------------------------------------- side effects

Runner = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]


def run_command(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run a service manager's command: a list argv, no shell; its own path looked up on PATH."""
    program = shutil.which(argv[0])
    if program is None:
        raise FileNotFoundError(argv[0])
    return subprocess.run(
        [program, *argv[1:]],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@dataclass
class Outcome:
    ok: bool  # the file part succeeded (the exit code follows it)
    lines: list[str]  # what to tell the user
    managed: bool = False  # the service manager took it (enabled and started / stopped)


def _failure(command: Sequence[str], result: subprocess.CompletedProcess[str]) -> str:
    said = (result.stderr or result.stdout or "").strip() or f"exit code {result.returncode}"
    return f"'{' '.join(command)}' failed: {said}"


def install(plan: Plan, run: Runner = run_command) -> Outcome:
    """Write the service file (whole or not at all), then hand it to the service manager."""
    from ..storage.files import UnsafeTarget, write_private_file

    try:
        for directory in (plan.path.parent, *plan.extra_dirs):
            directory.mkdir(parents=True, exist_ok=True)
        write_private_file(plan.path, plan.content)
    except UnsafeTarget as exc:
        return Outcome(False, [f"Cannot write the login service: {exc}. Nothing was written."])
    except OSError as exc:
        return Outcome(False, [f"Cannot write {plan.path}: {exc.strerror or exc}. Nothing was written."])
    lines = [f"Wrote {plan.path}."]
    for index, command in enumerate(plan.commands):
        try:
            result = run(command)
        except FileNotFoundError:
            lines += [
                f"{command[0]} is not available here, so the service is written but not enabled.",
                plan.manual,
            ]
            return Outcome(True, lines)
        except (OSError, subprocess.TimeoutExpired) as exc:
            lines += [f"Could not run {command[0]}: {exc}.", plan.manual]
            return Outcome(True, lines)
        if result.returncode != 0:
            if plan.platform == MACOS and command[1] == "bootout":
                continue  # it was not loaded: nothing to unload
            lines.append(_failure(command, result))
            if index == 0 and plan.platform == LINUX:
                # daemon-reload failing means no user manager is reachable (no session bus:
                # ssh, a container, sudo): not an error of the install.
                lines += [
                    "No systemd user session is reachable from here, so the service is "
                    "written but not enabled.",
                    plan.manual,
                ]
                return Outcome(True, lines)
            return Outcome(False, lines + [plan.manual])
    lines.append("The server now starts at login (and is running now).")
    return Outcome(True, lines, managed=True)


def uninstall(plan: Plan, run: Runner = run_command) -> Outcome:
    """Stop and deregister the service, then remove its file."""
    lines: list[str] = []
    if not plan.path.exists() and not plan.path.is_symlink():
        return Outcome(True, [f"The login service is not installed ({plan.path} does not exist)."])
    managed = True
    for command in plan.commands:
        try:
            result = run(command)
        except (OSError, subprocess.TimeoutExpired):
            managed = False
            lines.append(f"{command[0]} is not available here: nothing to stop.")
            break
        if result.returncode != 0 and not (plan.platform == WINDOWS and command[1] == "/End"):
            managed = False
            lines.append(_failure(command, result))
    try:
        plan.path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        return Outcome(False, lines + [f"Cannot remove {plan.path}: {exc.strerror or exc}."])
    for command in plan.after if managed else ():
        try:
            run(command)
        except (OSError, subprocess.TimeoutExpired):
            pass
    lines.append(f"Removed {plan.path}: the server no longer starts at login.")
    return Outcome(True, lines, managed=managed)


@dataclass
class Status:
    installed: bool
    path: Path
    command: str = ""  # what the installed service runs, as written in its file
    manager: str = ""  # what the service manager says (active, enabled, ...), when it answers


def installed_command(platform: str, content: bytes) -> str:
    """What an installed service file runs (pure: from the file's bytes)."""
    try:
        if platform == LINUX:
            for line in content.decode().splitlines():
                if line.startswith("ExecStart="):
                    return line[len("ExecStart=") :]
        elif platform == MACOS:
            return shlex.join(plistlib.loads(content)["ProgramArguments"])
        else:
            import xml.etree.ElementTree as ET

            ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
            # ElementTree does not decode UTF-16 declared in the header: decode it first.
            root = ET.fromstring(content.decode("utf-16").split("?>", 1)[1])
            exe = root.findtext("t:Actions/t:Exec/t:Command", "", ns)
            args = root.findtext("t:Actions/t:Exec/t:Arguments", "", ns)
            return f"{windows_command_line([exe])} {args}".strip()
    except (ValueError, KeyError, TypeError, SyntaxError, UnicodeDecodeError):
        pass
    return ""


def status(where: Where, run: Runner = run_command) -> Status:
    path = service_file(where)
    try:
        content = path.read_bytes()
    except OSError:
        return Status(False, path)
    result = Status(True, path, command=installed_command(where.platform, content))
    queries: list[tuple[str, ...]]
    if where.platform == LINUX:
        queries = [
            ("systemctl", "--user", "is-enabled", SYSTEMD_UNIT),
            ("systemctl", "--user", "is-active", SYSTEMD_UNIT),
        ]
    elif where.platform == MACOS:
        queries = [("launchctl", "print", f"gui/{where.uid}/{LAUNCHD_LABEL}")]
    else:
        queries = [("schtasks", "/Query", "/TN", WINDOWS_TASK, "/FO", "LIST")]
    answers = []
    for query in queries:
        try:
            answer = run(query)
        except (OSError, subprocess.TimeoutExpired):
            result.manager = f"{query[0]} is not available here"
            return result
        text = (answer.stdout or "").strip()
        if where.platform == LINUX:
            if answer.returncode != 0 and not text:
                said = (answer.stderr or "").strip().splitlines()
                result.manager = f"systemd does not answer ({said[0] if said else 'no user session'})"
                return result
            answers.append(f"{query[2]}: {text}")
        elif where.platform == MACOS:
            state = next(
                (
                    line.split("=", 1)[1].strip()
                    for line in text.splitlines()
                    if line.strip().startswith("state =")
                ),
                "",
            )
            answers.append(
                f"loaded, {state}"
                if answer.returncode == 0 and state
                else "loaded"
                if answer.returncode == 0
                else "not loaded"
            )
        else:
            state = next(
                (line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Status:")),
                "",
            )
            answers.append(
                f"task {state or 'registered'}" if answer.returncode == 0 else "task not registered"
            )
    result.manager = ", ".join(answers)
    return result
