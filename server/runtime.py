"""DATA_DIR/server.json: how local clients (TUI, CLI, scripts) find and authenticate to the server."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import msgspec

RUNTIME_NAME = "server.json"


class RuntimeInfo(msgspec.Struct):
    url: str
    port: int
    pid: int
    token: str
    version: str
    data_dir: str


def runtime_path(data_dir: Path) -> Path:
    return Path(data_dir) / RUNTIME_NAME


def write_runtime(data_dir: Path, info: RuntimeInfo) -> Path:
    """Written atomically with mode 0600: the token in it is the key to the data."""
    from .storage.files import write_atomic  # not at import: `refunds` starts without the storage layer

    path = runtime_path(data_dir)
    write_atomic(path, [msgspec.json.format(msgspec.json.encode(info), indent=2), b"\n"], mode=0o600)
    return path


def read_runtime(data_dir: Path) -> RuntimeInfo | None:
    """The runtime file, or None when it is missing, unreadable or left by a dead process."""
    path = runtime_path(data_dir)
    try:
        info = msgspec.json.decode(path.read_bytes(), type=RuntimeInfo)
    except (OSError, msgspec.DecodeError):
        return None
    return info if pid_alive(info.pid) else None


def remove_runtime(data_dir: Path, pid: int | None = None) -> None:
    """Remove the runtime file (only if it is ours, when ``pid`` is given)."""
    path = runtime_path(data_dir)
    try:
        if pid is not None:
            info = msgspec.json.decode(path.read_bytes(), type=RuntimeInfo)
            if info.pid != pid:
                return
        path.unlink()
    except (OSError, msgspec.DecodeError):
        pass


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Endpoint:
    """Where a client talks to: the URL and the token to send."""

    url: str
    token: str
