"""The policy catalog, and which rule (and deadline) would apply to a page before saving it."""

from __future__ import annotations

from datetime import date

from aiohttp import web

from ..errors import BadRequest
from ..keys import CASES, KNOWLEDGE
from .io import json_response, query_text

PREVIEW_FIELDS = ("policy", "clocks", "deadline", "deadline_source", "days_left", "window_state",
                  "window_used", "escalation_deadline", "who_refunds", "channels", "notes")


async def get_policies(request: web.Request) -> web.Response:
    """Every rule of the catalog (built-in plus the user's policies file) and its warnings."""
    knowledge = request.app[KNOWLEDGE]
    warnings = knowledge.loaded.warnings if knowledge.loaded else []
    return json_response({**knowledge.catalog.to_dict(), "warnings": warnings})


async def get_policy_match(request: web.Request) -> web.Response:
    """Vendor, seller and rule for a page, and the deadline an order on ``order_date`` would get."""
    url = query_text(request, "url", max_length=2048)
    if url is not None and not url.startswith(("http://", "https://")):
        raise BadRequest("url: must be an http(s) URL", fields={"url": "must be an http(s) URL"})
    product = query_text(request, "product", max_length=300)
    merchant = query_text(request, "merchant", max_length=200)
    seller = query_text(request, "seller", max_length=200)
    if not (url or product or merchant or seller):
        raise BadRequest("Give at least one of url, product, merchant, seller.",
                         fields={"url": "give a page URL, product, merchant or seller"})
    cases = request.app[CASES]
    today = cases.today()
    order_date = _query_date(request, "order_date") or today
    knowledge = request.app[KNOWLEDGE]
    match = knowledge.catalog.match(url=url, product=product, merchant=merchant, seller=seller)
    resolved = knowledge.resolve(url=url, product=product, merchant=merchant, seller=seller)
    hypothetical = {
        "id": "preview", "page_url": url, "product": product, "order_date": order_date.isoformat(),
        "vendor": _builtin(resolved.vendor), "seller": _builtin(resolved.seller),
        "purchase_source": resolved.purchase_source, "policy": {"rule_id": resolved.rule_id},
        "currency": query_text(request, "currency", max_length=3),
        "status": "captured", "status_history": [], "communications": [], "captures": [],
    }
    computed = knowledge.computed(hypothetical, today)
    return json_response({"match": match.to_dict(), "order_date": order_date.isoformat(),
                          **{k: computed.get(k) for k in PREVIEW_FIELDS}})


def _builtin(party):
    return {"name": party.name, "domain": party.domain} if party else None


def _query_date(request: web.Request, name: str) -> date | None:
    raw = query_text(request, name, max_length=10)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"{name}: must be a real date written YYYY-MM-DD",
                         fields={name: "must be a real date written YYYY-MM-DD"}) from None
