"""Capture throughput and latency, durable (a 2xx means the case is on disk), by database size.

    python bench/capture_throughput.py            # about 1.5 minutes on 2 cores
    python bench/capture_throughput.py --smoke    # seconds: tiny sizes, checks the script works

Each size's data dir is seeded directly in the store's snapshot format, and one `refunds serve`
per size takes new-order captures from 32 concurrent keep-alive loopback clients
(bench/loadgen.py, its own process). Measured in the same run:
  (a) a bare aiohttp handler that decodes the JSON body and answers JSON (no storage, no checks),
  (b) stock TinyDB (JSONStorage on a file of the same size) inserting one case per request.
The machine is shared, so the servers are loaded in turn, round after round (bare, 100,
1,000, 10,000, 100,000, bare, ...), and each figure is the median of its rounds: a burst of
someone else's work then spoils one round, not a whole column. Each round adds the cases it
captures; the table shows the size at the start.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    baseline_server,
    cpu_seconds,
    machine_note,
    refunds_server,
    run_load,
    scratch_dir,
    seed_data_dir,
    table,
)

GOAL_VS_BARE = 0.60
GOAL_VS_TINYDB = 1000.0
GOAL_FLAT = 0.90
GOAL_P99_MS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and durations")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=2.5, help="seconds measured per round")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    if args.smoke:
        sizes, duration, warmup, rounds, tiny_requests = [20, 200, 500], 0.4, 0.2, 2, 5
    else:
        sizes, duration, warmup, rounds, tiny_requests = (
            [100, 1_000, 10_000, 100_000],
            args.duration,
            0.5,
            args.rounds,
            0,
        )
    top = sizes[-2]  # the size the goals name (10,000); the last one is for flatness
    conc = args.concurrency
    print(
        f"capture throughput: {conc} concurrent loopback clients, {rounds} rounds of {duration:g} s "
        f"(after {warmup:g} s warm-up) per server, medians; {machine_note()}"
    )
    started = time.monotonic()
    rows: list[list[object]] = []
    with scratch_dir("refunds-bench-") as tmp, ExitStack() as servers:
        stock: dict[int, dict] = {}
        for size in sizes[:-1]:
            data = tmp / f"data-{size}"
            seed_data_dir(data, size)
            db = tmp / f"stock-{size}.json"
            shutil.copyfile(data / "refunds.json", db)
            with baseline_server("tinydb", db=db) as served:
                stock[size] = run_load(
                    served.port,
                    concurrency=conc,
                    duration=max(duration * 3, 1.0),
                    warmup=warmup,
                    prefix=f"t{size}",
                    max_requests=tiny_requests,
                )
        seed_data_dir(tmp / f"data-{sizes[-1]}", sizes[-1])
        targets: dict[str, object] = {"bare": servers.enter_context(baseline_server("bare"))}
        for size in sizes:
            targets[size] = servers.enter_context(refunds_server(tmp / f"data-{size}"))
        reports: dict[object, list[dict]] = {name: [] for name in targets}
        for round_no in range(rounds):
            for name, served in targets.items():
                cpu_before = cpu_seconds(served.pid)
                report = run_load(
                    served.port,
                    token=served.token,
                    concurrency=conc,
                    duration=duration,
                    warmup=warmup,
                    prefix=f"r{round_no}-{name}",
                )
                # Server CPU per request, warm-up included: far steadier than throughput on a
                # shared machine (someone else's work takes time from the server, not CPU).
                total = report["requests"] + report["warmup_requests"]
                report["cpu_us"] = (cpu_seconds(served.pid) - cpu_before) / max(1, total) * 1e6
                if name != "bare":
                    _check_all_ok(report, f"refunds serve ({name} cases)")
                reports[name].append(report)
        rate = max(50.0, round(_median(reports[top], "throughput") / 2, -2))
        paced = run_load(
            targets[top].port,
            token=targets[top].token,
            concurrency=conc,
            duration=duration * 2,
            warmup=warmup,
            prefix="paced",
            rate=rate,
        )

    med = {
        name: {k: _median(rs, k) for k in ("throughput", "p50_ms", "p99_ms", "cpu_us")}
        for name, rs in reports.items()
    }
    rows.append(_row("bare aiohttp JSON handler", "-", med["bare"], _spread(reports["bare"])))
    for size in sizes:
        if size in stock:
            rows.append(_row("stock TinyDB JSONStorage", size, stock[size], _one_run(stock[size])))
        rows.append(_row("refunds serve (durable)", size, med[size], _spread(reports[size])))
    rows.append(_row(f"refunds serve, paced at {rate:,.0f}/s", top, paced, _one_run(paced)))
    print()
    print(
        table(
            [
                "server",
                "cases at start",
                "captures/s",
                "p50 ms",
                "p99 ms",
                "server CPU us/request",
                "captures/s by round",
            ],
            rows,
        )
    )

    ours = med[top]
    vs_bare = ours["throughput"] / med["bare"]["throughput"]
    vs_stock = ours["throughput"] / stock[top]["throughput"] if stock[top]["throughput"] else float("inf")
    flat = med[sizes[-1]]["throughput"] / med[sizes[0]]["throughput"]
    print()
    print(f"(took {time.monotonic() - started:.0f} s)")
    print(
        f"ratio: throughput at {top:,} cases vs bare aiohttp handler = {vs_bare:.0%} "
        f"(goal >= {GOAL_VS_BARE:.0%}) {_mark(vs_bare >= GOAL_VS_BARE)}"
    )
    print(
        f"ratio: server CPU per request, bare handler / refunds serve at {top:,} cases = "
        f"{med['bare']['cpu_us'] / ours['cpu_us']:.0%} (the throughput ratio a CPU-bound server on "
        f"an otherwise idle core would show)"
    )
    print(
        f"ratio: throughput at {top:,} cases vs stock TinyDB = {vs_stock:,.0f}x "
        f"(goal >= {GOAL_VS_TINYDB:,.0f}x) {_mark(vs_stock >= GOAL_VS_TINYDB)}"
    )
    print(
        f"ratio: throughput at {sizes[-1]:,} cases vs at {sizes[0]:,} = {flat:.0%} "
        f"(goal >= {GOAL_FLAT:.0%}) {_mark(flat >= GOAL_FLAT)}"
    )
    print(
        f"latency: p99 at {top:,} cases with {conc} clients = {ours['p99_ms']:.1f} ms saturated "
        f"(goal <= {GOAL_P99_MS:g} ms) {_mark(ours['p99_ms'] <= GOAL_P99_MS)}; "
        f"{paced['p99_ms']:.1f} ms paced at {rate:,.0f}/s {_mark(paced['p99_ms'] <= GOAL_P99_MS)}"
    )
    print(
        f"(with {conc} clients in a closed loop the mean latency is {conc} / throughput = "
        f"{conc / ours['throughput'] * 1000:.1f} ms: a saturated p99 under 10 ms needs well over "
        f"{conc * 100:,} captures/s)"
    )
    return 0


def _median(reports: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in reports)


def _row(server: str, size: object, measured: dict, note: str) -> list[object]:
    """A row of the table; the server's CPU per request where it was measured (not in one run)."""
    return [
        server,
        size,
        measured["throughput"],
        measured["p50_ms"],
        measured["p99_ms"],
        measured.get("cpu_us", "-"),
        note,
    ]


def _one_run(report: dict) -> str:
    return f"1 run, {report['requests']} requests"


def _spread(reports: list[dict]) -> str:
    return " / ".join(f"{r['throughput']:,.0f}" for r in reports)


def _check_all_ok(report: dict, what: str) -> None:
    bad = {k: v for k, v in report["statuses"].items() if not 200 <= int(k) < 300}
    if bad or report["connection_errors"]:
        raise SystemExit(f"{what} answered {bad} / {report['connection_errors']} connection errors")


def _mark(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


if __name__ == "__main__":
    sys.exit(main())
