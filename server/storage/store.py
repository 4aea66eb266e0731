"""The store: TinyDB in memory for queries, every change journaled and fsync'd before it counts.

Reads see *committed* state only: a change becomes visible (and its request is answered)
once it is on disk. Writers see the *latest* state, committed plus changes still on their way
to disk, so two concurrent edits of one document never lose each other. Write cost does not
grow with the database: no request rewrites the snapshot; compaction does, in the background.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import logging
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from ..wallclock import WallClock, system_clock
from . import migrations
from .files import make_private_tree, remove_temp_files
from .journal import Op, ReplayReport, encode_record, replay
from .snapshot import (
    META_TABLE,
    SNAPSHOT_NAME,
    StoreCorrupt,
    load_snapshot,
    meta_of,
    write_snapshot,
)
from .table import InPlaceTable
from .writer import JournalWriter, PendingWrite

log = logging.getLogger(__name__)


class StorageError(Exception):
    """A change could not be made durable; nothing of it was acknowledged."""

    def __init__(self, message: str, *, disk_full: bool = False) -> None:
        super().__init__(message)
        self.disk_full = disk_full


class _MemoryTinyDB(TinyDB):
    table_class = InPlaceTable


@dataclass
class Index:
    """A unique secondary index over the latest state of one table."""

    table: str
    keys_of: Callable[[dict[str, Any]], Iterable[Hashable]]
    entries: dict[Hashable, str] = field(default_factory=dict)

    def remove(self, key: str, doc: dict[str, Any] | None) -> None:
        if doc is None:
            return
        for k in self.keys_of(doc):
            if self.entries.get(k) == key:
                del self.entries[k]

    def add(self, key: str, doc: dict[str, Any] | None) -> None:
        if doc is None:
            return
        for k in self.keys_of(doc):
            self.entries[k] = key


@dataclass
class LoadReport:
    snapshot: str = "none"  # "current", "previous" or "none"
    moved_aside: list[str] = field(default_factory=list)
    temp_files_removed: int = 0
    migrated_from: int | None = None
    replay: ReplayReport = field(default_factory=ReplayReport)
    documents: int = 0
    seconds: float = 0.0


class Store:
    def __init__(
        self,
        directory: Path,
        *,
        compact_after_bytes: int = 16 * 1024 * 1024,
        compact_ratio: float = 1.0,
        clock: WallClock | None = None,
    ) -> None:
        self.dir = Path(directory)
        self.clock = clock or system_clock()
        # Compact once the journal holds this many bytes, or ``compact_ratio`` times the
        # snapshot's size if that is more: rewriting the snapshot costs its size, so this keeps
        # compaction's share of each write's cost the same however large the database grows.
        self.compact_after_bytes = compact_after_bytes
        self.compact_ratio = compact_ratio
        self._snapshot_bytes = 0
        self._db = _MemoryTinyDB(storage=MemoryStorage)
        # table name -> {document key ("id" field) -> tinydb doc_id}
        self._doc_ids: dict[str, dict[str, int]] = {}
        # (table, key) -> (seq, document or None): changes written but not yet durable
        self._pending: dict[tuple[str, str], tuple[int, dict[str, Any] | None]] = {}
        self._waiters_by_seq: dict[int, asyncio.Future] = {}
        # Group commit: writes queue here while one batch is being written and fsync'd; the
        # next batch takes all of them at once.
        self._outbox: list[PendingWrite] = []
        self._in_flight = False
        self._flush_scheduled = False
        self._indexes: dict[str, Index] = {}
        # table -> a check that raises ValueError (or msgspec.ValidationError) for a bad document
        self._validators: dict[str, Callable[[dict[str, Any]], object]] = {}
        self._next_seq = 1
        self._applied_seq = 0
        self._snapshot_seq = 0  # journal seq covered by the current snapshot
        self._previous_seq = 0  # ... and by the previous one, kept as a fallback
        self._writer: JournalWriter | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._compactor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="refunds-compact")
        self._compacting: asyncio.Future | None = None
        self._compaction_task: asyncio.Future | None = None
        self._closed = False
        self.last_error: str | None = None
        self.report = LoadReport()

    # ---------------------------------------------------------------- set-up
    def add_index(
        self, name: str, table: str, keys_of: Callable[[dict[str, Any]], Iterable[Hashable]]
    ) -> None:
        self._indexes[name] = Index(table, keys_of)

    def add_validator(self, table: str, check: Callable[[dict[str, Any]], object]) -> None:
        """Check every document of ``table`` in a snapshot at load: a snapshot holding one that
        fails is treated like one that does not parse (moved aside, the previous one used)."""
        self._validators[table] = check

    def open(self) -> LoadReport:
        """Load the snapshot and replay the journal (blocking: call it off the event loop)."""
        started = time.perf_counter()
        report = self.report
        make_private_tree(self.dir)
        report.temp_files_removed = len(remove_temp_files(self.dir))
        tables, report.snapshot, self._snapshot_bytes = load_snapshot(
            self.dir, self._validators, self.clock, report.moved_aside
        )
        meta = meta_of(tables)
        version = meta.get("schema_version", migrations.CURRENT_VERSION if not tables else 1)
        if version > migrations.CURRENT_VERSION:
            raise StoreCorrupt(
                f"{self.dir / SNAPSHOT_NAME} was written by a newer Refund Tracker "
                f"(schema {version}, this one knows {migrations.CURRENT_VERSION}); upgrade first."
            )
        if version < migrations.CURRENT_VERSION:
            migrations.migrate(tables, version)
            report.migrated_from = version
        base_seq = int(meta.get("journal_seq", 0))
        self._snapshot_seq = base_seq
        self._previous_seq = int(meta.get("previous_journal_seq", 0))
        tables.pop(META_TABLE, None)
        self._db.storage.write(tables)
        for name, raw in tables.items():
            self._doc_ids[name] = {doc["id"]: int(doc_id) for doc_id, doc in raw.items()}
        last = base_seq
        for record in replay(self.dir, base_seq, report.replay):
            for table, key, doc in record.ops:
                if doc is not None and report.migrated_from is not None:
                    doc = migrations.migrate_document(table, doc, report.migrated_from)
                self._apply(table, key, doc)
            last = record.seq
        self._applied_seq = last
        self._next_seq = last + 1
        for index in self._indexes.values():
            for doc in self.all(index.table):
                index.add(doc["id"], doc)
        report.documents = sum(len(raw) for raw in tables.values())
        report.seconds = time.perf_counter() - started
        return report

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._writer = JournalWriter(self.dir, self._deliver_from_writer)
        self._writer.start()
        # A fresh snapshot straight away when there is none yet (it records the schema
        # version) or when the one loaded is behind the journal, migrated or a fallback.
        if (
            self.report.snapshot != "current"
            or self.report.replay.records
            or self.report.migrated_from is not None
        ):
            await self.compact()

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._compacting is not None:
            await asyncio.shield(self._compacting)
        if self._writer is not None:
            if self._applied_seq > self._snapshot_seq:
                self._closed = False
                try:
                    await self.compact()
                except Exception:
                    log.exception("final compaction failed; the journal keeps the changes")
                self._closed = True
            self._writer.stop()
            await asyncio.to_thread(self._writer.join)
        self._compactor.shutdown(wait=True)

    # ---------------------------------------------------------------- reads (committed)
    def get(self, table: str, key: str) -> dict[str, Any] | None:
        doc_id = self._doc_ids.get(table, {}).get(key)
        if doc_id is None:
            return None
        return self._table(table).raw().get(str(doc_id))

    def all(self, table: str) -> Iterator[dict[str, Any]]:
        return iter(list(self._table(table).raw().values()))

    def count(self, table: str) -> int:
        return len(self._table(table).raw())

    def table(self, name: str) -> InPlaceTable:
        """The committed TinyDB table, for queries (do not write to it)."""
        return self._table(name)

    def _table(self, name: str) -> InPlaceTable:
        # TinyDB.table() is typed as returning Table, though it builds table_class (InPlaceTable).
        return self._db.table(name)  # type: ignore[return-value]

    # ---------------------------------------------------------------- write path (latest)
    def latest(self, table: str, key: str) -> dict[str, Any] | None:
        pending = self._pending.get((table, key))
        if pending is not None:
            return pending[1]
        return self.get(table, key)

    def lookup(self, index: str, value: Hashable) -> str | None:
        """The key of the document holding ``value`` in ``index`` (latest state)."""
        return self._indexes[index].entries.get(value)

    def is_pending(self, table: str, key: str) -> bool:
        return (table, key) in self._pending

    async def wait_durable(self, table: str, key: str) -> None:
        """Wait until the latest change to a document is on disk (or has failed)."""
        while (table, key) in self._pending:
            seq = self._pending[(table, key)][0]
            fut = self._waiters_by_seq.get(seq)
            if fut is None:
                return
            try:
                await asyncio.shield(fut)
            except StorageError:
                pass

    async def write(self, ops: list[Op]) -> None:
        """Journal ``ops`` as one atomic change set; return once it is on disk and visible."""
        loop = self._loop
        if self._writer is None or loop is None or self._closed:
            raise StorageError("the store is not open")
        seq = self._next_seq
        self._next_seq += 1
        line = encode_record(seq, ops)
        for table, key, doc in ops:
            self._set_latest(table, key, doc, seq)
        fut = loop.create_future()
        self._waiters_by_seq[seq] = fut
        self._outbox.append(PendingWrite(seq, line, ops, fut))
        if not self._in_flight and not self._flush_scheduled:
            # Flush after this turn of the loop, so every write made in it shares the fsync.
            self._flush_scheduled = True
            loop.call_soon(self._flush)
        # Not shielded: a cancelled request does not stop its change from being applied
        # once durable (that happens in _batch_done, whoever is still waiting).
        await fut

    def _flush(self) -> None:
        self._flush_scheduled = False
        if self._in_flight or not self._outbox or self._writer is None:
            return
        batch, self._outbox = self._outbox, []
        self._in_flight = True
        self._writer.submit(batch)

    def _set_latest(self, table: str, key: str, doc: dict[str, Any] | None, seq: int) -> None:
        old = self.latest(table, key)
        for index in self._indexes.values():
            if index.table == table:
                index.remove(key, old)
                index.add(key, doc)
        self._pending[(table, key)] = (seq, doc)

    def _deliver_from_writer(self, batch: list[PendingWrite], error: BaseException | None) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self._batch_done, batch, error)
        except RuntimeError:  # the loop closed under us; nothing is waiting any more
            pass

    def _batch_done(self, batch: list[PendingWrite], error: BaseException | None) -> None:
        self._in_flight = False
        try:
            self._settle(batch, error)
        finally:
            if self._outbox:
                self._flush()

    def _settle(self, batch: list[PendingWrite], error: BaseException | None) -> None:
        if error is None:
            for item in batch:
                for table, key, doc in item.ops:
                    self._apply(table, key, doc)
                    pending = self._pending.get((table, key))
                    if pending is not None and pending[0] == item.seq:
                        del self._pending[(table, key)]
                self._applied_seq = item.seq
                self._waiters_by_seq.pop(item.seq, None)
                if not item.future.done():
                    item.future.set_result(None)
            self.last_error = None
            self._maybe_compact()
            return
        exc = _storage_error(error)
        self.last_error = str(exc)
        log.error("a write failed and was not acknowledged: %s", error)
        for item in batch:
            for table, key, _doc in item.ops:
                pending = self._pending.get((table, key))
                if pending is not None and pending[0] == item.seq:
                    del self._pending[(table, key)]
                    committed = self.get(table, key)
                    for index in self._indexes.values():
                        if index.table == table:
                            index.remove(key, pending[1])
                            index.add(key, committed)
            self._waiters_by_seq.pop(item.seq, None)
            if not item.future.done():
                item.future.set_exception(exc)

    def _apply(self, table: str, key: str, doc: dict[str, Any] | None) -> None:
        """Make a durable change visible in the committed TinyDB tables."""
        ids = self._doc_ids.setdefault(table, {})
        tinytable = self._table(table)
        doc_id = ids.get(key)
        if doc is None:
            if doc_id is not None:
                tinytable.remove(doc_ids=[doc_id])
                del ids[key]
            return
        if doc_id is None:
            doc_id = tinytable.next_id()
            ids[key] = doc_id
        tinytable.put(doc_id, doc)

    # ---------------------------------------------------------------- compaction
    def _maybe_compact(self) -> None:
        writer = self._writer
        if writer is None or self._compacting is not None or self._closed:
            return
        if writer.stats.bytes_since_rotation >= self.compact_threshold() and (
            self._compaction_task is None or self._compaction_task.done()
        ):
            # Held, or the loop (which keeps only weak references to tasks) may drop it midway.
            self._compaction_task = asyncio.ensure_future(self._compact_logged())

    def compact_threshold(self) -> int:
        return max(self.compact_after_bytes, int(self._snapshot_bytes * self.compact_ratio))

    async def _compact_logged(self) -> None:
        try:
            await self.compact()
        except Exception:
            log.exception("compaction failed; the journal still holds every change")

    async def compact(self) -> None:
        """Write a fresh snapshot of the committed state and drop journal segments it covers."""
        if self._closed or self._writer is None:
            return
        if self._compacting is not None:
            await asyncio.shield(self._compacting)
            return
        loop = asyncio.get_running_loop()
        self._compacting = loop.create_future()
        try:
            rotated = loop.create_future()

            def set_rotated() -> None:
                if not rotated.done():
                    rotated.set_result(None)

            def on_writer_thread() -> None:
                loop.call_soon_threadsafe(set_rotated)

            self._writer.rotate(on_writer_thread)
            await rotated
            # Every batch written before the rotation has been applied: its callback was
            # queued on the loop before the rotation's.
            seq = self._applied_seq
            state = {name: dict(raw) for name, raw in (self._db.storage.read() or {}).items()}
            previous = self._snapshot_seq
            written = await loop.run_in_executor(self._compactor, self._write_snapshot, state, seq, previous)
            self._previous_seq, self._snapshot_seq = previous, seq
            self._snapshot_bytes = written
            self._compacting.set_result(None)
        except BaseException as exc:
            self._compacting.set_exception(exc)
            self._compacting.exception()  # retrieved: the caller gets it via raise
            raise
        finally:
            self._compacting = None

    def _write_snapshot(self, state: dict[str, dict[str, Any]], seq: int, previous_seq: int) -> int:
        meta = {
            "schema_version": migrations.CURRENT_VERSION,
            "journal_seq": seq,
            "previous_journal_seq": previous_seq,
            "written_at": self.clock.now().isoformat(timespec="seconds"),
        }
        return write_snapshot(self.dir, state, meta)

    # ---------------------------------------------------------------- introspection
    @property
    def applied_seq(self) -> int:
        return self._applied_seq

    def stats(self) -> dict[str, Any]:
        writer = self._writer
        return {
            "documents": {name: len(raw) for name, raw in (self._db.storage.read() or {}).items()},
            "pending": len(self._pending),
            "applied_seq": self._applied_seq,
            "batches": writer.stats.batches if writer else 0,
            "records": writer.stats.records if writer else 0,
        }


def _storage_error(error: BaseException) -> StorageError:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError("The disk is full: the change was not saved.", disk_full=True)
    if isinstance(error, OSError):
        return StorageError(
            f"The data directory cannot be written ({error.strerror or error}): the change was not saved."
        )
    return StorageError(f"The change could not be saved ({error.__class__.__name__}).")
