"""The README's "Security model", one regression test (or more) per rule."""

from __future__ import annotations

import asyncio
import hmac
import os
import re
import secrets

import pytest

from server.keys import CLIENTS, PAIRING
from server.security import pairing as pairing_module
from server.security import tokens

from ..support.waits import eventually
from .helpers import capture, new_case
from .raw_http import json_of, raw_request

EXTENSION_ORIGIN = "chrome-extension://" + "a" * 32
FIREFOX_ORIGIN = "moz-extension://0f4c8a7e-1b2c-4d5e-8f90-123456789abc"


def port_of(client) -> int:
    return client.server.port


async def pair_extension(client, app, name="Chrome", origin: str | None = EXTENSION_ORIGIN) -> str:
    code = (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]
    headers = {"Authorization": ""} | ({"Origin": origin} if origin else {})
    response = await client.post("/api/v1/pair", json={"code": code, "client_name": name}, headers=headers)
    assert response.status == 201, await response.text()
    return (await response.json())["token"]


# -- bind 127.0.0.1 only ----------------------------------------------------------------------
async def test_server_listens_on_loopback_only(config):
    from server.serve import start_server

    server = await start_server(config, freeze_gc=False)
    try:
        assert [addr[0] for addr in server.runner.addresses] == ["127.0.0.1"]
    finally:
        await server.stop()


async def test_server_refuses_any_other_bind_address(config):
    from server.serve import start_server

    config.host = "0.0.0.0"
    with pytest.raises(ValueError, match="127.0.0.1"):
        await start_server(config, freeze_gc=False)


# -- Host allowlist (DNS rebinding) -----------------------------------------------------------
@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",
        "127.0.0.1",
        "localhost",
        "127.0.0.1:1",
        "127.0.0.1.nip.io:{port}",
        "0.0.0.0:{port}",
        "",
    ],
)
async def test_rebound_or_wrong_host_is_refused(client, host):
    port = port_of(client)
    head = f"GET /api/v1/health HTTP/1.1\nHost: {host.format(port=port)}\nConnection: close\n"
    status, _, payload = await raw_request(port, head)
    assert status == 403 or (host == "" and status == 400)
    if status == 403:
        assert json_of(payload)["error"]["code"] == "host_not_allowed"


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
async def test_loopback_hosts_are_accepted(client, name):
    port = port_of(client)
    status, _, _ = await raw_request(
        port, f"GET /api/v1/health HTTP/1.1\nHost: {name}:{port}\nConnection: close\n"
    )
    assert status == 200


async def test_missing_host_header_is_refused(client):
    port = port_of(client)
    status, _, _ = await raw_request(port, "GET /api/v1/health HTTP/1.0\n")
    assert status == 403


# -- tokens -------------------------------------------------------------------------------------
async def test_no_token_is_401(anon):
    response = await anon.get("/api/v1/cases")
    assert response.status == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_every_route_but_health_and_pairing_needs_the_token(anon):
    from server.routes import ROUTES

    public = {("GET", "/api/v1/health"), ("POST", "/api/v1/pair")}
    assert public <= {(r.method, r.path) for r in ROUTES}
    for route in ROUTES:
        if (route.method, route.path) in public:
            continue
        if route.auth == "token_or_first_message":  # the WebSocket: see test_websocket_without_auth_is_closed
            assert route.path == "/api/v1/events"
            continue
        if route.auth == "feed_secret":  # the calendar feed's key is its URL: see test_calendar_feeds.py
            assert route.path == "/calendar/{feed}"
            response = await anon.get("/calendar/" + "A" * 43 + ".ics")
            assert response.status == 404
            continue
        assert route.auth == "token", route.path
        path = re.sub(r"\{[a-z_]+\}", "01KAAAAAAAAAAAAAAAAAAAAAAA", route.path)
        response = await anon.request(
            route.method, path, json={} if route.method in ("POST", "PATCH", "PUT") else None
        )
        assert response.status == 401, (route.method, route.path, response.status)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer nonsense",
        "Bearer rt1.deadbeef.wrong",
        "Bearer rt1..",
        "token abc",
    ],
)
async def test_wrong_token_is_401(anon, header):
    response = await anon.get("/api/v1/cases", headers={"Authorization": header})
    assert response.status == 401


async def test_right_client_id_wrong_secret_is_401(anon, app):
    local = app[CLIENTS].local_token
    forged = local.rsplit(".", 1)[0] + "." + secrets.token_urlsafe(32)
    response = await anon.get("/api/v1/cases", headers={"Authorization": f"Bearer {forged}"})
    assert response.status == 401


