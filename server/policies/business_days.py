"""Business days (weekends and the public holidays of the user's country skipped) and the
follow-up date a status change sets."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .catalog import Catalog

# Moving to these statuses starts a wait for the vendor's processing time.
FOLLOW_UP_STATUSES = frozenset({"requested", "acknowledged"})
# Moving here starts a wait for the card issuer's decision.
ESCALATED = "escalated"


class _NoHolidays:
    def __contains__(self, day: object) -> bool:
        return False


@lru_cache(maxsize=32)
def public_holidays(country: str | None, subdivision: str | None = None) -> Container[date]:
    """The public holidays of a country (any year); weekends only for unknown countries."""
    if not country:
        return _NoHolidays()
    import holidays  # imported here: it is slow to import and only needed for follow-ups

    try:
        return holidays.country_holidays(country.upper(), subdiv=subdivision)
    except (NotImplementedError, KeyError):
        return _NoHolidays()


def holiday_subdivision(country: str | None, subdivision: str) -> str:
    """``subdivision`` as the holiday calendar of ``country`` spells it ("by" -> "BY").

    Raises ValueError (with what would do) when the country has no such subdivision: the
    holiday library would then give no holidays at all, not even the national ones.
    """
    if not country:
        raise ValueError("needs a country: set the country too")
    import holidays

    try:
        known = holidays.country_holidays(country.upper()).subdivisions
    except (NotImplementedError, KeyError):
        return subdivision  # no holiday calendar for the country: weekends only either way
    by_upper = {name.upper(): name for name in known}
    found = by_upper.get(subdivision.upper())
    if found is not None:
        return found
    if not known:
        raise ValueError(f"{country.upper()} has no subdivisions with holidays of their own: leave it empty")
    listed = ", ".join(known[:24]) + (", …" if len(known) > 24 else "")
    raise ValueError(
        f"{subdivision!r} is not a part of {country.upper()} with its own public holidays; one of {listed}"
    )


def is_business_day(day: date, country: str | None, subdivision: str | None = None) -> bool:
    return day.weekday() < 5 and day not in public_holidays(country, subdivision)


def add_business_days(start: date, n: int, country: str | None, subdivision: str | None = None) -> date:
    """The ``n``-th business day after ``start`` (``start`` itself is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    holidays = public_holidays(country, subdivision)
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            remaining -= 1
    return day


def processing_days(case: dict[str, Any], catalog: Catalog) -> int:
    """The longest processing time (business days) that applies to the case's refund."""
    rule, _vendor, seller = catalog.resolve_case(case)
    for candidate in (rule, seller.rule if seller is not None else None, catalog.default_rule):
        if candidate is not None and candidate.processing_business_days is not None:
            return candidate.processing_business_days.max
    return 0


def decision_days(catalog: Catalog, escalation_clock: str | None) -> int | None:
    """About how long the card issuer takes to decide a dispute filed under ``escalation_clock``
    (a legal clock's id); a card network's own clock stands in when it is not known."""
    by_id = {legal.id: legal for legal in catalog.legal if legal.kind == "escalation"}
    chosen = by_id.get(escalation_clock or "")
    if chosen is not None and chosen.decision_days is not None:
        return chosen.decision_days
    fallback = [
        legal.decision_days
        for legal in by_id.values()
        if legal.decision_days is not None and not legal.regions and "unknown" in legal.card_networks
    ]
    return fallback[0] if fallback else None


def follow_up_date(
    case: dict[str, Any],
    new_status: str,
    catalog: Catalog,
    settings: dict[str, Any] | None,
    on: date,
    escalation_clock: str | None = None,
) -> date | None:
    """When to check back after moving the case to ``new_status`` on ``on`` (None: no follow-up).

    Requested / acknowledged: after the refund's processing time, counted in business days of
    the user's country. Escalated: after the time the issuer takes to decide the dispute filed
    under ``escalation_clock`` (the catalog's decision_days), on a business day.
    """
    settings = settings or {}
    country, subdivision = settings.get("country"), settings.get("subdivision")
    if new_status == ESCALATED:
        days = decision_days(catalog, escalation_clock)
        if days is None:
            return None
        day = on + timedelta(days=days)
        while not is_business_day(day, country, subdivision):
            day += timedelta(days=1)
        return day
    if new_status not in FOLLOW_UP_STATUSES:
        return None
    days = processing_days(case, catalog)
    if days <= 0:
        return None
    return add_business_days(on, days, settings.get("country"), settings.get("subdivision"))
