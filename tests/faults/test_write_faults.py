"""Writes that fail: disk full, a read-only directory, I/O errors, a file-size limit.

The request that could not be saved gets a clear 503/507 in the one error shape; nothing of
it is kept; what was saved before is intact; reads go on being served; health says
"degraded" with the reason; and once the fault clears, writes work again without a restart.

Tests run as root in CI, so chmod cannot make a directory read-only for the server: faults
are injected at the storage layer's system calls, and one test makes the kernel itself
refuse a write (RLIMIT_FSIZE, which binds root too) on a real `refunds serve` process.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import sys

import pytest

from server.app import create_app
from server.keys import CLIENTS, STORE
from server.storage import snapshot as snapshot_module
from server.storage import writer as writer_module
from server.storage.journal import list_segments

from ..support.captures import capture
from ..support.server import Server


async def _capture(client, **overrides):
    response = await client.post("/api/v1/captures", json=capture(**overrides))
    return response.status, await response.json()


async def _reopen(aiohttp_client, client, config):
    """Stop the server (as a clean shutdown would) and start a new one on the same data dir."""
    await client.close()
    app = create_app(config)
    again = await aiohttp_client(app)
    again.session.headers["Authorization"] = f"Bearer {app[CLIENTS].local_token}"
    return again, app


async def _assert_degraded_but_reading(client, earlier_id: str) -> None:
    response = await client.get(f"/api/v1/cases/{earlier_id}")
    assert response.status == 200, "earlier data must stay readable"
    listing = await (await client.get("/api/v1/cases")).json()
    assert earlier_id in {c["id"] for c in listing["cases"]}
    health = await (await client.get("/api/v1/health")).json()
    assert health["status"] == "degraded" and health["problem"]


def _fail_with(code: int, *, after_calls: int = 0):
    real = os.fsync
    calls = {"n": 0, "on": True}

    def fsync(fd):
        calls["n"] += 1
        if calls["on"] and calls["n"] > after_calls:
            raise OSError(code, os.strerror(code))
        return real(fd)

    return fsync, calls


@pytest.mark.parametrize(
    "code, status, api_code, words",
    [
        (errno.ENOSPC, 507, "insufficient_storage", "disk is full"),
        (errno.EDQUOT, 507, "insufficient_storage", "disk is full"),
        (errno.EIO, 503, "storage_unavailable", "Input/output error"),
        (errno.EROFS, 503, "storage_unavailable", "Read-only file system"),
    ],
)
async def test_failed_fsync_is_a_clear_error_and_the_server_recovers(
    client, app, config, aiohttp_client, monkeypatch, code, status, api_code, words
):
    first_status, first = await _capture(client, order_number="EARLIER")
    assert first_status == 201
    earlier_id = first["case"]["id"]
    fsync, calls = _fail_with(code)
    monkeypatch.setattr(writer_module.os, "fsync", fsync)

    failed_status, failed = await _capture(client, capture_id="lost-1", order_number="FAILS")
    assert failed_status == status, failed
    assert failed["error"]["code"] == api_code
    assert words in failed["error"]["message"] and "not saved" in failed["error"]["message"]
    assert "Traceback" not in json.dumps(failed)
    # A retry while the fault lasts fails the same way; it is not taken for a duplicate.
    assert (await _capture(client, capture_id="lost-1", order_number="FAILS"))[0] == status
    await _assert_degraded_but_reading(client, earlier_id)

    calls["on"] = False
    retried_status, retried = await _capture(client, capture_id="lost-1", order_number="FAILS")
    assert retried_status == 201, "the same capture goes through once the fault clears"
    health = await (await client.get("/api/v1/health")).json()
    assert health["status"] == "ok" and "problem" not in health

    again, _ = await _reopen(aiohttp_client, client, config)
    cases = (await (await again.get("/api/v1/cases")).json())["cases"]
    assert sorted(c["order_number"] for c in cases) == ["EARLIER", "FAILS"]
    assert [c["capture_id"] for c in next(c for c in cases if c["order_number"] == "FAILS")["captures"]] == [
        "lost-1"
    ]


class _ShortThenFail:
    """A journal file whose writes get half-way and then fail, like a filling disk."""

    def __init__(self, real, code: int) -> None:
        self.real, self.code = real, code

    def write(self, data) -> int:
        data = bytes(data)
        if len(data) > 1:
            return self.real.write(data[: len(data) // 2])
        raise OSError(self.code, os.strerror(self.code))

    def __getattr__(self, name):  # tell, truncate, fileno, close: the real file's
        return getattr(self.real, name)


async def test_a_half_written_batch_is_cut_off_the_journal(client, app, config, aiohttp_client, monkeypatch):
    assert (await _capture(client, order_number="EARLIER"))[0] == 201
    await app[STORE].compact()  # the next write opens a new journal segment
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        writer_module.os, "fdopen", lambda fd, *a, **k: _ShortThenFail(real_fdopen(fd, *a, **k), errno.ENOSPC)
    )
    status, body = await _capture(client, order_number="HALF")
    assert status == 507 and body["error"]["code"] == "insufficient_storage"
    segment = list_segments(config.data_dir)[-1].path
    assert segment.read_bytes() == b"", "the half-written line was cut off"
    monkeypatch.setattr(writer_module.os, "fdopen", real_fdopen)
    await app[STORE].compact()
    assert (await _capture(client, order_number="AFTER"))[0] == 201

    again, app2 = await _reopen(aiohttp_client, client, config)
    report = app2[STORE].report
    assert report.replay.damaged_lines == 0 and report.replay.torn_tail_bytes == 0
    orders = sorted(c["order_number"] for c in (await (await again.get("/api/v1/cases")).json())["cases"])
    assert orders == ["AFTER", "EARLIER"]


async def test_a_directory_that_turned_read_only_refuses_new_segments(client, app, monkeypatch):
    status, first = await _capture(client, order_number="EARLIER")
    assert status == 201
    await app[STORE].compact()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(writer_module.os, "open", read_only)
    status, body = await _capture(client, order_number="RO")
    assert status == 503 and "Read-only file system" in body["error"]["message"]
    await _assert_degraded_but_reading(client, first["case"]["id"])
    monkeypatch.setattr(writer_module.os, "open", real_open)
    assert (await _capture(client, order_number="RW"))[0] == 201


async def test_a_compaction_that_fails_loses_nothing_and_is_retried(
    client, app, config, aiohttp_client, monkeypatch
):
    for i in range(5):
        assert (await _capture(client, order_number=f"C{i}"))[0] == 201
    real = snapshot_module.write_atomic

    def disk_full(target, chunks, mode=0o600):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(snapshot_module, "write_atomic", disk_full)
    with pytest.raises(OSError):
        await app[STORE].compact()
    assert (await _capture(client, order_number="DURING"))[0] == 201, "the journal still takes writes"
    assert not [p for p in config.data_dir.iterdir() if ".tmp-" in p.name]
    monkeypatch.setattr(snapshot_module, "write_atomic", real)
    await app[STORE].compact()
    again, _ = await _reopen(aiohttp_client, client, config)
    orders = {c["order_number"] for c in (await (await again.get("/api/v1/cases")).json())["cases"]}
    assert orders == {"C0", "C1", "C2", "C3", "C4", "DURING"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="resource.prlimit is Linux-only")
def test_the_kernel_refusing_to_grow_the_journal_is_survived(tmp_path):
    """A real `refunds serve`; the kernel refuses writes past a file-size limit (EFBIG), then lifts it."""
    server = Server(tmp_path / "data").start()
    try:
        status, first = server.call("POST", "/api/v1/captures", capture(order_number="EARLIER"))
        assert status == 201
        journal = list_segments(server.data_dir)[-1].path
        limit = journal.stat().st_size + 700  # room for part of one more line only
        resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        status, body = server.call("POST", "/api/v1/captures", capture(order_number="TOO-BIG"))
        assert status in (503, 507), body
        assert "not saved" in body["error"]["message"]
        assert journal.stat().st_size < limit, "the partial line was cut off again"
        assert server.call("GET", f"/api/v1/cases/{first['case']['id']}")[0] == 200
        assert server.health()["status"] == "degraded"

        resource.prlimit(
            server.proc.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
        )
        assert server.call("POST", "/api/v1/captures", capture(order_number="AFTER"))[0] == 201
        assert server.health()["status"] == "ok"
        server.kill()  # no clean shutdown: the journal alone must hold it
        again = Server(tmp_path / "data").start()
        try:
            orders = sorted(c["order_number"] for c in again.call("GET", "/api/v1/cases")[1]["cases"])
            assert orders == ["AFTER", "EARLIER"]
            assert "damaged line" not in again.output()
        finally:
            assert again.stop() == 0
    finally:
        server.kill()