async def test_token_in_the_url_is_not_accepted(anon, app):
    token = app[CLIENTS].local_token
    for query in (f"?token={token}", f"?access_token={token}"):
        response = await anon.get(f"/api/v1/cases{query}")
        assert response.status == 401


async def test_paired_token_works_and_is_revocable(client, anon, app):
    token = await pair_extension(client, app)
    headers = {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}
    assert (await anon.get("/api/v1/cases", headers=headers)).status == 200
    client_id = tokens.client_id_of(token)
    assert (await client.delete(f"/api/v1/clients/{client_id}")).status == 200
    assert (await anon.get("/api/v1/cases", headers=headers)).status == 401


async def test_tokens_are_stored_hashed(client, app, config):
    token = await pair_extension(client, app)
    await new_case(client)
    from server.keys import STORE

    await app[STORE].compact()
    secret = token.rsplit(".", 1)[1]
    for path in config.data_dir.iterdir():
        if path.name == "server.json" or not path.is_file():
            continue
        data = path.read_bytes()
        assert secret.encode() not in data, f"token secret found in {path.name}"
    assert tokens.token_hash(token).encode() in (config.data_dir / "refunds.json").read_bytes()


async def test_tokens_are_compared_in_constant_time(client, app, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(tokens.hmac, "compare_digest", spy)
    assert (await client.get("/api/v1/cases")).status == 200
    assert calls, "token check must go through hmac.compare_digest"


async def test_a_browser_cannot_mint_pairing_codes_or_revoke_others(client, anon, app):
    token_a = await pair_extension(client, app, "A")
    token_b = await pair_extension(client, app, "B")
    headers = {"Authorization": f"Bearer {token_a}", "Origin": EXTENSION_ORIGIN}
    assert (await anon.post("/api/v1/pairing-codes", json={}, headers=headers)).status == 403
    other = tokens.client_id_of(token_b)
    assert (await anon.delete(f"/api/v1/clients/{other}", headers=headers)).status == 403
    own = tokens.client_id_of(token_a)
    assert (await anon.delete(f"/api/v1/clients/{own}", headers=headers)).status == 200


# -- Origin and CORS ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "http://127.0.0.1:8000",
        "http://localhost:41731",
        "null",
        "file://",
        "chrome-extension://evil",
        "moz-extension://x",
    ],
)
async def test_web_origins_are_refused_even_with_a_token(client, origin):
    for method, kwargs in (("GET", {}), ("POST", {"json": capture()})):
        path = "/api/v1/cases" if method == "GET" else "/api/v1/captures"
        response = await client.request(method, path, headers={"Origin": origin}, **kwargs)
        assert response.status == 403
        assert (await response.json())["error"]["code"] == "origin_not_allowed"
        assert not any(h.lower().startswith("access-control-") for h in response.headers)


@pytest.mark.parametrize("origin", [EXTENSION_ORIGIN, FIREFOX_ORIGIN])
async def test_extension_origins_are_accepted(client, anon, app, origin):
    token = await pair_extension(client, app, origin=origin)
    response = await anon.post(
        "/api/v1/captures", json=capture(), headers={"Origin": origin, "Authorization": f"Bearer {token}"}
    )
    assert response.status == 201


# -- a token works only from the Origin it was paired from ------------------------------------
OTHER_EXTENSION = "chrome-extension://" + "b" * 32


@pytest.mark.parametrize(
    "paired_from, used_from",
    [
        (EXTENSION_ORIGIN, OTHER_EXTENSION),
        (EXTENSION_ORIGIN, FIREFOX_ORIGIN),
        (FIREFOX_ORIGIN, "moz-extension://0f4c8a7e-1b2c-4d5e-8f90-000000000000"),
        (None, EXTENSION_ORIGIN),
    ],
)
async def test_security_token_from_another_extension_origin_is_403(client, anon, app, paired_from, used_from):
    token = await pair_extension(client, app, origin=paired_from)
    auth = {"Authorization": f"Bearer {token}"}
    for method, path, kwargs in (
        ("GET", "/api/v1/cases", {}),
        ("POST", "/api/v1/captures", {"json": capture()}),
    ):
        response = await anon.request(method, path, headers={**auth, "Origin": used_from}, **kwargs)
        assert response.status == 403, await response.text()
        assert (await response.json())["error"]["code"] == "token_origin_mismatch"
    assert (await (await client.get("/api/v1/cases")).json())["cases"] == []  # nothing was written
    own = await anon.get(
        "/api/v1/cases", headers={**auth, **({"Origin": paired_from} if paired_from else {})}
    )
    assert own.status == 200


