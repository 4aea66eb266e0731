"""The OpenAPI 3 document, generated from the route table and the msgspec Structs."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, Literal

import msgspec
from aiohttp import web

from . import __version__
from .domain import models
from .domain.reminders import Reminder
from .routes import ROUTES, Route

JSON = "application/json"


# -- response shapes (for the document; handlers build the same dicts) ----------------------
class ErrorDetail(msgspec.Struct):
    code: str
    message: str
    fields: dict[str, str]


class Error(msgspec.Struct):
    error: ErrorDetail


class Health(msgspec.Struct):
    status: Literal["ok", "degraded"]
    service: str
    version: str
    today: date
    login_service: bool = False
    problem: str | None = None
    paired: bool | None = None
    proof: str | None = None


class ClientInfo(msgspec.Struct):
    id: str
    name: str
    kind: str
    created_at: str


class Paired(msgspec.Struct):
    token: str
    client_id: str
    client: ClientInfo


class PairingCode(msgspec.Struct):
    code: str
    expires_at: str
    expires_in: int


class ClientList(msgspec.Struct):
    clients: list[ClientInfo]


class Revoked(msgspec.Struct):
    revoked: str


class CalendarFeed(msgspec.Struct):
    id: str
    name: str
    created_at: str


class CalendarFeedWithUrl(msgspec.Struct):
    """``url``: http://127.0.0.1:PORT/calendar/<secret>.ics, given once, at creation."""

    id: str
    name: str
    created_at: str
    url: str


class CalendarFeedCreated(msgspec.Struct):
    feed: CalendarFeedWithUrl


class CalendarFeedList(msgspec.Struct):
    feeds: list[CalendarFeed]


class Clock(msgspec.Struct):
    kind: Literal["refund", "escalation"]
    id: str
    label: str
    start: date
    deadline: date
    days_left: int
    open: bool
    source: str
    source_url: str | None = None
    verified: bool = True
    note: str | None = None


class WhoRefunds(msgspec.Struct):
    """Who takes the refund request; ``name`` is null when that is not known yet (``why`` then
    says what to add)."""

    name: str | None
    domain: str | None
    why: str


class ChecklistItem(msgspec.Struct):
    id: str
    label: str
    present: bool
    hint: str


class RenewalRule(msgspec.Struct):
    """What the case's rule says of renewal charges (given only when the case renews)."""

    rule: str
    covered: bool
    window_days: int | None
    note: str | None
    source_url: str | None


class CaseView(models.Case, kw_only=True):
    """A stored case plus the fields computed when it is read (see server/policies/clocks.py)."""

    policy: dict[str, Any] = {}  # the resolved rule and which of its values the user overrode
    clocks: list[Clock] = []
    deadline: date | None = None
    deadline_source: str | None = None
    days_left: int | None = None
    window_state: Literal["open", "closing", "expired", "unknown"] = "unknown"
    window_used: float | None = None
    escalation_deadline: date | None = None
    escalation_days_left: int | None = None
    escalation_clock: str | None = None
    buyer_region: dict[str, Any] | None = None
    who_refunds: WhoRefunds | None = None
    channels: list[dict[str, Any]] = []
    contact_pages: list[dict[str, Any]] = []  # [{party, url}]: where phone numbers are listed
    checklist: list[ChecklistItem] = []
    renewal_rule: RenewalRule | None = None
    notes: list[str] = []
    as_of: date | None = None
    timezone: str | None = None
    status_label: str = ""
    next_statuses: list[str] = []
    is_open: bool = True


class Letter(msgspec.Struct):
    kind: Literal["request", "follow_up", "escalation"]
    format: Literal["text", "markdown"]
    text: str


class PolicyMatch(msgspec.Struct):
    match: dict[str, Any]
    order_date: date
    policy: dict[str, Any]
    clocks: list[Clock]
    deadline: date | None
    deadline_source: str | None
    days_left: int | None
    window_state: str
    window_used: float | None
    escalation_deadline: date | None
    who_refunds: WhoRefunds | None
    channels: list[dict[str, Any]]
    contact_pages: list[dict[str, Any]]
    notes: list[str]


class OfficialParty(msgspec.Struct):
    """A catalog party as the look-alike guard sees it (server/policies/lookalike.py)."""

    id: str
    name: str
    kind: str
    brands: list[str]
    brand_is_common_word: bool
    official_domains: list[str]  # registrable domains: its own and its merchants of record's
    own_domains: list[str]  # its own among them
    contact_page: str | None
    channels: list[dict[str, Any]]


class OfficialTable(msgspec.Struct):
    parties: list[OfficialParty]


class OfficialVerdict(msgspec.Struct):
    """Whether a URL's or email address's domain is a catalog party's own, or borrows its brand."""

    domain: str | None
    official: bool
    lookalike: bool
    party: OfficialParty | None


class CaseEnvelope(msgspec.Struct):
    case: CaseView


