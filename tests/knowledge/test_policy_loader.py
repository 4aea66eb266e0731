"""Loading a user's policies file: additions, overrides, and warnings instead of crashes."""

from __future__ import annotations

from pathlib import Path

from server.policies import load_catalog

GOOD_RULE = """
[[rules]]
id = "acme-vpn"
name = "Acme VPN"
kind = "vendor"
domains = ["acmevpn.example"]
window_days = 45
source_url = "https://acmevpn.example/refunds"
checked_on = 2026-11-01
verified = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policies.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_user_file_loads_the_builtin_catalog():
    loaded = load_catalog(None)
    assert loaded.warnings == []
    assert "trend-micro" in loaded.catalog.rules


def test_missing_user_file_is_not_an_error(tmp_path):
    loaded = load_catalog(tmp_path / "absent.toml")
    assert loaded.warnings == []
    assert "trend-micro" in loaded.catalog.rules


def test_user_file_adds_a_rule(tmp_path):
    loaded = load_catalog(write(tmp_path, GOOD_RULE))
    assert loaded.warnings == []
    match = loaded.catalog.match(url="https://shop.acmevpn.example/thanks")
    assert match.rule_id == "acme-vpn" and match.vendor.name == "Acme VPN"
    assert "trend-micro" in loaded.catalog.rules


def test_user_file_overrides_a_rule_by_id(tmp_path):
    text = """
[[rules]]
id = "trend-micro"
name = "Trend Micro"
kind = "vendor"
domains = ["trendmicro.com"]
window_days = 45
source_url = "https://example.org/my-notes"
checked_on = 2026-11-25
verified = false
"""
    catalog = load_catalog(write(tmp_path, text)).catalog
    assert catalog.rules["trend-micro"].window_days == 45
    assert catalog.match(url="https://store.trendmicro.com/x").rule_id == "trend-micro"


def test_toml_syntax_error_names_file_and_line_and_keeps_builtin(tmp_path):
    text = GOOD_RULE + '\n[[rules]]\nid = "broken"\nname = "Broken\n'
    path = write(tmp_path, text)
    loaded = load_catalog(path)
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    broken_line = text.splitlines().index('name = "Broken') + 1
    assert str(path) in warning
    assert f"line {broken_line}" in warning
    assert "trend-micro" in loaded.catalog.rules
    assert "acme-vpn" not in loaded.catalog.rules  # the whole file was unreadable


def test_schema_error_names_rule_id_and_line_and_skips_only_that_rule(tmp_path):
    text = (
        GOOD_RULE
        + """
[[rules]]
id = "bad-window"
name = "Bad Window"
kind = "vendor"
window_days = "thirty"
source_url = "https://example.org"
checked_on = 2026-11-01
verified = true
"""
    )
    path = write(tmp_path, text)
    loaded = load_catalog(path)
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    line = text.splitlines().index('window_days = "thirty"') + 1
    assert str(path) in warning and f"line {line}" in warning
    assert "'bad-window'" in warning and "rules[1]" in warning
    assert "window_days" in warning
    assert "acme-vpn" in loaded.catalog.rules  # the good rule still loads
    assert "bad-window" not in loaded.catalog.rules
    assert "trend-micro" in loaded.catalog.rules


def test_unknown_field_and_nested_errors_point_at_their_line(tmp_path):
    text = """
[[rules]]
id = "typo"
name = "Typo"
kind = "vendor"
source_url = "https://example.org"
checked_on = 2026-11-01
verified = true
windw_days = 30

[[rules]]
id = "bad-plan"
name = "Bad Plan"
kind = "vendor"
source_url = "https://example.org"
checked_on = 2026-11-01
verified = true
window_days = 30

[[rules.plans]]
term = "monthly"

[[rules.plans]]
term = "weekly"
"""
    path = write(tmp_path, text)
    warnings = load_catalog(path).warnings
    lines = text.splitlines()
    assert len(warnings) == 2
    assert f"line {lines.index('windw_days = 30') + 1}" in warnings[0]
    assert "'typo'" in warnings[0]
    assert f"line {lines.index('term = ' + chr(34) + 'weekly' + chr(34)) + 1}" in warnings[1]
    assert "'bad-plan'" in warnings[1]


def test_missing_required_field_names_the_rule(tmp_path):
    text = """
[[rules]]
id = "no-source"
name = "No Source"
kind = "vendor"
checked_on = 2026-11-01
verified = true
"""
    path = write(tmp_path, text)
    (warning,) = load_catalog(path).warnings
    assert "'no-source'" in warning and "source_url" in warning and "line 2" in warning


def test_top_level_shape_error_keeps_builtin(tmp_path):
    path = write(tmp_path, 'schema_version = 1\nrules = "not a list"\n')
    loaded = load_catalog(path)
    (warning,) = loaded.warnings
    assert str(path) in warning and "line 2" in warning
    assert "trend-micro" in loaded.catalog.rules


def test_unknown_seller_reference_is_dropped_with_a_warning(tmp_path):
    text = GOOD_RULE + '\n[[rules.sellers]]\nid = "no-such-seller"\n'
    loaded = load_catalog(write(tmp_path, text))
    (warning,) = loaded.warnings
    assert "no-such-seller" in warning
    assert loaded.catalog.rules["acme-vpn"].sellers == []


def test_unreadable_file_gives_a_warning(tmp_path):
    path = tmp_path / "policies.toml"
    path.write_bytes(b"\xff\xfe\x00bad")
    loaded = load_catalog(path)
    (warning,) = loaded.warnings
    assert str(path) in warning
    assert "trend-micro" in loaded.catalog.rules


def test_user_legal_clock_overrides_by_id(tmp_path):
    text = """
[[legal]]
id = "visa-chargeback"
kind = "escalation"
label = "Visa chargeback (my bank)"
days = 90
basis = "order_date"
card_networks = ["visa"]
source_url = "https://mybank.example/disputes"
checked_on = 2026-11-01
verified = true
"""
    catalog = load_catalog(write(tmp_path, text)).catalog
    visa = next(c for c in catalog.legal if c.id == "visa-chargeback")
    assert visa.days == 90
