"""Shared by the benchmarks: seeding a data dir fast, starting servers, running the load generator.

Every benchmark starts what it measures as separate processes (the server under test, the
baselines, the load generator), so no two compete inside one interpreter. Numbers are noisy on
a shared 2-core machine: each script prints ratios against a baseline measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# What the tests use too (free ports, the `refunds serve` launcher, waits): bench/_support.py.
from _support import RefundsServer, child_env, free_port, wait_http  # noqa: E402 - bench/ is on sys.path

PYTHON = sys.executable
# Children run in the repo with it first on their path: `python -m server.cli` then runs this
# checkout's server whatever the current directory (a shared venv may hold another one).
ENV = child_env()

from server.wallclock import TODAY_ENV, WallClock, system_clock  # noqa: E402 - REPO is on sys.path now

# The day a benchmark seeds its cases around: the program's clock (REFUNDS_TODAY moves it).
# Every process a benchmark starts is put on the same day, so they agree even past midnight.
TODAY = system_clock().today()
ENV[TODAY_ENV] = TODAY.isoformat()


def bench_clock() -> WallClock:
    """A clock for a server or app started inside a benchmark's own process: on TODAY."""
    return WallClock.starting(TODAY)


# The capture every benchmark sends (what the extension sends for a Trend Micro order); the
# load generator, which runs on its own, holds it.
from loadgen import CAPTURE  # noqa: E402


# ---------------------------------------------------------------------------- seeding
def template_case() -> dict:
    """One case document exactly as the server stores it for CAPTURE."""
    from datetime import date, datetime, timezone

    import msgspec

    from server.domain import cases as rules
    from server.domain.inputs import CaptureIn
    from server.policies.knowledge import PolicyKnowledge

    capture = msgspec.convert({"capture_id": "seed", "order_number": "0", **CAPTURE}, CaptureIn)
    knowledge = PolicyKnowledge(settings=lambda: {})
    knowledge.load(None)
    resolved = knowledge.resolve(
        url=capture.page_url,
        product=capture.product,
        merchant=capture.merchant_name,
        seller=capture.seller_name,
    )
    now = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
    case = rules.new_case_from_capture(
        capture,
        case_id="01SEED",
        now=now,
        today=date(2026, 11, 21),
        vendor=resolved.vendor,
        seller=resolved.seller,
        purchase_source=resolved.purchase_source,
        rule_id=resolved.rule_id,
    )
    return rules.to_document(case)


def seed_data_dir(data_dir: Path, cases: int) -> Path:
    """Write ``cases`` stored cases as the store's snapshot (a TinyDB JSON file plus ``meta``).

    Written directly (seconds for 100,000) instead of through the API (minutes).
    """
    import msgspec

    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    template = template_case()
    encode = msgspec.json.encode
    base = dict(template)
    parts = []
    for i in range(1, cases + 1):
        base["id"] = f"01SEED{i:020d}"
        base["order_number"] = f"SEED-{i}"
        base["captures"] = [{**template["captures"][0], "capture_id": f"seed-{i}"}]
        parts.append(b'"%d":%s' % (i, encode(base)))
    from server.storage.migrations import CURRENT_VERSION

    meta = encode({"1": {"schema_version": CURRENT_VERSION, "journal_seq": 0, "previous_journal_seq": 0}})
    body = b'{"cases":{' + b",".join(parts) + b'},"meta":' + meta + b"}"
    path = data_dir / "refunds.json"
    path.write_bytes(body)
    os.chmod(path, 0o600)
    return path


# ---------------------------------------------------------------------------- processes
class Served:
    """A server process on a loopback port; ``token`` for the real server."""

    def __init__(self, proc: subprocess.Popen, port: int, token: str = "", log: Path | None = None) -> None:
        self.proc, self.port, self.token, self.log = proc, port, token, log

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@contextmanager
def refunds_server(data_dir: Path) -> Iterator[Served]:
    """`refunds serve` on ``data_dir`` as a user runs it (on TODAY), its log beside the data dir."""
    server = RefundsServer(data_dir, extra_env={TODAY_ENV: TODAY.isoformat()}, log_dir=data_dir.parent)
    try:
        try:
            server.start(timeout=120)
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"refunds serve did not start: {str(exc)[-2000:]}") from None
        served = Served(server.proc, server.port, server.token, log=server.stderr_path)
        yield served
    finally:
        if server.proc is not None:
            Served(server.proc, server.port).stop()


@contextmanager
def baseline_server(kind: str, *, db: Path | None = None) -> Iterator[Served]:
    """A baseline from bench/baselines.py: ``bare`` aiohttp or ``tinydb`` (stock JSONStorage)."""
    port = free_port()
    args = [PYTHON, str(BENCH / "baselines.py"), kind, "--port", str(port)]
    if db is not None:
        args += ["--db", str(db)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=REPO)
    served = Served(proc, port)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        yield served
    finally:
        served.stop()


def run_load(
    port: int,
    *,
    token: str = "",
    concurrency: int = 32,
    duration: float = 5.0,
    warmup: float = 1.0,
    max_requests: int = 0,
    prefix: str = "c",
    rate: float = 0.0,
    path: str = "/api/v1/captures",
) -> dict:
    """Run bench/loadgen.py in its own process; its JSON report."""
    args = [
        PYTHON,
        str(BENCH / "loadgen.py"),
        "--port",
        str(port),
        "--concurrency",
        str(concurrency),
        "--duration",
        str(duration),
        "--warmup",
        str(warmup),
        "--prefix",
        prefix,
        "--path",
        path,
    ]
    if token:
        args += ["--token", token]
    if max_requests:
        args += ["--max-requests", str(max_requests)]
    if rate:
        args += ["--rate", str(rate)]
    out = subprocess.run(
        args, capture_output=True, text=True, env=ENV, cwd=REPO, timeout=duration + warmup + 600
    )
    if out.returncode != 0:
        raise RuntimeError(f"loadgen failed: {out.stderr}")
    return json.loads(out.stdout)


def rss_peak_kb(pid: int) -> int:
    """VmHWM (peak resident set) of a live process, in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process (all its threads) has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


@contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


# ---------------------------------------------------------------------------- printing
def table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        if value >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine_note() -> str:
    load = os.getloadavg()
    return f"{os.cpu_count()} CPUs, load average {load[0]:.2f} at the start; Python {sys.version.split()[0]}"
