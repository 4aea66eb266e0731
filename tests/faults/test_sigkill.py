"""SIGKILL `refunds serve` at random moments under concurrent load, many times over one data dir.

Each trial starts the server on the data dir the last trial killed, checks that it opened
(the database always opens), that no temp file is left, and that every capture and note the
last trial got a 2xx for is there; then loads it with concurrent captures (new orders, merges
into acknowledged orders, communications) and SIGKILLs it after a random delay. Compaction
runs every few dozen captures (tests/faults/serve_small.py), so kills land mid-snapshot too.

REFUNDS_FAULT_TRIALS (default 50) sets the number of kills; CI runs the default.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import time

import msgspec

from ..support.captures import trend_micro_capture
from ..support.server import Server
from ._procs import REFUNDS_SMALL_COMPACTIONS, Conn

TRIALS = int(os.environ.get("REFUNDS_FAULT_TRIALS", "50"))
CLIENTS = 12

# The Trend Micro capture less its order number: each request has its own.
CAPTURE = trend_micro_capture(order_number=None)


class Acked:
    """What the server acknowledged (2xx) before it was killed."""

    def __init__(self) -> None:
        self.captures: dict[str, str] = {}  # capture_id -> case id
        self.notes: dict[str, str] = {}  # communication id -> case id
        self.cases: list[str] = []
        self.orders: list[str] = []

    def case_ids(self) -> set[str]:
        return set(self.captures.values()) | set(self.notes.values())


_seq = itertools.count()


async def _client(server: Server, trial: int, acked: Acked, rng: random.Random) -> None:
    try:
        conn = await Conn(server.port, server.token).open()
    except OSError:
        return
    try:
        while True:
            n = next(_seq)
            roll = rng.random()
            if roll < 0.15 and acked.cases:
                case_id = rng.choice(acked.cases)
                status, body = await conn.request(
                    "POST",
                    f"/api/v1/cases/{case_id}/communications",
                    {"channel": "email", "summary": f"note {trial}-{n}"},
                )
                if status == 201:
                    acked.notes[json.loads(body)["communication"]["id"]] = case_id
                continue
            capture_id = f"t{trial}-{n}"
            order = f"T{trial}-{n}"
            if roll < 0.3 and acked.orders:
                # Another capture of an order already acknowledged: merged into its case.
                order = rng.choice(acked.orders)
            status, body = await conn.request(
                "POST", "/api/v1/captures", {"capture_id": capture_id, "order_number": order, **CAPTURE}
            )
            if status in (200, 201):
                case_id = json.loads(body)["case"]["id"]
                acked.captures[capture_id] = case_id
                if status == 201:
                    acked.cases.append(case_id)
                    acked.orders.append(order)
            else:
                raise AssertionError(f"capture answered {status}: {body[:300]!r}")
    except (ConnectionError, asyncio.IncompleteReadError, OSError):
        return  # killed: whatever was in flight was never acknowledged
    finally:
        await conn.close()


async def _load_then_kill(server: Server, trial: int, rng: random.Random) -> tuple[Acked, bool]:
    acked = Acked()
    tasks = [asyncio.ensure_future(_client(server, trial, acked, rng)) for _ in range(CLIENTS)]
    await asyncio.sleep(rng.uniform(0.02, 0.45))  # the point: a kill at a random moment of the load
    mid_compaction = any(".tmp-" in p.name for p in server.data_dir.iterdir())
    server.kill()
    await asyncio.gather(*tasks)
    return acked, mid_compaction


async def _verify(server: Server, acked: Acked, trial: int) -> None:
    ids = sorted(acked.case_ids())
    conns = [await Conn(server.port, server.token).open() for _ in range(4)]
    try:

        async def check(conn: Conn, chunk: list[str]) -> None:
            for case_id in chunk:
                status, body = await conn.request("GET", f"/api/v1/cases/{case_id}")
                assert status == 200, f"trial {trial}: acknowledged case {case_id} is gone ({status})"
                case = json.loads(body)["case"]
                have_captures = {c["capture_id"] for c in case["captures"]}
                have_notes = {c["id"] for c in case["communications"]}
                lost = [
                    c for c, owner in acked.captures.items() if owner == case_id and c not in have_captures
                ]
                lost += [c for c, owner in acked.notes.items() if owner == case_id and c not in have_notes]
                assert not lost, f"trial {trial}: acknowledged writes lost from {case_id}: {lost}"

        await asyncio.gather(*(check(conn, ids[i :: len(conns)]) for i, conn in enumerate(conns)))
    finally:
        for conn in conns:
            await conn.close()


async def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path):
    rng = random.Random(os.environ.get("REFUNDS_FAULT_SEED") or time.time_ns())
    data = tmp_path / "data"
    all_acked = Acked()
    previous: Acked | None = None
    stats = {"kills": 0, "acked": 0, "mid_compaction": 0, "torn_tails": 0}
    for trial in range(TRIALS + 1):
        server = Server(data, command=REFUNDS_SMALL_COMPACTIONS)
        await asyncio.to_thread(server.start)
        try:
            leftovers = [p.name for p in data.iterdir() if ".tmp-" in p.name]
            assert not leftovers, f"trial {trial}: temp files left after start: {leftovers}"
            stats["torn_tails"] += "torn last line" in server.output()
            if previous is not None:
                await _verify(server, previous, trial)
            if trial == TRIALS:
                assert await asyncio.to_thread(server.stop) == 0, server.output()
                break
            acked, mid = await _load_then_kill(server, trial, rng)
        finally:
            server.kill()
        stats["kills"] += 1
        stats["acked"] += len(acked.captures) + len(acked.notes)
        stats["mid_compaction"] += mid
        all_acked.captures.update(acked.captures)
        all_acked.notes.update(acked.notes)
        previous = acked

    # The whole history, read straight from the files as the store loads them.
    from server.domain.documents import Case
    from server.storage import Store

    store = Store(data)
    store.open()
    store._compactor.shutdown()
    stored = {doc["id"]: doc for doc in store.all("cases")}
    for doc in stored.values():
        msgspec.json.decode(msgspec.json.encode(doc), type=Case)
    captured = {c["capture_id"] for doc in stored.values() for c in doc["captures"]}
    noted = {c["id"] for doc in stored.values() for c in doc["communications"]}
    assert not set(all_acked.captures) - captured
    assert not set(all_acked.notes) - noted
    assert stats["acked"] > TRIALS * 5, f"the load hardly got going: {stats}"
    print(f"\nSIGKILL trials: {stats}; {len(stored)} cases stored")
