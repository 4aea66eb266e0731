"""Which legal region the buyer is in (EU, UK, US, ...), and what says so.

Evidence, strongest first: the user's settings (region, then country), the order's currency
(EUR, GBP), the user's locale, the page's country domain (.de, .co.uk).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .catalog import Catalog
from .text_index import host_of


class BuyerRegion(NamedTuple):
    region: str
    evidence: str

    def to_dict(self) -> dict[str, str]:
        return {"region": self.region, "evidence": self.evidence}


def region_from_settings(settings: dict[str, Any] | None, catalog: Catalog) -> BuyerRegion | None:
    settings = settings or {}
    region = settings.get("region")
    if region:
        return BuyerRegion(str(region).upper(), f"your settings (region {region})")
    country = settings.get("country")
    found = catalog.region_of_country(country)
    if found:
        return BuyerRegion(found, f"your settings (country {country})")
    return None


def region_from_locale(locale: str | None, catalog: Catalog) -> BuyerRegion | None:
    if not locale:
        return None
    parts = locale.replace("_", "-").split("-")
    if len(parts) < 2:
        return None
    found = catalog.region_of_country(parts[-1])
    return BuyerRegion(found, f"your locale {locale}") if found else None


def region_from_case(case: dict[str, Any], catalog: Catalog) -> BuyerRegion | None:
    currency = case.get("currency")
    found = catalog.region_of_currency(currency)
    if found:
        return BuyerRegion(found, f"the order currency {currency}")
    return None


def region_from_page(case: dict[str, Any], catalog: Catalog) -> BuyerRegion | None:
    host = host_of(case.get("page_url"))
    if not host or "." not in host:
        return None
    tld = host.rsplit(".", 1)[1]
    found = catalog.region_of_tld(tld)
    return BuyerRegion(found, f"the page's domain .{tld}") if found else None


def buyer_region(
    settings: dict[str, Any] | None, case: dict[str, Any], catalog: Catalog
) -> BuyerRegion | None:
    return (
        region_from_settings(settings, catalog)
        or region_from_case(case, catalog)
        or region_from_locale((settings or {}).get("locale"), catalog)
        or region_from_page(case, catalog)
    )
