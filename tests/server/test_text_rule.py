"""One rule for control characters in text (server/domain/text.py): the terminal UI's and the
extension's copies must refuse exactly what the server refuses, and every text a client sends
(settings too) goes through it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from server.domain import text
from tui import api as tui_api

ROOT = Path(__file__).resolve().parents[2]
NORMALIZE = ROOT / "extension" / "src" / "extract" / "normalize.js"
EVERY_CHARACTER = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]


def in_ranges(ch: str, ranges: text.Ranges) -> bool:
    return any(first <= ord(ch) <= last for first, last in ranges)


def ranges_of(code_points: list[int]) -> list[list[int]]:
    merged: list[list[int]] = []
    for cp in sorted(code_points):
        if merged and merged[-1][1] == cp - 1:
            merged[-1][1] = cp
        else:
            merged.append([cp, cp])
    return merged


def test_the_rule_is_what_the_readme_says():
    for ch in "\x00\x07\x1b\x7f\x85\x9b\u202a\u202e\u2066\u2069":
        assert text.NOT_TEXT.search(ch) and text.NOT_ONE_LINE.search(ch), repr(ch)
    for ch in "\t\n\r\u2028\u2029":
        assert not text.NOT_TEXT.search(ch) and text.NOT_ONE_LINE.search(ch), repr(ch)
    for ch in ["a", "é", "漢", "\u200d", "\xa0", "🙂"]:
        assert not text.NOT_ONE_LINE.search(ch), repr(ch)
    assert [list(r) for r in sorted(text.REFUSED_IN_TEXT)] == ranges_of(
        [ord(ch) for ch in EVERY_CHARACTER if text.NOT_TEXT.search(ch)]
    )


def test_the_tui_strips_exactly_what_the_rule_drops_on_screen():
    stripped = [ord(ch) for ch in EVERY_CHARACTER if tui_api._TERMINAL_CONTROLS.search(ch)]
    assert ranges_of(stripped) == [list(r) for r in sorted(text.STRIPPED_ON_SCREEN)]
    # That is the refused ones, and the carriage return a text keeps for CRLF.
    assert set(stripped) == {ord(ch) for ch in EVERY_CHARACTER if in_ranges(ch, text.REFUSED_IN_TEXT)} | {
        0x0D
    }


def test_the_tuis_quick_look_at_the_raw_json_sees_every_stripped_character():
    refused = [ch for ch in EVERY_CHARACTER if in_ranges(ch, text.STRIPPED_ON_SCREEN)]
    for ch in refused:
        for raw in (msgspec.json.encode({"t": f"a{ch}b"}), json.dumps({"t": f"a{ch}b"}).encode()):
            assert tui_api._CONTROLS_IN_JSON.search(raw), (hex(ord(ch)), raw)
            assert tui_api._decode(raw) == {"t": "ab"}
    assert tui_api._decode(msgspec.json.encode({"t": "a\tb\n\u2028é"})) == {"t": "a\tb\n\u2028é"}
    assert tui_api._decode(msgspec.json.encode({"t": "a\\bc"})) == {"t": "a\\bc"}  # a backslash stays


PROBE = r"""
import { stripBlockControls, stripControls } from %s;
const [inText, inLine] = JSON.parse(process.argv[1]);
const within = (cp, ranges) => ranges.some(([a, b]) => a <= cp && cp <= b);
const stripped = [];
const lineLeaks = [];
for (let cp = 0; cp <= 0x10ffff; cp += 1) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const ch = String.fromCodePoint(cp);
  if (stripBlockControls(`a${ch}b`) === 'ab') stripped.push(cp);
  if (within(cp, inLine)) {
    const out = stripControls(`a${ch}b`);
    if ([...out].some((c) => within(c.codePointAt(0), inLine))) lineLeaks.push(cp);
  }
}
process.stdout.write(JSON.stringify({ stripped, lineLeaks }));
"""


def test_the_extension_removes_exactly_what_the_server_refuses():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; it runs the extension's code")
    script = PROBE % json.dumps(NORMALIZE.as_uri())
    out = subprocess.run(
        [node, "--input-type=module", "-e", script, json.dumps([text.REFUSED_IN_TEXT, text.REFUSED_IN_LINE])],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(out.stdout)
    # Multi-line texts (transcripts, reasons): removed exactly where the server would refuse.
    assert ranges_of(result["stripped"]) == [list(r) for r in sorted(text.REFUSED_IN_TEXT)]
    # Fields: whatever else it removes, nothing the server refuses in a line is left.
    assert result["lineLeaks"] == []


def test_char_class_builds_exactly_its_ranges():
    pattern = re.compile(text.char_class(((0x41, 0x43), (0x2028, 0x2028))))
    assert [ch for ch in "@ABCD\u2027\u2028\u2029" if pattern.search(ch)] == ["A", "B", "C", "\u2028"]


@pytest.mark.parametrize(
    "name", ["Jordan\u202eLee", "Jordan\u2066Lee", "Jordan\x9b31mLee", "Jordan\u2028Lee"]
)
async def test_security_settings_name_with_a_bidi_or_c1_control_is_refused_naming_the_field(client, name):
    response = await client.patch("/api/v1/settings", json={"name": name})
    body = await response.json()
    assert response.status == 422, body
    assert body["error"]["fields"]["name"].startswith("must be one line of text")
    assert (await (await client.get("/api/v1/settings")).json())["settings"]["name"] is None
    ok = await client.patch("/api/v1/settings", json={"name": "Jordan Lee"})
    assert ok.status == 200
