"""GET /api/v1/policies/official (is this URL or email domain official?) and
GET /api/v1/policies/official-domains (the table the extension caches)."""

from __future__ import annotations

import pytest


async def test_a_look_alike_url_is_flagged_with_the_official_channels(client):
    response = await client.get(
        "/api/v1/policies/official", params={"url": "https://trendmicrocustomersupport.com/refunds/"}
    )
    assert response.status == 200
    body = await response.json()
    assert body["domain"] == "trendmicrocustomersupport.com"
    assert body["official"] is False and body["lookalike"] is True
    party = body["party"]
    assert party["name"] == "Trend Micro"
    assert "trendmicro.com" in party["official_domains"]
    assert party["contact_page"].startswith("https://helpcenter.trendmicro.com/")
    assert any(c["kind"] == "refund_form" for c in party["channels"])


async def test_an_official_email_domain_and_an_unrelated_site(client):
    body = await (
        await client.get("/api/v1/policies/official", params={"email": "orders@findmyorder.com"})
    ).json()
    assert body["official"] is True and body["party"]["id"] == "digital-river"
    body = await (
        await client.get("/api/v1/policies/official", params={"url": "https://www.example.com/refund"})
    ).json()
    assert body == {"domain": "example.com", "official": False, "lookalike": False, "party": None}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "url"),
        ({"url": "trendmicro.com"}, "url"),
        ({"url": "ftp://trendmicro.com/"}, "url"),
        ({"url": "http://localhost:8080/"}, "url"),
        ({"url": "https://" + "a" * 2100 + ".com/"}, "url"),
        ({"email": "no-at-sign.example.com"}, "email"),
        ({"email": "a@localhost"}, "email"),
        ({"url": "https://trendmicro.com/", "email": "a@trendmicro.com"}, "email"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field(client, params, field):
    response = await client.get("/api/v1/policies/official", params=params)
    assert response.status == 400
    body = await response.json()
    assert field in body["error"]["fields"]


async def test_the_table_lists_every_party_with_domains(client):
    body = await (await client.get("/api/v1/policies/official-domains")).json()
    by_id = {p["id"]: p for p in body["parties"]}
    assert by_id["trend-micro"]["brands"] == ["trendmicro"]
    assert by_id["norton"]["brand_is_common_word"] is True
    phones = [c for c in by_id["bitdefender"]["channels"] if c["kind"] == "phone"]
    assert phones and phones[0]["countries"] == ["US", "PR"] and phones[0]["checked_on"]


async def test_the_case_carries_contact_pages_and_country_first_channels(client):
    from .helpers import new_case

    case = await new_case(client)
    assert {
        "party": "Trend Micro",
        "url": "https://helpcenter.trendmicro.com/en-us/trend-micro-account/",
    } in case["contact_pages"]
