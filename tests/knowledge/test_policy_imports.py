"""Importing the façade stays light: no holidays, no icalendar, no letter code at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_facade_import_does_not_load_heavy_modules():
    code = (
        "import sys, server.policies as p; "
        "heavy = [m for m in ('holidays', 'icalendar', 'server.policies.templates', "
        "'server.policies.ics', 'server.policies.dossier') if m in sys.modules]; "
        "print(heavy); "
        "p.render_template; p.export_ics; print(p.render_template.__module__)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == ["[]", "server.policies.templates"]
