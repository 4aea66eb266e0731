"""The events WebSocket: case.created / case.updated / case.deleted, once each change is durable.

Each is ``{"type", "case"}``; one a capture made also says so, ``"cause": "capture"`` with
``"result": "created"`` or ``"merged"`` (a capture of an order already tracked updates its case).

Browsers cannot set headers on a WebSocket, so a client that did not send
`Authorization` sends `{"type": "auth", "token": "..."}` as its first message. The token
never travels in the URL.
"""

from __future__ import annotations

import asyncio
import contextlib

import msgspec
from aiohttp import WSMsgType, web

from .. import __version__
from ..errors import Forbidden
from ..keys import CLIENT, CLIENTS, EVENTS, SOCKETS
from ..security.binding import check_token_origin
from ..security.clients import Client

AUTH_TIMEOUT = 5.0
CLOSE_UNAUTHORIZED = 4401


class _AuthMessage(msgspec.Struct):
    type: str
    token: str


async def get_events(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(heartbeat=20.0, max_msg_size=16 * 1024)
    await ws.prepare(request)
    client: Client | None = request.get(CLIENT)
    if client is None:
        client = await _first_message_auth(request, ws)
        if client is None:
            await ws.close(code=CLOSE_UNAUTHORIZED, message=b"unauthorized")
            return ws
        request[CLIENT] = client  # for the access log
    hub = request.app[EVENTS]
    sub = hub.subscribe(client.name)
    request.app[SOCKETS].add(ws)
    await ws.send_str(msgspec.json.encode({"type": "ready", "version": __version__}).decode())
    pump = asyncio.create_task(_pump(sub, ws))
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT and msg.data == '{"type":"ping"}':
                await ws.send_str('{"type":"pong"}')
    finally:
        hub.unsubscribe(sub)
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
    return ws


async def _first_message_auth(request: web.Request, ws: web.WebSocketResponse) -> Client | None:
    try:
        msg = await asyncio.wait_for(ws.receive(), AUTH_TIMEOUT)
    except TimeoutError:
        return None
    if msg.type != WSMsgType.TEXT:
        return None
    try:
        auth = msgspec.json.decode(msg.data, type=_AuthMessage)
    except msgspec.DecodeError:
        return None
    if auth.type != "auth":
        return None
    client = request.app[CLIENTS].authenticate(auth.token)
    if client is None:
        return None
    try:
        return await check_token_origin(request, client)
    except Forbidden:
        return None


async def _pump(sub, ws: web.WebSocketResponse) -> None:
    while True:
        message = await sub.queue.get()
        if message is None or ws.closed:
            break
        await ws.send_str(message.decode())
    if not ws.closed:
        await ws.close(code=1001 if not sub.overflowed else 1013, message=b"server going away")


async def close_sockets(app: web.Application) -> None:
    """on_shutdown: tell every listener the server is going away."""
    app[EVENTS].close()
    sockets = app[SOCKETS]
    for ws in list(sockets):  # a copy: closing one takes it out of the set
        with contextlib.suppress(Exception):
            await ws.close(code=1001, message=b"server shutting down")
