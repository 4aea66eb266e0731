"""Entry point of the terminal UI (the full app arrives with the TUI issue)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(data_dir: Path, *, demo: bool = False) -> int:
    print("The terminal UI is not built yet; run 'refunds serve' to start the server.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(run(Path.cwd()))
