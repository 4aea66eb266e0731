"""The refund-knowledge hot paths: catalog.match() (every capture) and enriching a case (every
case on every list request), in microseconds per call, best of several rounds.

    python bench/policy_hotpaths.py            # ~20 s
    python bench/policy_hotpaths.py --smoke

The cases are stored case documents as the server writes them (_common.template_case(): the
Trend Micro capture), varied as stored cases vary (ids, order numbers and dates, page URLs),
plus a monthly Norton case in EUR and cases of a shop no rule knows. Baseline in the same run:
compute() on one case with a fresh Enricher, what a list without the shared Enricher would pay
per case.
"""

from __future__ import annotations

import argparse
import copy
import gc
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_note, table, template_case
from _support import trend_micro_capture
from server.policies import Enricher, compute, load_catalog

US = {"country": "US", "region": None, "locale": "en-US"}
TREND_MICRO = trend_micro_capture()
CAPTURES = [
    dict(
        url=TREND_MICRO["page_url"],
        product=TREND_MICRO["product"],
        # The page's merchant-of-record line, as the longest name a shop gives reaches match().
        merchant="Digital River, Inc. is the authorized reseller and merchant of record",
    ),
    dict(
        url="https://secure.2checkout.com/order/checkout.php?PRODS=4&QTY=1",
        product="Bitdefender Total Security 2027 - 5 Devices, 1 Year",
    ),
    dict(
        url="https://checkout.gizmo-widgets.example/order/complete",
        product="Gizmo Widget Pro",
        merchant="Gizmo Widgets LLC",
    ),
]


def best_of(fn, calls: int, rounds: int = 7) -> float:
    """Microseconds per call, best of ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best * 1e6


def stored_cases(count: int) -> list[dict]:
    """``count`` stored cases: 60% Trend Micro, 20% Norton monthly in EUR, 20% unknown shop."""
    template = template_case()
    cases = []
    for i in range(count):
        case = copy.deepcopy(template)
        case.update(
            id=f"01CASE{i:08d}",
            order_number=str(16739482210 + i),
            order_date=f"2026-11-{1 + i % 28:02d}",
            page_url=f"https://store.trendmicro.com/DRHM/store?Action=ThankYouPage&OrderID={i}",
        )
        kind = i % 5
        if kind == 3:
            case.update(
                vendor={"name": "Norton", "domain": "norton.com"},
                seller=None,
                purchase_source=None,
                plan_term="monthly",
                currency="EUR",
            )
            case["policy"] = {**case["policy"], "rule_id": "norton"}
        elif kind == 4:
            case.update(vendor=None, seller=None, purchase_source=None, page_url=None)
            case["policy"] = {**case["policy"], "rule_id": None}
        cases.append(case)
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    match_calls, list_size, rounds = (200, 200, 3) if args.smoke else (5000, 10_000, 15)

    start = time.perf_counter()
    catalog = load_catalog(None).catalog
    load_ms = (time.perf_counter() - start) * 1e3

    rows: list[list[object]] = [["load_catalog (ms, once)", load_ms]]
    for capture in CAPTURES:
        rows.append(
            [f"match {capture['url'][:45]}", best_of(lambda c=capture: catalog.match(**c), match_calls)]
        )

    today = date(2026, 11, 26)
    cases = stored_cases(list_size)

    def list_request():
        enrich = Enricher(catalog, US, today)
        for case in cases:
            enrich(case)

    per_case = best_of(list_request, 1, rounds=rounds) / len(cases)
    single = best_of(lambda: compute(cases[0], catalog, US, today), match_calls)
    rows.append([f"enrich, per case of a list of {len(cases):,}", per_case])
    rows.append(["compute() one case, fresh Enricher", single])

    print(f"Refund-knowledge hot paths ({machine_note()})\n")
    print(table(["what", "us per call"], rows))
    print()
    print(
        f"ratio: compute() with a fresh Enricher / one case of a listed batch = {single / per_case:.1f}x "
        f"({per_case * len(cases) / 1000:.0f} ms per list of {len(cases):,})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
