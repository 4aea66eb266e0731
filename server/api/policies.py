"""The policy catalog, and which rule (and deadline) would apply to a page before saving it."""

from __future__ import annotations

from datetime import date

from aiohttp import web

from ..errors import BadRequest
from ..keys import CASE_SERVICE, POLICIES
from ..policies.catalog import Catalog
from ..policies.lookalike import OfficialParty, check, official_parties
from ..policies.text_index import host_of, registrable_domain
from .io import json_response, query_text

PREVIEW_FIELDS = (
    "policy",
    "clocks",
    "deadline",
    "deadline_source",
    "days_left",
    "window_state",
    "window_used",
    "escalation_deadline",
    "who_refunds",
    "channels",
    "contact_pages",
    "notes",
)


async def get_policies(request: web.Request) -> web.Response:
    """Every rule of the catalog (built-in plus the user's policies file) and its warnings."""
    knowledge = request.app[POLICIES]
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
        raise BadRequest(
            "Give at least one of url, product, merchant, seller.",
            fields={"url": "give a page URL, product, merchant or seller"},
        )
    cases = request.app[CASE_SERVICE]
    today = cases.today()
    order_date = _query_date(request, "order_date") or today
    knowledge = request.app[POLICIES]
    match = knowledge.catalog.match(url=url, product=product, merchant=merchant, seller=seller)
    resolved = knowledge.resolve(url=url, product=product, merchant=merchant, seller=seller)
    hypothetical = {
        "id": "preview",
        "page_url": url,
        "product": product,
        "order_date": order_date.isoformat(),
        "vendor": _builtin(resolved.vendor),
        "seller": _builtin(resolved.seller),
        "purchase_source": resolved.purchase_source,
        "policy": {"rule_id": resolved.rule_id},
        "currency": query_text(request, "currency", max_length=3),
        "status": "captured",
        "status_history": [],
        "communications": [],
        "captures": [],
    }
    computed = knowledge.computed(hypothetical, today)
    return json_response(
        {
            "match": match.to_dict(),
            "order_date": order_date.isoformat(),
            **{k: computed.get(k) for k in PREVIEW_FIELDS},
        }
    )


_PARTIES: dict[int, tuple[Catalog, list[OfficialParty]]] = {}


def _official_parties(request: web.Request) -> list[OfficialParty]:
    catalog = request.app[POLICIES].catalog
    cached = _PARTIES.get(id(catalog))
    if cached is None or cached[0] is not catalog:  # the catalog was reloaded
        _PARTIES.clear()
        cached = _PARTIES[id(catalog)] = (catalog, official_parties(catalog))
    return cached[1]


async def get_official_table(request: web.Request) -> web.Response:
    """Every catalog party's official domains, brands and official channels (what the
    extension's look-alike guard needs, cached there)."""
    return json_response({"parties": [p.to_dict() for p in _official_parties(request)]})


async def get_official(request: web.Request) -> web.Response:
    """Whether ``url`` (or ``email``'s domain) is a catalog party's official site, or a
    look-alike using its brand (judged by the domain alone)."""
    url = query_text(request, "url", max_length=2048)
    email = query_text(request, "email", max_length=254)
    if url is None and email is None:
        raise BadRequest(
            "url: give a URL (or email: an address) to check",
            fields={"url": "give a URL or an email address to check"},
        )
    if url is not None and email is not None:
        raise BadRequest(
            "email: give url or email, not both", fields={"email": "give url or email, not both"}
        )
    if url is not None:
        host = host_of(url) if url.startswith(("http://", "https://")) else None
        if not host or registrable_domain(host) is None:
            raise BadRequest(
                "url: must be an http(s) URL with a public domain name",
                fields={"url": "must be an http(s) URL with a public domain name"},
            )
        target = url
    else:
        assert email is not None  # url or email, checked above
        local, _, domain = email.rpartition("@")
        if not local or registrable_domain(host_of(domain)) is None or " " in email:
            raise BadRequest(
                "email: must be an email address with a public domain name",
                fields={"email": "must be an email address with a public domain name"},
            )
        target = email
    verdict = check(target, _official_parties(request))
    party = verdict["party"]
    return json_response({**verdict, "party": party.to_dict() if party else None})


def _builtin(party):
    return {"name": party.name, "domain": party.domain} if party else None


def _query_date(request: web.Request, name: str) -> date | None:
    raw = query_text(request, name, max_length=10)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(
            f"{name}: must be a real date written YYYY-MM-DD",
            fields={name: "must be a real date written YYYY-MM-DD"},
        ) from None
