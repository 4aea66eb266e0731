"""Health, and the server's proof of identity to a paired client."""

from __future__ import annotations

import re

from aiohttp import web

from .. import __version__
from ..errors import BadRequest
from ..keys import CLIENTS, CONFIG, STORE
from ..login_service import service_installed
from ..security.tokens import identity_proof
from .io import json_response

SERVICE = "refund-tracker"
_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


async def get_health(request: web.Request) -> web.Response:
    """`{status, version}`; with `client_id` and `nonce`, also an HMAC proving who answers."""
    store = request.app[STORE]
    body: dict[str, object] = {
        "status": "ok" if store.last_error is None else "degraded",
        "service": SERVICE,
        "version": __version__,
        # The user's local date as the server counts deadlines (clients draw calendars from it).
        "today": request.app[CONFIG].clock.today().isoformat(),
        # Whether `refunds service install` set it to start at login (the TUI's header says so).
        "login_service": service_installed(),
    }
    if store.last_error is not None:
        body["problem"] = store.last_error
    client_id, nonce = request.query.get("client_id"), request.query.get("nonce")
    if client_id is not None or nonce is not None:
        if not client_id or not nonce or not _NONCE.match(nonce) or len(client_id) > 64:
            raise BadRequest(
                "Send client_id and a nonce of 16-128 URL-safe characters.",
                fields={"nonce": "16-128 characters of A-Z, a-z, 0-9, - or _"},
            )
        stored = request.app[CLIENTS].stored_hash(client_id)
        body["paired"] = stored is not None
        body["proof"] = identity_proof(stored, nonce) if stored else None
    return json_response(body)
