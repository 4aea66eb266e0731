"""The loaded catalog: rules by id, the parties they describe, and matching a page to them.

A *party* is anyone who can appear on an order: a vendor, a reseller / merchant of record, an
app store or marketplace. Every catalog rule describes one party; a vendor rule may also
describe a seller inline. Matching turns what a capture saw (page URL, merchant text, seller
name, product title) into vendor, seller, purchase source and the rule that applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from ..domain.fields import PurchaseSource
from .schema import Channel, LegalClock, Mailboxes, Region, Rule, SellerLink
from .text_index import TermIndex, domain_suffixes, host_of, registrable_domain

# What a seller's kind says about how the order was bought (the case's purchase_source).
PURCHASE_SOURCE_BY_KIND: dict[str, PurchaseSource] = {
    "reseller": "reseller",
    "app_store": "app_store",
    "marketplace": "retail",
    "isp": "isp",
}
# Sellers whose own refund policy replaces the vendor's.
OWN_POLICY_KINDS = frozenset({"app_store", "marketplace"})

_SLUG = re.compile(r"[^a-z0-9]+")


def _path_of(url: str | None) -> str:
    """The path and query of a URL, lower-cased (``/drhm/store?action=...``)."""
    if not url:
        return ""
    rest = url.split("//", 1)[-1]
    slash = rest.find("/")
    return rest[slash:].lower() if slash >= 0 else ""


@dataclass(frozen=True, slots=True)
class CatalogParty:
    """A vendor or seller as the catalog knows it (a case stores its own: domain.documents.Party)."""

    key: str  # the rule id, or "<vendor rule id>/<slug>" for a seller described inline
    name: str
    kind: str
    domain: str | None
    rule: Rule | None  # the party's own catalog rule (None for inline sellers)
    channels: tuple[Channel, ...] = ()
    refunds_via: str = "seller"

    def ref(self) -> PartyRef:
        return PartyRef(name=self.name, domain=self.domain)


class PartyRef(msgspec.Struct, frozen=True):
    """A vendor or seller as stored on a case."""

    name: str | None
    domain: str | None


class Evidence(msgspec.Struct, frozen=True):
    source: str  # "url" | "merchant" | "seller" | "product"
    text: str  # the host or the words that matched
    party: str  # the party key it pointed to
    role: str  # "vendor" | "seller"


class Match(msgspec.Struct, frozen=True):
    vendor: PartyRef | None
    seller: PartyRef | None  # None when the vendor sold directly (or nothing is known)
    purchase_source: PurchaseSource | None
    rule_id: str
    is_default: bool
    matched_by: tuple[Evidence, ...]
    page_domain: str | None = None  # the page's registrable domain, also when nothing matched

    def to_dict(self) -> dict[str, Any]:
        return msgspec.to_builtins(self)


@dataclass
class Catalog:
    rules: dict[str, Rule]
    legal: tuple[LegalClock, ...]
    regions: dict[str, Region]
    default_rule: Rule  # for an unknown vendor
    unknown_seller_rule: Rule  # for a known vendor bought from an unknown shop
    mailboxes: Mailboxes = field(default_factory=Mailboxes)
    parties: dict[str, CatalogParty] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._links: dict[tuple[str, str], SellerLink] = {}
        # vendor key -> [(host/path prefix, seller key)] for vendor pages run by a seller
        self._prefixes: dict[str, list[tuple[str, str]]] = {}
        self._domains: dict[str, str] = {}
        any_terms: dict[str, tuple[str | None, str | None]] = {}
        vendor_terms: dict[str, str] = {}

        for rule in self.rules.values():
            if rule.is_default:
                continue
            party = CatalogParty(
                rule.id,
                rule.name,
                rule.kind,
                rule.domains[0] if rule.domains else None,
                rule,
                tuple(rule.channels),
                rule.refunds_via,
            )
            self.parties[party.key] = party
        for rule in self.rules.values():
            if rule.is_default:
                continue
            party = self.parties[rule.id]
            for domain in rule.domains:
                self._domains[domain.lower()] = party.key
            for term in (rule.name, *rule.aliases, *rule.domains):
                role = (party.key, None) if party.kind == "vendor" else (None, party.key)
                any_terms.setdefault(term, role)
            if party.kind == "vendor":
                for term in (rule.name, *rule.aliases, *rule.product_terms):
                    vendor_terms.setdefault(term, party.key)
            for link in rule.sellers:
                seller = self._seller_party(rule, link)
                if seller is None:
                    continue
                self._links[(rule.id, seller.key)] = link
                for domain in link.domains:
                    self._domains.setdefault(domain.lower(), seller.key)
                if link.id is None:
                    any_terms.setdefault(seller.name, (None, seller.key))
                for descriptor in link.descriptors:
                    any_terms[descriptor] = (rule.id, seller.key)
                for prefix in link.url_prefixes:
                    self._prefixes.setdefault(rule.id, []).append((prefix.lower(), seller.key))

        self._any_terms = TermIndex(any_terms)
        self._vendor_terms = TermIndex(vendor_terms)
        self._country_region: dict[str, str] = {}
        self._currency_region: dict[str, str] = {}
        self._tld_region: dict[str, str] = {}
        for name, region in self.regions.items():
            for country in region.countries:
                self._country_region[country.upper()] = name
                self._tld_region.setdefault(country.lower(), name)
            for currency in region.currencies:
                self._currency_region[currency.upper()] = name
            for tld in region.tlds:
                self._tld_region[tld.lower()] = name
        self._case_cache: dict[tuple, tuple[Rule, CatalogParty | None, CatalogParty | None]] = {}
        self._mail_hosts = frozenset(h.lower() for h in self.mailboxes.hosts)
        self._mail_prefixes = tuple(p.lower() for p in self.mailboxes.host_prefixes)

    def _seller_party(self, vendor: Rule, link: SellerLink) -> CatalogParty | None:
        if link.id is not None:
            return self.parties.get(link.id)
        if not link.name:
            return None
        key = f"{vendor.id}/{_SLUG.sub('-', link.name.lower()).strip('-')}"
        party = CatalogParty(
            key,
            link.name,
            link.kind or "reseller",
            link.domains[0] if link.domains else None,
            None,
            (),
            link.refunds_via or "seller",
        )
        self.parties[key] = party
        return party

    # -- lookups -----------------------------------------------------------------------------

    def party_for_domain(self, host: str | None) -> CatalogParty | None:
        if not host:
            return None
        domains = self._domains
        for suffix in domain_suffixes(host.lower()):
            key = domains.get(suffix)
            if key is not None:
                return self.parties[key]
        return None

    def party_for_name(self, text: str | None, role: str | None = None) -> CatalogParty | None:
        """The first party named in ``text`` (in the given role, if any)."""
        for _term, (vendor_key, seller_key) in self._any_terms.find(text):
            if role != "seller" and vendor_key is not None:
                return self.parties[vendor_key]
            if role != "vendor" and seller_key is not None:
                return self.parties[seller_key]
        return None

    def link(self, vendor: CatalogParty | None, seller: CatalogParty | None) -> SellerLink | None:
        if vendor is None or seller is None:
            return None
        return self._links.get((vendor.key, seller.key))

    def region_of_country(self, country: str | None) -> str | None:
        return self._country_region.get(country.upper()) if country else None

    def region_of_currency(self, currency: str | None) -> str | None:
        return self._currency_region.get(currency.upper()) if currency else None

    def region_of_tld(self, tld: str | None) -> str | None:
        return self._tld_region.get(tld.lower()) if tld else None

    def is_mailbox(self, host: str | None) -> bool:
        """A web mail site (an order confirmation read as an email)."""
        if not host:
            return False
        host = host.lower()
        return host in self._mail_hosts or host.startswith(self._mail_prefixes)

    # -- matching ----------------------------------------------------------------------------

    def match(
        self,
        url: str | None = None,
        product: str | None = None,
        merchant: str | None = None,
        seller: str | None = None,
    ) -> Match:
        """Who made and who sold what a page shows, and which rule applies.

        Evidence is weighed in this order: the page's domain (and, on a vendor's site, the pages
        a reseller runs), the merchant-of-record text, the seller name, the product title.
        Whatever is used is listed in ``matched_by``. The rule is the store's own for app
        stores and marketplaces, else the vendor's. Two stand-ins carry ``is_default``: one
        when the vendor is unknown, one when a known vendor's product was sold by a shop the
        catalog does not know (its guarantee covers its own sales, not the shop's).
        """
        evidence: list[Evidence] = []
        vendor: CatalogParty | None = None
        seller_party: CatalogParty | None = None

        host = host_of(url)
        if self.is_mailbox(host):
            host = None  # the mailbox's domain is not the shop's
        site = self.party_for_domain(host)
        if site is not None:
            if site.kind == "vendor":
                vendor = site
            else:
                seller_party = site
            evidence.append(
                Evidence("url", host or "", site.key, "vendor" if site.kind == "vendor" else "seller")
            )
            if site.key in self._prefixes:
                page = (host or "") + _path_of(url)
                for prefix, reseller_key in self._prefixes[site.key]:
                    if page.startswith(prefix):
                        seller_party = self.parties[reseller_key]
                        evidence.append(Evidence("url", prefix, reseller_key, "seller"))
                        break

        for source, text in (("merchant", merchant), ("seller", seller)):
            for term, (vendor_key, seller_key) in self._any_terms.find(text):
                # A text naming a party already found is kept as corroborating evidence.
                if vendor_key is not None and (vendor is None or vendor.key == vendor_key):
                    vendor = self.parties[vendor_key]
                    evidence.append(Evidence(source, term, vendor_key, "vendor"))
                if seller_key is not None and (seller_party is None or seller_party.key == seller_key):
                    seller_party = self.parties[seller_key]
                    evidence.append(Evidence(source, term, seller_key, "seller"))

        if vendor is None:
            for term, vendor_key in self._vendor_terms.find(product):
                vendor = self.parties[vendor_key]
                evidence.append(Evidence("product", term, vendor_key, "vendor"))
                break

        seller_ref: PartyRef | None = seller_party.ref() if seller_party else None
        unknown_seller = False
        if seller_party is None and vendor is not None:
            # A shop the catalog does not know sold a known vendor's product: keep what the
            # page gave, and do not assume the vendor's own guarantee.
            named = seller and len(seller) <= 80 and self.party_for_name(seller, "vendor") is not vendor
            if named or (host and site is None):
                unknown_seller = True
                seller_ref = PartyRef(
                    name=(seller or "").strip() if named else None,
                    domain=registrable_domain(host) if site is None else None,
                )

        rule = self.unknown_seller_rule if unknown_seller else self._rule_for(vendor, seller_party)
        purchase_source: PurchaseSource | None
        if seller_party is not None:
            purchase_source = PURCHASE_SOURCE_BY_KIND.get(seller_party.kind, "other")
        elif seller_ref is not None:
            purchase_source = "other"
        elif vendor is not None:
            purchase_source = "direct"
        else:
            purchase_source = None
        return Match(
            vendor=vendor.ref() if vendor else None,
            seller=seller_ref,
            purchase_source=purchase_source,
            rule_id=rule.id,
            is_default=rule.is_default,
            matched_by=tuple(dict.fromkeys(evidence)),
            page_domain=registrable_domain(host),
        )

    def _rule_for(self, vendor: CatalogParty | None, seller: CatalogParty | None) -> Rule:
        if seller is not None and seller.kind in OWN_POLICY_KINDS and seller.rule is not None:
            return seller.rule
        if vendor is not None and vendor.rule is not None:
            return vendor.rule
        if seller is not None and seller.rule is not None and seller.rule.window_days is not None:
            return seller.rule
        return self.default_rule

    def resolve_case(self, case: dict[str, Any]) -> tuple[Rule, CatalogParty | None, CatalogParty | None]:
        """The rule, vendor party and seller party for a stored case.

        The rule is the case's ``policy.rule_id`` when the catalog has it, else it is matched
        again from the case's vendor, seller and page. Cached by those fields: this runs for
        every case on every read.
        """
        policy = case.get("policy") or {}
        vendor = case.get("vendor") or {}
        seller = case.get("seller") or {}
        rule = self.rules.get(policy.get("rule_id") or "")
        key: tuple[str | None, ...] = (
            rule.id if rule else None,
            vendor.get("domain"),
            vendor.get("name"),
            seller.get("domain"),
            seller.get("name"),
        )
        if not any(key[1:]):
            page_host = host_of(case.get("page_url"))
            key += (None if self.is_mailbox(page_host) else page_host,)  # only the page is left
        hit = self._case_cache.get(key)
        if hit is not None:
            return hit
        vendor_party = self.party_for_domain(vendor.get("domain")) or self.party_for_name(
            vendor.get("name"), "vendor"
        )
        seller_party = self.party_for_domain(seller.get("domain")) or self.party_for_name(
            seller.get("name"), "seller"
        )
        if vendor_party is None and seller_party is None and len(key) == 6:
            site = self.party_for_domain(key[5])
            if site is not None and site.kind == "vendor":
                vendor_party = site
            elif site is not None:
                seller_party = site
        if rule is None:
            if (
                vendor_party is not None
                and seller_party is None
                and (seller.get("name") or seller.get("domain"))
            ):
                rule = self.unknown_seller_rule
            else:
                rule = self._rule_for(vendor_party, seller_party)
        if seller_party is None and rule.kind != "vendor" and not rule.is_default:
            seller_party = self.parties.get(rule.id)  # the store or reseller whose rule it is
        hit = (rule, vendor_party, seller_party)
        if len(self._case_cache) > 4096:
            self._case_cache.clear()
        self._case_cache[key] = hit
        return hit

    def to_dict(self) -> dict[str, Any]:
        """The whole catalog as plain data (for GET /api/v1/policies)."""
        return {
            "rules": [msgspec.to_builtins(rule) for rule in self.rules.values()],
            "legal": [msgspec.to_builtins(clock) for clock in self.legal],
            "regions": {name: msgspec.to_builtins(region) for name, region in self.regions.items()},
        }


def build_catalog(
    rules: Iterable[Rule],
    legal: Iterable[LegalClock],
    regions: dict[str, Region],
    mailboxes: Mailboxes | None = None,
) -> Catalog:
    by_id = {rule.id: rule for rule in rules}
    defaults = [rule for rule in by_id.values() if rule.is_default and rule.default_for == "unknown_vendor"]
    if not defaults:
        raise ValueError("the catalog has no default rule (is_default = true)")
    for_sellers = [
        rule for rule in by_id.values() if rule.is_default and rule.default_for == "unknown_seller"
    ]
    return Catalog(
        rules=by_id,
        legal=tuple(legal),
        regions=dict(regions),
        mailboxes=mailboxes or Mailboxes(),
        default_rule=defaults[-1],
        unknown_seller_rule=for_sellers[-1] if for_sellers else defaults[-1],
    )
