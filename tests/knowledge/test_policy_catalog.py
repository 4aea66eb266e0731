"""The shipped catalog: every fact has a source, and the seeded vendors say what they should."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources

import pytest

SEEDED = {
    # id: (window_days, verified)
    "trend-micro": (30, True),
    "norton": (60, True),
    "mcafee": (30, False),
    "bitdefender": (30, True),
    "kaspersky": (30, True),
    "avast": (30, True),
    "avg": (30, True),
    "eset": (30, False),
    "malwarebytes": (30, False),
    "adobe": (14, True),
    "microsoft-365": (30, False),
    "apple-app-store": (None, True),
    "google-play": (2, False),
    "steam": (14, False),
    "amazon": (30, False),
}
RESELLERS = ("digital-river", "2checkout", "nexway", "fastspring", "paddle")


def test_catalog_is_shipped_as_package_data():
    text = resources.files("server.policies").joinpath("catalog.toml").read_text("utf-8")
    assert tomllib.loads(text)["schema_version"] == 1


@pytest.mark.parametrize("rule_id", sorted(SEEDED))
def test_seeded_vendor_windows_and_verification(catalog, rule_id):
    window, verified = SEEDED[rule_id]
    rule = catalog.rules[rule_id]
    assert rule.window_days == window
    assert rule.verified is verified


def test_resellers_app_stores_and_default_are_present(catalog):
    for rule_id in RESELLERS:
        assert catalog.rules[rule_id].kind == "reseller"
    assert catalog.rules["apple-app-store"].kind == "app_store"
    assert catalog.rules["google-play"].kind == "app_store"
    default = catalog.default_rule
    assert default.is_default and default.kind == "default"
    assert default.window_days == 14
    assert "unknown vendor" in default.conditions.lower()
    assert default.verified is False
    unknown_seller = catalog.unknown_seller_rule
    assert unknown_seller.is_default and unknown_seller.id == "unknown-seller"
    assert "seller's terms" in unknown_seller.conditions


def test_every_rule_has_a_source_and_check_date(catalog):
    for rule in catalog.rules.values():
        assert rule.source_url.startswith(("http://", "https://")), rule.id
        assert rule.checked_on == date(2026, 11, 26), rule.id
        for extra in rule.sources:
            assert extra.startswith(("http://", "https://")), rule.id
        if rule.renewal is not None and rule.renewal.source_url:
            assert rule.renewal.source_url.startswith("https://"), rule.id
    for clock in catalog.legal:
        assert clock.source_url.startswith(("http://", "https://")), clock.id
        assert clock.checked_on == date(2026, 11, 26)


def test_no_phone_or_url_channel_without_a_source(catalog):
    for rule in catalog.rules.values():
        for channel in rule.channels:
            assert channel.url or channel.phone or channel.email, (rule.id, channel.label)
            assert channel.source_url or rule.source_url, (rule.id, channel.label)


def test_no_phone_numbers_are_listed_without_an_official_source(catalog):
    # Only numbers read on the party's own pages (see test_official_channels.py for the domains).
    phones = [(rule.id, c) for rule in catalog.rules.values() for c in rule.channels if c.phone]
    assert phones, "the one official number found (Bitdefender's) is listed"
    for rule_id, channel in phones:
        assert channel.kind == "phone" and channel.source_url and channel.checked_on, rule_id


def test_unverified_rules_say_so_in_their_conditions_or_sources(catalog):
    for rule in catalog.rules.values():
        if not rule.verified and rule.kind == "vendor":
            text = (rule.conditions or "").lower()
            assert "unverified" in text or "secondary" in text, rule.id


def test_vendor_facts_live_only_in_the_catalog():
    """No vendor or seller name is hard-coded in the Python modules."""
    package = resources.files("server.policies")
    names = [
        "Trend Micro",
        "Norton",
        "McAfee",
        "Bitdefender",
        "Kaspersky",
        "Digital River",
        "2Checkout",
        "Nexway",
        "FastSpring",
        "Paddle",
        "Adobe",
        "Steam",
        "Amazon",
    ]
    for entry in package.iterdir():
        if entry.name.endswith(".py"):
            source = entry.read_text("utf-8")
            for name in names:
                assert name not in source, (entry.name, name)


def test_trend_micro_rule_carries_the_guide_facts(catalog):
    rule = catalog.rules["trend-micro"]
    assert rule.clock_start == "order_date"
    assert rule.renewal is not None and rule.renewal.covered
    assert "15 days" in rule.renewal.note
    assert (rule.processing_business_days.min, rule.processing_business_days.max) == (5, 7)
    assert {link.id for link in rule.sellers} >= {"digital-river", "apple-app-store", "google-play"}
    urls = {c.url for c in rule.channels}
    assert "https://helpcenter.trendmicro.com/en-us/srf/" in urls


def test_norton_plan_and_renewal_rules(catalog):
    rule = catalog.rules["norton"]
    assert rule.renewal.window_days == 60
    (monthly,) = rule.plans
    assert (monthly.term, monthly.window_days, monthly.first_purchase_only) == ("monthly", 14, True)


def test_legal_clocks(catalog):
    by_id = {c.id: c for c in catalog.legal}
    assert by_id["eu-withdrawal"].days == 14 and by_id["eu-withdrawal"].regions == ["EU"]
    assert by_id["uk-cancellation"].regions == ["UK"]
    assert by_id["visa-chargeback"].days == 120
    assert "uncertain" in by_id["mastercard-chargeback"].note.lower()
    assert by_id["us-fcba"].basis == "statement_date" and by_id["us-fcba"].days == 60


def test_catalog_as_plain_data(catalog):
    import json

    data = catalog.to_dict()
    json.dumps(data)
    assert {r["id"] for r in data["rules"]} == set(catalog.rules)
    trend = next(r for r in data["rules"] if r["id"] == "trend-micro")
    assert trend["checked_on"] == "2026-11-26"
    assert {c["id"] for c in data["legal"]} >= {"eu-withdrawal", "us-fcba"}
    assert "DE" in data["regions"]["EU"]["countries"]
