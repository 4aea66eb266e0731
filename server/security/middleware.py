"""Cross-cutting rules every request passes before any handler runs (README, "Security model").

Each rule has its own regression test in tests/server/test_security.py.
"""

from __future__ import annotations

import re

from aiohttp import web

from ..errors import ApiError, BadRequest, Forbidden, PayloadTooLarge, Unauthorized, UnsupportedMediaType
from ..keys import CLIENT, CLIENTS, CONFIG
from ..routes import auth_mode_of
from .binding import check_token_origin
from .feeds import PATH_PREFIX as FEED_PATH_PREFIX

# The API's paths are plain: letters, digits, "-", "_", "." and single slashes. Anything else
# (percent-encoding, "//", dot segments, backslashes) is refused before routing can reinterpret it.
_PLAIN_PATH = re.compile(r"^(/[A-Za-z0-9_.-]+)*/?$")
_DOT_SEGMENT = re.compile(r"(^|/)\.{1,2}(/|$)")
_EXTENSION_ORIGIN = re.compile(r"^(chrome-extension://[a-p]{32}|moz-extension://[0-9a-f-]{36})/?$")
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})


def check_path(request: web.Request) -> None:
    path = request.raw_path.split("?", 1)[0]
    if not _PLAIN_PATH.match(path) or _DOT_SEGMENT.search(path):
        raise BadRequest("The request path is not a plain API path.", code="bad_path")


def check_host(request: web.Request) -> None:
    """DNS rebinding: a page on evil.example resolved to 127.0.0.1 still says Host: evil.example."""
    host = request.headers.get("Host", "").lower()
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    port = sockname[1] if sockname else None
    if port is None or host not in {f"{name}:{port}" for name in _LOOPBACK_NAMES}:
        raise Forbidden(
            "This server only answers requests addressed to 127.0.0.1, localhost or [::1] with its port.",
            code="host_not_allowed",
        )


def check_origin(request: web.Request) -> None:
    """Web pages may send requests here; only the extension's pages may be answered."""
    origin = request.headers.get("Origin")
    if origin is not None and len(request.headers.getall("Origin")) > 1:
        # No browser sends two; which one a check reads must not matter.
        raise Forbidden("A request may name one Origin.", code="origin_not_allowed")
    if origin is not None and not _EXTENSION_ORIGIN.match(origin):
        raise Forbidden("Requests from web pages are refused.", code="origin_not_allowed")
    # A no-cors request (an <img>, a form, a navigation) carries no Origin on GET, but the
    # browser says where it came from.
    site = request.headers.get("Sec-Fetch-Site")
    if origin is None and site in ("cross-site", "same-site"):
        raise Forbidden("Requests from web pages are refused.", code="origin_not_allowed")


def check_feed_request(request: web.Request) -> None:
    """The live calendar feed, /calendar/<secret>.ics, is the one route without a token header:
    calendar apps (Thunderbird, GNOME, Apple, Outlook) subscribe to a bare URL and cannot send
    one, so the secret rides in the path. That is why it gets stricter rules than the rest, on
    top of the Host and path checks every request passes (DNS rebinding still fails):
    - read only: GET and HEAD;
    - never for a web page: any Origin (an extension's too: it has the API), any fetch
      metadata but "none" (typed or opened by the user, not sent by a page) and any Referer
      are refused, so no page can fetch it or learn it from a link;
    - the secret is looked up by its hash in constant time and opens this document only (the
      handler, server/api/feeds.py; it is no bearer token: authenticate() never accepts it).
    A 256-bit secret needs no failed-attempt limiter (nor do tokens have one).
    """
    if request.method not in ("GET", "HEAD"):
        raise ApiError(
            f"{request.method} is not allowed here.",
            status=405,
            code="method_not_allowed",
            headers={"Allow": "GET, HEAD"},
        )
    if "Origin" in request.headers:
        raise Forbidden("The calendar feed is for calendar apps, not web pages.", code="origin_not_allowed")
    if request.headers.get("Sec-Fetch-Site", "none") != "none" or "Referer" in request.headers:
        raise Forbidden("The calendar feed is for calendar apps, not web pages.", code="origin_not_allowed")


def check_body_headers(request: web.Request) -> None:
    has_body = request.body_exists
    if request.method in WRITE_METHODS or has_body:
        if request.content_type != "application/json":
            raise UnsupportedMediaType("Send the body as JSON with 'Content-Type: application/json'.")
    limit = request.app[CONFIG].max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")


async def authenticate(request: web.Request) -> None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "Send 'Authorization: Bearer <token>' (pair the browser, or use the token in server.json).",
            headers={"WWW-Authenticate": "Bearer"},
        )
    client = request.app[CLIENTS].authenticate(token.strip())
    if client is None:
        raise Unauthorized(
            "The token is not valid (revoked, or from another data directory).",
            headers={"WWW-Authenticate": "Bearer"},
        )
    request[CLIENT] = await check_token_origin(request, client)


@web.middleware
async def security_middleware(request: web.Request, handler):
    check_path(request)
    check_host(request)
    check_origin(request)
    mode = auth_mode_of(request)
    # Explicitly the feed's rules, by route and (for a method it does not route) by path.
    if mode == "feed_secret" or request.path.startswith(FEED_PATH_PREFIX):
        check_feed_request(request)
    check_body_headers(request)
    if mode == "token" or mode == "token_or_first_message" and "Authorization" in request.headers:
        await authenticate(request)
    return await handler(request)
