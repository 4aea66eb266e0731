"""Where the server keeps its data and how it listens: one Config, built by the CLI or by tests."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .wallclock import WallClock, system_clock

DEFAULT_PORT = 41731
DATA_DIR_ENV = "REFUNDS_DATA_DIR"
APP_NAME = "refund-tracker"

# Request bodies are small JSON documents; a pasted chat transcript is the largest thing we take.
MAX_BODY_BYTES = 1024 * 1024


def default_data_dir() -> Path:
    """`REFUNDS_DATA_DIR`, else the platform's per-user data directory."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


@dataclass
class Config:
    data_dir: Path
    port: int = DEFAULT_PORT
    host: str = "127.0.0.1"
    # The user policies file (issue: refund knowledge); None means <config dir>/policies.toml.
    policies_file: Path | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    # Seconds a client may take to send its request body (slow-body attacks).
    body_timeout: float = 10.0
    # Seconds a connection may stay open without a request in progress: idle keep-alive
    # connections, and ones that never finish sending their headers (slowloris), are closed
    # (aiohttp's default, made explicit and testable).
    keepalive_timeout: float = 75.0
    # Journal bytes written before the snapshot is compacted.
    compact_after_bytes: int = 16 * 1024 * 1024
    # ... or this many times the snapshot's size, if that is more (compaction's cost per
    # write then stays flat as the database grows).
    compact_ratio: float = 1.0
    # Now and today (deadlines are counted in the user's days): the real clock, or the one
    # REFUNDS_TODAY asks for; tests pin their own.
    clock: WallClock = field(default_factory=system_clock)
    # Seconds between two rounds of sending due reminders (server/notify); None: not sent at
    # all (the API still lists them). Also sent at start.
    reminder_interval: float | None = 300.0
    # `refunds serve -v`: a line per request (server/access_log.py).
    access_log: bool = False

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser().resolve()
