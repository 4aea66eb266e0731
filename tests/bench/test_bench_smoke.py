"""Every benchmark in bench/ runs at a tiny size (--smoke) so none of them can rot.

The numbers of a smoke run mean nothing; what is checked is that each script runs to the end
and prints its table and its ratio lines (the extraction benchmark may say SKIPPED when Node
or the extractor's npm dependencies are missing).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(
    p.name
    for p in (REPO / "bench").glob("*.py")
    if not p.name.startswith("_") and p.name not in ("loadgen.py", "baselines.py")
)


def test_every_benchmark_is_covered():
    assert set(SCRIPTS) >= {"capture_throughput.py", "event_latency.py", "server_memory.py", "extraction.py"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_benchmark_runs_in_smoke_mode(script):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p),
    }
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, f"{script} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    out = result.stdout
    if out.startswith("SKIPPED:"):
        assert script == "extraction.py", out
        return
    assert "|" in out and "ratio:" in out, out
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