@pytest.mark.parametrize("origin", [EXTENSION_ORIGIN, FIREFOX_ORIGIN])
async def test_security_cli_token_with_an_extension_origin_is_403(client, origin):
    for method, path, kwargs in (
        ("GET", "/api/v1/cases", {}),
        ("POST", "/api/v1/captures", {"json": capture()}),
        ("POST", "/api/v1/pairing-codes", {"json": {}}),
    ):
        response = await client.request(method, path, headers={"Origin": origin}, **kwargs)
        assert response.status == 403
        assert (await response.json())["error"]["code"] == "token_origin_mismatch"
    assert (await (await client.get("/api/v1/cases")).json())["cases"] == []


async def test_security_the_pairing_origin_is_recorded_and_a_trailing_slash_is_the_same(
    client, anon, app, config
):
    token = await pair_extension(client, app, origin=EXTENSION_ORIGIN + "/")
    assert app[CLIENTS].authenticate(token).origin == EXTENSION_ORIGIN
    response = await anon.get(
        "/api/v1/cases", headers={"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}
    )
    assert response.status == 200


async def test_security_websocket_first_message_token_from_another_origin_is_closed(client, anon, app):
    token = await pair_extension(client, app, origin=EXTENSION_ORIGIN)
    ws = await anon.ws_connect("/api/v1/events", headers={"Origin": OTHER_EXTENSION})
    await ws.send_json({"type": "auth", "token": token})
    msg = await ws.receive(timeout=10)
    assert msg.type.name in ("CLOSE", "CLOSED")
    assert ws.close_code == 4401
    ws = await anon.ws_connect("/api/v1/events", headers={"Origin": EXTENSION_ORIGIN})
    await ws.send_json({"type": "auth", "token": token})
    assert (await ws.receive_json(timeout=10))["type"] == "ready"
    await ws.close()


async def test_security_a_pairing_from_before_origins_binds_to_its_first_origin(client, anon, app):
    from server.keys import STORE

    token = await pair_extension(client, app, origin=EXTENSION_ORIGIN)
    client_id = tokens.client_id_of(token)
    store = app[STORE]
    legacy = {k: v for k, v in store.get("clients", client_id).items() if k != "origin"}
    await store.write([("clients", client_id, legacy)])
    auth = {"Authorization": f"Bearer {token}"}
    assert (await anon.get("/api/v1/cases", headers={**auth, "Origin": FIREFOX_ORIGIN})).status == 200
    assert store.get("clients", client_id)["origin"] == FIREFOX_ORIGIN
    assert (await anon.get("/api/v1/cases", headers={**auth, "Origin": EXTENSION_ORIGIN})).status == 403


async def test_cross_site_request_without_origin_is_refused(client):
    response = await client.get(
        "/api/v1/health", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}
    )
    assert response.status == 403


@pytest.mark.parametrize("origin", ["https://evil.example", EXTENSION_ORIGIN])
async def test_no_cors_headers_ever(client, origin):
    port = port_of(client)
    head = (
        f"OPTIONS /api/v1/captures HTTP/1.1\nHost: 127.0.0.1:{port}\nOrigin: {origin}\n"
        "Access-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type, authorization\n"
        "Connection: close\n"
    )
    status, headers, _ = await raw_request(port, head)
    assert status >= 400
    assert not [h for h in headers if h.startswith("access-control-")]
    response = await client.get("/api/v1/health", headers={"Origin": EXTENSION_ORIGIN})
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]


# -- Content-Type on writes --------------------------------------------------------------------
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
async def test_writes_must_be_json(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = await client.post("/api/v1/captures", data=b'{"capture_id": "x"}', headers=headers)
    assert response.status == 415
    assert (await client.get("/api/v1/cases")).status == 200


async def test_pair_must_be_json_too(anon):
    response = await anon.post(
        "/api/v1/pair", data=b"code=ABCDE-FGHJK", headers={"Content-Type": "text/plain"}
    )
    assert response.status == 415


# -- body size and slow bodies -----------------------------------------------------------------
async def test_declared_oversized_body_is_refused_before_reading(client, app):
    port = port_of(client)
    token = app[CLIENTS].local_token
    head = (
        f"POST /api/v1/captures HTTP/1.1\nHost: 127.0.0.1:{port}\nAuthorization: Bearer {token}\n"
        f"Content-Type: application/json\nContent-Length: {50 * 1024 * 1024}\nConnection: close\n"
    )
    status, _, payload = await raw_request(port, head, b"{")
    assert status == 413


async def test_slowly_sent_body_times_out(aiohttp_client, config):
    from server.app import create_app

    config.body_timeout = 0.3
    app = create_app(config)
    client = await aiohttp_client(app)
    port = port_of(client)
    token = app[CLIENTS].local_token
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST /api/v1/captures HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
    )
    writer.write(head.encode() + b'{"capture_id": ')
    await writer.drain()
    data = await asyncio.wait_for(reader.read(12), 5)
    writer.close()
    assert data == b"HTTP/1.1 408"


