"""A process dying at each step of a compaction or a journal append, deterministically.

The random SIGKILLs in test_sigkill.py hit these steps only by chance; here a child process
builds a store and calls os._exit() (no cleanup, like a kill) right at one step. The next open
must find every acknowledged change, leave no temp file, and open again after that.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import pytest

from server.services import CASES, register_indexes
from server.storage import Store

from ..support.server import REPO
from ..support.server import child_env as env

CHILD = textwrap.dedent("""
    import asyncio, os, sys
    from pathlib import Path
    from server.services import CASES, register_indexes
    from server.storage import Store, files, snapshot as snapshot_module, writer as writer_module
    from tests.faults.test_corrupt_start import case_doc

    path, point = Path(sys.argv[1]), sys.argv[2]

    def die(*_):
        os._exit(9)

    def after(real, when=lambda *a: True):
        def wrapped(*args, **kwargs):
            result = real(*args, **kwargs)
            if when(*args):
                die()
            return result
        return wrapped

    def before(real, when=lambda *a: True):
        def wrapped(*args, **kwargs):
            if when(*args):
                die()
            return real(*args, **kwargs)
        return wrapped

    async def main():
        store = Store(path)
        register_indexes(store)
        store.open()
        await store.start()
        for n in range(10):
            await store.write([(CASES, f"01CASE{n:04d}", case_doc(n))])
            if n in (3, 6):
                await store.compact()
        print("acknowledged", flush=True)
        if point == "link":
            snapshot_module.os.link = after(os.link)
        elif point == "previous-replaced":
            snapshot_module.os.replace = after(os.replace)
        elif point == "temp-written":
            files.os.replace = before(os.replace)
        elif point == "snapshot-replaced":
            files.os.replace = after(os.replace)
        elif point == "segment-deleted":
            Path.unlink = after(Path.unlink, lambda p, *a: p.name.startswith("journal-"))
        elif point == "mid-append":
            def half(fd):
                die()
            writer_module.os.fsync = half
            await store.write([(CASES, "01CASE0099", case_doc(99))])
        await store.compact()
        die()

    asyncio.run(main())
""")

POINTS = ["link", "previous-replaced", "temp-written", "snapshot-replaced", "segment-deleted", "mid-append"]


@pytest.mark.parametrize("point", POINTS)
def test_a_crash_at_each_step_loses_nothing_acknowledged(tmp_path, point):
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), point],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 9, result.stderr
    assert "acknowledged" in result.stdout

    async def reopen_twice():
        for _ in range(2):
            store = Store(tmp_path)
            register_indexes(store)
            store.open()
            await store.start()
            ids = {doc["id"] for doc in store.all(CASES)}
            assert {f"01CASE{n:04d}" for n in range(10)} <= ids, (point, sorted(ids))
            leftovers = [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
            assert not leftovers, (point, leftovers)
            await store.close()

    asyncio.run(reopen_twice())
