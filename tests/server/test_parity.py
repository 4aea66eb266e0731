"""Facts the clients keep a copy of, checked against the server's one place.

The TUI reads the status words and the closing days from GET /api/v1/statuses; what the
clients check before sending (the money pattern, the settings fields), the purchase sources
the TUI offers and the extension's closing days are copies, held here to the server's."""

from __future__ import annotations

import json
import shutil
import subprocess
import typing
from pathlib import Path

import pytest

from server import services
from server.api import schemas
from server.domain import fields, inputs
from server.policies.clocks import CLOSING_DAYS
from tui import purchase_sources
from tui.screens.forms import checks
from tui.screens.forms import settings as settings_form

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "extension" / "src" / "shared"

PROBE = r"""
const [lineItems, deadlines] = JSON.parse(process.argv[1]);
const { MONEY } = await import(lineItems);
const { CLOSING_DAYS } = await import(deadlines);
process.stdout.write(JSON.stringify({ money: MONEY.source, flags: MONEY.flags, closing: CLOSING_DAYS }));
"""


def server_money_pattern() -> str:
    return typing.get_args(fields.Money)[1].pattern


def test_the_tui_checks_money_with_the_servers_pattern():
    assert checks.MONEY.pattern == server_money_pattern()


def test_the_tui_offers_and_names_the_servers_purchase_sources():
    assert list(purchase_sources.PURCHASE_SOURCES) == list(typing.get_args(fields.PurchaseSource))
    assert [value for _, value in purchase_sources.CHOICES] == list(typing.get_args(fields.PurchaseSource))


def test_the_extension_checks_money_and_counts_closing_days_as_the_server_does():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; it runs the extension's code")
    modules = [(SHARED / "line-items.js").as_uri(), (SHARED / "deadlines.js").as_uri()]
    out = subprocess.run(
        [node, "--input-type=module", "-e", PROBE, json.dumps(modules)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(out.stdout)
    assert result["money"] == server_money_pattern() and result["flags"] == ""
    assert result["closing"] == CLOSING_DAYS
    # capture.js checks the capture's amount with the same constant, not a copy.
    capture = (SHARED / "capture.js").read_text(encoding="utf-8")
    assert "import { MONEY, cleanItems } from './line-items.js';" in capture
    assert "const MONEY" not in capture


def test_the_settings_are_the_same_fields_everywhere():
    patch = set(inputs.SettingsPatch.__struct_fields__)
    stored = set(services.DEFAULT_SETTINGS) - {"id"}
    answered = set(schemas.Settings.__struct_fields__) - {"id"}
    assert patch == stored == answered
    # The settings screen edits every one of them.
    assert set(settings_form.NAMES) | {"desktop_notifications", "push_urls"} == patch
