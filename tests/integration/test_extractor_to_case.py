"""What the extractor finds on a page is what the server accepts and turns into the right case.

Runs the command-line extractor (the same code the extension injects) on every fixture page
and posts its output, as the extension does, to a real server.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
PAGES = EXTENSION / "test" / "fixtures" / "pages"
ORDER_PAGES = sorted(p for p in PAGES.glob("*.html") if not p.name.startswith("not-order-"))


def extract(page: Path) -> dict:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    if not (EXTENSION / "node_modules").exists():
        pytest.skip("run 'npm ci' in extension/ first (scripts/test.sh does)")
    url = json.loads(page.with_suffix(".expected.json").read_text())["url"]
    result = subprocess.run(
        ["node", str(EXTENSION / "tools" / "extract.mjs"), str(page), "--url", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def as_capture(found: dict, capture_id: str) -> dict:
    """The capture the extension sends: the extractor's fields, minus `found`, plus an id."""
    body = {k: v for k, v in found.items() if k != "found" and v is not None}
    return {"capture_id": capture_id, **body}


@pytest.mark.parametrize("page", ORDER_PAGES, ids=lambda p: p.stem)
async def test_every_extracted_order_is_accepted(client, page):
    found = extract(page)
    assert found["found"] is True
    response = await client.post("/api/v1/captures", json=as_capture(found, page.stem))
    assert response.status == 201, await response.text()
    case = (await response.json())["case"]
    assert case["order_number"] == found["order_number"]
    assert case["vendor"] is not None


async def test_known_vendors_read_from_emails_and_accounts_get_their_own_rule(client):
    for page, rule in (
        ("mcafee-email-webmail-broken-jsonld", "mcafee"),
        ("microsoft365-receipt-es", "microsoft-365"),
        ("kaspersky-nexway-de", "kaspersky"),
        ("bitdefender-2checkout-fr", "bitdefender"),
    ):
        found = extract(PAGES / f"{page}.html")
        case = (await (await client.post("/api/v1/captures", json=as_capture(found, page))).json())["case"]
        assert case["policy"]["id"] == rule, page
        assert case["policy"]["is_default"] is False, page


async def test_trend_micro_thank_you_page_becomes_the_done_case(client):
    found = extract(PAGES / "trendmicro-digitalriver-thankyou.html")
    case = (await (await client.post("/api/v1/captures", json=as_capture(found, "tm"))).json())["case"]
    assert case["vendor"]["name"] == "Trend Micro"
    assert case["seller"]["name"] == "Digital River"
    assert case["order_date"] == "2026-11-20" and case["deadline"] == "2026-12-20"
    assert case["auto_renews"] is True and case["renewal_date"] == "2027-11-20"
    # "Payment Method: Visa ending in 4417" on the page: the card network is known.
    assert case["payment_method"] == "Visa ending in 4417"
    assert "visa-chargeback" in [c["id"] for c in case["clocks"] if c["kind"] == "escalation"]
    letter = await (await client.get(f"/api/v1/cases/{case['id']}/templates/request")).json()
    assert "16739482210" in letter["text"] and "jordan.lee@example.com" in letter["text"]
