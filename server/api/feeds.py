"""Live calendar feeds: made, listed and revoked with a token; read with the URL's secret."""

from __future__ import annotations

from aiohttp import web

from ..domain.inputs import CalendarFeedIn
from ..errors import NotFound
from ..keys import EVENTS, FEEDS
from ..security.feeds import SUFFIX, feed_path
from .exports import open_cases_ics
from .io import json_response, read_json

DEFAULT_NAME = "Calendar"


def _port_of(request: web.Request) -> int | None:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return sockname[1] if sockname else None


async def post_calendar_feed(request: web.Request) -> web.Response:
    """A new feed; its URL (with the secret) is in this answer only."""
    name = DEFAULT_NAME
    if request.body_exists:
        name = (await read_json(request, CalendarFeedIn)).name or DEFAULT_NAME
    secret, feed = await request.app[FEEDS].create(name)
    url = f"http://127.0.0.1:{_port_of(request)}{feed_path(secret)}"
    request.app[EVENTS].publish("calendar_feed.created", feed=feed)
    return json_response({"feed": {**feed, "url": url}}, status=201)


async def get_calendar_feeds(request: web.Request) -> web.Response:
    """The feeds (never their secrets)."""
    return json_response({"feeds": request.app[FEEDS].listed()})


async def delete_calendar_feed(request: web.Request) -> web.Response:
    """Revoke a feed: its URL answers 404 from now on."""
    feed_id = request.match_info["feed_id"]
    if not await request.app[FEEDS].revoke(feed_id):
        raise NotFound(f"No calendar feed {feed_id!r}.", code="feed_not_found")
    request.app[EVENTS].publish("calendar_feed.revoked", feed={"id": feed_id})
    return json_response({"revoked": feed_id})


async def get_calendar(request: web.Request) -> web.Response:
    """The live feed: the same iCalendar document as /api/v1/export.ics.

    No token (a calendar app cannot send one): the secret in the path is the key. An unknown,
    revoked or malformed one all take the same path to the same 404.
    """
    name = request.match_info["feed"]
    secret = name.removesuffix(SUFFIX)
    feed = request.app[FEEDS].find(secret)
    if feed is None or not name.endswith(SUFFIX):
        raise NotFound("There is nothing at this path.")
    response = web.Response(body=open_cases_ics(request), content_type="text/calendar", charset="utf-8")
    # Never kept by a cache on the way, and a link in an event never tells a site this URL.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
