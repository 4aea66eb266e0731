"""Learning from a correction in real Firefox: the order number the extractor reads wrong on a
shop's page A is corrected in the popup and tracked; page B of the same shop is then read right;
the settings list the rule, and once it is removed page B is read wrong again.

The browser is driven by extension/e2e/firefox-learning.mjs (puppeteer-core over WebDriver BiDi);
this test starts the real server and the web site and checks what the script reports."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.conftest import require_browser

from .harness import EXTENSION_DIR, FIREFOX
from .test_chromium_learning import PAGE_A, PAGE_B, SITE, USED, WRONG
from .test_firefox import require_node

pytestmark = pytest.mark.browser

SCRIPT = EXTENSION_DIR / "e2e" / "firefox-learning.mjs"


async def test_firefox_learns_a_corrected_order_number(server, website):
    firefox = require_browser(FIREFOX, "Firefox ESR")
    node = require_node()
    config = {
        "port": server.port,
        "code": await server.pairing_code(),
        "firefox": firefox,
        "page_a": website.url(PAGE_A),
        "page_b": website.url(PAGE_B),
        "corrected": "VG-2026-0412",
        "site": SITE,
    }
    proc = await asyncio.create_subprocess_exec(
        node,
        str(SCRIPT),
        json.dumps(config),
        cwd=str(EXTENSION_DIR),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    steps: dict[str, dict] = {}
    try:
        async with asyncio.timeout(150):
            while line := await proc.stdout.readline():
                message = json.loads(line)
                if "error" in message:
                    pytest.fail(f"the Firefox script failed: {message['error']}")
                steps[message.get("step", "done")] = message
            await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    stderr = (await proc.stderr.read()).decode(errors="replace")
    assert proc.returncode == 0 and "done" in steps, f"steps: {list(steps)}\n{stderr[-3000:]}"

    tracked = steps["tracked"]
    assert tracked["read"] == WRONG
    assert tracked["learnt"].startswith(f"Learnt for {SITE}: where the order number stands on its pages")
    [rule] = tracked["stored"][SITE]
    assert (rule["field"], rule["anchor"], rule["example"]) == (
        "order_number",
        {"kind": "label", "relation": "next_cell", "label": "vorgang"},
        "VG-2026-0412",
    )
    assert tracked["synced"] == 0
    [case] = await server.cases()
    assert case["order_number"] == "VG-2026-0412"

    assert steps["page_b"] == {"step": "page_b", "read": "VG-2026-0587", "notice": USED}
    assert steps["removed"]["listed"] == [
        {"site": SITE, "rows": [["Order number", "next to “vorgang”", "VG-2026-0412"]]}
    ]
    assert steps["removed"]["stored"] == {}
    assert steps["page_b_again"] == {"step": "page_b_again", "read": WRONG, "notice": None}
