"""Open a file or a folder with the system's opener: xdg-open (Linux), open (macOS), the shell (Windows).

`REFUNDS_OPENER` names another command (split like a shell line); it gets the path as its last
argument. Whatever goes wrong comes back as an `OpenFailed` with a sentence to show.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "REFUNDS_OPENER"


class OpenFailed(Exception):
    """The opener could not be started (its message says why, for the user)."""


def opener_command(platform: str | None = None, environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The command that opens a path (the path is added at the end); None: the Windows shell."""
    platform = sys.platform if platform is None else platform
    custom = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    if custom:
        return shlex.split(custom, posix=not platform.startswith("win"))
    if platform == "darwin":
        return ["open"]
    if platform.startswith("win"):
        return None
    return ["xdg-open"]


def open_path(path: Path) -> None:
    """Hand ``path`` to the opener and return at once (the opener's window is its own)."""
    try:
        command = opener_command()
    except ValueError as exc:  # an unclosed quote in REFUNDS_OPENER
        raise OpenFailed(f"Cannot open it: {ENV_VAR} is not a command ({exc}).") from None
    if not path.exists():
        raise OpenFailed(f"{path} is no longer there.")
    try:
        if command is None:
            os.startfile(str(path))  # type: ignore[attr-defined]  # Windows only
            return
        process = subprocess.Popen(
            [*command, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except FileNotFoundError:
        name = command[0] if command else "the Windows shell"
        hint = f" (set {ENV_VAR} to the command that opens files)" if not os.environ.get(ENV_VAR) else ""
        raise OpenFailed(f"Cannot open it: there is no {name} on this system{hint}.") from None
    except OSError as exc:
        raise OpenFailed(f"Cannot open it: {exc.strerror or exc}.") from None
    # Reaped when it ends (xdg-open returns at once; a custom opener may not): no zombie left.
    threading.Thread(target=process.wait, name="opener", daemon=True).start()
