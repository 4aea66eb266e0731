"""Matching a captured page to vendor, seller, purchase source and rule."""

from __future__ import annotations

from server.policies import PartyRef

from .helpers import TREND_URL


def evidence(match):
    return {(e.source, e.party, e.role) for e in match.matched_by}


def test_trend_micro_digital_river_thank_you_page(catalog):
    match = catalog.match(
        url=TREND_URL,
        product="Trend Micro Maximum Security - 1 Year / 5 Devices",
        merchant="Digital River, Inc. is the authorized reseller and merchant of record",
    )
    assert match.vendor.name == "Trend Micro" and match.vendor.domain == "trendmicro.com"
    assert match.seller.name == "Digital River" and match.seller.domain == "digitalriver.com"
    assert match.purchase_source == "reseller"
    assert match.rule_id == "trend-micro" and not match.is_default
    assert evidence(match) == {
        ("url", "trend-micro", "vendor"),
        ("url", "digital-river", "seller"),
        ("merchant", "digital-river", "seller"),
    }
    assert match.page_domain == "trendmicro.com"


def test_digital_river_store_pages_are_recognised_by_their_path(catalog):
    match = catalog.match(url=TREND_URL, product="Trend Micro Maximum Security")
    assert match.seller.name == "Digital River" and match.purchase_source == "reseller"
    assert ("url", "digital-river", "seller") in evidence(match)
    other_page = catalog.match(url="https://www.trendmicro.com/en_us/forHome.html")
    assert other_page.seller is None and other_page.purchase_source == "direct"
    kaspersky = catalog.match(url="https://store.kaspersky.com/store/kasucpus/en_US/ThankYou")
    assert (kaspersky.vendor.name, kaspersky.seller.name) == ("Kaspersky", "Digital River")


def test_statement_descriptor_names_vendor_and_seller(catalog):
    match = catalog.match(merchant="DR *TRENDMICRO 800-000-0000")
    assert match.vendor.name == "Trend Micro"
    assert match.seller.name == "Digital River"
    assert match.rule_id == "trend-micro"


def test_findmyorder_page_is_digital_river(catalog):
    match = catalog.match(
        url="http://www.findmyorder.com/store?Action=OrderLookup", product="Trend Micro Internet Security"
    )
    assert match.seller.name == "Digital River"
    assert match.vendor.name == "Trend Micro"
    assert match.rule_id == "trend-micro"


def test_2checkout_page_selling_bitdefender(catalog):
    match = catalog.match(
        url="https://secure.2checkout.com/order/checkout.php?PRODS=1&QTY=1",
        product="Bitdefender Total Security 2027 - 5 Devices, 1 Year",
    )
    assert match.vendor.name == "Bitdefender"
    assert match.seller.name == "2Checkout (Verifone)"
    assert match.purchase_source == "reseller"
    assert match.rule_id == "bitdefender"
    assert evidence(match) == {("url", "2checkout", "seller"), ("product", "bitdefender", "vendor")}


def test_nexway_selling_kaspersky(catalog):
    match = catalog.match(
        url="https://store.nexway.com/kaspersky/order/confirmation",
        product="Kaspersky Premium, 3 devices, 1 year",
        merchant="Nexway SAS acts as the reseller of this product",
    )
    assert match.vendor.name == "Kaspersky"
    assert match.seller.name == "Nexway"
    assert match.rule_id == "kaspersky"


def test_apple_app_store_purchase_uses_apples_policy(catalog):
    match = catalog.match(
        url="https://apps.apple.com/us/app/trend-micro-security/id630442428",
        product="Trend Micro Mobile Security & AI",
    )
    assert match.vendor.name == "Trend Micro"
    assert match.seller.name == "Apple App Store"
    assert match.purchase_source == "app_store"
    assert match.rule_id == "apple-app-store"


def test_google_play_purchase_uses_googles_policy(catalog):
    match = catalog.match(
        url="https://play.google.com/store/apps/details?id=com.avast.android",
        product="Avast One - Antivirus & VPN",
    )
    assert (match.vendor.name, match.seller.name) == ("Avast", "Google Play")
    assert match.rule_id == "google-play"
    assert match.purchase_source == "app_store"


def test_app_store_charge_descriptor(catalog):
    match = catalog.match(merchant="APPLE.COM/BILL 866-712-7753")
    assert match.vendor is None and match.seller.name == "Apple App Store"
    assert match.rule_id == "apple-app-store" and not match.is_default


def test_amazon_selling_norton_is_a_retail_purchase_under_amazons_policy(catalog):
    match = catalog.match(
        url="https://www.amazon.com/gp/buy/thankyou/handlers/display.html",
        product="Norton 360 Deluxe 2027, 5 devices, 1 year",
    )
    assert match.vendor.name == "Norton" and match.seller.name == "Amazon"
    assert match.purchase_source == "retail"
    assert match.rule_id == "amazon"


