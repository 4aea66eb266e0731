"""The TUI's client of the local server's HTTP API and events WebSocket.

Every call the UI makes goes through `ApiClient`; nothing in the TUI reads the database.
Failures come back as two exceptions: `ApiError` (the server answered with its error shape,
whose `fields` name the form fields at fault) and `ServerUnreachable` (no answer at all).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, AsyncIterator

import aiohttp
import msgspec

JSON = dict[str, Any]

# Generous for a loopback server, short enough that a hung server is noticed.
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=30, connect=3)

_decode = msgspec.json.decode
_encode = msgspec.json.encode


@dataclass
class ApiError(Exception):
    """The server refused a request: `{"error": {"code", "message", "fields"}}`."""

    status: int
    code: str
    message: str
    fields: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


class ServerUnreachable(Exception):
    """No answer from the server (stopped, restarting, or not there at all)."""


@dataclass(frozen=True)
class Endpoint:
    url: str
    token: str


class ApiClient:
    """One aiohttp session to one server; `endpoint` may be swapped after a server restart."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # trust_env=False: the server is on this machine; never go through a proxy.
            self._session = aiohttp.ClientSession(timeout=REQUEST_TIMEOUT, trust_env=False)
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    @property
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.endpoint.token}"}

    async def request(self, method: str, path: str, *, body: Any = None,
                      params: dict[str, str] | None = None, raw: bool = False) -> Any:
        headers = self._headers
        data = None
        if body is not None:
            data = _encode(body)
            headers["Content-Type"] = "application/json"
        try:
            async with self.session.request(method, self.endpoint.url + path, data=data,
                                            params=params, headers=headers) as response:
                payload = await response.read()
                status = response.status
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            raise ServerUnreachable(f"The server at {self.endpoint.url} does not answer ({exc}).") from None
        if status >= 400:
            raise _api_error(status, payload)
        return payload if raw else _decode(payload)

    # -- the calls the UI makes --------------------------------------------------------
    async def health(self) -> JSON:
        return await self.request("GET", "/api/v1/health")

    async def list_summaries(self) -> list[JSON]:
        data = await self.request("GET", "/api/v1/cases", params={"view": "summary"})
        return data["cases"]

    async def get_case(self, case_id: str) -> JSON:
        return (await self.request("GET", f"/api/v1/cases/{case_id}"))["case"]

    async def create_case(self, fields: JSON) -> JSON:
        return (await self.request("POST", "/api/v1/cases", body=fields))["case"]

    async def capture(self, capture: JSON) -> JSON:
        return (await self.request("POST", "/api/v1/captures", body=capture))["case"]

    async def patch_case(self, case_id: str, patch: JSON) -> JSON:
        return (await self.request("PATCH", f"/api/v1/cases/{case_id}", body=patch))["case"]

    async def log_communication(self, case_id: str, entry: JSON) -> JSON:
        return (await self.request("POST", f"/api/v1/cases/{case_id}/communications", body=entry))["case"]

    async def template(self, case_id: str, kind: str) -> str:
        data = await self.request("GET", f"/api/v1/cases/{case_id}/templates/{kind}",
                                  params={"format": "text"})
        return data["text"]

    async def download(self, path: str) -> bytes:
        return await self.request("GET", path, raw=True)

    async def pairing_code(self) -> JSON:
        return await self.request("POST", "/api/v1/pairing-codes", body={})

    async def clients(self) -> list[JSON]:
        return (await self.request("GET", "/api/v1/clients"))["clients"]

    async def events(self, heartbeat: float = 10.0) -> AsyncIterator[JSON]:
        """The events WebSocket, message by message; ends when the server closes it."""
        try:
            async with self.session.ws_connect(self.endpoint.url + "/api/v1/events",
                                               headers=self._headers, heartbeat=heartbeat,
                                               autoping=True) as ws:
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.TEXT:
                        try:
                            yield _decode(message.data)
                        except msgspec.DecodeError:
                            continue
                    elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                        break
        except aiohttp.WSServerHandshakeError as exc:
            if exc.status in (401, 403):
                raise ApiError(exc.status, "unauthorized", "The server refused the token.") from None
            raise ServerUnreachable(f"The events stream at {self.endpoint.url} failed ({exc}).") from None
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            raise ServerUnreachable(f"The server at {self.endpoint.url} does not answer ({exc}).") from None


def _api_error(status: int, payload: bytes) -> ApiError:
    try:
        error = _decode(payload)["error"]
        return ApiError(status, error.get("code", "error"), error.get("message", ""),
                        dict(error.get("fields") or {}))
    except (msgspec.DecodeError, KeyError, TypeError, AttributeError):
        return ApiError(status, "http_error", f"The server answered HTTP {status}.")
