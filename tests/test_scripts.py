"""The README's test command: given pytest arguments it runs only pytest with them."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_test_sh_with_arguments_runs_only_pytest(tmp_path):
    # A stand-in npm, first on PATH, that notes how it was called.
    calls = tmp_path / "npm-calls"
    fake = tmp_path / "bin" / "npm"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    fake.chmod(0o755)
    lock = REPO / "extension" / "package-lock.json"
    stamp = REPO / "extension" / "node_modules" / ".installed-lock"
    if not (stamp.is_file() and stamp.read_text().strip() == hashlib.sha256(lock.read_bytes()).hexdigest()):
        # The stand-in would be asked to install them, and the real ones would be missing.
        pytest.skip("the extension's npm packages are not installed yet (scripts/test.sh installs them)")
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [str(REPO / "scripts" / "test.sh"), "--collect-only", "-q", "tests/server/test_wallclock.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert re.search(r"^tests/server/test_wallclock.py: \d+$", result.stdout, re.M), (
        "pytest collected what it was given"
    )
    npm = calls.read_text().splitlines() if calls.exists() else []
    assert "moved to" not in result.stdout, "no moved-clock passes"
    assert npm == [], "the extension's packages were up to date: no npm ci, no npm test"
