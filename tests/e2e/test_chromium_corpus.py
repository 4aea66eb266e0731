"""The popup and the command line read every corpus page the same way.

Each page of the extraction corpus (extension/test/corpus/pages) is opened in Chromium; the
popup's own reader (src/popup/read-page.js: the extraction bundle injected into the tab, run on
the live DOM) reads it, and `node tools/extract.mjs` reads the same bytes at the same address.
Every field of the two answers must be the same.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys

import pytest

from .harness import CORPUS_PAGES, EXTENSION_DIR

pytestmark = pytest.mark.browser

PAGES = sorted(p.name for p in CORPUS_PAGES.glob("*.html"))

READ_WITH_THE_POPUP = """async (tabId) => {
  const { readOrderFromTab } = await import('/src/popup/read-page.js');
  return readOrderFromTab(tabId);
}"""


async def extract_on_the_command_line(name: str, url: str, limit: asyncio.Semaphore) -> dict:
    async with limit:
        process = await asyncio.create_subprocess_exec(
            "node",
            "tools/extract.mjs",
            str(CORPUS_PAGES / name),
            "--url",
            url,
            cwd=EXTENSION_DIR,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, f"extract.mjs on {name}: {err.decode()}"
    return json.loads(out)


async def test_the_popup_and_the_command_line_agree_on_every_corpus_page(chromium, website):
    if not shutil.which("node"):
        pytest.fail("node is needed to run tools/extract.mjs")
    assert len(PAGES) >= 40, "the corpus is missing"
    urls = {name: website.url(f"/corpus/{name}") for name in PAGES}
    limit = asyncio.Semaphore(4)
    on_the_command_line = asyncio.gather(*(extract_on_the_command_line(n, urls[n], limit) for n in PAGES))

    tab = await chromium.open("about:blank")
    await tab.goto(urls[PAGES[0]])
    tab_id = await chromium.tab_id(urls[PAGES[0]])
    reader = await chromium.open_extension_page("src/options/options.html")
    in_the_popup = {}
    for name in PAGES:
        await tab.goto(urls[name], wait_until="load")
        read = await reader.evaluate(READ_WITH_THE_POPUP, tab_id)
        assert read["readable"], f"{name}: {read.get('reason')}"
        in_the_popup[name] = read["result"]
    await reader.close()
    await tab.close()

    differences = []
    for name, cli in zip(PAGES, await on_the_command_line, strict=True):
        popup = in_the_popup[name]
        for field in sorted(set(cli) | set(popup)):
            if cli.get(field) != popup.get(field):
                differences.append(
                    f"{name} {field}: popup {popup.get(field)!r}, extract.mjs {cli.get(field)!r}"
                )
    assert not differences, "\n".join(differences)
    # Not a vacuous agreement: the corpus's orders are found in both.
    assert sum(1 for r in in_the_popup.values() if r["found"]) >= 40
    print(f"{len(PAGES)} pages, every field the same", file=sys.stderr)
