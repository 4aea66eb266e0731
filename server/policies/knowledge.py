"""What the server knows about refunds, behind the small interface the case service uses.

``PolicyKnowledge`` adapts the policy catalog (the pure rules of this package) to the service:
which vendor, seller and rule a capture belongs to, the computed fields of a case (clocks,
deadline, who refunds, channels, checklist) and the follow-up date after a status move.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.documents import Party
from ..domain.fields import PurchaseSource, as_domain
from .business_days import follow_up_date
from .catalog import Catalog, PartyRef
from .clocks import Enricher
from .loader import LoadedCatalog, load_catalog
from .text_index import host_of, site_of

log = logging.getLogger(__name__)

Settings = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Resolution:
    vendor: Party | None
    seller: Party | None
    purchase_source: PurchaseSource | None
    rule_id: str | None


def _party(ref: PartyRef | None) -> Party | None:
    name = ref.name or ref.domain if ref is not None else None
    if ref is None or not name:
        return None
    return Party(name=name, domain=ref.domain)


class PolicyKnowledge:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.loaded: LoadedCatalog | None = None
        # One Enricher per (day, settings): what depends only on those is worked out once.
        self._enricher: Enricher | None = None
        self._enricher_key: tuple[date, int] | None = None

    def load(self, user_file: Path | None) -> list[str]:
        """Load the built-in catalog and the user's policies file; return its warnings."""
        self.loaded = load_catalog(user_file)
        for warning in self.loaded.warnings:
            log.warning("policies: %s", warning)
        self._enricher = None
        return self.loaded.warnings

    @property
    def catalog(self) -> Catalog:
        if self.loaded is None:
            self.load(None)
            assert self.loaded is not None
        return self.loaded.catalog

    def resolve(
        self, *, url: str | None, product: str | None, merchant: str | None, seller: str | None
    ) -> Resolution:
        match = self.catalog.match(url=url, product=product, merchant=merchant, seller=seller)
        vendor = _party(match.vendor)
        if vendor is None:
            # An unknown vendor: the case still needs a name to be found and merged by. The
            # page's site is a last resort (a webmail page's is not the vendor's); the computed
            # fields know such a name for the guess it is (text_index.named_after_site) and do
            # not present it as who refunds.
            site = self.page_domain(url)
            name = merchant or seller or site
            if name:
                vendor = Party(name=name[:200], domain=None if (merchant or seller) else as_domain(site))
        return Resolution(vendor, _party(match.seller), match.purchase_source, match.rule_id)

    def enricher(self, today: date) -> Enricher:
        settings = self._settings()
        key = (today, id(settings))
        if self._enricher is None or self._enricher_key != key:
            self._enricher = Enricher(self.catalog, settings, today)
            self._enricher_key = key
        return self._enricher

    def computed(self, case: dict[str, Any], today: date) -> dict[str, Any]:
        return self.enricher(today)(case)

    def deadlines(self, case: dict[str, Any], today: date) -> dict[str, Any]:
        """Only the deadline fields of ``computed`` (a board row's), for less work."""
        return self.enricher(today).deadlines(case)

    def follow_up(self, case: dict[str, Any], new_status: str, on: date) -> date | None:
        # Escalated: the issuer's decision takes as long as the dispute the case is filed under.
        clock = self.enricher(on)(case).get("escalation_clock") if new_status == "escalated" else None
        return follow_up_date(case, new_status, self.catalog, self._settings(), on, clock)

    def page_domain(self, url: str | None) -> str | None:
        """The shop's site a page was on: its registrable domain, else its host (an IP
        address, localhost); None for a web mailbox (not the shop's)."""
        host = host_of(url)
        return None if self.catalog.is_mailbox(host) else site_of(host)
