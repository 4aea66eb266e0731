"""Captures as the extension sends them, built from the extraction fixture pages'
.expected.json (extension/test/fixtures/pages), not written out by hand in each test."""

from __future__ import annotations

import itertools

from bench._support import TREND_MICRO_PAGE, page_capture, trend_micro_capture

__all__ = [
    "TREND_MICRO",
    "TREND_MICRO_PAGE",
    "capture",
    "page_capture",
    "trend_micro_capture",
    "trend_micro_order",
]

# README's story: Trend Micro Maximum Security bought on Digital River's store.
TREND_MICRO = trend_micro_capture()

_ids = itertools.count(1)


def capture(**overrides):
    """The Trend Micro capture with a fresh capture_id; ``overrides`` replace fields (None
    drops one)."""
    body = {"capture_id": f"cap-{next(_ids)}", **TREND_MICRO}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def trend_micro_order(**overrides):
    """The same order as the terminal UI's tests post it: the fixture page's order facts
    (number, date, amount, seller), the shop's name, the product's short name, and none of
    the extractor's extras (title, source, confidence, account, renewal). ``overrides``
    replace fields; None drops one."""
    order = trend_micro_capture(
        page_url="https://store.trendmicro.com/DRHM/store?Action=ThankYouPage",
        page_title=None,
        product="Maximum Security",
        account_email=None,
        auto_renews=None,
        renewal_date=None,
        merchant_name="Trend Micro",
        source=None,
        confidence=None,
    )
    order.update(overrides)
    return {k: v for k, v in order.items() if v is not None}
