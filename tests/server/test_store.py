"""The store's durability: reopen, torn and damaged journals, corrupt snapshots, failed writes."""

from __future__ import annotations

import asyncio
import errno
import json
import os
from pathlib import Path

import pytest
from tinydb import TinyDB

from server.storage import StorageError, Store, StoreCorrupt, migrations
from server.storage import writer as writer_module
from server.storage.journal import list_segments

from ..support.waits import eventually


def make_store(path, **kwargs) -> Store:
    store = Store(path, **kwargs)
    store.add_index("tag", "cases", lambda doc: [doc["tag"]] if "tag" in doc else [])
    return store


async def opened(path, **kwargs) -> Store:
    store = make_store(path, **kwargs)
    store.open()
    await store.start()
    return store


async def crash(store: Store) -> None:
    """Stop as a killed process would: no final compaction, the journal as it is on disk."""
    store._closed = True
    store._writer.stop()
    await asyncio.to_thread(store._writer.join)
    store._compactor.shutdown()


def doc(key, **fields):
    return {"id": key, **fields}


async def test_changes_survive_a_clean_restart_and_stock_tinydb_reads_them(tmp_path):
    store = await opened(tmp_path)
    await asyncio.gather(*(store.write([("cases", f"c{i}", doc(f"c{i}", n=i))]) for i in range(200)))
    await store.write([("cases", "c5", None)])
    await store.close()
    again = await opened(tmp_path)
    assert again.count("cases") == 199
    assert again.get("cases", "c7") == {"id": "c7", "n": 7}
    assert again.get("cases", "c5") is None
    await again.close()
    stock = TinyDB(tmp_path / "refunds.json")
    assert len(stock.table("cases")) == 199
    assert stock.table("meta").all()[0]["schema_version"] == migrations.CURRENT_VERSION
    stock.close()


async def test_journal_alone_restores_everything_after_a_crash(tmp_path):
    store = await opened(tmp_path)
    for i in range(50):
        await store.write([("cases", f"c{i}", doc(f"c{i}", n=i))])
    await crash(store)
    snapshot = __import__("json").loads((tmp_path / "refunds.json").read_text())
    assert snapshot.get("cases", {}) == {}, "only the journal holds the 50 writes"
    again = await opened(tmp_path)
    assert again.count("cases") == 50
    assert again.report.replay.records == 50
    await again.close()


async def crashed_after_five_writes(tmp_path) -> Path:
    """Write c0..c4, crash; the journal's last segment."""
    store = await opened(tmp_path)
    for i in range(5):
        await store.write([("cases", f"c{i}", doc(f"c{i}"))])
    await crash(store)
    return list_segments(tmp_path)[-1].path


async def test_torn_last_line_is_dropped(tmp_path):
    segment = await crashed_after_five_writes(tmp_path)
    with open(segment, "ab") as fh:
        fh.write(b'deadbeef {"seq": 6, "ops": [["cases", "c9", {"id": "c')
    again = await opened(tmp_path)
    assert again.count("cases") == 5
    assert again.report.replay.torn_tail_bytes > 0
    await again.close()


async def test_a_damaged_line_inside_the_journal_is_skipped(tmp_path):
    segment = await crashed_after_five_writes(tmp_path)
    lines = segment.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b'"c2"', b'"cX"')  # checksum no longer matches
    segment.write_bytes(b"".join(lines))
    again = await opened(tmp_path)
    assert again.report.replay.damaged_lines == 1
    assert {d["id"] for d in again.all("cases")} == {"c0", "c1", "c3", "c4"}
    await again.close()


async def test_corrupt_snapshot_is_moved_aside_and_the_previous_one_used(tmp_path):
    store = await opened(tmp_path)
    await store.write([("cases", "a", doc("a"))])
    await store.compact()
    await store.write([("cases", "b", doc("b"))])
    await store.compact()
    await store.write([("cases", "c", doc("c"))])
    await crash(store)
    (tmp_path / "refunds.json").write_bytes(b'{"cases": {"1": {"id": "a"')
    again = await opened(tmp_path)
    assert again.report.snapshot == "previous"
    assert len(again.report.moved_aside) == 1
    assert os.path.basename(again.report.moved_aside[0]).startswith("refunds.json.corrupt-")
    assert {d["id"] for d in again.all("cases")} == {"a", "b", "c"}, "previous snapshot + journal"
    await again.close()
    corrupt = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert corrupt and corrupt[0].read_bytes() == b'{"cases": {"1": {"id": "a"', "never overwritten"


async def test_corrupt_snapshot_with_nothing_to_fall_back_on_refuses_to_start(tmp_path):
    (tmp_path / "refunds.json").write_bytes(b"\x00garbage")
    store = make_store(tmp_path)
    with pytest.raises(StoreCorrupt, match="moved aside"):
        store.open()
    assert any(".corrupt-" in p.name for p in tmp_path.iterdir())


