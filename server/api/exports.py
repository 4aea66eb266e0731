"""Exports of every case: JSON (everything) and CSV (one row a case, for a spreadsheet)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from aiohttp import web

from .. import __version__
from ..domain.items import items_summary
from ..keys import CASE_SERVICE, CONFIG
from .io import json_response

CSV_COLUMNS = (
    "id",
    "status",
    "vendor",
    "seller",
    "purchase_source",
    "product",
    "items",
    "plan",
    "order_number",
    "order_date",
    "amount",
    "currency",
    "account_email",
    "payment_method",
    "auto_renews",
    "renewal_date",
    "deadline",
    "days_left",
    "window_state",
    "follow_up_on",
    "refund_amount",
    "refund_date",
    "created_at",
    "updated_at",
    "archived_at",
    "page_url",
)


def all_cases(request: web.Request) -> list[dict[str, Any]]:
    return request.app[CASE_SERVICE].list(archived="include")


def export_document(cases: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    return {"exported_at": now.isoformat(timespec="seconds"), "version": __version__, "cases": cases}


async def get_export_json(request: web.Request) -> web.Response:
    """Every case (archived too) with its computed fields."""
    response = json_response(export_document(all_cases(request), request.app[CONFIG].clock.now()))
    response.headers["Content-Disposition"] = 'attachment; filename="refunds.json"'
    return response


async def get_export_csv(request: web.Request) -> web.Response:
    """One row a case."""
    response = web.Response(text=cases_csv(all_cases(request)), content_type="text/csv", charset="utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="refunds.csv"'
    return response


def cases_csv(cases: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for case in cases:
        writer.writerow([_cell(value) for value in _row(case)])
    return out.getvalue()


def _row(case: dict[str, Any]) -> list[Any]:
    refund = case.get("refund") or {}
    flat = {
        **case,
        "vendor": (case.get("vendor") or {}).get("name"),
        "seller": (case.get("seller") or {}).get("name"),
        "items": items_summary(case.get("items")) or None,
        "refund_amount": refund.get("amount"),
        "refund_date": refund.get("date"),
    }
    return [flat.get(column) for column in CSV_COLUMNS]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return str(value)
    text = value
    # A cell starting with = + - @ is a formula to a spreadsheet: captured page text must
    # never run as one.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def open_cases_ics(request: web.Request) -> bytes:
    """The iCalendar document of every open case's dates: the export and the live calendar
    feed (server/api/feeds.py) both serve this one."""
    from ..policies import export_ics

    service = request.app[CASE_SERVICE]
    pairs = [(service.stored(view["id"]), view) for view in service.list() if view["is_open"]]
    return export_ics(pairs, request.app[CONFIG].clock.now())


async def get_export_ics(request: web.Request) -> web.Response:
    """Every open case's refund deadline and follow-up as calendar events with alarms."""
    body = open_cases_ics(request)
    response = web.Response(body=body, content_type="text/calendar", charset="utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="refund-deadlines.ics"'
    return response
