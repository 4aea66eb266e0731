"""`refunds` as a real process, as a user runs it: the CLI (`run_cli`) and `refunds serve`
(`Server`, bench/_support.RefundsServer: the one launcher the tests and the benchmarks use)."""

from __future__ import annotations

import os
import subprocess

from bench._support import REFUNDS, REPO, RefundsServer, child_env

Server = RefundsServer

__all__ = ["REFUNDS", "REPO", "Server", "child_env", "run_cli"]


def run_cli(*args, env=None, timeout=60) -> subprocess.CompletedProcess:
    """`refunds ARGS...` to the end; ``env`` adds to this process's environment."""
    return subprocess.run(
        [*REFUNDS, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
