"""What the server knows about refunds, behind one small interface the case service uses.

``BasicKnowledge`` is the first rule set: a flat 30-day window from the order date and a
vendor named after the page's domain. The policy catalog replaces it (see server/policies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

from .domain.models import Party

CLOSING_DAYS = 7


@dataclass(frozen=True)
class Resolution:
    vendor: Party | None
    seller: Party | None
    purchase_source: str | None
    rule_id: str | None


class Knowledge(Protocol):
    def resolve(self, *, url: str | None, product: str | None, merchant: str | None,
                seller: str | None) -> Resolution: ...

    def computed(self, case: dict[str, Any], today: date) -> dict[str, Any]: ...

    def follow_up(self, case: dict[str, Any], new_status: str, on: date) -> date | None: ...


def registrable_domain(url: str | None) -> str | None:
    """``store.trendmicro.com`` -> ``trendmicro.com`` (two labels; good enough for a default)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host or host.replace(".", "").isdigit():
        return host or None
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else host


def window_state(days_left: int | None) -> str:
    if days_left is None:
        return "unknown"
    if days_left < 0:
        return "expired"
    if days_left <= CLOSING_DAYS:
        return "closing"
    return "open"


class BasicKnowledge:
    window_days = 30
    follow_up_days = 7

    def resolve(self, *, url, product, merchant, seller) -> Resolution:
        domain = registrable_domain(url)
        name = merchant or (domain.split(".")[0].capitalize() if domain else None) or seller
        vendor = Party(name=name, domain=domain) if name else None
        seller_party = Party(name=seller) if seller and seller != name else None
        return Resolution(vendor, seller_party, "reseller" if seller_party else "direct", None)

    def computed(self, case: dict[str, Any], today: date) -> dict[str, Any]:
        policy = case.get("policy") or {}
        window = policy.get("window_days") or self.window_days
        start = case.get("order_date")
        deadline: date | None = None
        if policy.get("deadline"):
            deadline = date.fromisoformat(policy["deadline"])
        elif start:
            deadline = date.fromisoformat(start) + timedelta(days=window)
        days_left = (deadline - today).days if deadline else None
        used = None
        if deadline and start:
            total = (deadline - date.fromisoformat(start)).days
            used = 1.0 if total <= 0 else min(1.0, max(0.0, 1 - days_left / total))
        return {
            "deadline": deadline.isoformat() if deadline else None,
            "days_left": days_left,
            "window_state": window_state(days_left),
            "window_used": used,
        }

    def follow_up(self, case, new_status, on):
        if new_status in ("requested", "acknowledged"):
            return on + timedelta(days=self.follow_up_days)
        return None
