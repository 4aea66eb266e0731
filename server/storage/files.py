"""Small filesystem helpers for crash-safe writes."""

from __future__ import annotations

import errno
import os
from pathlib import Path

TEMP_MARKER = ".tmp-"


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) readable by the user alone: it holds orders and money.

    One that already exists keeps no looser mode (0755 from an older version, or made by hand):
    it is made 0700, or refused when this user cannot (it is someone else's)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777
    if mode != 0o700:
        try:
            os.chmod(path, 0o700)
        except PermissionError:
            # Said by the CLI and the TUI as "Cannot use the data directory …: <this> (<path>)."
            raise PermissionError(
                errno.EPERM,
                f"others may read it (mode {mode:o}) and this user may not "
                "make it private, while it holds your orders; make it yours and "
                f"'chmod 700' it, or choose another with --data-dir",
                str(path),
            ) from None


def make_private_tree(path: Path) -> list[Path]:
    """Every folder under ``path`` 0700 and every file 0600 (links are left alone, not followed);
    the paths whose mode was tightened."""
    make_private_dir(path)
    tightened = []
    for root, dirs, files in os.walk(path):
        for name, wanted in [*((d, 0o700) for d in dirs), *((f, 0o600) for f in files)]:
            entry = Path(root) / name
            if entry.is_symlink():
                continue
            mode = entry.stat().st_mode & 0o777
            if mode & ~wanted & 0o777:
                os.chmod(entry, mode & wanted)
                tightened.append(entry)
    return tightened


def fsync_dir(path: Path) -> None:
    """Make a directory's entries (a new, renamed or removed file) durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_for(target: Path) -> Path:
    """A temp file beside ``target`` (same directory: os.replace must not cross filesystems)."""
    return target.with_name(f"{target.name}{TEMP_MARKER}{os.getpid()}-{os.urandom(4).hex()}")


def write_atomic(target: Path, chunks, mode: int = 0o600) -> int:
    """Write ``chunks`` (bytes) to ``target`` so a crash leaves the old or the new file, never a
    torn one; the number of bytes written."""
    tmp = temp_path_for(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    written = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
                written += len(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(target.parent)
    return written


class UnsafeTarget(OSError):
    """A file we were asked to write is a symbolic link, or not a plain file."""


def write_private_file(target: Path, data: bytes) -> int:
    """Write ``data`` to ``target`` for its owner's eyes only (0600): whole or not at all.

    Never through a symbolic link (a link planted where an export goes would otherwise take
    the user's data elsewhere): a link, or anything but a plain file, at ``target`` is refused.
    A plain file there is replaced whole (a new 0600 file is renamed over it).
    """
    target = Path(target)
    if target.is_symlink():
        raise UnsafeTarget(
            f"{target} is a symbolic link (to {os.readlink(target)}); "
            "refusing to write through it: give the real path"
        )
    if target.exists() and not target.is_file():
        raise UnsafeTarget(f"{target} is not a plain file")
    # The temp file is made with O_EXCL under a random name, and os.replace renames over the
    # target rather than writing into it: even a link made there meanwhile is not followed.
    return write_atomic(target, [data], mode=0o600)


def remove_temp_files(directory: Path) -> list[Path]:
    """Remove temp files a crash left behind; they were never acknowledged."""
    removed = []
    for entry in directory.iterdir():
        if TEMP_MARKER in entry.name and entry.is_file():
            entry.unlink()
            removed.append(entry)
    return removed
