"""Pairing a browser: a short code shown locally becomes a token kept by the extension."""

from __future__ import annotations

import asyncio

from aiohttp import web

from ..domain.inputs import PairIn
from ..errors import Forbidden, NotFound, Unauthorized
from ..keys import CLIENT, CLIENTS, EVENTS, PAIRING
from ..security.binding import request_origin
from ..security.clients import Client
from .io import json_response, read_json


def require_local(request: web.Request) -> Client:
    client: Client = request[CLIENT]
    if client.kind != "local":
        raise Forbidden("Only the local app (TUI, CLI) may do this.", code="local_only")
    return client


async def post_pair(request: web.Request) -> web.Response:
    """Trade a pairing code for a client token."""
    data = await read_json(request, PairIn)
    codes = request.app[PAIRING]
    if not codes.redeem(data.code):
        # Held back past a user's few typos: a guesser waits on every guess (a right code never).
        if delay := codes.miss_delay():
            await asyncio.sleep(delay)
        raise Unauthorized(
            "That pairing code is wrong, used or expired. Get a new one with "
            "'refunds pair' or the TUI's pair screen.",
            code="invalid_pairing_code",
            fields={"code": "wrong, used or expired"},
        )
    # The Origin passed check_origin: absent, or an extension's. The token works only from it.
    token, client = await request.app[CLIENTS].pair(data.client_name, request_origin(request))
    request.app[EVENTS].publish("client.paired", client=client)
    return json_response({"token": token, "client_id": client["id"], "client": client}, status=201)


async def post_pairing_code(request: web.Request) -> web.Response:
    """A new single-use pairing code (valid for minutes)."""
    require_local(request)
    issued = request.app[PAIRING].issue()
    from datetime import datetime, timezone

    expires = datetime.fromtimestamp(issued.expires_at, timezone.utc).isoformat(timespec="seconds")
    return json_response({"code": issued.code, "expires_at": expires, "expires_in": issued.ttl}, status=201)


async def get_clients(request: web.Request) -> web.Response:
    """The paired browsers."""
    return json_response({"clients": request.app[CLIENTS].paired()})


async def delete_client(request: web.Request) -> web.Response:
    """Revoke a paired browser's token (the local app may revoke any; a browser, itself)."""
    client: Client = request[CLIENT]
    client_id = request.match_info["client_id"]
    if client.kind != "local" and client.id != client_id:
        raise Forbidden("A browser may only unpair itself.", code="local_only")
    if not await request.app[CLIENTS].revoke(client_id):
        raise NotFound(f"No paired client {client_id!r}.", code="client_not_found")
    request.app[EVENTS].publish("client.revoked", client={"id": client_id})
    return json_response({"revoked": client_id})
