"""The shape of a policies TOML file (the built-in catalog and a user's file share it).

Decoded with msgspec, so a wrong type or an unknown field is reported with its path
(``$.plans[0].term``) instead of being silently ignored.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import msgspec

Days = Annotated[int, msgspec.Meta(ge=0, le=3650)]
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]

# vendor: makes what was bought and publishes the guarantee.
# reseller: merchant of record selling on a vendor's behalf; the vendor's guarantee applies.
# app_store / marketplace: a store with its own refund policy, which is the one that applies.
# isp: an internet provider bundling a product; only ever named by the user.
# default: the stand-in for vendors the catalog does not know.
PartyKind = Literal["vendor", "reseller", "app_store", "marketplace", "isp", "default"]
ClockStart = Literal["order_date", "delivery", "renewal_charge"]
ChannelKind = Literal["refund_form", "order_lookup", "support_page", "chat", "phone", "email", "account"]


class Channel(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An official way to reach a party. Only ever from an official source."""

    kind: ChannelKind
    label: NonEmpty
    url: str | None = None
    phone: str | None = None
    email: str | None = None
    region: str | None = None
    # ISO 3166 codes of the countries this channel serves (a phone line for the US, ...); empty:
    # anywhere. Shown first to a user whose settings country is among them.
    countries: list[Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]] = []
    hours: str | None = None  # opening hours as the vendor states them
    # Where this channel was seen; falls back to the rule's source_url. A phone or chat channel
    # must have its own, on one of the party's official domains (checked by the loader).
    source_url: str | None = None
    checked_on: date | None = None

    def shown(self, party_name: str, fallback_source: str | None) -> dict[str, Any]:
        """The channel as the API serves it: named after its party, its source given (the
        rule's when it has none of its own)."""
        item: dict[str, Any] = {"party": party_name, "kind": self.kind, "label": self.label}
        for name in ("url", "phone", "email", "region", "hours"):
            value = getattr(self, name)
            if value is not None:
                item[name] = value
        if self.countries:
            item["countries"] = list(self.countries)
        item["source_url"] = self.source_url or fallback_source
        if self.checked_on is not None:
            item["checked_on"] = self.checked_on.isoformat()
        return item


class BusinessDays(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    max: Days
    min: Days | None = None


class RenewalPolicy(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """How an automatic renewal charge is treated (its own window, or none)."""

    covered: bool = True
    window_days: Days | None = None  # None: the rule's window_days
    note: str | None = None
    source_url: str | None = None


class PlanPolicy(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A plan-specific rule, e.g. monthly plans: 14 days, first purchase only."""

    term: Literal["monthly", "annual"]
    eligible: bool = True
    window_days: Days | None = None  # None: the rule's window_days
    first_purchase_only: bool = False
    note: str | None = None


class SellerLink(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A seller this vendor is sold through: a catalog entry by ``id``, or described inline."""

    id: str | None = None
    name: str | None = None
    kind: PartyKind | None = None
    domains: list[str] = []
    # Statement descriptors / merchant texts naming both, e.g. "DR *TRENDMICRO".
    descriptors: list[str] = []
    # Pages of the vendor's site run by this seller, as "host/path-prefix", e.g.
    # "store.trendmicro.com/DRHM/": a capture there was sold by the seller.
    url_prefixes: list[str] = []
    # Who takes refund requests for this pairing when it differs from the seller's own default.
    refunds_via: Literal["seller", "vendor"] | None = None


class Rule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: NonEmpty
    kind: PartyKind
    source_url: NonEmpty
    checked_on: date
    verified: bool
    domains: list[str] = []
    aliases: list[str] = []  # names seen in merchant / seller texts and statements
    product_terms: list[str] = []  # words in a product title that name this vendor
    sellers: list[SellerLink] = []
    window_days: Days | None = None  # None: no fixed window known
    clock_start: ClockStart = "order_date"
    window_ends_at_renewal: bool = False  # "... or before the first renewal, whichever is first"
    renewal: RenewalPolicy | None = None
    plans: list[PlanPolicy] = []
    conditions: str | None = None
    processing_business_days: BusinessDays | None = None
    refund_method: str | None = None
    refunds_via: Literal["seller", "vendor"] = "seller"  # for resellers: who grants refunds
    channels: list[Channel] = []
    # The official page that lists phone numbers / chat when the catalog lists none itself.
    contact_page: str | None = None
    # Further registrable domains this party runs (beyond ``domains``); with ``domains`` and the
    # domains of its merchants of record they are its official domains (lookalike.py).
    official_domains: list[str] = []
    # Brand labels a look-alike domain would use ("trendmicro"); empty: the first labels of
    # ``domains``. A brand that is also an everyday word ("apple", "norton") counts only next to
    # support words (apple-support.com), never by itself on another TLD or misspelt.
    brands: list[str] = []
    brand_is_common_word: bool = False
    sources: list[str] = []  # further sources, beyond source_url
    is_default: bool = False
    # For a default rule: whether it stands in for an unknown vendor, or for a shop the catalog
    # does not know selling a known vendor's product.
    default_for: Literal["unknown_vendor", "unknown_seller"] = "unknown_vendor"


class LegalClock(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A clock set by law or by card networks rather than by a vendor."""

    id: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    kind: Literal["refund", "escalation"]
    label: NonEmpty
    days: Days
    # order_date: the order / transaction; delivery_or_order: delivery for goods sold with a
    # delivery clock, else the order; statement_date: the card statement that showed the charge.
    basis: Literal["order_date", "delivery_or_order", "statement_date"]
    source_url: NonEmpty
    checked_on: date
    verified: bool
    regions: list[str] = []  # buyer regions it applies to; empty: everywhere
    card_networks: list[str] = []  # "visa", "mastercard", ...; "unknown" for unrecognised cards
    credit_only: bool = False  # not for debit cards
    approximate: bool = False
    note: str | None = None
    # Escalation clocks: about how many days the issuer takes to decide once the charge is
    # disputed (the follow-up an escalated case gets).
    decision_days: Days | None = None


class Region(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    label: NonEmpty
    countries: list[str] = []
    currencies: list[str] = []
    tlds: list[str] = []  # besides the countries' own ccTLDs


class Mailboxes(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Web mail sites: an order read in a mailbox says nothing about who sold it by its domain."""

    hosts: list[str] = []
    host_prefixes: list[str] = []  # first labels such as "mail." or "webmail."


class CatalogFile(msgspec.Struct, forbid_unknown_fields=True):
    """The file as a whole; rules and legal clocks are checked one by one afterwards."""

    schema_version: int = 1
    mailboxes: Mailboxes = Mailboxes()
    regions: dict[str, dict] = {}
    rules: list[dict] = []
    legal: list[dict] = []
