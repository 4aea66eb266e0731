"""Peak resident memory of `refunds serve` with 10,000 and 100,000 stored cases.

    python bench/server_memory.py            # ~40 s
    python bench/server_memory.py --smoke

For each size the data dir is seeded in the store's format and a real `refunds serve` is
started; its RSS is read after start, then its peak (VmHWM, which includes loading) after
a full listing (GET /api/v1/cases computes and caches every case's view) and 1,000 captures.
Baseline in the same run: the same server on an empty data dir.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    machine_note,
    refunds_server,
    rss_kb,
    rss_peak_kb,
    run_load,
    scratch_dir,
    seed_data_dir,
    table,
)


def list_all(port: int, token: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/cases?view=full", headers={"Authorization": f"Bearer {token}"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=600) as response:
        return len(json.loads(response.read())["cases"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    sizes = [0, 200, 2_000] if args.smoke else [0, 10_000, 100_000]
    captures = 100 if args.smoke else 1000
    print(f"server memory; {machine_note()}")
    rows, measured = [], {}
    with scratch_dir("refunds-memory-") as tmp:
        for size in sizes:
            data = tmp / f"data-{size}"
            snapshot = seed_data_dir(data, size) if size else None
            started = time.perf_counter()
            with refunds_server(data) as served:
                start_seconds = time.perf_counter() - started
                after_start = rss_kb(served.pid)
                listed = list_all(served.port, served.token)
                assert listed == size, (listed, size)
                run_load(
                    served.port,
                    token=served.token,
                    concurrency=8,
                    duration=60,
                    warmup=0,
                    max_requests=captures,
                    prefix=f"m{size}",
                )
                peak = rss_peak_kb(served.pid)
            snap_mb = snapshot.stat().st_size / 1e6 if snapshot else 0.0
            measured[size] = peak
            rows.append([size, f"{snap_mb:.1f}", start_seconds, after_start / 1024, peak / 1024])
    print()
    print(table(["cases", "snapshot MB", "start s", "RSS after start MiB", "peak RSS MiB"], rows))
    print()
    base = measured[0]
    for size in sizes[1:]:
        per_case = (measured[size] - base) / size
        print(
            f"ratio: peak RSS with {size:,} cases / empty = {measured[size] / base:.1f}x "
            f"({per_case:.1f} KiB a case above the empty server's)"
        )
    if len(sizes) > 2:
        print(
            f"ratio: growth from {sizes[1]:,} to {sizes[2]:,} cases = "
            f"{(measured[sizes[2]] - base) / (measured[sizes[1]] - base):.1f}x for "
            f"{sizes[2] / sizes[1]:.0f}x the cases (linear would be {sizes[2] / sizes[1]:.0f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
