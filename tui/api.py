"""The TUI's client of the local server's HTTP API and events WebSocket.

Every call the UI makes goes through `ApiClient`; nothing in the TUI reads the database.
Failures come back as two exceptions: `ApiError` (the server answered with its error shape,
whose `fields` name the form fields at fault) and `ServerUnreachable` (no answer at all).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

import msgspec

from server.runtime import Endpoint  # where the TUI talks to, as the CLI does

if TYPE_CHECKING:
    import aiohttp

JSON = dict[str, Any]

# Generous for a loopback server, short enough that a hung server is noticed (seconds).
REQUEST_TIMEOUT = (30.0, 3.0)  # total, connect

_encode = msgspec.json.encode

# What a terminal would act on (C0 controls but tab and newline, DEL, C1 such as CSI) and the
# bidi controls that make text read as other text: the server's one rule for text
# (server/domain/text.py, STRIPPED_ON_SCREEN; tests/server/test_text_rule.py keeps this copy
# equal to it). The server refuses them in what clients send, but a database from before that
# (or edited by hand) may hold them, and the screens print text as it is: an ESC there could
# drive the user's terminal.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same characters inside JSON text: escaped (\u001b, \b, \f, \r, \u202e), or raw UTF-8 (DEL, C1,
# bidi controls). A false alarm (an escaped backslash before "b") only costs a walk of the answer.
_CONTROLS_IN_JSON = re.compile(
    rb"\\u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|\\u20(?:2[a-eA-E]|6[6-9])|\\[bfr]"
    rb"|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def _decode(data: bytes | str) -> Any:
    """JSON from the server, with terminal controls taken out of every string (rarely needed:
    the raw text is searched first, so a clean answer is not walked)."""
    value = msgspec.json.decode(data)
    raw = data.encode() if isinstance(data, str) else data
    return _without_controls(value) if _CONTROLS_IN_JSON.search(raw) else value


def _without_controls(value: Any) -> Any:
    if isinstance(value, str):
        return _TERMINAL_CONTROLS.sub("", value)
    if isinstance(value, dict):
        return {key: _without_controls(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_controls(item) for item in value]
    return value


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


class ApiClient:
    """The API of one server; `endpoint` may be swapped after a server restart.

    Requests are plain HTTP/1.1 over asyncio streams, one short connection each (the server
    is on this machine): the TUI's first frame and first board need no HTTP library. Only
    the events WebSocket uses aiohttp, imported when it connects, after the board is shown.
    """

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._session: aiohttp.ClientSession | None = None
        # Whether the server at this endpoint checks an edit without saving it (PATCH ?check=true).
        self._checks: tuple[Endpoint, bool] | None = None

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, str] | None = None,
        raw: bool = False,
    ) -> Any:
        # A pasted transcript can carry invisible controls (bidi marks from an RTL email, an
        # ESC from a terminal) that the server refuses: taken out here, as they are on screen.
        payload = _encode(_without_controls(body)) if body is not None else None
        target = path + ("?" + urlencode(params) if params else "")
        try:
            status, data = await asyncio.wait_for(self._exchange(method, target, payload), REQUEST_TIMEOUT[0])
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            reason = str(exc) or type(exc).__name__
            raise ServerUnreachable(
                f"The server at {self.endpoint.url} does not answer ({reason})."
            ) from None
        if status >= 400:
            raise _api_error(status, data)
        if raw:
            return data
        try:
            return _decode(data)
        except msgspec.DecodeError:
            raise ApiError(status, "bad_response", "The server's answer is not JSON.") from None

    async def _exchange(self, method: str, target: str, payload: bytes | None) -> tuple[int, bytes]:
        parts = urlsplit(self.endpoint.url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), REQUEST_TIMEOUT[1])
        try:
            head = [
                f"{method} {target} HTTP/1.1",
                f"Host: {host}:{port}",
                f"Authorization: Bearer {self.endpoint.token}",
                "Accept: application/json",
                "Connection: close",
            ]
            if payload is not None:
                head += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (payload or b""))
            await writer.drain()
            return parse_response(await reader.read())
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    # -- the calls the UI makes --------------------------------------------------------
    async def health(self) -> JSON:
        return await self.request("GET", "/api/v1/health")

    async def list_summaries(self, archived: str = "exclude") -> list[JSON]:
        """Board rows; ``archived`` is exclude (the default), include or only."""
        params = {"view": "summary"}
        if archived != "exclude":
            params["archived"] = archived
        data = await self.request("GET", "/api/v1/cases", params=params)
        return data["cases"]

    async def search(self, query: str) -> list[str]:
        """The ids of the cases, archived ones too, holding every word of ``query`` anywhere
        (references, the account email, communications: what the board does not hold)."""
        data = await self.request(
            "GET", "/api/v1/cases", params={"q": query, "view": "summary", "archived": "include"}
        )
        return [case["id"] for case in data["cases"]]

    async def statuses(self) -> list[JSON]:
        """The status machine: [{"status", "label", "next": [...], "open"}]."""
        return (await self.status_table())["statuses"]

    async def status_table(self) -> JSON:
        """GET /api/v1/statuses whole: the machine, each status's short name and help line,
        the disputing statuses and the closing days (kept by tui/statuses.py)."""
        return await self.request("GET", "/api/v1/statuses")

    async def get_case(self, case_id: str) -> JSON:
        return (await self.request("GET", f"/api/v1/cases/{case_id}"))["case"]

    async def create_case(self, fields: JSON) -> JSON:
        return (await self.request("POST", "/api/v1/cases", body=fields))["case"]

    async def capture(self, capture: JSON) -> JSON:
        return (await self.request("POST", "/api/v1/captures", body=capture))["case"]

    async def patch_case(self, case_id: str, patch: JSON) -> JSON:
        return (await self.request("PATCH", f"/api/v1/cases/{case_id}", body=patch))["case"]

    async def check_patch(self, case_id: str, patch: JSON) -> bool:
        """Every check the server makes before saving ``patch``, nothing written: raises the
        ApiError a save would. False: this server cannot check without saving (one from before
        `check=true`, which would save the edit), so the edit was not sent."""
        path = f"/api/v1/cases/{case_id}"
        if self._checks is None or self._checks[0] != self.endpoint:
            # An empty edit writes nothing on any server; one that knows check=true says "checked".
            probe = await self.request("PATCH", path, body={}, params={"check": "true"})
            self._checks = (self.endpoint, probe.get("checked") is True)
        if not self._checks[1]:
            return False
        await self.request("PATCH", path, body=patch, params={"check": "true"})
        return True

    async def archive_case(self, case_id: str) -> JSON:
        """Archive (the server keeps it; `restore_case` brings it back)."""
        return (await self.request("DELETE", f"/api/v1/cases/{case_id}"))["case"]

    async def restore_case(self, case_id: str) -> JSON:
        return await self.patch_case(case_id, {"archived": False})

    async def log_communication(self, case_id: str, entry: JSON) -> JSON:
        return (await self.request("POST", f"/api/v1/cases/{case_id}/communications", body=entry))["case"]

    async def template(self, case_id: str, kind: str) -> str:
        data = await self.request(
            "GET", f"/api/v1/cases/{case_id}/templates/{kind}", params={"format": "text"}
        )
        return data["text"]

    async def download(self, path: str) -> bytes:
        return await self.request("GET", path, raw=True)

    async def settings(self) -> JSON:
        return (await self.request("GET", "/api/v1/settings"))["settings"]

    async def patch_settings(self, patch: JSON) -> JSON:
        return (await self.request("PATCH", "/api/v1/settings", body=patch))["settings"]

    async def regions(self) -> JSON:
        """The catalog's buyer regions ({"EU": {"label", "countries", ...}}) and the legal
        refund clocks of each ({"EU": ["14-day right of withdrawal"]})."""
        catalog = await self.request("GET", "/api/v1/policies")
        return {"regions": catalog.get("regions") or {}, "legal": catalog.get("legal") or []}

    async def official(self, *, url: str | None = None, email: str | None = None) -> JSON:
        """Whether a URL's or email address's domain is a catalog party's own:
        {domain, official, lookalike, party: {id, name, official_domains, ...} | None}."""
        params = {"url": url} if url is not None else {"email": email or ""}
        return await self.request("GET", "/api/v1/policies/official", params=params)

    async def reminders(self, within: int = 14) -> JSON:
        """What is due: {"reminders": [{id, case_id, kind, date, days_left, title, message,
        sent, late, ...}], "as_of"}, in date order (snoozed and done ones are not listed)."""
        return await self.request("GET", "/api/v1/reminders", params={"within": str(within)})

    async def snooze_reminder(self, reminder_id: str, days: int) -> JSON:
        """{reminder_id, snoozed_until, done_at}; 404 once the reminder is no longer current."""
        return await self.request(
            "POST", f"/api/v1/reminders/{quote(reminder_id, safe='')}/snooze", body={"days": days}
        )

    async def reminder_done(self, reminder_id: str) -> JSON:
        return await self.request("POST", f"/api/v1/reminders/{quote(reminder_id, safe='')}/done", body={})

    async def calendar_feeds(self) -> list[JSON]:
        """The live calendar feeds: [{id, name, created_at}] (never their URLs)."""
        return (await self.request("GET", "/api/v1/calendar-feeds"))["feeds"]

    async def create_calendar_feed(self, name: str | None = None) -> JSON:
        """A new feed, {id, name, created_at, url}: the URL (with its secret) is in this answer only."""
        return (await self.request("POST", "/api/v1/calendar-feeds", body={"name": name} if name else {}))[
            "feed"
        ]

    async def revoke_calendar_feed(self, feed_id: str) -> JSON:
        return await self.request("DELETE", f"/api/v1/calendar-feeds/{quote(feed_id, safe='')}")

    async def pairing_code(self) -> JSON:
        return await self.request("POST", "/api/v1/pairing-codes", body={})

    async def clients(self) -> list[JSON]:
        return (await self.request("GET", "/api/v1/clients"))["clients"]

    async def events(self, heartbeat: float = 10.0) -> AsyncIterator[JSON]:
        """The events WebSocket, message by message; ends when the server closes it."""
        import aiohttp

        if self._session is None or self._session.closed:
            # trust_env=False: the server is on this machine; never go through a proxy. No total
            # timeout: the stream lives as long as the app; heartbeats notice a dead server.
            self._session = aiohttp.ClientSession(
                trust_env=False, timeout=aiohttp.ClientTimeout(total=None, connect=REQUEST_TIMEOUT[1])
            )
        try:
            async with self._session.ws_connect(
                self.endpoint.url + "/api/v1/events",
                headers={"Authorization": f"Bearer {self.endpoint.token}"},
                heartbeat=heartbeat,
                autoping=True,
            ) as ws:
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
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise ServerUnreachable(f"The server at {self.endpoint.url} does not answer ({exc}).") from None


def parse_response(raw: bytes) -> tuple[int, bytes]:
    """(status, body) of a whole HTTP/1.1 response read up to the closed connection."""
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError("the answer ended early")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        return status, _dechunk(body)
    if "content-length" in headers:
        length = int(headers["content-length"])
        if len(body) < length:
            raise ValueError("the answer ended early")
        body = body[:length]
    return status, body


def _dechunk(data: bytes) -> bytes:
    out, position = bytearray(), 0
    while True:
        end = data.index(b"\r\n", position)
        size = int(data[position:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        start = end + 2
        if start + size > len(data):
            raise ValueError("the answer ended early")
        out += data[start : start + size]
        position = start + size + 2


def _api_error(status: int, payload: bytes) -> ApiError:
    try:
        error = _decode(payload)["error"]
        return ApiError(
            status, error.get("code", "error"), error.get("message", ""), dict(error.get("fields") or {})
        )
    except (msgspec.DecodeError, KeyError, TypeError, AttributeError):
        return ApiError(status, "http_error", f"The server answered HTTP {status}.")
