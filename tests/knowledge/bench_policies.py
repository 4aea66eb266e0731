"""Micro-benchmark of the per-capture and per-case hot paths (not collected by pytest).

    PYTHONPATH=. .venv/bin/python tests/knowledge/bench_policies.py   # from the repo root

Prints microseconds per call for catalog.match() (every capture) and for enriching a case
(every case on every list request), best of several rounds.
"""

from __future__ import annotations

import gc
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from policy_cases import TREND_URL, US, full_case, make_case, trend_case

from server.policies import Enricher, compute, load_catalog


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


def main() -> None:
    start = time.perf_counter()
    catalog = load_catalog(None).catalog
    print(f"load_catalog: {(time.perf_counter() - start) * 1e3:.1f} ms")

    captures = [
        dict(url=TREND_URL, product="Trend Micro Maximum Security - 1 Year / 5 Devices",
             merchant="Digital River, Inc. is the authorized reseller and merchant of record"),
        dict(url="https://secure.2checkout.com/order/checkout.php?PRODS=4&QTY=1",
             product="Bitdefender Total Security 2027 - 5 Devices, 1 Year"),
        dict(url="https://checkout.gizmo-widgets.example/order/complete",
             product="Gizmo Widget Pro", merchant="Gizmo Widgets LLC"),
    ]
    for capture in captures:
        us = best_of(lambda c=capture: catalog.match(**c), 5000)
        print(f"match {capture['url'][:45]:45} {us:6.1f} us")

    today = date(2026, 11, 26)
    # Every case differs (ids, order numbers, page URLs), as stored cases do.
    cases = ([trend_case(id=f"01CASE{i:08d}", order_number=str(16739482210 + i),
                         order_date=f"2026-11-{1 + i % 28:02d}",
                         page_url=f"https://store.trendmicro.com/DRHM/store?Action=ThankYouPage"
                                  f"&OrderID={i}")
              for i in range(6000)]
             + [full_case() for _ in range(2000)]
             + [make_case(vendor={"name": "Norton", "domain": "norton.com"}, rule_id="norton",
                          order_date="2026-11-20", plan_term="monthly", currency="EUR")
                for _ in range(1000)]
             + [make_case(order_date="2026-11-20") for _ in range(1000)])

    def list_request():
        enrich = Enricher(catalog, US, today)
        for case in cases:
            enrich(case)

    per_case = best_of(list_request, 1, rounds=15) / len(cases)
    print(f"enrich, list of {len(cases)} cases: {per_case:6.1f} us per case "
          f"({per_case * len(cases) / 1000:.0f} ms per list)")
    single = best_of(lambda: compute(cases[0], catalog, US, today), 5000)
    print(f"compute() one case, fresh Enricher: {single:6.1f} us")


if __name__ == "__main__":
    main()
