"""The computed part of a case: its refund and escalation clocks, deadline and who refunds
(each clock: clock_rules.py; which escalation clocks apply: escalation.py; who refunds:
refunder.py).

``compute(case, catalog, settings, today)`` answers one case. A list request builds one
``Enricher(catalog, settings, today)`` and calls it per case, so what depends only on the
settings, the day and the catalog is worked out once.

Every date is a calendar date in the user's time zone: ``today`` is passed in, never read from
the clock.
"""

from __future__ import annotations

from datetime import date, tzinfo
from typing import Any, NamedTuple

from .catalog import Catalog, CatalogParty
from .checklist import checklist
from .clock_rules import ClockMaker
from .dates import parse_date, zone, zone_name
from .escalation import EscalationPlanner
from .refunder import contact_pages, for_country, vendor_name_guessed, who_refunds
from .regions import BuyerRegion, region_from_case, region_from_locale, region_from_page, region_from_settings
from .schema import Rule

CLOSING_DAYS = 7


def _by_deadline(clock: dict[str, Any]) -> str:
    return clock["deadline"]  # ISO dates sort like the dates they name


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class _Worked(NamedTuple):
    """What ``Enricher._work_out`` found for one case."""

    rule: Rule
    vendor_party: CatalogParty | None
    seller_party: CatalogParty | None
    window: int | None
    overridden: tuple[str, ...]
    region: BuyerRegion | None
    refund_clocks: list[dict[str, Any]]
    escalation_clocks: list[dict[str, Any]]
    deadline: date | None
    deadline_source: str | None
    days_left: int | None
    window_state: str
    window_used: float | None
    next_escalation: dict[str, Any] | None
    notes: list[str]


