"""The orders the browser tests meet: extraction fixture pages (extension/test/fixtures/pages) as
the test site serves them under /shop/, their dates moved to the run's calendar (dates.py).

What the extension must find on a page, and the capture it sends from it, come from the page's
.expected.json through tests/support/captures.py: a test names the page and reads its facts
here rather than writing the order number, amount or seller out again. A test that needs a
different value on purpose says so where it sets it.
"""

from __future__ import annotations

import itertools

from ..support.captures import TREND_MICRO_PAGE, page_capture, trend_micro_capture
from .dates import moved

NORTON_PAGE = "norton-confirmation-en-au"

_DATES = ("order_date", "renewal_date")
_ids = itertools.count(1)


def shop_path(page: str) -> str:
    """Where the test site serves fixture page ``page``."""
    return f"/shop/{page}.html"


def _moved(fields: dict) -> dict:
    return {k: moved(v) if k in _DATES else v for k, v in fields.items()}


def found_on(page: str) -> dict:
    """What the extractor finds on fixture page ``page`` as the test site serves it: the fields
    of its .expected.json (not its address, title or source), dates moved."""
    return _moved(page_capture(page, source=None, confidence=None, page_url=None, page_title=None))


TREND_MICRO_SHOP = shop_path(TREND_MICRO_PAGE)
TREND_MICRO = found_on(TREND_MICRO_PAGE)
NORTON = found_on(NORTON_PAGE)


def chooser_title(order: dict) -> str:
    """How the chooser names an order's case (extension/src/chooser/chooser.js, caseTitle)."""
    return f"{order['product']} · order {order['order_number']}"


def _fresh(capture: dict, overrides: dict) -> dict:
    body = {"capture_id": f"cap-e2e-{next(_ids)}", **_moved(capture), **overrides}
    return {k: v for k, v in body.items() if v is not None}


def capture_of(page: str, **overrides) -> dict:
    """The capture the extension sends from fixture page ``page`` (at its own address), dates
    moved, with a fresh capture_id; ``overrides`` replace fields (None drops one)."""
    return _fresh(page_capture(page, source=None, confidence=None), overrides)


def trend_micro(website, **overrides) -> dict:
    """The capture the extension sends from the Trend Micro page on the test site, dates moved,
    with a fresh capture_id; ``overrides`` replace fields (None drops one)."""
    return _fresh(trend_micro_capture(page_url=website.url(TREND_MICRO_SHOP)), overrides)
