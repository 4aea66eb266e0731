"""Every route's real answers have exactly the shape its route names (server/api/schemas.py).

A real server on a temp data dir is driven through every route of the table, and each
answer is decoded against a strict copy of the schema class the route names for that
status: every field required, no unknown field, the same types. So a handler that adds,
drops or renames a field, or changes a field's type, fails here (the OpenAPI document is
generated from the same classes, tests/server/test_openapi.py). Error answers are checked
against the Error schema. At the end every (route, status) the table describes must have
been seen.
"""

from __future__ import annotations

import types
import typing
from datetime import date, timedelta
from typing import Annotated

import msgspec
import pytest

from server.api import schemas
from server.keys import CLIENTS
from server.routes import ROUTES
from tests.conftest import TODAY

from .helpers import capture

EXTENSION_ORIGIN = "chrome-extension://" + "a" * 32
_BY_KEY = {(route.method, route.path): route for route in ROUTES}


# -- strict copies of the schema classes ---------------------------------------------------
_strict: dict[type, type] = {}


def strict(cls: type) -> type:
    """A copy of a Struct type whose every field is required (but those the schema says may be
    absent: typed ``... | UnsetType``) and that refuses unknown fields (nested Structs too);
    types and value constraints are kept."""

    def tighten(tp):
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is Annotated:
            return Annotated[(tighten(args[0]), *tp.__metadata__)]
        if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
            return strict(tp)
        if origin in (typing.Union, types.UnionType):
            return typing.Union[tuple(tighten(a) for a in args)]  # noqa: UP007 (built from a runtime tuple: no X | Y spelling)
        if origin in (list, dict, tuple) and args:
            return origin[tuple(tighten(a) for a in args)]
        return tp

    if cls not in _strict:
        _strict[cls] = msgspec.defstruct(f"Strict{cls.__name__}", [], forbid_unknown_fields=True)
        fields = [
            (
                info.name,
                tighten(info.type),
                msgspec.field(name=info.encode_name, default=msgspec.UNSET)
                if _may_be_absent(info.type)
                else msgspec.field(name=info.encode_name),
            )
            for info in msgspec.structs.fields(cls)
        ]
        _strict[cls] = msgspec.defstruct(
            f"Strict{cls.__name__}", fields, kw_only=True, forbid_unknown_fields=True
        )
    return _strict[cls]


def _may_be_absent(tp) -> bool:
    if typing.get_origin(tp) is Annotated:
        return _may_be_absent(typing.get_args(tp)[0])
    return tp is msgspec.UnsetType or any(
        _may_be_absent(a)
        for a in typing.get_args(tp)
        if typing.get_origin(tp) in (typing.Union, types.UnionType)
    )


def test_the_strict_copy_catches_an_added_a_missing_and_a_retyped_field():
    good = b'{"code": "123456", "expires_at": "2026-11-26T10:00:00Z", "expires_in": 300}'
    msgspec.json.decode(good, type=strict(schemas.PairingCode))
    for bad in (
        b'{"code": "1", "expires_at": "x", "expires_in": 300, "extra": 1}',
        b'{"code": "1", "expires_at": "x"}',
        b'{"code": "1", "expires_at": "x", "expires_in_s": 300}',
        b'{"code": "1", "expires_at": "x", "expires_in": "300"}',
    ):
        with pytest.raises(msgspec.ValidationError):
            msgspec.json.decode(bad, type=strict(schemas.PairingCode))


# -- the walk through every route ----------------------------------------------------------
class Seen:
    def __init__(self) -> None:
        self.statuses: set[tuple[str, str, int]] = set()

    async def check(self, method: str, path: str, response, status: int, shape: type | None = None) -> dict:
        """``response`` answered (method, path): it has ``status`` and the shape the route names
        for it (``shape``: another, for an answer the query changes, ?view=summary)."""
        route = _BY_KEY[(method, path)]
        raw = await response.read()
        assert response.status == status, (method, path, raw[:500])
        if status in route.responses:
            named = route.responses[status][1]
        else:
            assert status >= 400, f"{method} {path} answered {status}, which its route does not describe"
            named = schemas.Error
        if status >= 400:
            assert named is schemas.Error, (method, path, status)
        shape = shape or named
        if shape is not None:
            try:
                msgspec.json.decode(raw, type=strict(shape))
            except msgspec.ValidationError as error:
                pytest.fail(f"{method} {path} {status}: not a {shape.__name__}: {error}\n{raw[:1000]!r}")
        self.statuses.add((method, path, status))
        return msgspec.json.decode(raw) if shape is not None else {}


