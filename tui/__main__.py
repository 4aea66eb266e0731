"""Entry point of `refunds` with no command (the terminal UI arrives with the TUI issue).

Until then it runs the server in the foreground, so `refunds` always gives a working app.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run(data_dir: Path, *, demo: bool = False) -> int:
    from server.cli import main

    print("The terminal UI is not built yet; starting the server instead.", file=sys.stderr)
    return main(["serve", "--data-dir", str(data_dir)])


if __name__ == "__main__":
    sys.exit(run(Path.cwd()))
