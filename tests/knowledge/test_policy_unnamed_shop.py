"""Who refunds when nothing on the page names a shop or seller: the page's address is no name.

The server keeps the page's site as the vendor's name (the case is found and merged by it),
but the computed fields, the letters and the dossier never present it as who refunds.
"""

from __future__ import annotations

from datetime import date

import pytest

from server.policies import compute, dossier_markdown, render_template
from server.policies.knowledge import PolicyKnowledge
from server.policies.text_index import named_after_site, registrable_domain, site_of

from .helpers import US, make_case

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "host, domain",
    [
        ("shop.example.co.uk", "example.co.uk"),
        ("example.co.uk", "example.co.uk"),
        ("Store.Example.COM.", "example.com"),
        ("bücher.de", "bücher.de"),
        ("shop.bücher.de", "bücher.de"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de"),
        ("checkout.shop.example.com.au", "example.com.au"),
        ("alice.github.io", "alice.github.io"),  # a suffix anyone registers under
        ("gizmo-widgets.example", "gizmo-widgets.example"),
        ("127.0.0.1", None),
        ("10.0.0.7", None),
        ("::1", None),
        ("[::1]", None),
        ("localhost", None),
        ("shop.localhost", None),
        ("co.uk", None),
        ("com", None),
        ("intranet", None),
        ("", None),
        (None, None),
    ],
)
def test_registrable_domain_follows_the_public_suffix_list(host, domain):
    assert registrable_domain(host) == domain


def test_the_site_of_a_host_without_a_registrable_domain_is_the_host():
    assert site_of("shop.example.co.uk") == "example.co.uk"
    assert site_of("127.0.0.1") == "127.0.0.1"
    assert site_of("localhost") == "localhost"
    assert site_of(None) is None


def test_a_name_is_a_guess_when_it_is_only_the_pages_address():
    assert named_after_site("example.co.uk", "https://shop.example.co.uk/thanks")
    assert named_after_site("127.0.0.1", "http://127.0.0.1:8123/order")
    assert named_after_site("bücher.de", "https://xn--bcher-kva.de/danke")
    assert named_after_site("github.io", "https://alice.github.io/")  # what older versions stored
    assert not named_after_site("Example Ltd", "https://shop.example.co.uk/thanks")
    assert not named_after_site("example.co.uk", None)
    assert not named_after_site("other.co.uk", "https://shop.example.co.uk/thanks")


def test_an_ip_address_gives_no_page_domain(catalog):
    assert catalog.match(url="http://127.0.0.1:8123/shop/order.html").page_domain is None
    assert catalog.match(url="https://shop.example.co.uk/t").page_domain == "example.co.uk"


@pytest.mark.parametrize(
    "url, name",
    [
        ("https://shop.example.co.uk/thanks", "example.co.uk"),
        ("http://127.0.0.1:8123/shop/order.html", "127.0.0.1"),
        ("http://localhost:3000/order", "localhost"),
    ],
)
def test_the_site_stays_the_name_a_case_is_merged_by(url, name):
    resolved = PolicyKnowledge(lambda: {}).resolve(url=url, product="Garden hose", merchant=None, seller=None)
    assert resolved.vendor is not None and resolved.vendor.name == name


def guessed_case(site="example.co.uk", url="https://shop.example.co.uk/order/thanks", **fields):
    return make_case(
        vendor={"name": site, "domain": site},
        page_url=url,
        product="Garden hose",
        order_number="A-1001",
        order_date="2026-11-20",
        amount="19.90",
        currency="GBP",
        captured_from="extension",
        **fields,
    )


@pytest.mark.parametrize(
    "site, url",
    [
        ("example.co.uk", "https://shop.example.co.uk/order/thanks"),
        ("127.0.0.1", "http://127.0.0.1:8123/shop/order.html"),
    ],
)
def test_who_refunds_is_unknown_and_says_what_to_add(catalog, site, url):
    who = compute(guessed_case(site, url), catalog, US, TODAY)["who_refunds"]
    assert who["name"] is None and who["domain"] is None
    assert "add the shop's or seller's name" in who["why"]
    assert f"only its address, {site}" in who["why"]


def test_a_seller_on_the_page_still_refunds(catalog):
    case = guessed_case(seller={"name": "Paddle", "domain": "paddle.com"}, purchase_source="reseller")
    who = compute(case, catalog, US, TODAY)["who_refunds"]
    assert who["name"] == "Paddle" and "example.co.uk" not in who["why"]


def test_a_name_the_user_typed_is_a_fact(catalog):
    typed = make_case(
        vendor={"name": "Example Garden Ltd"},
        page_url="https://shop.example.co.uk/t",
        order_date="2026-11-20",
    )
    assert compute(typed, catalog, US, TODAY)["who_refunds"]["name"] == "Example Garden Ltd"
    by_hand = make_case(vendor={"name": "example.co.uk"}, order_date="2026-11-20")  # no page
    assert compute(by_hand, catalog, US, TODAY)["who_refunds"]["name"] == "example.co.uk"


def test_a_site_the_catalog_knows_is_named_by_the_catalog(catalog):
    # Stored by an older version under the page's domain; the catalog names the company.
    case = make_case(
        vendor={"name": "trendmicro.com", "domain": "trendmicro.com"},
        page_url="https://www.trendmicro.com/en_us/thanks.html",
        order_date="2026-11-20",
    )
    view = compute(case, catalog, US, TODAY)
    assert view["who_refunds"]["name"] == "Trend Micro"
    assert view["policy"]["vendor"] == "Trend Micro"


@pytest.mark.parametrize("kind", ["request", "follow_up", "escalation"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_letters_never_address_the_pages_address(catalog, kind, fmt):
    case = guessed_case(
        "127.0.0.1",
        "http://127.0.0.1:8123/shop/order.html",
        status="denied",
        communications=[
            {
                "id": "c1",
                "at": "2026-11-21T09:10:00+00:00",
                "channel": "email",
                "direction": "outbound",
                "summary": "Asked for a refund",
                "body": None,
                "reference": None,
                "contact": None,
            }
        ],
    )
    view = compute(case, catalog, US, TODAY)
    letter = render_template(kind, case, view, fmt)
    assert "127.0.0.1" not in letter
    if kind != "escalation":
        assert "Dear customer support," in letter


def test_the_dossier_says_the_page_named_no_shop(catalog):
    case = guessed_case()
    text = dossier_markdown(case, compute(case, catalog, US, TODAY))
    assert "- **Vendor:** not named on the order page (its address: example.co.uk)" in text
    assert "## Who refunds" in text and "add the shop's or seller's name" in text