async def test_every_route_answers_with_the_shape_its_route_names(client, anon, app):
    seen = Seen()
    check = seen.check

    # -- server
    await check("GET", "/api/v1/health", await anon.get("/api/v1/health"), 200)
    await check("GET", "/api/v1/openapi.json", await client.get("/api/v1/openapi.json"), 200)
    await check("GET", "/api/v1/statuses", await client.get("/api/v1/statuses"), 200)
    await check("GET", "/api/v1/settings", await client.get("/api/v1/settings"), 200)
    await check(
        "PATCH",
        "/api/v1/settings",
        await client.patch(
            "/api/v1/settings", json={"country": "US", "name": "Jordan Lee", "timezone": "America/New_York"}
        ),
        200,
    )

    # -- pairing
    code = await check(
        "POST", "/api/v1/pairing-codes", await client.post("/api/v1/pairing-codes", json={}), 201
    )
    no_token = {"Authorization": "", "Origin": EXTENSION_ORIGIN}
    await check(
        "POST",
        "/api/v1/pair",
        await client.post("/api/v1/pair", json={"code": "000000", "client_name": "Chrome"}, headers=no_token),
        401,
    )
    paired = await check(
        "POST",
        "/api/v1/pair",
        await client.post(
            "/api/v1/pair", json={"code": code["code"], "client_name": "Chrome"}, headers=no_token
        ),
        201,
    )
    health = await check(
        "GET",
        "/api/v1/health",
        await anon.get("/api/v1/health", params={"client_id": paired["client_id"], "nonce": "n" * 20}),
        200,
    )
    assert health["paired"] is True and health["proof"]
    await check("GET", "/api/v1/clients", await client.get("/api/v1/clients"), 200)
    await check(
        "DELETE",
        "/api/v1/clients/{client_id}",
        await client.delete(f"/api/v1/clients/{paired['client_id']}"),
        200,
    )
    await check("DELETE", "/api/v1/clients/{client_id}", await client.delete("/api/v1/clients/nobody"), 404)

    # -- cases
    ordered = (TODAY - timedelta(days=27)).isoformat()  # 3 days left of a 30-day window
    body = capture(
        order_date=ordered, renewal_date=(date.fromisoformat(ordered) + timedelta(days=366)).isoformat()
    )
    created = await check("POST", "/api/v1/captures", await client.post("/api/v1/captures", json=body), 201)
    await check("POST", "/api/v1/captures", await client.post("/api/v1/captures", json=body), 200)
    merged = await check(
        "POST",
        "/api/v1/captures",
        await client.post(
            "/api/v1/captures",
            json={
                **body,
                "capture_id": "cap-again",
                "amount": "59.95",
                "items": [{"name": "Maximum Security", "quantity": 1, "price": "59.95"}],
            },
        ),
        200,
    )
    assert merged["result"] == "merged" and merged["differences"]
    case_id = created["case"]["id"]
    one = f"/api/v1/cases/{case_id}"
    await check("GET", "/api/v1/cases", await client.get("/api/v1/cases"), 200)
    await check(
        "GET",
        "/api/v1/cases",
        await client.get("/api/v1/cases?view=summary"),
        200,
        shape=schemas.CaseSummaryList,
    )
    by_hand = await check(
        "POST",
        "/api/v1/cases",
        await client.post(
            "/api/v1/cases",
            json={
                "vendor": {"name": "Acme Fitness", "domain": "acme.example"},
                "product": "Gym membership",
                "amount": "30.00",
                "currency": "USD",
                "order_date": ordered,
            },
        ),
        201,
    )
    await check("GET", "/api/v1/cases/{case_id}", await client.get(one), 200)
    await check("GET", "/api/v1/cases/{case_id}", await client.get("/api/v1/cases/nope"), 404)
    await check(
        "PATCH",
        "/api/v1/cases/{case_id}",
        await client.patch(
            one,
            json={
                "status": "requested",
                "follow_up_on": (TODAY + timedelta(days=2)).isoformat(),
                "refund": {"amount": "49.95"},
            },
        ),
        200,
    )
    await check("PATCH", "/api/v1/cases/{case_id}", await client.patch(one, json={"status": "captured"}), 409)
    await check("PATCH", "/api/v1/cases/{case_id}", await client.patch("/api/v1/cases/nope", json={}), 404)
    await check(
        "PATCH", "/api/v1/cases/{case_id}", await client.patch(one, json={"order_date": "2026-02-30"}), 422
    )
    await check(
        "PATCH",
        "/api/v1/cases/{case_id}",
        await client.patch(f"{one}?check=true", json={"reason": "checked, not saved"}),
        200,
    )
    await check(
        "POST",
        "/api/v1/cases/{case_id}/communications",
        await client.post(
            f"{one}/communications",
            json={
                "channel": "email",
                "summary": "Asked for the refund",
                "communication_id": "c-1",
                "reference": "TM-1",
            },
        ),
        201,
    )
    await check(
        "POST",
        "/api/v1/cases/{case_id}/communications",
        await client.post(
            f"{one}/communications",
            json={
                "channel": "email",
                "summary": "Asked for the refund",
                "communication_id": "c-1",
                "reference": "TM-1",
            },
        ),
        200,
    )
    await check(
        "POST",
        "/api/v1/cases/{case_id}/communications",
        await client.post("/api/v1/cases/nope/communications", json={"channel": "note", "summary": "x"}),
        404,
    )
    for kind in ("request", "follow_up", "escalation"):
        await check(
            "GET",
            "/api/v1/cases/{case_id}/templates/{kind}",
            await client.get(f"{one}/templates/{kind}?format=markdown"),
            200,
        )
    await check(
        "GET", "/api/v1/cases/{case_id}/templates/{kind}", await client.get(f"{one}/templates/poem"), 404
    )
    await check("GET", "/api/v1/cases/{case_id}/dossier.md", await client.get(f"{one}/dossier.md"), 200)
    await check(
        "GET", "/api/v1/cases/{case_id}/dossier.md", await client.get("/api/v1/cases/nope/dossier.md"), 404
    )
    await check("GET", "/api/v1/cases/{case_id}/dossier.json", await client.get(f"{one}/dossier.json"), 200)
    await check(
        "GET",
        "/api/v1/cases/{case_id}/dossier.json",
        await client.get("/api/v1/cases/nope/dossier.json"),
        404,
    )

    # -- policies
    await check("GET", "/api/v1/policies", await client.get("/api/v1/policies"), 200)
    await check(
        "GET",
        "/api/v1/policies/match",
        await client.get(
            "/api/v1/policies/match",
            params={
                "url": body["page_url"],
                "product": body["product"],
                "seller": "Digital River",
                "order_date": ordered,
                "currency": "USD",
            },
        ),
        200,
    )
    await check(
        "GET", "/api/v1/policies/official-domains", await client.get("/api/v1/policies/official-domains"), 200
    )
    await check(
        "GET",
        "/api/v1/policies/official",
        await client.get(
            "/api/v1/policies/official", params={"url": "https://www.trendmicro.com/en_us/contact.html"}
        ),
        200,
    )
    await check(
        "GET",
        "/api/v1/policies/official",
        await client.get("/api/v1/policies/official", params={"email": "support@trendmicro-refunds.example"}),
        200,
    )
    await check("GET", "/api/v1/policies/official", await client.get("/api/v1/policies/official"), 400)

    # -- reminders
    await client.post("/api/v1/captures", json=capture(order_number="16739482299", order_date=ordered))
    listed = await check("GET", "/api/v1/reminders", await client.get("/api/v1/reminders?within=30"), 200)
    await check("GET", "/api/v1/reminders", await client.get("/api/v1/reminders?within=999"), 400)
    first, second = listed["reminders"][0]["id"], listed["reminders"][1]["id"]
    await check(
        "POST",
        "/api/v1/reminders/{reminder_id}/snooze",
        await client.post(f"/api/v1/reminders/{first}/snooze", json={"days": 3}),
        200,
    )
    await check(
        "POST",
        "/api/v1/reminders/{reminder_id}/snooze",
        await client.post("/api/v1/reminders/nope/snooze", json={"days": 3}),
        404,
    )
    await check(
        "POST",
        "/api/v1/reminders/{reminder_id}/done",
        await client.post(f"/api/v1/reminders/{second}/done", json={}),
        200,
    )
    await check(
        "POST",
        "/api/v1/reminders/{reminder_id}/done",
        await client.post("/api/v1/reminders/nope/done", json={}),
        404,
    )
    listed = await check("GET", "/api/v1/reminders", await client.get("/api/v1/reminders?within=30"), 200)

    # -- export and calendar feeds
    await check("GET", "/api/v1/export.json", await client.get("/api/v1/export.json"), 200)
    await check("GET", "/api/v1/export.csv", await client.get("/api/v1/export.csv"), 200)
    await check("GET", "/api/v1/export.ics", await client.get("/api/v1/export.ics"), 200)
    feed = (
        await check(
            "POST",
            "/api/v1/calendar-feeds",
            await client.post("/api/v1/calendar-feeds", json={"name": "Phone"}),
            201,
        )
    )["feed"]
    await check("GET", "/api/v1/calendar-feeds", await client.get("/api/v1/calendar-feeds"), 200)
    secret_path = "/calendar/" + feed["url"].rsplit("/calendar/", 1)[1]
    await check("GET", "/calendar/{feed}", await anon.get(secret_path), 200)
    await check(
        "DELETE",
        "/api/v1/calendar-feeds/{feed_id}",
        await client.delete(f"/api/v1/calendar-feeds/{feed['id']}"),
        200,
    )
    await check(
        "DELETE", "/api/v1/calendar-feeds/{feed_id}", await client.delete("/api/v1/calendar-feeds/nope"), 404
    )
    await check("GET", "/calendar/{feed}", await anon.get(secret_path), 404)

    # -- archive, then the event stream
    await check(
        "DELETE",
        "/api/v1/cases/{case_id}",
        await client.delete(f"/api/v1/cases/{by_hand['case']['id']}"),
        200,
    )
    await check("DELETE", "/api/v1/cases/{case_id}", await client.delete("/api/v1/cases/nope"), 404)
    await check("GET", "/api/v1/cases", await client.get("/api/v1/cases?archived=only"), 200)
    ws = await client.ws_connect("/api/v1/events")
    seen.statuses.add(("GET", "/api/v1/events", 101))  # the handshake succeeded
    assert (await ws.receive_json(timeout=5))["type"] == "ready"
    await client.post("/api/v1/captures", json=capture(order_number="EV-1"))
    assert (await ws.receive_json(timeout=5))["type"] == "case.created"
    await ws.close()

    # -- the common errors have the error shape too
    await check("GET", "/api/v1/cases", await anon.get("/api/v1/cases"), 401)
    await check("POST", "/api/v1/cases", await client.post("/api/v1/cases", json={"amount": "lots"}), 422)
    await check(
        "POST",
        "/api/v1/cases",
        await client.post("/api/v1/cases", data=b"{", headers={"Content-Type": "application/json"}),
        400,
    )
    await check(
        "POST",
        "/api/v1/cases",
        await client.post("/api/v1/cases", data=b"x=1", headers={"Content-Type": "text/plain"}),
        415,
    )
    assert app[CLIENTS].local_token  # the client above used it

    described = {(route.method, route.path, status) for route in ROUTES for status in route.responses}
    assert described - seen.statuses == set(), "routes' answers this test did not drive"
