"""`refunds --demo`'s Trend Micro order is the fixture page's order.

tui/demo.py ships with the program (an installed copy has no extension/test/fixtures to read),
and its dates count back from the server's today, so it writes its capture out itself; this
holds it to the order the extension's fixture page says is on that page.
"""

from __future__ import annotations

from typing import Any

from tui.demo import seed_demo

from ..support.captures import trend_micro_capture


class RecordingApi:
    """What seed_demo calls on the API client: captures recorded, everything else answered."""

    def __init__(self) -> None:
        self.captures: list[dict] = []

    async def health(self) -> dict:
        return {"today": "2026-11-26"}

    async def capture(self, body: dict) -> dict:
        self.captures.append(body)
        return {"id": body["capture_id"]}

    def __getattr__(self, name: str) -> Any:
        async def answered(*args, **kwargs) -> dict:
            return {"id": f"{name}-case"}

        return answered


async def test_the_demo_trend_micro_order_is_the_fixture_pages_order():
    api = RecordingApi()
    await seed_demo(api)  # type: ignore[arg-type]
    [demo] = [c for c in api.captures if c["capture_id"] == "demo-trend-micro"]
    fixture = trend_micro_capture()
    same = (
        "order_number",
        "amount",
        "currency",
        "account_email",
        "auto_renews",
        "seller_name",
        "page_title",
        "source",
        "confidence",
    )
    assert {k: demo[k] for k in same} == {k: fixture[k] for k in same}
    assert fixture["product"].endswith(demo["product"]), "the same product, less the vendor's name"
    assert fixture["page_url"].startswith(demo["page_url"]), "the same page"
