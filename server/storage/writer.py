"""The journal writer thread: appends change sets and shares one fsync among all that are waiting."""

from __future__ import annotations

import io
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import fsync_dir
from .journal import segment_name

log = logging.getLogger(__name__)


@dataclass
class PendingWrite:
    seq: int
    line: bytes
    ops: list
    future: Any  # asyncio.Future, resolved on the event loop


@dataclass
class _Rotation:
    done: Callable[[], None]


@dataclass
class WriterStats:
    batches: int = 0
    records: int = 0
    bytes: int = 0
    fsyncs: int = 0
    failures: int = 0
    bytes_since_rotation: int = field(default=0)


class JournalWriter(threading.Thread):
    """Owns the open journal segment; every write to it happens on this thread.

    ``deliver(batch, error)`` is called on this thread after each batch is durable (error
    None) or has failed; the store hops it onto the event loop.
    """

    def __init__(
        self, directory: Path, deliver: Callable[[list[PendingWrite], BaseException | None], None]
    ) -> None:
        super().__init__(name="refunds-journal", daemon=True)
        self._dir = directory
        self._deliver = deliver
        self._cond = threading.Condition()
        self._queue: list[PendingWrite | _Rotation] = []
        self._stopping = False
        self._file: io.FileIO | None = None
        self.stats = WriterStats()

    # -- called from the event loop ------------------------------------------------------
    def submit(self, batch: list[PendingWrite]) -> None:
        """Write ``batch`` with one fsync; ``deliver`` reports it done."""
        with self._cond:
            self._queue.extend(batch)
            self._cond.notify()

    def rotate(self, done: Callable[[], None]) -> None:
        """Close the current segment after what is queued; ``done`` runs on this thread."""
        with self._cond:
            self._queue.append(_Rotation(done))
            self._cond.notify()

    def stop(self) -> None:
        """Finish what is queued, close the segment and end the thread."""
        with self._cond:
            self._stopping = True
            self._cond.notify()

    # -- the thread ------------------------------------------------------------------------
    def run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                items, self._queue = self._queue, []
                stopping = self._stopping and not items
            if stopping:
                self._close()
                return
            batch: list[PendingWrite] = []
            for item in items:
                if isinstance(item, _Rotation):
                    if batch:
                        self._write(batch)
                        batch = []
                    self._close()
                    self.stats.bytes_since_rotation = 0
                    item.done()
                else:
                    batch.append(item)
            if batch:
                self._write(batch)

    def _open(self, first_seq: int) -> io.FileIO:
        path = self._dir / segment_name(first_seq)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self._file = os.fdopen(fd, "ab", buffering=0)
        fsync_dir(self._dir)
        return self._file

    def _close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                log.exception("closing the journal segment failed")
            self._file = None

    def _write(self, batch: list[PendingWrite]) -> None:
        data = b"".join(item.line for item in batch)
        start = None
        try:
            file = self._file if self._file is not None else self._open(batch[0].seq)
            start = file.tell()
            view = memoryview(data)
            while view:
                written = file.write(view)
                view = view[written:]
            os.fsync(file.fileno())
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the waiters
            self.stats.failures += 1
            self._undo_partial(start)
            self._deliver(batch, exc)
            return
        self.stats.batches += 1
        self.stats.fsyncs += 1
        self.stats.records += len(batch)
        self.stats.bytes += len(data)
        self.stats.bytes_since_rotation += len(data)
        self._deliver(batch, None)

    def _undo_partial(self, start: int | None) -> None:
        """Cut a failed batch off the segment; if even that fails, abandon the segment."""
        if self._file is None or start is None:
            self._close()
            return
        try:
            self._file.truncate(start)
            os.fsync(self._file.fileno())
        except OSError:
            log.exception("could not cut a failed write off the journal; starting a new segment")
            self._close()