# -- pairing codes -----------------------------------------------------------------------------
async def test_pairing_code_is_single_use(client, anon):
    code = (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]
    first = await anon.post("/api/v1/pair", json={"code": code.lower(), "client_name": "Chrome"})
    assert first.status == 201
    second = await anon.post("/api/v1/pair", json={"code": code, "client_name": "Chrome"})
    assert second.status == 401


async def test_pairing_code_expires(client, anon, app):
    codes = app[PAIRING]
    now = [1000.0]
    codes.clock = lambda: now[0]
    code = (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]
    now[0] += pairing_module.TTL_SECONDS + 1
    response = await anon.post("/api/v1/pair", json={"code": code})
    assert response.status == 401


def wrong_guess(code: str) -> str:
    while True:
        guess = "".join(secrets.choice(pairing_module.ALPHABET) for _ in range(pairing_module.CODE_LENGTH))
        if pairing_module.normalize(guess) != pairing_module.normalize(code):
            return guess


async def test_security_a_flood_of_wrong_guesses_still_lets_the_right_code_pair(client, anon, app):
    """Any local process may send wrong codes: they must not void the user's code or lock
    pairing, and the user's right code pairs at once, during the flood and after it."""
    first = (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]
    second = (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]
    statuses: list[int] = []
    flooding = True

    async def flood():
        while flooding and len(statuses) < 400:
            response = await anon.post("/api/v1/pair", json={"code": wrong_guess(first)})
            statuses.append(response.status)
            await response.release()

    guessers = [asyncio.create_task(flood()) for _ in range(40)]
    await eventually(
        lambda: len(statuses) >= 3 * pairing_module.FREE_MISSES_PER_MINUTE,
        timeout=60,
        message="the flood of wrong guesses",
    )
    started = asyncio.get_running_loop().time()
    during = await anon.post("/api/v1/pair", json={"code": first.lower(), "client_name": "Chrome"})
    answered_in = asyncio.get_running_loop().time() - started
    flooding = False
    await asyncio.gather(*guessers)
    assert during.status == 201, await during.text()
    assert answered_in < pairing_module.SLOW_ANSWER_SECONDS, "a right code is never held back"
    assert set(statuses) == {401}, "a miss is a 401: no lockout"
    after = await anon.post("/api/v1/pair", json={"code": second, "client_name": "Firefox"})
    assert after.status == 201, "no live code was voided"
    assert len(app[CLIENTS].paired()) == 2


async def test_security_past_a_few_typos_wrong_codes_are_answered_slowly(client, anon, monkeypatch):
    monkeypatch.setattr(pairing_module, "SLOW_ANSWER_SECONDS", 0.4)
    code = (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]
    loop = asyncio.get_running_loop()
    times = []
    for _ in range(pairing_module.FREE_MISSES_PER_MINUTE + 2):
        started = loop.time()
        response = await anon.post("/api/v1/pair", json={"code": wrong_guess(code)})
        times.append(loop.time() - started)
        assert response.status == 401
    assert max(times[: pairing_module.FREE_MISSES_PER_MINUTE]) < 0.4, "a user's typos are answered at once"
    assert min(times[pairing_module.FREE_MISSES_PER_MINUTE :]) >= 0.4
    started = loop.time()
    assert (await anon.post("/api/v1/pair", json={"code": code})).status == 201
    assert loop.time() - started < 0.4


def test_pairing_codes_have_enough_entropy_and_stay_typeable():
    codes = pairing_module.PairingCodes()
    issued = {codes.issue().code for _ in range(200)}
    assert len(issued) == 200
    assert len(pairing_module.ALPHABET) ** pairing_module.CODE_LENGTH >= 2**50
    shape = re.compile(f"^[{pairing_module.ALPHABET}]{{5}}-[{pairing_module.ALPHABET}]{{5}}$")
    assert all(shape.match(code) for code in issued)


# -- path normalisation -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "//api/v1/cases",
        "/api//v1/cases",
        "/api/v1/cases/",
        "/api/v1/./cases",
        "/api/v1/health/../cases",
        "/api/v1/health/%2e%2e/cases",
        "/api/v1/health/%2E%2E/cases",
        "/api/v1%2fcases",
        "/api/v1/health%00",
        "/api\\v1\\cases",
        "/api/v1/health/..",
        "/%61pi/v1/cases",
    ],
)
async def test_path_tricks_cannot_bypass_checks(client, path):
    port = port_of(client)
    status, _, payload = await raw_request(
        port, f"GET {path} HTTP/1.1\nHost: 127.0.0.1:{port}\nConnection: close\n"
    )
    assert status in (400, 404), (path, status, payload[:200])


