"""Capture-to-event latency: from sending POST /api/v1/captures until `case.created` arrives
on the events WebSocket (/api/v1/events, Authorization header), as the TUI sees a new capture.

    python bench/event_latency.py            # ~30 s
    python bench/event_latency.py --smoke

`refunds serve` runs with 10,000 stored cases in its own process; this script is the client
(one WebSocket listener, captures sent one at a time). Measured in the same run as the
baseline: the same POST's own latency until its 2xx (the event goes out once the capture is
durable, like the answer). Twice: with the server otherwise idle, and while bench/loadgen.py
(its own process) keeps it busy with other captures at about half its capacity.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aiohttp

from _common import (
    BENCH,
    CAPTURE,
    ENV,
    PYTHON,
    REPO,
    machine_note,
    refunds_server,
    run_load,
    scratch_dir,
    seed_data_dir,
    table,
)


async def measure(port: int, token: str, count: int, prefix: str) -> tuple[list[float], list[float]]:
    headers = {"Authorization": f"Bearer {token}"}
    to_event, to_answer = [], []
    async with aiohttp.ClientSession(headers=headers) as session:
        ws = await session.ws_connect(f"http://127.0.0.1:{port}/api/v1/events")
        assert (await ws.receive_json(timeout=10))["type"] == "ready"
        for n in range(count):
            capture_id = f"{prefix}-{n}"
            body = {"capture_id": capture_id, "order_number": capture_id, **CAPTURE}

            async def send(body=body):
                response = await session.post(f"http://127.0.0.1:{port}/api/v1/captures", json=body)
                answered = time.perf_counter()
                await response.read()
                return response, answered

            started = time.perf_counter()
            post = asyncio.ensure_future(send())
            while True:
                event = await ws.receive_json(timeout=30)
                if event.get("type") == "case.created" and any(
                    c["capture_id"] == capture_id for c in event["case"]["captures"]
                ):
                    to_event.append(time.perf_counter() - started)
                    break
            response, answered = await post
            to_answer.append(answered - started)
            assert response.status == 201, await response.text()
            await asyncio.sleep(0.005)
        await ws.close()
    return to_event, to_answer


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    cases, count = (200, 30) if args.smoke else (10_000, 1000)
    print(f"event latency: {count} captures, one at a time, {cases:,} stored cases; {machine_note()}")
    rows = []
    ratios = {}
    with scratch_dir("refunds-events-") as tmp:
        seed_data_dir(tmp / "data", cases)
        with refunds_server(tmp / "data") as served:
            to_event, to_answer = asyncio.run(measure(served.port, served.token, count, "idle"))
            rows.append(
                ["idle", pct(to_answer, 50), pct(to_answer, 99), pct(to_event, 50), pct(to_event, 99)]
            )
            ratios["idle"] = statistics.median(to_event) / statistics.median(to_answer)
            # Capacity first (short), then background load at about half of it.
            capacity = run_load(
                served.port, token=served.token, duration=1.0 if args.smoke else 2.0, warmup=0.3, prefix="cap"
            )["throughput"]
            rate = max(50.0, round(capacity / 2, -2))
            background = subprocess.Popen(
                [
                    PYTHON,
                    str(BENCH / "loadgen.py"),
                    "--port",
                    str(served.port),
                    "--token",
                    served.token,
                    "--rate",
                    str(rate),
                    "--duration",
                    "600",
                    "--warmup",
                    "0",
                    "--prefix",
                    "bg",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=ENV,
                cwd=REPO,
            )
            try:
                time.sleep(0.5)
                to_event, to_answer = asyncio.run(measure(served.port, served.token, count, "busy"))
            finally:
                background.terminate()
                background.wait()
            rows.append(
                [
                    f"busy: {rate:,.0f} other captures/s",
                    pct(to_answer, 50),
                    pct(to_answer, 99),
                    pct(to_event, 50),
                    pct(to_event, 99),
                ]
            )
            ratios["busy"] = statistics.median(to_event) / statistics.median(to_answer)
    print()
    print(table(["server", "POST to 2xx p50 ms", "p99 ms", "POST to case.created p50 ms", "p99 ms"], rows))
    print()
    for name, ratio in ratios.items():
        print(f"ratio: capture-to-event / capture-to-answer (medians), {name} = {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
