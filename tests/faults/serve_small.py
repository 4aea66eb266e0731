"""`refunds` (the real CLI) with a tiny compaction threshold, so that kills land mid-compaction.

    python -m tests.faults.serve_small serve --data-dir DIR --port N

REFUNDS_TEST_COMPACT_BYTES sets the journal bytes after which a compaction starts (default
64 KiB instead of 16 MiB): the fault suites then snapshot every few dozen captures.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import server.cli as cli
from server.config import Config

_BYTES = int(os.environ.get("REFUNDS_TEST_COMPACT_BYTES", str(64 * 1024)))


@dataclass
class SmallCompactionsConfig(Config):
    compact_after_bytes: int = _BYTES
    compact_ratio: float = 0.0  # not scaled with the snapshot: compact often, however large


cli.Config = SmallCompactionsConfig  # type: ignore[misc]  # a class swapped in on purpose: this CLI compacts early

if __name__ == "__main__":
    sys.exit(cli.main())
