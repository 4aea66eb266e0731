"""Upkeep of the server process that is no part of any one request: the garbage collector."""

from __future__ import annotations

import asyncio
import gc
import time


def freeze_loaded_objects() -> None:
    """Move everything loaded so far out of the garbage collector's sight.

    A full collection walks every loaded document; with 10,000+ cases that pause ruled the
    p99 latency. Loaded documents are long-lived, so they need not be scanned again.
    """
    gc.collect()
    gc.freeze()


class GcUpkeep:
    """Keep the garbage collector's pauses short however many cases the server takes: no
    automatic full collection; a timer collects the young generations and freezes what
    survived. Only for a process that is just the server (it freezes everything the process
    holds). Why and what it costs: README, "Storage: nothing lost"."""

    def __init__(self, *, interval: float = 0.1, young_threshold: int = 5000) -> None:
        self.interval = interval
        self.young_threshold = young_threshold
        self.freezes = 0
        self.longest = 0.0
        self._handle: asyncio.TimerHandle | None = None
        self._young_seen = 0
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        freeze_loaded_objects()
        self._saved = gc.get_threshold()
        # Young collections rarer than every 700 allocations; the third threshold is high so
        # that the interpreter never starts a full collection by itself.
        gc.set_threshold(self.young_threshold, 10, 1_000_000)
        self._young_seen = gc.get_stats()[0]["collections"]
        self._schedule()

    def _schedule(self) -> None:
        self._handle = asyncio.get_running_loop().call_later(self.interval, self._tick)

    def _tick(self) -> None:
        young = gc.get_stats()[0]["collections"]
        if young != self._young_seen:
            started = time.perf_counter()
            gc.collect(1)
            gc.freeze()
            self.longest = max(self.longest, time.perf_counter() - started)
            self.freezes += 1
            self._young_seen = gc.get_stats()[0]["collections"]
        self._schedule()

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