class CaptureDifference(msgspec.Struct):
    """A fact a merged capture states otherwise than the case. ``kept``: the value the case has
    now: its own ("case"), or the capture's for the line items, which a capture listing them
    replaces ("capture")."""

    field: str
    case: Any
    capture: Any
    kept: Literal["case", "capture"]


class CaptureResult(msgspec.Struct):
    """``differences``: for result "merged", each capture field (but page_url, page_title and
    order_number) that both the case and the capture give, and that differ (amounts compared as
    decimals, text ignoring spacing and letter case, items line by line). Empty when created or
    unchanged."""

    case: CaseView
    result: Literal["created", "merged", "unchanged"]
    differences: list[CaptureDifference]


class CaseList(msgspec.Struct):
    cases: list[CaseView]
    total: int


class CommunicationResult(msgspec.Struct):
    case: CaseView
    communication: models.Communication


class StatusInfo(msgspec.Struct):
    status: str
    label: str
    next: list[str]
    open: bool


class StatusTable(msgspec.Struct):
    """``short``: each status's short name (a board's column); ``help``: what moving to it
    means, a line; ``disputing``: the statuses in which the charge is disputed (after a
    refusal: the dispute deadline is the one that matters, no follow-ups); ``closing_days``: a
    deadline at most this many days away is closing (``window_state``)."""

    statuses: list[StatusInfo]
    short: dict[str, str]
    help: dict[str, str]
    disputing: list[str]
    closing_days: int


class Settings(msgspec.Struct):
    id: str
    country: str | None
    region: str | None
    locale: str | None
    subdivision: str | None = None
    timezone: str | None = None
    name: str | None = None
    desktop_notifications: bool = True
    push_urls: list[str] = []


class SettingsEnvelope(msgspec.Struct):
    settings: Settings


class Export(msgspec.Struct):
    exported_at: str
    version: str
    cases: list[CaseView]


class ListedReminder(Reminder, frozen=True, kw_only=True):
    """A reminder and what became of it: the channels it was sent on, whether late."""

    sent: list[str] = []
    late: bool = False
    snoozed_until: date | None = None


class ReminderList(msgspec.Struct):
    """``as_of``: the day the reminders were worked out for (the user's today)."""

    reminders: list[ListedReminder]
    as_of: date


class ReminderState(msgspec.Struct):
    reminder_id: str
    snoozed_until: date | None = None
    done_at: str | None = None


RESPONSES: dict[str, type] = {cls.__name__: cls for cls in (
    Error, Health, models.CaseSummary, Letter, PolicyMatch, OfficialTable, OfficialVerdict, Paired, PairingCode, ClientList, Revoked, CaseEnvelope, CaptureResult, CaseList,
    CommunicationResult, StatusTable, SettingsEnvelope, Export, ReminderList, ReminderState,
    CalendarFeedCreated, CalendarFeedList)}

_COMMON_ERRORS = {400: "Malformed request", 401: "Missing or invalid token",
                  403: "Refused (web origin, host or local-only)", 413: "Body too large",
                  415: "Body is not JSON", 422: "A field is not valid"}


@lru_cache(maxsize=1)
def build_document() -> dict[str, Any]:
    bodies = [r.body for r in ROUTES if r.body is not None]
    (_, components) = msgspec.json.schema_components(
        [*bodies, *RESPONSES.values()], ref_template="#/components/schemas/{name}")
    paths: dict[str, dict[str, Any]] = {}
    for route in ROUTES:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Refund Tracker local API", "version": __version__,
                 "description": "Loopback-only API of the Refund Tracker server. Every call but "
                                "health, pair and this document needs 'Authorization: Bearer <token>'."},
        "servers": [{"url": "http://127.0.0.1:41731"}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _operation(route: Route) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": route.handler.__name__,
        "summary": route.summary,
        "tags": [route.tag],
        "responses": {},
    }
    if route.auth in ("token", "token_or_first_message"):
        op["security"] = [{"bearer": []}]
    params = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
              for name in _path_params(route.path)]
    for p in route.query:
        schema: dict[str, Any] = {"type": p.type}
        if p.enum:
            schema["enum"] = list(p.enum)
        params.append({"name": p.name, "in": "query", "required": False,
                       "description": p.description, "schema": schema})
    if params:
        op["parameters"] = params
    if route.body is not None:
        op["requestBody"] = {"required": True, "content": {JSON: {"schema": {
            "$ref": f"#/components/schemas/{route.body.__name__}"}}}}
    for status, (description, schema_name) in route.responses.items():
        response: dict[str, Any] = {"description": description}
        if schema_name:
            response["content"] = {JSON: {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}
        op["responses"][str(status)] = response
    error_ref = {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}
    for status, description in _COMMON_ERRORS.items():
        if route.auth in ("none", "feed_secret") and status in (401, 415, 422):
            continue
        op["responses"].setdefault(str(status), {"description": description, "content": error_ref})
    return op


def _path_params(path: str) -> list[str]:
    return [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]


def openapi_response(request: web.Request) -> web.Response:
    return web.Response(body=msgspec.json.encode(build_document()), content_type=JSON)
