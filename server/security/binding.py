"""A token is bound to the Origin it was paired from (README, security model)."""

from __future__ import annotations

from aiohttp import web

from ..errors import Forbidden
from ..keys import CLIENTS
from .clients import UNRECORDED, Client


def request_origin(request: web.Request) -> str | None:
    """The request's Origin (the middleware let only an extension's through), without a final "/"."""
    origin = request.headers.get("Origin")
    return origin.rstrip("/") if origin is not None else None


async def check_token_origin(request: web.Request, client: Client) -> Client:
    """A token works only from the Origin it was paired from (none, for the local token): another
    extension, or a page of this one sending the CLI's token, is refused."""
    origin = request_origin(request)
    if origin is not None and client.origin == UNRECORDED and client.kind == "extension":
        client = await request.app[CLIENTS].bind_origin(client, origin)
    if not client.accepts_origin(origin):
        raise Forbidden(
            "This token was not paired from this origin; pair this browser again from "
            "the extension's options page.",
            code="token_origin_mismatch",
        )
    return client
