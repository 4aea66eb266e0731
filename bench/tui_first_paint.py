"""How fast the TUI shows the board, and how fast the `/` filter answers, with many cases.

    python bench/tui_first_paint.py            # 10,000 cases, 5 runs of each app (about a minute)
    python bench/tui_first_paint.py --smoke    # 60 cases, 1 run: seconds (tests/bench runs it)

First paint is measured as a user sees it: each app runs in its own process on a
pseudo-terminal (120x40) and the clock stops when the text appears in what it writes.
  * bare        a bare Textual app (a Label) — the baseline, measured in the same run;
  * first frame `refunds` on the seeded data dir: the header is on screen;
  * board       the first (most urgent) case's row is on screen, with a server already
                running (`refunds serve`, the usual set-up) — goal: at most 3x bare;
  * cold board  the same, with no server running: the TUI starts one and loads the data.
Keystroke to repaint is measured inside the app (headless): from a key press to the frame
that shows the filtered board, for each key of a filter typed on the board (the terminal's
own drawing time is not in it). A bare app with an Input is measured the same way.
Numbers move with the machine's load: read the ratios, which compare runs made side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from _common import (  # bench/ is on sys.path (above)
    ENV,
    REPO,
    TODAY,
    bench_clock,
    machine_note,
    refunds_server,
    table,
)

SIZE = (120, 40)
FIRST = "BENCHFIRST"  # the product of the case whose window closes first
VENDORS = (
    "Trend Micro",
    "Norton",
    "Bitdefender",
    "Adobe",
    "McAfee",
    "Avast",
    "Kaspersky",
    "Malwarebytes",
    "Dropbox",
    "Spotify",
    "Microsoft",
    "Apple",
)
_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")

BARE_APP = """
from textual.app import App
from textual.widgets import Label
class Bare(App):
    def compose(self):
        yield Label("BARE-READY")
