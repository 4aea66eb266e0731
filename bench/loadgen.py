"""A small HTTP/1.1 load generator: N keep-alive loopback connections posting captures.

Runs in its own process (the benchmarks start it with bench/_common.run_load) and prints one
JSON report. Hand-written on asyncio streams so it spends little CPU per request: the server
under test and the baselines get the same generator, so ratios between them are fair.

Closed loop by default: each connection sends its next request when the last one is answered
(like wrk). With --rate R the connections together send R requests a second on a fixed
schedule, and latency is counted from the scheduled time (no coordinated omission).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

from _support import trend_micro_capture  # bench/ is first on sys.path: it runs as a script

# What the extension sends for a Trend Micro order (the fixture page's fields), less its order
# number: each request has its own.
CAPTURE = {k: v for k, v in trend_micro_capture().items() if k != "order_number"}
_REST = json.dumps(CAPTURE, separators=(",", ":")).encode()[1:]


def body_for(unique: str) -> bytes:
    """A capture of a new order: its own capture_id and order number."""
    return b'{"capture_id":"%s","order_number":"%s",%s' % (unique.encode(), unique.encode(), _REST)


class Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.recording = False
        self.errors = 0
        self.warmup_requests = 0


async def worker(index: int, args, stats: Stats, stop_at: list[float], start_at: float) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
    head = (
        f"POST {args.path} HTTP/1.1\r\nHost: 127.0.0.1:{args.port}\r\n"
        + (f"Authorization: Bearer {args.token}\r\n" if args.token else "")
        + "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
    ).encode()
    n = 0
    interval = args.concurrency / args.rate if args.rate else 0.0
    next_at = start_at + (index / args.concurrency) * interval
    perf = time.perf_counter
    try:
        while perf() < stop_at[0]:
            n += 1
            body = body_for(f"{args.prefix}-{index}-{n}")
            if interval:
                delay = next_at - perf()
                if delay > 0:
                    await asyncio.sleep(delay)
                started = next_at
                next_at += interval
            else:
                started = perf()
            writer.write(head % len(body) + body)
            status_line = await reader.readuntil(b"\r\n")
            headers = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in headers.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
                    break
            if length:
                await reader.readexactly(length)
            elapsed = perf() - started
            if not stats.recording:
                stats.warmup_requests += 1
            else:
                status = int(status_line.split(b" ", 2)[1])
                stats.statuses[status] = stats.statuses.get(status, 0) + 1
                stats.latencies.append(elapsed)
                if args.max_requests and len(stats.latencies) >= args.max_requests:
                    stop_at[0] = 0.0
    except (ConnectionError, asyncio.IncompleteReadError, OSError):
        stats.errors += 1
    finally:
        writer.close()


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


async def main(args) -> dict:
    stats = Stats()
    begin = time.perf_counter()
    stop_at = [begin + args.warmup + args.duration]
    tasks = [asyncio.create_task(worker(i, args, stats, stop_at, begin)) for i in range(args.concurrency)]
    await asyncio.sleep(args.warmup)
    stats.recording = True
    measure_from = time.perf_counter()
    done, pending = await asyncio.wait(tasks, timeout=max(0.0, stop_at[0] - time.perf_counter()))
    measured = time.perf_counter() - measure_from
    stats.recording = False
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    lat = sorted(stats.latencies)
    ok = sum(v for k, v in stats.statuses.items() if 200 <= k < 300)
    return {
        "requests": len(lat),
        "warmup_requests": stats.warmup_requests,
        "ok": ok,
        "statuses": stats.statuses,
        "connection_errors": stats.errors,
        "seconds": measured,
        "throughput": ok / measured if measured else 0.0,
        "p50_ms": percentile(lat, 50) * 1000,
        "p99_ms": percentile(lat, 99) * 1000,
        "max_ms": (lat[-1] * 1000) if lat else float("nan"),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--path", default="/api/v1/captures")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--max-requests", type=int, default=0)
    parser.add_argument("--rate", type=float, default=0.0, help="total requests per second (paced)")
    parser.add_argument("--prefix", default="c")
    args = parser.parse_args()
    report = asyncio.run(main(args))
    json.dump(report, sys.stdout)
