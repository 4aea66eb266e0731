"""The look-alike guard (server/policies/lookalike.py) on the shared table of constructed
domains, which the extension's guard passes too (extension/test/lookalike.test.js)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from server.policies.lookalike import check, label_uses_brand, official_parties, speaks_of_support

CASES_FILE = Path(__file__).with_name("lookalike_cases.json")
TABLE = json.loads(CASES_FILE.read_text("utf-8"))


@pytest.fixture(scope="module")
def parties(catalog):
    return official_parties(catalog)


def _expected(verdict) -> tuple[str, str | None]:
    kind = "official" if verdict["official"] else "lookalike" if verdict["lookalike"] else "none"
    return kind, verdict["party"].id if verdict["party"] else None


@pytest.mark.parametrize("case", TABLE["cases"], ids=lambda c: c["url"])
def test_shared_cases(parties, case):
    text = TABLE["support_text"] if case["text"] == "support" else case["text"]
    assert _expected(check(case["url"], parties, text)) == (case["expect"], case["party"])


def test_the_table_covers_every_kind_of_constructed_domain():
    lookalikes = [c["url"] for c in TABLE["cases"] if c["expect"] == "lookalike"]
    assert any("customersupport" in u for u in lookalikes)  # brand + support words
    assert any("app-trendmicro" in u for u in lookalikes)  # hyphenated
    assert any("trendmicor" in u for u in lookalikes)  # typo'd
    assert any("trendmicro.net" in u for u in lookalikes)  # other TLD
    assert sum(c["expect"] == "none" for c in TABLE["cases"]) >= 10


def test_a_page_that_does_not_speak_of_support_is_not_flagged(parties):
    url = "https://trendmicrocustomersupport.com/"
    assert check(url, parties)["lookalike"] is True  # the domain alone
    assert check(url, parties, "Photos of our garden, spring 2026.")["lookalike"] is False
    assert check(url, parties, "Call +1 (800) 555-0199 now")["lookalike"] is True


def test_everyday_word_brands_need_a_support_word_and_allow_no_typo():
    assert label_uses_brand("applesupport", "apple", common_word=True)
    assert not label_uses_brand("apple", "apple", common_word=True)
    assert not label_uses_brand("ample", "apple", common_word=True)
    assert label_uses_brand("nortan", "norton", common_word=False)
    assert not label_uses_brand("nortan", "norton", common_word=True)


def test_topic_words():
    assert speaks_of_support("Demande de remboursement")
    assert not speaks_of_support("A recipe for bread")


def test_every_catalog_party_with_a_domain_has_official_domains_and_a_brand(parties):
    assert {p.id for p in parties} >= {"trend-micro", "digital-river", "norton", "bitdefender"}
    for party in parties:
        assert party.official and party.brands, party.id
    trend = next(p for p in parties if p.id == "trend-micro")
    # the vendor's own domains, then its merchant of record's
    assert trend.official[:2] == ("trendmicro.com", "trendmicro.com.au")
    assert {"digitalriver.com", "findmyorder.com"} <= set(trend.official)


TABLE_FIXTURE = (
    Path(__file__).resolve().parents[2] / "extension" / "test" / "fixtures" / "official-table.json"
)


def test_the_extension_tests_table_is_the_catalogs(parties):
    """extension/test/lookalike.test.js runs the shared cases against this copy of what
    GET /api/v1/policies/official-domains serves; it must be the shipped catalog's.
    REFUNDS_UPDATE_OFFICIAL_TABLE=1 rewrites it after a catalog change."""
    import os

    current = json.dumps({"parties": [p.to_dict() for p in parties]}, indent=1, ensure_ascii=False) + "\n"
    if os.environ.get("REFUNDS_UPDATE_OFFICIAL_TABLE") == "1":
        TABLE_FIXTURE.write_text(current, encoding="utf-8")
    assert TABLE_FIXTURE.read_text("utf-8") == current