Bare().run()
"""


# -- seeding -------------------------------------------------------------------------------
def case_body(n: int) -> dict:
    vendor = VENDORS[n % len(VENDORS)]
    # Case 0 alone closes today (ordered 30 days ago, 30-day window); the others close within
    # 1-30 days, or (one in seven) closed already.
    days_ago = 30 if n == 0 else 31 + n % 30 if n % 7 == 0 else n % 29
    return {
        "vendor": {"name": vendor},
        "product": FIRST if n == 0 else f"{vendor} plan {n:05d}",
        "order_number": f"ORD-{n:06d}",
        "order_date": (TODAY - timedelta(days=days_ago)).isoformat(),
        "amount": f"{10 + n % 90}.99",
        "currency": "USD",
        "account_email": f"user{n % 7}@example.com",
        "reason": "Not what I expected." if n % 4 else None,
    }


async def seed(data_dir: Path, count: int) -> float:
    """``count`` cases through the API of a server started here; seconds taken."""
    from server.config import Config
    from server.serve import start_server
    from tui.api import ApiClient, Endpoint

    server = await start_server(Config(data_dir=data_dir, port=0, clock=bench_clock()), freeze_gc=False)
    client = ApiClient(Endpoint(server.url, server.token))
    started = time.perf_counter()
    gate = asyncio.Semaphore(64)  # concurrent writes share each fsync (group commit)

    async def one(n: int) -> None:
        async with gate:
            body = {k: v for k, v in case_body(n).items() if v is not None}
            case = await client.create_case(body)
            if n % 5 == 1:
                await client.patch_case(case["id"], {"status": "requested"})

    try:
        await asyncio.gather(*(one(n) for n in range(count)))
        return time.perf_counter() - started
    finally:
        await client.close()
        await server.stop()


# -- first paint on a pseudo-terminal ------------------------------------------------------
def time_to_text(
    argv: list[str], markers: list[bytes], env: dict[str, str], timeout: float = 120.0
) -> list[float]:
    """Seconds from spawning ``argv`` on a pty until each marker has appeared on screen."""
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    found: list[float] = []
    try:
        while len(found) < len(markers):
            if time.perf_counter() - started > timeout:
                raise TimeoutError(f"{markers[len(found)]!r} never appeared; screen: {_plain(seen)[-400:]!r}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            # Only the new output (with an overlap for a marker cut in two) is searched: the
            # harness must not eat the CPU the app under test needs.
            window = seen[-256:] + chunk
            seen += chunk
            plain = _plain(window)
            while len(found) < len(markers) and markers[len(found)] in plain:
                found.append(time.perf_counter() - started)
        if len(found) < len(markers):
            raise RuntimeError(f"exited before {markers[len(found)]!r}: {_plain(seen)[-400:]!r}")
        return found
    finally:
        _quit(process, master)


def _plain(data: bytes) -> bytes:
    return _ESCAPES.sub(b"", data)


def _quit(process: subprocess.Popen, master: int) -> None:
    """ctrl+q (quits any Textual app), reading what it writes meanwhile so it never blocks."""
    try:
        os.write(master, b"\x11")
        deadline = time.monotonic() + 20
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
    finally:
        os.close(master)


def child_env(data_dir: Path) -> dict[str, str]:
    env = {
        **ENV,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "TZ": "UTC",
        "REFUNDS_DATA_DIR": str(data_dir),
    }
    env.pop("TEXTUAL", None)
    return env


# -- keystroke to repaint ------------------------------------------------------------------
async def keystrokes(data_dir: Path, needle: str, *, bare: bool = False) -> list[float]:
    """Milliseconds from each key of ``needle`` (typed into the filter) to the frame showing it."""
    from textual.app import App
    from textual.widgets import Input

    frames: list[float] = []

    def hook_display(app) -> None:
        original = app._display

        def display(screen, renderable):
            if renderable is not None:
                frames.append(time.perf_counter())
            return original(screen, renderable)

        app._display = display

    if bare:

        class Bare(App):
            def compose(self):
                yield Input()

        app: App = Bare()
    else:
        from tui.app import RefundsApp

        app = RefundsApp(data_dir, cursor_blink=False, clock=bench_clock())
    timings: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        if not bare:
            while not (app.loaded and app.screen.query("CaseTable")):
                await pilot.pause(0.05)
            await pilot.press("slash")
        await pilot.pause(0.2)
        hook_display(app)
        keys = list(needle) + ["backspace"] * 3
        for key in keys:
            frames.clear()
            started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause(0.05)
            if frames:
                timings.append((frames[0] - started) * 1000)
    return timings


# -- the run -------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="a tiny run (60 cases, 1 repeat) for CI")
    parser.add_argument("--repeat", type=int, default=5, help="first-paint runs per app (median shown)")
    args = parser.parse_args()
    count = 60 if args.smoke else args.cases
    repeat = 1 if args.smoke else args.repeat
    print(f"tui first paint: {count:,} cases, a {SIZE[0]}x{SIZE[1]} pseudo-terminal; {machine_note()}")

    with tempfile.TemporaryDirectory(prefix="refunds-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        seconds = asyncio.run(seed(data_dir, count))
        print(
            f"seeded {count:,} cases through the API in {seconds:.1f} s "
            f"({count / seconds:,.0f} cases/s, {_dir_size(data_dir) / 1e6:.1f} MB on disk)"
        )
        env = child_env(data_dir)
        refunds = [sys.executable, "-m", "server.cli", "--data-dir", str(data_dir)]
        bare = [sys.executable, "-c", BARE_APP]

        paints: dict[str, list[float]] = {
            "bare Textual app": [],
            "refunds: first frame": [],
            "refunds: board": [],
            "refunds: board, cold": [],
        }
        for _ in range(repeat):
            paints["bare Textual app"] += time_to_text(bare, [b"BARE-READY"], env)
            with refunds_server(data_dir):
                frame, board = time_to_text(refunds, [b"Refund Tracker", FIRST.encode()], env)
            paints["refunds: first frame"].append(frame)
            paints["refunds: board"].append(board)
            paints["refunds: board, cold"] += time_to_text(refunds, [FIRST.encode()], env)

        with refunds_server(data_dir):
            app_keys = asyncio.run(keystrokes(data_dir, "plan 0042"))
        bare_keys = asyncio.run(keystrokes(data_dir, "plan 0042", bare=True))

    bare_ms = statistics.median(paints["bare Textual app"]) * 1000
    rows = []
    for name, values in paints.items():
        ms = [v * 1000 for v in values]
        rows.append([name, statistics.median(ms), min(ms), max(ms), statistics.median(ms) / bare_ms])
    print(f"\nfirst paint (ms from spawn to text on screen; median of {repeat})")
    print(table(["app", "p50 ms", "min ms", "max ms", "x bare"], rows))
    print(f"\nkeystroke to repaint, '/' filter on {count:,} cases ({len(app_keys)} keys)")
    print(
        table(
            ["typing into", "p50 ms", "p90 ms", "max ms"],
            [
                [name, statistics.median(v), _p90(v), max(v)]
                for name, v in (("a bare Input", bare_keys), ("the board's filter", app_keys))
            ],
        )
    )
    board = statistics.median(paints["refunds: board"]) * 1000
    cold = statistics.median(paints["refunds: board, cold"]) * 1000
    print()
    print(f"ratio: board first paint / bare app first paint = {board / bare_ms:.2f}x (goal <= 3)")
    print(f"ratio: board first paint, no server running / bare app = {cold / bare_ms:.2f}x")
    print(
        f"ratio: filter keystroke / bare Input keystroke (p50) = "
        f"{statistics.median(app_keys) / statistics.median(bare_keys):.2f}x"
    )
    return 0


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


if __name__ == "__main__":
    sys.exit(main())
