"""Phone and chat channels come only from a party's own pages: the shipped catalog is held to
it, and a user's policies file that breaks it loses that channel (with a warning)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from server.policies import load_catalog
from server.policies.loader import official_source_problems
from server.policies.lookalike import official_domains
from server.policies.refunder import for_country
from server.policies.text_index import host_of, registrable_domain

USER_RULE = """
[[rules]]
id = "acme-vpn"
name = "Acme VPN"
kind = "vendor"
domains = ["acmevpn.com"]
window_days = 45
source_url = "https://acmevpn.com/refunds"
checked_on = 2026-11-01
verified = true
contact_page = "{contact}"

[[rules.channels]]
kind = "phone"
label = "Acme billing line"
phone = "+1 555 0100"
countries = ["US"]
source_url = "{phone_source}"
checked_on = 2026-11-01

[[rules.channels]]
kind = "chat"
label = "Acme chat"
url = "https://acmevpn.com/chat"
hours = "Mon-Fri 9-17 ET"
source_url = "https://acmevpn.com/contact"
checked_on = 2026-11-01
"""


def write(tmp_path: Path, **values: str) -> Path:
    path = tmp_path / "policies.toml"
    path.write_text(USER_RULE.format(**values), encoding="utf-8")
    return path


def test_every_shipped_phone_and_chat_channel_has_an_official_dated_source(catalog):
    seen = 0
    for rule in catalog.rules.values():
        domains = official_domains(catalog.rules, rule)
        assert official_source_problems(catalog.rules, rule) == [], rule.id
        for channel in rule.channels:
            if channel.kind in ("phone", "chat"):
                seen += 1
                assert isinstance(channel.checked_on, date)
                assert registrable_domain(host_of(channel.source_url)) in domains
        if rule.contact_page:
            assert registrable_domain(host_of(rule.contact_page)) in domains, rule.id
    assert seen >= 1


def test_trend_micro_lists_an_official_contact_page_and_no_unsourced_number(catalog):
    rule = catalog.rules["trend-micro"]
    assert rule.contact_page and host_of(rule.contact_page).endswith("trendmicro.com")
    # The look-alike sites' "support" number is nowhere in the catalog.
    assert all("1800 791 820" not in (c.phone or "") for c in rule.channels)


def test_a_user_channel_sourced_elsewhere_is_left_out_with_a_warning(tmp_path):
    loaded = load_catalog(
        write(
            tmp_path,
            contact="https://acmevpn.com/contact",
            phone_source="https://acme-vpn-support.example/numbers",
        )
    )
    rule = loaded.catalog.rules["acme-vpn"]
    assert [c.kind for c in rule.channels] == ["chat"]
    assert rule.contact_page == "https://acmevpn.com/contact"
    [warning] = loaded.warnings
    assert "acme-vpn" in warning and "phone channel" in warning and "not on one of the official" in warning


def test_a_user_contact_page_on_another_site_is_left_out(tmp_path):
    loaded = load_catalog(
        write(tmp_path, contact="https://elsewhere.example/acme", phone_source="https://acmevpn.com/contact")
    )
    rule = loaded.catalog.rules["acme-vpn"]
    assert rule.contact_page is None and len(rule.channels) == 2
    assert any("contact_page" in w for w in loaded.warnings)


def test_a_phone_channel_without_checked_on_is_refused(tmp_path):
    text = USER_RULE.format(
        contact="https://acmevpn.com/contact", phone_source="https://acmevpn.com/contact"
    ).replace('source_url = "https://acmevpn.com/contact"\nchecked_on = 2026-11-01\n', "", 1)
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_catalog(path)
    assert any("needs its own source_url and checked_on" in w for w in loaded.warnings)


def test_channels_for_the_settings_country_come_first():
    channels = [
        {"label": "DE line", "countries": ["DE"]},
        {"label": "anywhere"},
        {"label": "US line", "countries": ["US"]},
    ]
    assert [c["label"] for c in for_country(channels, "us")] == ["US line", "anywhere", "DE line"]
    assert [c["label"] for c in for_country(channels, None)] == ["anywhere", "DE line", "US line"]


def _bitdefender_view(catalog, country):
    from server.policies.clocks import compute

    case = {
        "id": "x",
        "page_url": "https://www.bitdefender.com/checkout/thanks",
        "product": "Bitdefender Total Security",
        "order_date": "2026-11-20",
        "vendor": {"name": "Bitdefender", "domain": "bitdefender.com"},
        "seller": None,
        "status": "denied",
        "status_history": [],
        "communications": [],
        "captures": [],
        "policy": {"rule_id": "bitdefender"},
    }
    return case, compute(case, catalog, {"country": country}, date(2026, 11, 26))


def test_the_dossier_lists_the_official_channels_country_first_with_sources(catalog):
    from server.policies.dossier import dossier_json, dossier_markdown

    case, view = _bitdefender_view(catalog, "US")
    text = dossier_markdown(case, view)
    section = text.split("## Official contact channels\n\n", 1)[1].split("\n\n", 1)[0]
    first = section.splitlines()[0]
    assert first.startswith("- Phone (Bitdefender): Bitdefender BOX customer support")
    assert "+1 800 804 4602" in first and "source <https://www.bitdefender.com/" in first
    assert "checked on 2026-12-02" in first
    assert dossier_json(case, view)["channels"][0]["kind"] == "phone"
    case, view = _bitdefender_view(catalog, "FR")
    section = dossier_markdown(case, view).split("## Official contact channels\n\n", 1)[1]
    assert section.splitlines()[0].startswith("- Support page (Bitdefender)")


def test_the_escalation_letter_names_the_merchants_official_channels(catalog):
    from server.policies.templates import render_template

    case, view = _bitdefender_view(catalog, "US")
    text = render_template("escalation", case, view, "text")
    block = text.split("The merchant's official contact channels (from its own website):\n", 1)[1]
    assert block.startswith(
        "- Phone (Bitdefender): Bitdefender BOX customer support (BOX device orders): +1 800 804 4602"
    )


def test_without_a_number_the_letter_says_where_to_find_one(catalog):
    from server.policies.clocks import compute
    from server.policies.templates import render_template

    case = {
        "id": "t",
        "page_url": "https://store.trendmicro.com/DRHM/store?Action=ThankYouPage",
        "product": "Maximum Security",
        "order_date": "2026-11-20",
        "vendor": {"name": "Trend Micro", "domain": "trendmicro.com"},
        "seller": {"name": "Digital River", "domain": "digitalriver.com"},
        "purchase_source": "reseller",
        "status": "denied",
        "status_history": [],
        "communications": [],
        "captures": [],
        "policy": {"rule_id": "trend-micro"},
    }
    view = compute(case, catalog, {}, date(2026, 11, 26))
    text = render_template("escalation", case, view, "markdown")
    assert (
        "- Phone: see <https://helpcenter.trendmicro.com/en-us/trend-micro-account/> "
        "(Trend Micro's official contact page)"
    ) in text
