"""Capture throughput and latency, durable (a 2xx means the case is on disk), by database size.

    python bench/capture_throughput.py            # ~1.5 minutes on 2 cores
    python bench/capture_throughput.py --smoke    # seconds: tiny sizes, checks the script works

For each size (stored cases at the start of the run) the data dir is seeded directly in the
store's snapshot format, then `refunds serve` takes new-order captures from 32 concurrent
keep-alive loopback clients (bench/loadgen.py, its own process). Measured in the same run:
  (a) a bare aiohttp handler that decodes the JSON body and answers JSON (no storage, no checks),
  (b) stock TinyDB (JSONStorage on a file of the same size) inserting one case per request.
Each run adds the cases it captures; the table shows the size at the start.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (baseline_server, machine_note, refunds_server, run_load, scratch_dir,  # noqa: E402
                     seed_data_dir, table)

GOAL_VS_BARE = 0.60
GOAL_VS_TINYDB = 1000.0
GOAL_FLAT = 0.90
GOAL_P99_MS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and durations")
    parser.add_argument("--duration", type=float, default=4.0, help="seconds measured per run")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    if args.smoke:
        sizes, flat_size, duration, warmup, tiny_requests = [20, 200], 500, 0.5, 0.2, 5
    else:
        sizes, flat_size, duration, warmup, tiny_requests = [100, 1_000, 10_000], 100_000, args.duration, 1.0, 0
    conc = args.concurrency
    print(f"capture throughput: {conc} concurrent loopback clients, {duration:g} s measured after "
          f"{warmup:g} s warm-up per run; {machine_note()}")
    rows: list[list[object]] = []
    results: dict[tuple[str, int], dict] = {}
    started = time.monotonic()
    with scratch_dir("refunds-bench-") as tmp:
        def bare(label: str) -> dict:
            with baseline_server("bare") as served:
                report = run_load(served.port, concurrency=conc, duration=duration, warmup=warmup, prefix=label)
            rows.append(["bare aiohttp JSON handler", "-", report["throughput"], report["p50_ms"],
                         report["p99_ms"], report["requests"]])
            return report

        bare_reports = [bare("bare1")]
        for size in [*sizes, flat_size]:
            data = tmp / f"data-{size}"
            seed_data_dir(data, size)
            if size != flat_size:
                db = tmp / f"stock-{size}.json"
                shutil.copyfile(data / "refunds.json", db)
                with baseline_server("tinydb", db=db) as served:
                    report = run_load(served.port, concurrency=conc, duration=duration * 1.5,
                                      warmup=warmup, prefix=f"t{size}", max_requests=tiny_requests)
                results[("tinydb", size)] = report
                rows.append(["stock TinyDB JSONStorage", size, report["throughput"], report["p50_ms"],
                             report["p99_ms"], report["requests"]])
            with refunds_server(data) as served:
                report = run_load(served.port, token=served.token, concurrency=conc, duration=duration,
                                  warmup=warmup, prefix=f"r{size}")
                results[("refunds", size)] = report
                _check_all_ok(report, "refunds serve")
                rows.append(["refunds serve (durable)", size, report["throughput"], report["p50_ms"],
                             report["p99_ms"], report["requests"]])
                if size == sizes[-1]:
                    rate = max(50.0, round(report["throughput"] / 2, -2))
                    paced = run_load(served.port, token=served.token, concurrency=conc, duration=duration,
                                     warmup=warmup, prefix=f"p{size}", rate=rate)
                    results[("paced", size)] = paced
                    results[("paced_rate", size)] = {"rate": rate}
                    rows.append([f"refunds serve, paced at {rate:,.0f}/s", size, paced["throughput"],
                                 paced["p50_ms"], paced["p99_ms"], paced["requests"]])
        bare_reports.append(bare("bare2"))

    print()
    print(table(["server", "cases at start", "captures/s", "p50 ms", "p99 ms", "requests"], rows))
    bare_tp = sum(r["throughput"] for r in bare_reports) / len(bare_reports)
    top = sizes[-1]
    ours = results[("refunds", top)]
    stock = results[("tinydb", top)]
    flat = results[("refunds", flat_size)]["throughput"] / results[("refunds", sizes[0])]["throughput"]
    vs_bare = ours["throughput"] / bare_tp
    vs_stock = ours["throughput"] / stock["throughput"] if stock["throughput"] else float("inf")
    paced = results[("paced", top)]
    print()
    print(f"(bare handler: mean of {len(bare_reports)} runs, one before and one after the others; "
          f"took {time.monotonic() - started:.0f} s)")
    print(f"ratio: throughput at {top:,} cases vs bare aiohttp handler = {vs_bare:.0%} "
          f"(goal >= {GOAL_VS_BARE:.0%}) {_mark(vs_bare >= GOAL_VS_BARE)}")
    print(f"ratio: throughput at {top:,} cases vs stock TinyDB = {vs_stock:,.0f}x "
          f"(goal >= {GOAL_VS_TINYDB:,.0f}x) {_mark(vs_stock >= GOAL_VS_TINYDB)}")
    print(f"ratio: throughput at {flat_size:,} cases vs at {sizes[0]:,} = {flat:.0%} "
          f"(goal >= {GOAL_FLAT:.0%}) {_mark(flat >= GOAL_FLAT)}")
    print(f"latency: p99 at {top:,} cases with {conc} clients, saturated = {ours['p99_ms']:.1f} ms; "
          f"paced at {results[('paced_rate', top)]['rate']:,.0f}/s = {paced['p99_ms']:.1f} ms "
          f"(goal <= {GOAL_P99_MS:g} ms) {_mark(ours['p99_ms'] <= GOAL_P99_MS)}")
    return 0


def _check_all_ok(report: dict, what: str) -> None:
    bad = {k: v for k, v in report["statuses"].items() if not 200 <= int(k) < 300}
    if bad or report["connection_errors"]:
        raise SystemExit(f"{what} answered {bad} / {report['connection_errors']} connection errors")


def _mark(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


if __name__ == "__main__":
    sys.exit(main())
