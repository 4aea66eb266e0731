"""A damaged database at start: a clear message, the bad file moved aside with a timestamp
(byte for byte, never overwritten), the last good snapshot and the journal restored — or,
when nothing complete is left, a refusal to start that says what happened and where the
file went. Also through `refunds serve`: a message, no traceback.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timezone

import msgspec
import pytest

from server.domain.documents import Case
from server.services import CASES, register_indexes
from server.storage import Store, StoreCorrupt
from server.storage.journal import list_segments

from ..support.server import Server

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
STAMPED = re.compile(r"^refunds(\.prev)?\.json\.corrupt-\d{8}T\d{6}$")


def case_doc(n: int) -> dict:
    return msgspec.to_builtins(
        Case(
            id=f"01CASE{n:04d}",
            created_at=NOW,
            updated_at=NOW,
            order_number=f"ORDER-{n}",
            product="Trend Micro Maximum Security",
        )
    )


def store_for(path) -> Store:
    store = Store(path)
    register_indexes(store)
    return store


async def _build(path) -> None:
    """current snapshot: cases 0-9; previous: cases 0-4; journal: 5-14 (the last five only there)."""
    store = store_for(path)
    store.open()
    await store.start()
    for n in range(5):
        await store.write([(CASES, f"01CASE{n:04d}", case_doc(n))])
    await store.compact()
    for n in range(5, 10):
        await store.write([(CASES, f"01CASE{n:04d}", case_doc(n))])
    await store.compact()
    for n in range(10, 15):
        await store.write([(CASES, f"01CASE{n:04d}", case_doc(n))])
    # Stop as a killed process would: no final compaction.
    store._closed = True
    store._writer.stop()
    await asyncio.to_thread(store._writer.join)
    store._compactor.shutdown()


def build(path) -> None:
    asyncio.run(_build(path))


def open_ids(path) -> tuple[Store, set[str]]:
    store = store_for(path)
    store.open()
    store._compactor.shutdown()
    return store, {doc["id"] for doc in store.all(CASES)}


ALL = {f"01CASE{n:04d}" for n in range(15)}

DAMAGE = {
    "empty file": lambda data: b"",
    "cut short": lambda data: data[: len(data) // 2],
    "binary garbage": lambda data: b"\x00\xff" * 64,
    "not an object": lambda data: b"[]",
    "a flipped byte in a case": lambda data: data.replace(
        b'"order_number":"ORDER-3"', b'"order_number":3', 1
    ),
    "a case with an impossible status": lambda data: data.replace(
        b'"status":"captured"', b'"status":"lost"', 1
    ),
    "a case without an id": lambda data: data.replace(b'"id":"01CASE0002"', b'"idx":"01CASE0002"', 1),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_snapshot_is_moved_aside_and_the_previous_one_restores_everything(tmp_path, damage):
    build(tmp_path)
    snapshot = tmp_path / "refunds.json"
    bad = DAMAGE[damage](snapshot.read_bytes())
    snapshot.write_bytes(bad)
    store, ids = open_ids(tmp_path)
    assert store.report.snapshot == "previous"
    assert ids == ALL, "previous snapshot + journal hold every case"
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and STAMPED.match(aside[0].name), aside
    assert aside[0].read_bytes() == bad, "moved aside byte for byte, never rewritten"
    assert not snapshot.exists() or snapshot.read_bytes() != bad


def test_the_journal_alone_rebuilds_a_database_that_never_compacted(tmp_path):
    async def build_uncompacted():
        store = store_for(tmp_path)
        store.open()
        await store.start()  # writes the first (empty) snapshot
        for n in range(15):
            await store.write([(CASES, f"01CASE{n:04d}", case_doc(n))])
        store._closed = True
        store._writer.stop()
        await asyncio.to_thread(store._writer.join)
        store._compactor.shutdown()

    asyncio.run(build_uncompacted())
    (tmp_path / "refunds.json").write_bytes(b"\x00")
    store, ids = open_ids(tmp_path)
    assert ids == ALL and store.report.moved_aside


def test_both_snapshots_damaged_and_the_journal_incomplete_refuses_to_start(tmp_path):
    build(tmp_path)
    assert list_segments(tmp_path)[0].first_seq > 1, "compaction dropped the oldest segment"
    for name in ("refunds.json", "refunds.prev.json"):
        (tmp_path / name).write_bytes(b'{"cases": {"1": ')
    with pytest.raises(StoreCorrupt, match="damaged and no earlier copy"):
        store_for(tmp_path).open()
    assert sorted(STAMPED.match(p.name) is not None for p in tmp_path.iterdir() if ".corrupt-" in p.name) == [
        True,
        True,
    ]


def test_a_missing_snapshot_with_an_incomplete_journal_refuses_to_start(tmp_path):
    build(tmp_path)
    (tmp_path / "refunds.json").unlink()
    (tmp_path / "refunds.prev.json").unlink()
    with pytest.raises(StoreCorrupt, match="lost its snapshot"):
        store_for(tmp_path).open()
    assert list_segments(tmp_path), "the journal is left as it was"


# -- through the CLI ----------------------------------------------------------------------------
def test_refunds_serve_restores_the_previous_snapshot_and_says_so(tmp_path):
    data = tmp_path / "data"
    build(data)
    bad = b'{"cases": {"1": {"id": "01CASE0000", "status": '
    (data / "refunds.json").write_bytes(bad)
    server = Server(data).start()
    try:
        cases = server.call("GET", "/api/v1/cases?limit=100")[1]["cases"]
        assert {c["id"] for c in cases} == ALL
        log = server.output()
        assert "refunds.json does not parse" in log and "moved aside to refunds.json.corrupt-" in log
        assert "started from the previous snapshot" in log
        assert "Traceback" not in log
        aside = [p for p in data.iterdir() if ".corrupt-" in p.name]
        assert len(aside) == 1 and aside[0].read_bytes() == bad
    finally:
        assert server.stop() == 0
    # The restored state is now the current snapshot: a plain restart needs no fallback.
    again = Server(data).start()
    try:
        assert "does not parse" not in again.output()
        assert len(again.call("GET", "/api/v1/cases?limit=100")[1]["cases"]) == 15
    finally:
        assert again.stop() == 0


@pytest.mark.parametrize("damage", ["binary garbage", "a flipped byte in a case"])
def test_refunds_serve_with_nothing_to_fall_back_on_exits_with_a_clear_message(tmp_path, damage):
    import subprocess

    data = tmp_path / "data"
    data.mkdir()
    good = msgspec.json.encode(
        {"cases": {"1": case_doc(3)}, "meta": {"1": {"schema_version": 1, "journal_seq": 0}}}
    )
    bad = DAMAGE[damage](good)
    (data / "refunds.json").write_bytes(bad)
    server = Server(data)
    server.spawn().wait(timeout=60)
    result = subprocess.CompletedProcess(server.argv(), server.proc.returncode, server.stdout, server.stderr)
    assert result.returncode == 5, result.stderr
    assert "refunds: The database in" in result.stderr and "is damaged" in result.stderr
    assert "moved aside to" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    aside = [p for p in data.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and STAMPED.match(aside[0].name) and aside[0].read_bytes() == bad
    assert not (data / "refunds.json").exists(), "nothing written over the user's data"
    assert not (data / "server.json").exists()
