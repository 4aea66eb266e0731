"""`refunds` with no command: open the terminal UI (attaching to the server, or starting one)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any


def run(data_dir: Path, *, demo: bool = False) -> int:
    """Run the TUI on ``data_dir`` (or, with ``demo``, on a throwaway seeded one); the exit code."""
    prefetch = None
    throwaway = None
    if demo:
        throwaway = Path(tempfile.mkdtemp(prefix="refunds-demo-"))
        data_dir = throwaway
    else:
        from .prefetch import Prefetch

        # Started before the UI is imported: the server answers while Textual loads.
        prefetch = Prefetch(Path(data_dir).expanduser()).start()
    from .app import RefundsApp

    # The demo never takes the real port: a real server (or the extension) may be using it.
    port: dict[str, Any] = {"port": 0} if demo else {}
    app = RefundsApp(data_dir, demo=demo, freeze_gc=True, prefetch=prefetch, **port)
    try:
        app.run()
    finally:
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)
    if app.startup_problem:
        print(f"refunds: {app.startup_problem}", file=sys.stderr)
    return app.return_code or 0


if __name__ == "__main__":
    from server.config import default_data_dir

    sys.exit(run(default_data_dir(), demo="--demo" in sys.argv[1:]))