async def test_path_tricks_on_a_public_route_do_not_skip_auth(anon):
    port = port_of(anon)
    for path in ("/api/v1/health/../cases", "/api/v1/pair/../cases", "//api/v1/cases"):
        status, _, payload = await raw_request(
            port, f"GET {path} HTTP/1.1\nHost: 127.0.0.1:{port}\nConnection: close\n"
        )
        assert status in (400, 401, 404)
        assert b'"cases"' not in payload


# -- identity proof ----------------------------------------------------------------------------
async def test_health_proves_identity_with_an_hmac_of_the_nonce(client, anon, app):
    token = await pair_extension(client, app)
    nonce = secrets.token_urlsafe(24)
    client_id = tokens.client_id_of(token)
    body = await (await anon.get(f"/api/v1/health?client_id={client_id}&nonce={nonce}")).json()
    assert body["paired"] is True
    expected = hmac.new(bytes.fromhex(tokens.token_hash(token)), nonce.encode(), "sha256").hexdigest()
    assert body["proof"] == expected
    stranger = await (await anon.get(f"/api/v1/health?client_id=unknown&nonce={nonce}")).json()
    assert stranger["paired"] is False and stranger["proof"] is None
    assert (await anon.get("/api/v1/health?client_id=x&nonce=short")).status == 400


# -- WebSocket ---------------------------------------------------------------------------------
async def test_websocket_from_a_web_origin_is_refused(client):
    import aiohttp

    with pytest.raises(aiohttp.WSServerHandshakeError) as info:
        await client.ws_connect("/api/v1/events", headers={"Origin": "https://evil.example"})
    assert info.value.status == 403


async def test_websocket_without_auth_is_closed(anon):
    ws = await anon.ws_connect("/api/v1/events")
    await ws.send_json({"type": "auth", "token": "rt1.nope.nope"})
    msg = await ws.receive()
    assert msg.type.name in ("CLOSE", "CLOSED")
    assert ws.close_code == 4401


async def test_websocket_token_in_query_string_is_ignored(anon, app):
    token = app[CLIENTS].local_token
    ws = await anon.ws_connect(f"/api/v1/events?token={token}")
    msg = await ws.receive(timeout=10)
    assert msg.type.name in ("CLOSE", "CLOSED")
    assert ws.close_code == 4401


async def test_security_headers_on_every_answer(client, anon):
    for response in (
        await client.get("/api/v1/cases"),
        await anon.get("/api/v1/cases"),
        await anon.get("/api/v1/nowhere"),
    ):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_runtime_token_file_is_private(tmp_path):
    from server.runtime import RuntimeInfo, read_runtime, write_runtime

    path = write_runtime(
        tmp_path,
        RuntimeInfo(
            url="http://127.0.0.1:1",
            port=1,
            pid=os.getpid(),
            token="rt1.a.b",
            version="0",
            data_dir=str(tmp_path),
        ),
    )
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_runtime(tmp_path).token == "rt1.a.b"


# -- the data directory is the user's alone ----------------------------------------------------
async def test_security_a_loose_data_dir_and_its_files_are_made_private_at_start(config):
    from server.serve import start_server

    server = await start_server(config, freeze_gc=False)
    await server.stop()
    data = config.data_dir
    (data / "corrupt-copy.json").write_text("{}")
    (data / "old").mkdir()
    (data / "old" / "journal.jsonl").write_text("")
    for path in [data, data / "old", *data.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    assert data.stat().st_mode & 0o777 == 0o755

    server = await start_server(config, freeze_gc=False)
    try:
        assert data.stat().st_mode & 0o777 == 0o700
        entries = list(data.rglob("*"))
        assert {p.name for p in entries} >= {"corrupt-copy.json", "journal.jsonl", "server.json"}
        for path in entries:
            assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    finally:
        await server.stop()


def test_security_a_data_dir_that_cannot_be_made_private_is_refused_with_why(tmp_path, monkeypatch):
    from server.storage import files

    data = tmp_path / "shared"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)

    def not_owner(path, mode):
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(files.os, "chmod", not_owner)  # as for a folder another user owns
    with pytest.raises(PermissionError) as info:
        files.make_private_dir(data)
    assert info.value.filename == str(data)
    assert "mode 755" in info.value.strerror and "chmod 700" in info.value.strerror