async def test_leftover_temp_files_are_removed_at_start(tmp_path):
    (tmp_path / "refunds.json.tmp-123-abcd").write_bytes(b"half a snapsh")
    store = await opened(tmp_path)
    assert store.report.temp_files_removed == 1
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    await store.close()


async def test_a_failed_write_is_not_acknowledged_and_leaves_no_trace(tmp_path, monkeypatch):
    store = await opened(tmp_path)
    await store.write([("cases", "a", doc("a", tag="first"))])
    real_fsync = os.fsync
    failing = {"on": True}

    def fsync(fd):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(writer_module.os, "fsync", fsync)
    with pytest.raises(StorageError) as info:
        await store.write([("cases", "a", doc("a", tag="second")), ("cases", "b", doc("b"))])
    assert info.value.disk_full
    assert store.get("cases", "a") == {"id": "a", "tag": "first"}
    assert store.latest("cases", "a") == {"id": "a", "tag": "first"}
    assert store.latest("cases", "b") is None
    assert store.lookup("tag", "first") == "a" and store.lookup("tag", "second") is None
    assert store.last_error is not None
    failing["on"] = False
    await store.write([("cases", "c", doc("c"))])
    assert store.last_error is None
    await crash(store)
    again = await opened(tmp_path)
    assert {d["id"] for d in again.all("cases")} == {"a", "c"}
    assert again.get("cases", "a")["tag"] == "first"
    await again.close()


async def test_readers_see_only_durable_changes_writers_see_the_latest(tmp_path, monkeypatch):
    store = await opened(tmp_path)
    gate = asyncio.Event()
    real_write = writer_module.JournalWriter._write
    loop = asyncio.get_running_loop()

    def slow_write(self, batch):
        asyncio.run_coroutine_threadsafe(gate.wait(), loop).result()
        return real_write(self, batch)

    monkeypatch.setattr(writer_module.JournalWriter, "_write", slow_write)
    task = asyncio.ensure_future(store.write([("cases", "a", doc("a", tag="x"))]))
    await eventually(
        lambda: store.latest("cases", "a") is not None, message="the write to be applied in memory"
    )
    assert store.get("cases", "a") is None, "not on disk yet: not visible to readers"
    assert store.latest("cases", "a") == {"id": "a", "tag": "x"}
    assert store.lookup("tag", "x") == "a"
    gate.set()
    await task
    assert store.get("cases", "a") == {"id": "a", "tag": "x"}
    await store.close()


async def test_compaction_keeps_the_journal_bounded(tmp_path):
    store = await opened(tmp_path, compact_after_bytes=20_000)
    for i in range(600):
        await store.write([("cases", f"c{i % 50}", doc(f"c{i % 50}", v=i, pad="x" * 100))])
    await eventually(lambda: (tmp_path / "refunds.prev.json").exists(), message="a background compaction")
    await store.close()
    segments = list_segments(tmp_path)
    assert len(segments) <= 3
    assert (tmp_path / "refunds.prev.json").exists()
    again = await opened(tmp_path)
    assert again.count("cases") == 50
    assert again.get("cases", "c49")["v"] == 599
    await again.close()


async def test_migrations_run_at_start(tmp_path, monkeypatch):
    (tmp_path / "refunds.json").write_text(
        json.dumps(
            {"cases": {"1": {"id": "a", "old": 1}}, "meta": {"1": {"schema_version": 1, "journal_seq": 0}}}
        )
    )
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    monkeypatch.setitem(
        migrations.STEPS,
        1,
        lambda table, d: {**{k: v for k, v in d.items() if k != "old"}, "new": d["old"] + 1},
    )
    store = await opened(tmp_path)
    assert store.report.migrated_from == 1
    assert store.get("cases", "a") == {"id": "a", "new": 2}
    await store.close()
    meta = json.loads((tmp_path / "refunds.json").read_text())["meta"]["1"]
    assert meta["schema_version"] == 2


async def test_a_database_from_a_newer_version_is_not_touched(tmp_path):
    (tmp_path / "refunds.json").write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    with pytest.raises(StoreCorrupt, match="newer"):
        make_store(tmp_path).open()
    assert json.loads((tmp_path / "refunds.json").read_text())["meta"]["1"]["schema_version"] == 99


async def test_data_directory_and_files_are_private(tmp_path):
    data = tmp_path / "data"
    store = await opened(data)
    await store.write([("cases", "a", doc("a"))])
    await store.close()
    assert data.stat().st_mode & 0o777 == 0o700
    for path in data.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path.name
