"""Real Firefox, driven by a script of extension/e2e (puppeteer-core over WebDriver BiDi, under
Node): the test starts the server and the web site, runs the script and checks what it reports.

A script reads its config (JSON) from its first argument and writes one JSON object a line:
``{"step": name, ...}`` for what it saw, ``{"ask": what}`` when the test must act (stop or start
the server; answered "ok" on its stdin), ``{"error": ...}`` when it failed, and a last line
without a step when it is done.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Awaitable, Callable

import pytest

from tests.conftest import require_browser

from .harness import EXTENSION_DIR, FIREFOX, LocalServer


def require_node() -> str:
    node = require_browser(shutil.which("node") or "/usr/bin/node", "Node.js (drives Firefox)")
    if not (EXTENSION_DIR / "node_modules" / "puppeteer-core").is_dir():
        pytest.fail("extension/node_modules is missing: run `npm ci` in extension/ first")
    return node


async def run_firefox_script(
    name: str,
    server: LocalServer,
    *,
    timeout: float,
    answer: Callable[[str], Awaitable[None]] | None = None,
    on_step: Callable[[dict], Awaitable[None]] | None = None,
    **config,
) -> dict[str, dict]:
    """Runs extension/e2e/``name`` on Firefox ESR, paired to ``server`` with a fresh code, with
    ``config``; the steps it reported by name (the last line as "done"). ``answer`` is awaited
    for each ask before "ok" goes back, ``on_step`` for each step as it comes. Fails the test
    if the script reports an error or does not exit 0 done within ``timeout`` seconds."""
    firefox = require_browser(FIREFOX, "Firefox ESR")
    node = require_node()
    config = {"port": server.port, "code": await server.pairing_code(), "firefox": firefox, **config}
    proc = await asyncio.create_subprocess_exec(
        node,
        str(EXTENSION_DIR / "e2e" / name),
        json.dumps(config),
        cwd=str(EXTENSION_DIR),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    steps: dict[str, dict] = {}
    try:
        async with asyncio.timeout(timeout):
            while line := await proc.stdout.readline():
                message = json.loads(line)
                if "ask" in message:
                    if answer is not None:
                        await answer(message["ask"])
                    proc.stdin.write(b"ok\n")
                    await proc.stdin.drain()
                elif "error" in message:
                    pytest.fail(f"the Firefox script failed: {message['error']}")
                elif "step" in message:
                    steps[message["step"]] = message
                    if on_step is not None:
                        await on_step(message)
                else:
                    steps["done"] = message
            await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    stderr = (await proc.stderr.read()).decode(errors="replace")
    assert proc.returncode == 0 and "done" in steps, f"steps: {list(steps)}\n{stderr[-3000:]}"
    return steps
