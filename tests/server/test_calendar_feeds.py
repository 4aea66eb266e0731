"""The live calendar feed (issue #12, item 5): made, listed and revoked with a token; read by a
calendar app with only its secret URL, which opens that document and nothing else.

One regression test (or more) per security rule of the feed; the feed read by a real
iCalendar parser and compared with /api/v1/export.ics.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

import icalendar
import pytest

from server.keys import FEEDS, STORE

from .helpers import new_case
from .raw_http import json_of, raw_request

EXTENSION_ORIGIN = "chrome-extension://" + "a" * 32
FEED_URL = re.compile(r"^http://127\.0\.0\.1:(\d+)/calendar/([A-Za-z0-9_-]{43})\.ics$")


async def make_feed(client, body=None) -> dict:
    response = await client.post("/api/v1/calendar-feeds", json={} if body is None else body)
    assert response.status == 201, await response.text()
    return (await response.json())["feed"]


def path_of(feed: dict) -> str:
    return "/calendar/" + feed["url"].rsplit("/calendar/", 1)[1]


def secret_of(feed: dict) -> str:
    return FEED_URL.match(feed["url"]).group(2)


def events_of(ics: bytes) -> dict[str, tuple]:
    """UID -> (summary, start, end, description, alarm triggers), as a calendar app reads them."""
    calendar = icalendar.Calendar.from_ical(ics)
    events = {}
    for event in calendar.walk("VEVENT"):
        alarms = tuple(sorted(str(alarm.decoded("trigger")) for alarm in event.walk("VALARM")))
        events[str(event["uid"])] = (
            str(event["summary"]),
            event.decoded("dtstart"),
            event.decoded("dtend"),
            str(event["description"]),
            alarms,
        )
    return events


async def raw_feed(client, path: str, *, host: str | None = None, extra: str = "") -> tuple[int, dict, bytes]:
    port = client.server.port
    head = (
        f"GET {path} HTTP/1.1\nHost: {host if host is not None else f'127.0.0.1:{port}'}\n"
        f"{extra}Connection: close\n"
    )
    return await raw_request(port, head)


# -- making, listing, revoking -------------------------------------------------------------------
async def test_a_new_feed_gives_its_url_once(client, config):
    feed = await make_feed(client, {"name": "Thunderbird"})
    assert set(feed) == {"id", "name", "created_at", "url"}
    assert feed["name"] == "Thunderbird"
    match = FEED_URL.match(feed["url"])
    assert match, feed["url"]
    assert int(match.group(1)) == client.server.port
    made = datetime.fromisoformat(feed["created_at"])
    assert abs(made - config.clock.now()) < timedelta(minutes=5), "made on the program's clock"


async def test_a_feed_without_a_body_or_name_is_called_calendar(client):
    assert (await make_feed(client))["name"] == "Calendar"
    assert (await make_feed(client, {"name": "  "}))["name"] == "Calendar"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "x" * 101}, "name"),
        ({"name": "a\nb"}, "name"),
        ({"name": "a\u202eb"}, "name"),
        ({"url": "x"}, "url"),
        ({"name": 3}, "name"),
    ],
)
async def test_the_name_is_validated_like_every_body(client, body, field):
    response = await client.post("/api/v1/calendar-feeds", json=body)
    assert response.status == 422
    assert field in (await response.json())["error"]["fields"]


async def test_making_listing_and_revoking_need_the_token(anon):
    assert (await anon.post("/api/v1/calendar-feeds", json={})).status == 401
    assert (await anon.get("/api/v1/calendar-feeds")).status == 401
    assert (await anon.delete("/api/v1/calendar-feeds/abc")).status == 401


async def test_the_list_never_shows_a_secret(client, app):
    first = await make_feed(client, {"name": "Thunderbird"})
    second = await make_feed(client, {"name": "Phone"})
    response = await client.get("/api/v1/calendar-feeds")
    assert response.status == 200
    text = await response.text()
    listed = (await response.json())["feeds"]
    assert [f["id"] for f in listed] == [first["id"], second["id"]], "in the order they were made"
    assert {f["name"] for f in listed} == {"Thunderbird", "Phone"}
    for feed in listed:
        assert set(feed) == {"id", "name", "created_at"}
    stored = list(app[STORE].all("calendar_feeds"))
    for feed in (first, second):
        assert secret_of(feed) not in text and "/calendar/" not in text
        assert not any(doc["secret_hash"] in text for doc in stored), "nor its hash"


async def test_only_a_hash_of_the_secret_is_stored(client, app, config):
    import hashlib

    feed = await make_feed(client)
    secret = secret_of(feed)
    [doc] = list(app[STORE].all("calendar_feeds"))
    assert doc["secret_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(doc)
    # 201 means on disk: the journal holds the hash, never the secret.
    on_disk = b"".join(p.read_bytes() for p in config.data_dir.rglob("*") if p.is_file())
    assert doc["secret_hash"].encode() in on_disk
    assert secret.encode() not in on_disk


async def test_revoking_an_unknown_feed_is_404(client):
    response = await client.delete("/api/v1/calendar-feeds/0123456789abcdef")
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "feed_not_found"


# -- what the feed serves --------------------------------------------------------------------------
async def test_the_feed_serves_the_export_with_alarms(client, anon):
    await new_case(client)
    await new_case(client, order_number="A-2", product="Another plan", vendor_name=None)
    feed = await make_feed(client)
    response = await anon.get(path_of(feed))
    assert response.status == 200
    assert response.content_type == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    fed = events_of(await response.read())
    exported = events_of(await (await client.get("/api/v1/export.ics")).read())
    assert fed == exported
    assert len(fed) >= 2
    for _summary, _start, _end, _description, alarms in fed.values():
        assert alarms, "every event rings"
    trend = [e for e in fed.values() if "16739482210" in e[0]]
    assert trend and str(trend[0][1]) == "2026-12-20", "the refund deadline, on its day"


async def test_the_feed_is_live(client, anon):
    feed = await make_feed(client)
    assert events_of(await (await anon.get(path_of(feed))).read()) == {}
    case = await new_case(client)
    events = events_of(await (await anon.get(path_of(feed))).read())
    assert any(uid.startswith(case["id"]) for uid in events)


async def test_head_answers_without_a_body(client, anon):
    feed = await make_feed(client)
    response = await anon.head(path_of(feed))
    assert response.status == 200 and await response.read() == b""
    assert response.content_type == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    assert (await anon.head(f"/calendar/{secrets.token_urlsafe(32)}.ics")).status == 404


async def test_the_token_is_not_needed_and_changes_nothing(client, anon):
    """Calendar apps cannot send headers: the URL alone is enough."""
    feed = await make_feed(client)
    with_token = await client.get(path_of(feed))
    without = await anon.get(path_of(feed))
    assert with_token.status == without.status == 200


# -- the feed's security rules, one test each -------------------------------------------------------
@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1", "127.0.0.1.nip.io:{port}", "localhost:1", "0.0.0.0:{port}"]
)
async def test_a_wrong_host_is_refused(client, host):
    """DNS rebinding: a page on evil.example resolved to 127.0.0.1 still says Host: evil.example."""
    feed = await make_feed(client)
    status, _, payload = await raw_feed(client, path_of(feed), host=host.format(port=client.server.port))
    assert status == 403
    assert json_of(payload)["error"]["code"] == "host_not_allowed"


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]"])
async def test_the_loopback_hosts_are_served(client, name):
    feed = await make_feed(client)
    status, _, payload = await raw_feed(client, path_of(feed), host=f"{name}:{client.server.port}")
    assert status == 200 and payload.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "null", "http://127.0.0.1:8000", EXTENSION_ORIGIN]
)
async def test_any_origin_is_refused(client, origin):
    """A web page must never read it; the extension has the API and needs no feed."""
    feed = await make_feed(client)
    status, headers, payload = await raw_feed(client, path_of(feed), extra=f"Origin: {origin}\n")
    assert status == 403
    assert json_of(payload)["error"]["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in headers


@pytest.mark.parametrize("site", ["cross-site", "same-site", "same-origin"])
async def test_fetch_metadata_from_a_page_is_refused(client, site):
    """An <img>, <link> or navigation from a page says where it came from."""
    feed = await make_feed(client)
    status, _, payload = await raw_feed(client, path_of(feed), extra=f"Sec-Fetch-Site: {site}\n")
    assert status == 403
    assert json_of(payload)["error"]["code"] == "origin_not_allowed"


async def test_a_url_the_user_opened_is_served(client):
    """Sec-Fetch-Site: none is the user typing or opening the URL, not a page."""
    feed = await make_feed(client)
    status, _, _ = await raw_feed(client, path_of(feed), extra="Sec-Fetch-Site: none\n")
    assert status == 200


@pytest.mark.parametrize("referer", ["https://evil.example/page", "http://127.0.0.1/x"])
async def test_a_referer_is_refused(client, referer):
    feed = await make_feed(client)
    status, _, _ = await raw_feed(client, path_of(feed), extra=f"Referer: {referer}\n")
    assert status == 403


async def test_a_wrong_secret_is_404_like_any_missing_path(client, anon):
    feed = await make_feed(client)
    secret = secret_of(feed)
    forged = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    bodies = set()
    for path in (
        f"/calendar/{forged}.ics",
        f"/calendar/{secrets.token_urlsafe(32)}.ics",
        f"/calendar/{secret}",
        f"/calendar/{secret}.ical",
        "/calendar/short.ics",
        "/calendar/" + "A" * 200 + ".ics",
        "/nothing-here",
    ):
        response = await anon.get(path)
        assert response.status == 404, path
        assert response.headers["Cache-Control"] == "no-store"
        bodies.add(await response.read())
    assert len(bodies) == 1, "one answer: nothing says a feed exists"


async def test_a_revoked_feed_is_404_the_same_as_unknown(client, anon):
    kept = await make_feed(client, {"name": "kept"})
    feed = await make_feed(client, {"name": "revoked"})
    assert (await anon.get(path_of(feed))).status == 200
    response = await client.delete(f"/api/v1/calendar-feeds/{feed['id']}")
    assert response.status == 200 and (await response.json()) == {"revoked": feed["id"]}
    revoked = await anon.get(path_of(feed))
    unknown = await anon.get(f"/calendar/{secrets.token_urlsafe(32)}.ics")
    assert revoked.status == unknown.status == 404
    assert await revoked.read() == await unknown.read()
    assert (await anon.get(path_of(kept))).status == 200, "the other feed is untouched"
    listed = (await (await client.get("/api/v1/calendar-feeds")).json())["feeds"]
    assert [f["id"] for f in listed] == [kept["id"]]
    assert (await client.delete(f"/api/v1/calendar-feeds/{feed['id']}")).status == 404


async def test_every_secret_is_compared_through_its_hash(client, app, monkeypatch):
    """Constant time: hmac.compare_digest on the hashes of every feed, match or not."""
    from server.security import feeds as feeds_module

    for _ in range(3):
        await make_feed(client)
    target = await make_feed(client)
    calls = []
    real = feeds_module.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(feeds_module.hmac, "compare_digest", spy)
    assert app[FEEDS].find(secret_of(target)) is not None
    assert len(calls) == 4, "every stored hash is compared, even after the match"
    calls.clear()
    assert app[FEEDS].find("nope") is None
    assert len(calls) == 4
    assert all(len(a) == len(b) == 64 for a, b in calls), "hash against hash, never the secret"


@pytest.mark.parametrize(
    "path", ["/api/v1/cases", "/api/v1/calendar-feeds", "/api/v1/export.ics", "/api/v1/clients"]
)
async def test_the_secret_is_no_bearer_token(client, anon, path):
    feed = await make_feed(client)
    for header in (f"Bearer {secret_of(feed)}", f"Bearer {feed['url']}", f"Bearer {path_of(feed)}"):
        response = await anon.get(path, headers={"Authorization": header})
        assert response.status == 401, (path, header)


async def test_the_secret_opens_no_other_path(client, anon):
    feed = await make_feed(client)
    secret = secret_of(feed)
    for path in (
        f"/api/v1/cases?token={secret}",
        f"/api/v1/export.ics?feed={secret}",
        f"/api/v1/{secret}.ics",
        f"/calendar/{secret}.ics/cases",
    ):
        response = await anon.get(path)
        assert response.status in (401, 404), path


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("content_type", [None, "application/json"])
async def test_only_get_and_head_are_served(client, method, content_type):
    feed = await make_feed(client)
    extra = f"Content-Type: {content_type}\nContent-Length: 2\n" if content_type else ""
    port = client.server.port
    head = f"{method} {path_of(feed)} HTTP/1.1\nHost: 127.0.0.1:{port}\n{extra}Connection: close\n"
    status, headers, payload = await raw_request(port, head, b"{}" if content_type else b"")
    assert status == 405, (method, status, payload)
    assert headers["allow"] == "GET, HEAD"
    assert not payload.startswith(b"BEGIN:VCALENDAR")
    # and nothing was changed: the feed still works
    status, _, _ = await raw_feed(client, path_of(feed))
    assert status == 200


async def test_a_revoked_feed_stays_revoked_after_a_restart(tmp_path, aiohttp_client):
    """Stored like the clients: a revocation is on disk before it is answered."""
    from server.app import create_app
    from server.config import Config
    from server.keys import CLIENTS
    from server.wallclock import WallClock

    from ..conftest import TODAY

    def fresh():
        return create_app(
            Config(
                data_dir=tmp_path / "data",
                port=0,
                clock=WallClock.starting(TODAY),
                policies_file=tmp_path / "policies.toml",
            )
        )

    app = fresh()
    first = await aiohttp_client(app)
    first.session.headers["Authorization"] = f"Bearer {app[CLIENTS].local_token}"
    kept = await make_feed(first, {"name": "kept"})
    gone = await make_feed(first, {"name": "gone"})
    assert (await first.delete(f"/api/v1/calendar-feeds/{gone['id']}")).status == 200
    await first.close()
    second = await aiohttp_client(fresh())
    assert (await second.get(path_of(kept))).status == 200
    assert (await second.get(path_of(gone))).status == 404