def test_direct_purchase_on_vendor_site(catalog):
    match = catalog.match(
        url="https://buy.norton.com/estore/checkOutConfirmation",
        product="Norton 360 Standard",
        seller="Norton",
    )
    assert match.vendor.name == "Norton"
    assert match.seller is None
    assert match.purchase_source == "direct"
    assert match.rule_id == "norton"


def test_subdomains_resolve_to_the_registered_domain(catalog):
    for url in (
        "https://store.trendmicro.com/",
        "https://helpcenter.trendmicro.com/en-us/",
        "https://www.trendmicro.com/en_us/forHome.html",
        "store.trendmicro.com/DRHM",
    ):
        assert catalog.match(url=url).vendor.name == "Trend Micro", url


def test_lookalike_domain_does_not_match(catalog):
    match = catalog.match(url="https://trendmicro.com.refund-help.example/")
    assert match.vendor is None and match.is_default


def test_unknown_shop_gets_the_default_rule(catalog):
    match = catalog.match(
        url="https://checkout.gizmo-widgets.example/order/complete",
        product="Gizmo Widget Pro",
        merchant="Gizmo Widgets LLC",
    )
    assert match.is_default is True
    assert match.rule_id == catalog.default_rule.id
    assert match.vendor is None and match.seller is None
    assert match.purchase_source is None
    assert match.matched_by == ()
    assert match.page_domain == "gizmo-widgets.example"


def test_nothing_at_all(catalog):
    match = catalog.match()
    assert match.is_default and match.vendor is None and match.page_domain is None


def test_unknown_shop_selling_a_known_product_does_not_get_the_vendors_guarantee(catalog):
    match = catalog.match(
        url="https://www.softwareking.example/checkout/done",
        product="McAfee Total Protection 2027",
        seller="Software King",
    )
    assert match.vendor.name == "McAfee"
    assert match.seller.name == "Software King"
    assert match.seller.domain == "softwareking.example"
    assert match.purchase_source == "other"
    assert match.rule_id == "unknown-seller" and match.is_default
    assert ("product", "mcafee", "vendor") in evidence(match)
    unnamed = catalog.match(url="https://keys-discount.example/order/ok", product="Kaspersky Premium 1 year")
    assert unnamed.seller == PartyRef(name=None, domain="keys-discount.example")
    assert unnamed.rule_id == "unknown-seller"
    # Without a page, a product title alone is taken as a direct purchase.
    bare = catalog.match(product="Kaspersky Premium 1 year")
    assert bare.rule_id == "kaspersky" and bare.purchase_source == "direct"


def test_known_reseller_without_known_vendor_falls_back_honestly(catalog):
    # 2Checkout has a (secondary-source) policy of its own; FastSpring has none.
    two_co = catalog.match(url="https://secure.2checkout.com/order/cart.php", product="Obscure Tool Pro")
    assert two_co.vendor is None and two_co.rule_id == "2checkout"
    assert not two_co.is_default
    fast = catalog.match(merchant="FSPRG* OBSCURETOOL")
    assert fast.seller.name == "FastSpring" and fast.is_default


def test_product_words_inside_other_words_do_not_match(catalog):
    assert catalog.match(product="Savage Garden poster").vendor is None  # not "AVG"
    assert catalog.match(product="Avast One Individual").vendor.name == "Avast"
    assert catalog.match(product="AVG Internet Security").vendor.name == "AVG"


def test_match_serialises_for_the_api(catalog):
    data = catalog.match(url=TREND_URL).to_dict()
    assert data["vendor"] == {"name": "Trend Micro", "domain": "trendmicro.com"}
    assert data["matched_by"][0]["source"] == "url"


def test_an_order_email_read_in_webmail_is_matched_by_its_content(catalog):
    match = catalog.match(
        url="https://mail.google.com/mail/u/0/#inbox/FMfcgz",
        merchant="McAfee",
        product="McAfee Total Protection",
    )
    assert match.vendor.name == "McAfee"
    assert match.seller is None, "the mailbox is not the shop"
    assert match.is_default is False and match.rule_id == "mcafee"
    generic = catalog.match(url="https://mail.example.net/#inbox/1", merchant="Northwind Games")
    assert generic.seller is None and generic.page_domain is None


def test_a_mailbox_page_alone_names_no_one(catalog):
    assert catalog.is_mailbox("webmail.example.org") and catalog.is_mailbox("outlook.live.com")
    assert not catalog.is_mailbox("store.trendmicro.com")
    match = catalog.match(url="https://outlook.live.com/mail/0/inbox")
    assert match.vendor is None and match.seller is None and match.is_default


def test_microsoft_account_pages_are_microsofts_own(catalog):
    match = catalog.match(
        url="https://account.microsoft.com/billing/orders?lang=es-ES", product="Microsoft 365 Personal"
    )
    assert match.vendor.name == "Microsoft" and match.seller is None
    assert match.rule_id == "microsoft-365" and match.purchase_source == "direct"
