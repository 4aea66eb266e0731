"""One server per data directory: an exclusive lock held for the server's lifetime."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .files import make_private_dir

LOCK_NAME = "refunds.lock"


class DataDirLocked(Exception):
    def __init__(self, data_dir: Path, pid: int | None) -> None:
        who = f"process {pid}" if pid else "another process"
        super().__init__(
            f"The data directory {data_dir} is in use by another Refund Tracker server "
            f"({who}). Stop it, or use it: 'refunds' attaches to a running server."
        )
        self.data_dir = data_dir
        self.pid = pid


class DataDirLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        make_private_dir(self.path.parent)  # the lock comes first: it creates the data dir
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise DataDirLocked(self.path.parent, pid) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        import fcntl

        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None


@dataclass
class LockHolder:
    pid: int | None


def lock_holder(data_dir: Path) -> LockHolder | None:
    """Who holds ``data_dir``'s lock now, if anyone; creates nothing (not even the directory)."""
    import fcntl

    try:
        fd = os.open(Path(data_dir) / LOCK_NAME, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None  # no lock file (or none we may open): no server holds it
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return LockHolder(_read_pid(fd))
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode().strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


def holder_pid(data_dir: Path) -> int | None:
    """The pid written by the server holding the lock, if any (for messages)."""
    try:
        text = (Path(data_dir) / LOCK_NAME).read_text().strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None
