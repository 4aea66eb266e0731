"""Who refunds: which party takes the refund request (the vendor, or the seller that charged
the card), why, and the official channels to reach it."""

from __future__ import annotations

from typing import Any

from .catalog import Catalog, CatalogParty
from .text_index import named_after_site


def vendor_name_guessed(case: dict[str, Any]) -> bool:
    """Whether the case's vendor is known only by its order page's address: nothing on the
    page named the shop, and the server kept the site as a name to find the order by."""
    return named_after_site((case.get("vendor") or {}).get("name"), case.get("page_url"))


def _unknown_refunder(site: str | None) -> dict[str, Any]:
    shown = f" (only its address, {site})" if site else ""
    return {
        "name": None,
        "domain": None,
        "why": f"Nothing on the order page names the shop or seller{shown}, so who refunds "
        "is not known yet: add the shop's or seller's name.",
    }


def who_refunds(
    catalog: Catalog,
    vendor: dict,
    seller: dict,
    source: str | None,
    vendor_party: CatalogParty | None,
    seller_party: CatalogParty | None,
    guessed: bool = False,
) -> tuple[dict | None, list[dict]]:
    vendor_name = (None if guessed else vendor.get("name")) or (vendor_party.name if vendor_party else None)
    vendor_domain = vendor.get("domain") or (vendor_party.domain if vendor_party else None)
    seller_name = seller.get("name") or (seller_party.name if seller_party else None)
    seller_domain = seller.get("domain") or (seller_party.domain if seller_party else None)

    link = catalog.link(vendor_party, seller_party)
    via = (
        link.refunds_via
        if link is not None and link.refunds_via
        else seller_party.refunds_via
        if seller_party is not None
        else "seller"
    )
    kind = (
        seller_party.kind
        if seller_party is not None
        else (
            "isp"
            if source == "isp"
            else "app_store"
            if source == "app_store"
            else "marketplace"
            if source == "retail"
            else "reseller"
            if source == "reseller"
            else None
        )
    )

    who: dict[str, Any] | None
    refunder: CatalogParty | None
    if seller_name and via == "vendor" and vendor_name:
        who = {
            "name": vendor_name,
            "domain": vendor_domain,
            "why": f"{seller_name} charged your card, but refunds for {vendor_name} orders "
            f"are granted by {vendor_name}.",
        }
        refunder = vendor_party
    elif seller_name:
        template = _WHY_BY_KIND.get(kind or "", "{seller} sold it to you and takes refund requests.")
        for_vendor = f" for {vendor_name}" if vendor_name else ""
        who = {
            "name": seller_name,
            "domain": seller_domain,
            "why": template.format(seller=seller_name, for_vendor=for_vendor),
        }
        refunder = seller_party
    elif source == "isp":
        who = {
            "name": None,
            "domain": None,
            "why": "You bought through your internet provider, which billed you and handles "
            "refunds. Add its name as the seller.",
        }
        refunder = None
    elif vendor_name:
        who = {
            "name": vendor_name,
            "domain": vendor_domain,
            "why": f"You bought directly from {vendor_name}.",
        }
        refunder = vendor_party
    elif guessed:
        who, refunder = _unknown_refunder(vendor.get("name")), None
    else:
        who, refunder = None, None

    channels: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for party in (refunder, vendor_party, seller_party):
        if party is None:
            continue
        for item in _channel_dicts(party):
            ident = (item.get("url"), item.get("phone"), item.get("email"))
            if ident not in seen:
                seen.add(ident)
                channels.append(item)
    return who, channels


_WHY_BY_KIND = {
    "reseller": "{seller} is the merchant of record: it charged your card{for_vendor} and takes "
    "refund requests.",
    "app_store": "You bought through {seller}, which charged you and handles refunds.",
    "marketplace": "You bought from {seller}, which charged you and handles returns and refunds.",
    "isp": "Your internet provider {seller} billed you and handles refunds.",
}


def _channel_dicts(party: CatalogParty) -> list[dict[str, Any]]:
    fallback = party.rule.source_url if party.rule else None
    return [channel.shown(party.name, fallback) for channel in party.channels]


def for_country(channels: list[dict[str, Any]], country: str | None) -> list[dict[str, Any]]:
    """The channels for ``country`` first, then those for anywhere, then other countries'
    (each group in catalog order)."""
    wanted = (country or "").upper()

    def rank(item: dict[str, Any]) -> int:
        countries = item.get("countries") or []
        return 0 if wanted and wanted in countries else 1 if not countries else 2

    return sorted(channels, key=rank)


def contact_pages(parties: list[CatalogParty | None]) -> list[dict[str, Any]]:
    """The official contact page of each party that has one (where phone numbers are listed
    when the catalog lists none)."""
    pages: list[dict[str, Any]] = []
    for party in parties:
        if party is None or party.rule is None:
            continue
        page = party.rule.contact_page
        if page and all(p["url"] != page for p in pages):
            pages.append({"party": party.name, "url": page})
    return pages