class Enricher:
    """Computes the fields the server adds to every case it returns."""

    def __init__(
        self, catalog: Catalog, settings: dict[str, Any] | None, today: date, tz: tzinfo | None = None
    ):
        self.catalog = catalog
        self.settings = settings or {}
        self.today = today
        self.tz = tz or zone(self.settings.get("timezone"))
        self._as_of = today.isoformat()
        self._tz_name = zone_name(self.tz)
        self._settings_region = region_from_settings(self.settings, catalog)
        self._locale_region = region_from_locale(self.settings.get("locale"), catalog)
        self._refund_legal = [c for c in catalog.legal if c.kind == "refund"]
        self._clocks = ClockMaker(
            today, EscalationPlanner(c for c in catalog.legal if c.kind == "escalation")
        )
        self._parties: dict[tuple, tuple[dict | None, list[dict]]] = {}
        self._policies: dict[tuple, dict[str, Any]] = {}

    # -- the public call -------------------------------------------------------------------

    def __call__(self, case: dict[str, Any]) -> dict[str, Any]:
        worked = self._work_out(case)
        who, channels = self._who_refunds(case, worked.rule, worked.vendor_party, worked.seller_party)
        next_escalation = worked.next_escalation
        return {
            # Cached parts are copied, so a caller may edit the result freely.
            "policy": self._policy(
                worked.rule, case, worked.vendor_party, worked.window, worked.overridden
            ).copy(),
            "clocks": worked.refund_clocks + worked.escalation_clocks,
            **self._deadline_fields(worked),
            "escalation_days_left": (next_escalation["days_left"] if next_escalation else None),
            "escalation_clock": next_escalation["id"] if next_escalation else None,
            "buyer_region": worked.region.to_dict() if worked.region else None,
            "who_refunds": who.copy() if who else None,
            "channels": [channel.copy() for channel in for_country(channels, self.settings.get("country"))],
            "contact_pages": contact_pages([worked.seller_party, worked.vendor_party]),
            "checklist": [item.copy() for item in checklist(case)],
            "renewal_rule": renewal_rule(worked.rule, case),
            "notes": worked.notes,
            "as_of": self._as_of,
            "timezone": self._tz_name,
        }

    def deadlines(self, case: dict[str, Any]) -> dict[str, Any]:
        """Only the deadline fields of ``__call__`` (what a board row shows), for less work."""
        return self._deadline_fields(self._work_out(case))

    @staticmethod
    def _deadline_fields(worked: _Worked) -> dict[str, Any]:
        next_escalation = worked.next_escalation
        return {
            "deadline": _iso(worked.deadline),
            "deadline_source": worked.deadline_source,
            "days_left": worked.days_left,
            "window_state": worked.window_state,
            "window_used": worked.window_used,
            "escalation_deadline": next_escalation["deadline"] if next_escalation else None,
        }

    def _work_out(self, case: dict[str, Any]) -> _Worked:
        """The rule, every clock, and the deadlines that follow from them."""
        catalog = self.catalog
        today = self.today
        rule, vendor_party, seller_party = catalog.resolve_case(case)
        override = case.get("policy") or {}
        window_override = override.get("window_days")
        deadline_override = parse_date(override.get("deadline"))

        order = parse_date(case.get("order_date"))
        notes: list[str] = []
        refund_clocks: list[dict[str, Any]] = []

        vendor_clock, window = self._clocks.vendor_clock(rule, case, order, window_override, notes)
        if vendor_clock is not None:
            refund_clocks.append(vendor_clock)

        region = self._region(case)
        renewal = case.get("charge_type") == "renewal"
        if region is not None and order is not None:
            for legal in self._refund_legal:
                if region.region in legal.regions:
                    if renewal:
                        notes.append(
                            f"{legal.label}: applies to the first purchase, not to automatic renewals."
                        )
                        continue
                    refund_clocks.append(self._clocks.legal_clock(legal, rule, case, order, region))

        escalation_clocks = self._clocks.escalation_clocks(case, order, region)

        # The deadline: the last safe day to ask, i.e. the latest refund clock still open.
        deadline: date | None
        start: date | None
        overridden: list[str] = []
        if window_override is not None:
            overridden.append("window_days")
        if deadline_override is not None:
            overridden.append("deadline")
            deadline, deadline_source, start = deadline_override, "override", order
        elif (
            window_override is not None and vendor_clock is not None and vendor_clock["deadline"] is not None
        ):
            deadline, deadline_source = parse_date(vendor_clock["deadline"]), "override"
            start = parse_date(vendor_clock["start"])
        else:
            open_clocks = [c for c in refund_clocks if c["open"]]
            pool = open_clocks or refund_clocks
            if pool:
                latest = max(pool, key=_by_deadline)
                deadline, deadline_source = parse_date(latest["deadline"]), latest["id"]
                start = parse_date(latest["start"])
            else:
                deadline, deadline_source, start = None, None, None

        if deadline is None:
            days_left, state, used = None, "unknown", None
            if order is None:
                notes.append("Add the order date to work out the refund deadline.")
        else:
            days_left = (deadline - today).days
            state = "expired" if days_left < 0 else "closing" if days_left <= CLOSING_DAYS else "open"
            used = None
            if start is not None:
                span = (deadline - start).days
                elapsed = (today - start).days
                used = 1.0 if span <= 0 else min(1.0, max(0.0, elapsed / span))

        open_escalations = [c for c in escalation_clocks if c["open"]]
        next_escalation = min(open_escalations, key=_by_deadline) if open_escalations else None
        return _Worked(
            rule,
            vendor_party,
            seller_party,
            window,
            tuple(overridden),
            region,
            refund_clocks,
            escalation_clocks,
            deadline,
            deadline_source,
            days_left,
            state,
            used,
            next_escalation,
            notes,
        )

    def _region(self, case: dict[str, Any]) -> BuyerRegion | None:
        return (
            self._settings_region
            or region_from_case(case, self.catalog)
            or self._locale_region
            or region_from_page(case, self.catalog)
        )

    # -- parties -------------------------------------------------------------------------------

    def _who_refunds(
        self,
        case: dict[str, Any],
        rule: Rule,
        vendor_party: CatalogParty | None,
        seller_party: CatalogParty | None,
    ) -> tuple[dict | None, list[dict]]:
        vendor = case.get("vendor") or {}
        seller = case.get("seller") or {}
        source = case.get("purchase_source")
        guessed = vendor_name_guessed(case)
        key = (
            rule.id,
            vendor.get("name"),
            vendor.get("domain"),
            seller.get("name"),
            seller.get("domain"),
            source,
            vendor_party.key if vendor_party else None,
            seller_party.key if seller_party else None,
            guessed,
        )
        hit = self._parties.get(key)
        if hit is None:
            hit = self._parties[key] = who_refunds(
                self.catalog, vendor, seller, source, vendor_party, seller_party, guessed
            )
        return hit

    def _policy(
        self,
        rule: Rule,
        case: dict[str, Any],
        vendor_party: CatalogParty | None,
        window: int | None,
        overridden: tuple[str, ...],
    ) -> dict[str, Any]:
        stored = None if vendor_name_guessed(case) else (case.get("vendor") or {}).get("name")
        vendor_name = stored or (vendor_party.name if vendor_party else None)
        key = (rule.id, vendor_name, window, overridden)
        hit = self._policies.get(key)
        if hit is None:
            days = rule.processing_business_days
            hit = self._policies[key] = {
                "id": rule.id,
                "name": rule.name,
                "kind": rule.kind,
                "vendor": vendor_name,
                "window_days": window if window is not None else rule.window_days,
                "clock_start": rule.clock_start,
                "source_url": rule.source_url,
                "sources": list(rule.sources),
                "checked_on": rule.checked_on.isoformat(),
                "verified": rule.verified,
                "is_default": rule.is_default,
                "conditions": rule.conditions,
                "processing_business_days": ({"min": days.min, "max": days.max} if days else None),
                "refund_method": rule.refund_method,
                "overridden": list(overridden),
            }
        return hit


def renews(case: dict[str, Any]) -> bool:
    """Whether the case is about a renewing subscription: it renews automatically, the charge
    was a renewal, or a renewal date is known (unless it is known not to renew)."""
    if case.get("charge_type") == "renewal" or case.get("auto_renews") is True:
        return True
    return bool(case.get("renewal_date")) and case.get("auto_renews") is not False


def renewal_rule(rule: Rule, case: dict[str, Any]) -> dict[str, Any] | None:
    """What the rule says of renewal charges, for a case that renews (None otherwise, or when
    the rule says nothing of them)."""
    renewal = rule.renewal
    if renewal is None or not renews(case):
        return None
    return {
        "rule": rule.name,
        "covered": renewal.covered,
        "window_days": renewal.window_days if renewal.window_days is not None else rule.window_days,
        "note": renewal.note,
        "source_url": renewal.source_url or rule.source_url,
    }


def compute(
    case: dict[str, Any],
    catalog: Catalog,
    settings: dict[str, Any] | None,
    today: date,
    tz: tzinfo | None = None,
) -> dict[str, Any]:
    """The computed fields of one case (see ``Enricher`` for many cases)."""
    return Enricher(catalog, settings, today, tz)(case)


enrich = compute
