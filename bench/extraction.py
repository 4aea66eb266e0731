"""Extraction time of a 1 MB order page with the command-line extractor.

    python bench/extraction.py           # ~20 s
    python bench/extraction.py --smoke   # one run of each, a 100 KB page

Runs `node extension/tools/extract.mjs PAGE.html --url URL` (the extension's own extraction
code under Node) on a real order-confirmation fixture, and on the same page padded to 1 MB
with what real shop pages carry around an order (navigation, product grids, inline scripts and
JSON). Measured in the same run as baselines: Node starting and exiting (`node -e 0`), and the
unpadded page. Medians of several runs. Skips with a message when Node or the extractor (or
its npm dependencies) are missing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine_note, scratch_dir, table

EXTENSION = REPO / "extension"
TOOL = EXTENSION / "tools" / "extract.mjs"
FIXTURE = EXTENSION / "test" / "fixtures" / "pages" / "trendmicro-digitalriver-thankyou.html"
URL = "https://store.trendmicro.com/DRHM/store?Action=ThankYouPage&SiteID=trendmicro&Locale=en_US"


def padding_block(n: int) -> str:
    """About 2 KB of what surrounds an order on a shop page."""
    items = "".join(
        f'<li class="product-tile"><a href="/products/item-{n}-{i}">'
        f'<img src="/img/{n}-{i}.webp" alt="Item {i}">'
        f'<span class="name">Security Suite {i} - {n}</span><span class="price">$ {i + 9}.99</span></a></li>'
        for i in range(6)
    )
    script = json.dumps(
        {"analytics": {"page": n, "events": [{"id": f"e{n}-{j}", "ts": 1700000000 + j} for j in range(8)]}}
    )
    return (
        f'<nav class="mega-menu"><ul>{items}</ul></nav>'
        f"<script>window.__state_{n} = {script};</script>"
        f'<div class="footer-links"><p>Terms, privacy and cookie settings {n}.</p></div>\n'
    )


def padded_page(original: str, size: int) -> str:
    blocks = []
    total = len(original)
    n = 0
    while total < size:
        block = padding_block(n)
        blocks.append(block)
        total += len(block)
        n += 1
    head, sep, tail = original.partition("<body")
    body_open, _, rest = tail.partition(">")
    half = len(blocks) // 2
    # Before and after the order: extraction must find it anywhere in the page.
    return (
        head
        + sep
        + body_open
        + ">"
        + "".join(blocks[:half])
        + rest.replace("</body>", "".join(blocks[half:]) + "</body>")
    )


def timed(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed ({out.returncode}): {out.stderr.strip()[:500]}")
    return elapsed, out.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    node = shutil.which("node")
    if node is None:
        print("SKIPPED: extraction benchmark needs Node.js 20 ('node' is not on PATH).")
        return 0
    if not TOOL.exists() or not FIXTURE.exists():
        print(f"SKIPPED: the command-line extractor {TOOL.relative_to(REPO)} is not in this checkout.")
        return 0
    if not (EXTENSION / "node_modules").exists():
        print(
            "SKIPPED: the extractor's npm dependencies are not installed "
            "(run 'npm ci' in extension/, as scripts/test.sh does)."
        )
        return 0
    runs = 1 if args.smoke else args.runs
    size = 100_000 if args.smoke else 1_000_000
    original = FIXTURE.read_text(encoding="utf-8")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"extraction: node {version}, median of {runs} runs; {machine_note()}")
    with scratch_dir("refunds-extract-") as tmp:
        big = tmp / "order-1mb.html"
        big.write_text(padded_page(original, size), encoding="utf-8")
        measured: dict[str, list[float]] = {"node": [], "small": [], "big": []}
        results = {}
        for _ in range(runs):  # interleaved, so a burst of other work hits all three alike
            measured["node"].append(timed([node, "-e", "0"])[0])
            elapsed, out = timed([node, str(TOOL), str(FIXTURE), "--url", URL])
            measured["small"].append(elapsed)
            results["small"] = json.loads(out)
            elapsed, out = timed([node, str(TOOL), str(big), "--url", URL])
            measured["big"].append(elapsed)
            results["big"] = json.loads(out)
    med = {k: statistics.median(v) * 1000 for k, v in measured.items()}
    same = all(
        results["big"].get(k) == results["small"].get(k)
        for k in ("found", "order_number", "amount", "currency", "product")
    )
    rows = [
        ["node -e 0 (start and exit)", "-", med["node"], "-"],
        [
            "extract.mjs, fixture page",
            f"{len(original.encode()):,} B",
            med["small"],
            _yes(results["small"].get("found")),
        ],
        [
            f"extract.mjs, padded to {size // 1000:,} KB",
            f"{big_size(size, original):,} B",
            med["big"],
            _yes(results["big"].get("found")),
        ],
    ]
    print()
    print(table(["run", "page", "ms (median)", "order found"], rows))
    print()
    print(f"result: the padded page yields the same order as the fixture: {'yes' if same else 'NO'}")
    print(
        f"ratio: {size // 1000:,} KB page / fixture page = {med['big'] / med['small']:.2f}x; "
        f"extraction beyond Node's own start = {med['big'] - med['node']:.0f} ms "
        f"({(med['big'] - med['node']) / (med['small'] - med['node']):.1f}x the fixture's)"
    )
    return 0 if same else 1


def _yes(value: object) -> str:
    return "yes" if value else "no"


def big_size(size: int, original: str) -> int:
    return len(padded_page(original, size).encode())


if __name__ == "__main__":
    sys.exit(main())
