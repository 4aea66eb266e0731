"""Learning from a correction in real Firefox: the order number the extractor reads wrong on a
shop's page A is corrected in the popup and tracked; page B of the same shop is then read right;
the settings list the rule, and once it is removed page B is read wrong again.

The browser is driven by extension/e2e/firefox-learning.mjs (puppeteer-core over WebDriver BiDi);
this test starts the real server and the web site and checks what the script reports."""

from __future__ import annotations

import pytest

from .firefox import run_firefox_script
from .test_chromium_learning import PAGE_A, PAGE_B, SITE, USED, WRONG

pytestmark = pytest.mark.browser


async def test_firefox_learns_a_corrected_order_number(server, website):
    steps = await run_firefox_script(
        "firefox-learning.mjs",
        server,
        timeout=150,
        page_a=website.url(PAGE_A),
        page_b=website.url(PAGE_B),
        corrected="VG-2026-0412",
        site=SITE,
    )

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
