"""Every route in one table: method, path, handler, who may call it, and what it takes and gives.

The app registers these routes and the OpenAPI document is generated from the same table,
so the two cannot drift apart (tests/server/test_openapi.py checks it). What a route takes
and gives are classes of server/api/schemas.py; tests/server/test_response_shapes.py checks
every route's real answers against them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Literal

import msgspec
from aiohttp import web

from .api import cases, events, exports, feeds, health, pairing, policies, reminders, schemas, settings
from .openapi import build_document

# "feed_secret": the live calendar feed, the one route whose key is in its URL (calendar apps
# cannot send headers); the security middleware gives it rules of its own (see there).
Auth = Literal["none", "pairing_code", "token", "token_or_first_message", "feed_secret"]


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    type: str = "string"
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    summary: str
    auth: Auth = "token"
    body: type | None = None
    query: tuple[Param, ...] = ()
    # status -> (description, the answer's shape in server/api/schemas.py, or None: not JSON
    # or not described)
    responses: dict[int, tuple[str, type | None]] = field(default_factory=dict)
    tag: str = "cases"


_document: list[bytes] = []


async def openapi_handler(request: web.Request) -> web.Response:
    """The OpenAPI document (built from this table on first use)."""
    if not _document:
        _document.append(msgspec.json.encode(build_document(ROUTES)))
    return web.Response(body=_document[0], content_type="application/json")


ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        "/api/v1/health",
        health.get_health,
        "Health and version; with client_id + nonce, an HMAC proving the server holds the client's pairing",
        auth="none",
        tag="server",
        query=(
            Param("client_id", "the paired client's id"),
            Param("nonce", "16-128 URL-safe random characters"),
        ),
        responses={200: ("Health", schemas.Health)},
    ),
    Route(
        "GET",
        "/api/v1/openapi.json",
        openapi_handler,
        "This document",
        tag="server",
        responses={200: ("OpenAPI 3 document", None)},
    ),
    Route(
        "POST",
        "/api/v1/pair",
        pairing.post_pair,
        "Trade a pairing code for a client token",
        auth="pairing_code",
        body=schemas.PairIn,
        tag="pairing",
        responses={201: ("Paired", schemas.Paired), 401: ("Wrong, used or expired code", schemas.Error)},
    ),
    Route(
        "POST",
        "/api/v1/pairing-codes",
        pairing.post_pairing_code,
        "A new short-lived single-use pairing code (local app only)",
        tag="pairing",
        responses={201: ("Pairing code", schemas.PairingCode)},
    ),
    Route(
        "GET",
        "/api/v1/clients",
        pairing.get_clients,
        "The paired browsers",
        tag="pairing",
        responses={200: ("Paired clients", schemas.ClientList)},
    ),
    Route(
        "DELETE",
        "/api/v1/clients/{client_id}",
        pairing.delete_client,
        "Revoke a paired browser",
        tag="pairing",
        responses={200: ("Revoked", schemas.Revoked), 404: ("No such client", schemas.Error)},
    ),
    Route(
        "POST",
        "/api/v1/captures",
        cases.post_capture,
        "An extracted order: a new case (201), merged into the same order's case or a repeated "
        "capture_id (200). A merge fills only the case's blanks, but replaces the line items when "
        "the capture lists some; `differences` lists the facts the capture states otherwise "
        "(`kept` says whose value the case has now)",
        body=schemas.CaptureIn,
        responses={
            200: ("Merged or repeated", schemas.CaptureResult),
            201: ("Created", schemas.CaptureResult),
        },
    ),
    Route(
        "GET",
        "/api/v1/cases",
        cases.get_cases,
        "Cases, filtered",
        query=(
            Param("status", "comma-separated statuses"),
            Param(
                "q",
                "words to search for, each anywhere in the case: its facts, "
                "account email, order number, items, status and "
                "communications (summary, reference, contact, body)",
            ),
            Param("due_within", "deadline or follow-up within this many days", "integer"),
            Param("archived", "exclude (default), include or only", enum=("exclude", "include", "only")),
            Param("domain", "the vendor's or seller's domain (a site the user is on)"),
            Param(
                "view",
                "full (default) or summary: only the fields a board shows (CaseSummary)",
                enum=("full", "summary"),
            ),
            Param("limit", "at most this many", "integer"),
            Param("offset", "skip this many", "integer"),
        ),
        responses={200: ("Cases", schemas.CaseList)},
    ),
    Route(
        "POST",
        "/api/v1/cases",
        cases.post_case,
        "Add a case by hand",
        body=schemas.CaseIn,
        responses={201: ("Created", schemas.CaseEnvelope)},
    ),
    Route(
        "GET",
        "/api/v1/cases/{case_id}",
        cases.get_case,
        "One case",
        responses={200: ("The case", schemas.CaseEnvelope), 404: ("No such case", schemas.Error)},
    ),
    Route(
        "PATCH",
        "/api/v1/cases/{case_id}",
        cases.patch_case,
        "Edit fields or move the status; "
        "with check=true, only check the edit: every check a save makes, nothing written",
        body=schemas.CasePatch,
        query=(
            Param(
                "check",
                "true: check only. 200 (the case as it is, unchanged) when the edit "
                "would be saved, else the error the save would give (422 naming the fields, "
                "409 for a status move that is not allowed); nothing is written, no event sent. The "
                'answer holds "checked": true (an older server ignores check and saves: '
                "check an empty edit {} first to tell)",
                enum=("true", "false"),
            ),
        ),
        responses={
            200: (
                'The case (with check=true: as it is, and "checked": true; the edit would be saved)',
                schemas.CaseEnvelope,
            ),
            404: ("No such case", schemas.Error),
            409: ("The status cannot move that way", schemas.Error),
            422: ("A field is invalid (error.fields names each)", schemas.Error),
        },
    ),
    Route(
        "DELETE",
        "/api/v1/cases/{case_id}",
        cases.delete_case,
        "Archive a case",
        responses={200: ("The archived case", schemas.CaseEnvelope), 404: ("No such case", schemas.Error)},
    ),
    Route(
        "POST",
        "/api/v1/cases/{case_id}/communications",
        cases.post_communication,
        "Log an email, chat transcript, call or note",
        body=schemas.CommunicationIn,
        responses={
            201: ("Logged", schemas.CommunicationResult),
            200: ("Already logged (repeated communication_id)", schemas.CommunicationResult),
            404: ("No such case", schemas.Error),
        },
    ),
    Route(
        "GET",
        "/api/v1/cases/{case_id}/templates/{kind}",
        cases.get_template,
        "A request, follow_up or escalation letter filled in from the case and its log",
        query=(Param("format", "text (default) or markdown", enum=("text", "markdown")),),
        responses={200: ("The letter", schemas.Letter), 404: ("No such case or kind", schemas.Error)},
    ),
    Route(
        "GET",
        "/api/v1/cases/{case_id}/dossier.md",
        cases.get_dossier_markdown,
        "The case's dossier as Markdown (facts, clocks, history, every communication)",
        tag="export",
        responses={200: ("Markdown", None), 404: ("No such case", schemas.Error)},
    ),
    Route(
        "GET",
        "/api/v1/cases/{case_id}/dossier.json",
        cases.get_dossier_json,
        "The case's dossier as JSON",
        tag="export",
        responses={200: ("The dossier", None), 404: ("No such case", schemas.Error)},
    ),
    Route(
        "GET",
        "/api/v1/policies",
        policies.get_policies,
        "The policy catalog and its warnings",
        tag="policies",
        responses={200: ("The catalog", None)},
    ),
    Route(
        "GET",
        "/api/v1/policies/match",
        policies.get_policy_match,
        "Which vendor, seller and rule apply to a page, and the deadline an order would get",
        tag="policies",
        query=(
            Param("url", "the order page"),
            Param("product", "the product's title"),
            Param("merchant", "the shop named on the page"),
            Param("seller", "the merchant of record / reseller named on the page"),
            Param("order_date", "YYYY-MM-DD (default: today)"),
            Param("currency", "ISO 4217 code, a hint to the buyer's region"),
        ),
        responses={200: ("The match and its deadline", schemas.PolicyMatch)},
    ),
    Route(
        "GET",
        "/api/v1/policies/official-domains",
        policies.get_official_table,
        "Each catalog party's official domains, brands and official contact channels",
        tag="policies",
        responses={200: ("The table", schemas.OfficialTable)},
    ),
    Route(
        "GET",
        "/api/v1/policies/official",
        policies.get_official,
        "Whether a URL's (or email address's) domain is a catalog party's own, or a look-alike "
        "using its brand",
        tag="policies",
        query=(Param("url", "an http(s) URL"), Param("email", "an email address (instead of url)")),
        responses={
            200: ("The verdict", schemas.OfficialVerdict),
            400: ("Neither url nor email, or not a valid one", schemas.Error),
        },
    ),
    Route(
        "GET",
        "/api/v1/reminders",
        reminders.get_reminders,
        "What is due: reminders of refund deadlines, follow-ups, auto-renewals and dispute "
        "deadlines at most `within` days ahead, plus overdue follow-ups, ordered by date",
        query=(Param("within", "days ahead, 0-366 (default 7)", "integer"),),
        responses={200: ("Reminders", schemas.ReminderList), 400: ("within is not 0-366", schemas.Error)},
    ),
    Route(
        "POST",
        "/api/v1/reminders/{reminder_id}/snooze",
        reminders.post_snooze,
        "Snooze a reminder for `days` days (1-30): not listed or sent until then, then again as new",
        body=schemas.ReminderSnoozeIn,
        responses={200: ("Snoozed", schemas.ReminderState), 404: ("No such reminder today", schemas.Error)},
    ),
    Route(
        "POST",
        "/api/v1/reminders/{reminder_id}/done",
        reminders.post_done,
        "Mark a reminder done: never listed or sent again (the case's later reminders still come)",
        body=schemas.ReminderDoneIn,
        responses={200: ("Done", schemas.ReminderState), 404: ("No such reminder today", schemas.Error)},
    ),
    Route(
        "GET",
        "/api/v1/statuses",
        cases.get_statuses,
        "The status machine, each status's short name and help line, the statuses that dispute "
        "the charge, and the days left at which a deadline is closing",
        tag="server",
        responses={200: ("Statuses", schemas.StatusTable)},
    ),
    Route(
        "GET",
        "/api/v1/settings",
        settings.get_settings,
        "The user's settings",
        tag="server",
        responses={200: ("Settings", schemas.SettingsEnvelope)},
    ),
    Route(
        "PATCH",
        "/api/v1/settings",
        settings.patch_settings,
        "Change the user's settings",
        body=schemas.SettingsPatch,
        tag="server",
        responses={200: ("Settings", schemas.SettingsEnvelope)},
    ),
    Route(
        "GET",
        "/api/v1/export.json",
        exports.get_export_json,
        "Every case as JSON",
        tag="export",
        responses={200: ("Export", schemas.Export)},
    ),
    Route(
        "GET",
        "/api/v1/export.csv",
        exports.get_export_csv,
        "Every case as CSV",
        tag="export",
        responses={200: ("CSV, one row a case", None)},
    ),
    Route(
        "GET",
        "/api/v1/export.ics",
        exports.get_export_ics,
        "Open cases' deadlines and follow-ups as iCalendar events (stable UIDs)",
        tag="export",
        responses={200: ("iCalendar", None)},
    ),
    Route(
        "POST",
        "/api/v1/calendar-feeds",
        feeds.post_calendar_feed,
        "A live calendar feed: a secret URL a calendar app subscribes to, serving what "
        "export.ics serves; the URL is in this answer only",
        body=schemas.CalendarFeedIn,
        tag="export",
        responses={201: ("The feed and its URL", schemas.CalendarFeedCreated)},
    ),
    Route(
        "GET",
        "/api/v1/calendar-feeds",
        feeds.get_calendar_feeds,
        "The calendar feeds (never their URLs)",
        tag="export",
        responses={200: ("Calendar feeds", schemas.CalendarFeedList)},
    ),
    Route(
        "DELETE",
        "/api/v1/calendar-feeds/{feed_id}",
        feeds.delete_calendar_feed,
        "Revoke a calendar feed: its URL answers 404 from then on",
        tag="export",
        responses={200: ("Revoked", schemas.Revoked), 404: ("No such feed", schemas.Error)},
    ),
    Route(
        "GET",
        "/calendar/{feed}",
        feeds.get_calendar,
        "The live calendar feed, `/calendar/<secret>.ics` (also HEAD): no token, the secret is "
        "the key; refused with any Origin, cross-site fetch metadata or Referer; an unknown or "
        "revoked secret is 404",
        auth="feed_secret",
        tag="export",
        responses={200: ("iCalendar", None), 404: ("Unknown or revoked feed", schemas.Error)},
    ),
    Route(
        "GET",
        "/api/v1/events",
        events.get_events,
        "WebSocket of case.created / case.updated / case.deleted (a capture's also say "
        '"cause": "capture" and its "result"); authenticate with the Authorization header '
        'or a first message {"type": "auth", "token": ...}',
        auth="token_or_first_message",
        tag="events",
        responses={101: ("Switching to WebSocket", None)},
    ),
)


def add_routes(app: web.Application) -> None:
    for route in ROUTES:
        if route.auth == "feed_secret":
            # Calendar apps check a feed with HEAD before they GET it.
            app.router.add_get(route.path, route.handler, name=_route_name(route), allow_head=True)
            continue
        app.router.add_route(route.method, route.path, route.handler, name=_route_name(route))


def _route_name(route: Route) -> str:
    # aiohttp route names allow letters, digits, '-', '_', '.', ':'
    return route.method + ":" + route.path.strip("/").replace("/", ".").replace("{", "").replace("}", "")


_BY_ROUTE_NAME = {_route_name(route): route for route in ROUTES}


def route_of(request: web.Request) -> Route | None:
    name = request.match_info.route.name
    return _BY_ROUTE_NAME.get(name) if name else None


def auth_mode_of(request: web.Request) -> Auth:
    route = route_of(request)
    return route.auth if route is not None else "none"
