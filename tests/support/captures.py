"""Captures as the extension sends them, built from the extraction fixture pages'
.expected.json (extension/test/fixtures/pages), not written out by hand in each test."""

from __future__ import annotations

import itertools

from bench._support import TREND_MICRO_PAGE, page_capture, trend_micro_capture

__all__ = ["TREND_MICRO", "TREND_MICRO_PAGE", "capture", "page_capture", "trend_micro_capture"]

# README's story: Trend Micro Maximum Security bought on Digital River's store.
TREND_MICRO = trend_micro_capture()

_ids = itertools.count(1)


def capture(**overrides):
    """The Trend Micro capture with a fresh capture_id; ``overrides`` replace fields (None
    drops one)."""
    body = {"capture_id": f"cap-{next(_ids)}", **TREND_MICRO}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}
