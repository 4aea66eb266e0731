"""Attacks from web pages (and from other local users) beyond tests/server/test_security.py.

test_security.py has one test per rule (no token, wrong token, web Origin, rebinding Host,
`//api` and percent-encoded paths, pairing guesses, an oversized and a slow body, a WebSocket
from a web Origin). These add what it lacks: the same attacks at scale and while the server
is busy with real work, slowloris headers, connection floods that exhaust file descriptors,
request-target and header tricks, and WebSockets held open or flooded.
Each test names its attack; the README's Reliability section maps attacks to files.
"""

from __future__ import annotations

import asyncio
import io
import resource
import secrets
import sys
import time

import aiohttp
import pytest

from server.config import Config
from server.keys import CLIENTS
from server.security import pairing as pairing_module
from server.serve import start_server

from ..server.raw_http import raw_request
from ..support.captures import capture
from ..support.waits import eventually
from ._attack import drip_headers, legit_work

EVIL = "https://evil.example"


def port_of(client) -> int:
    return client.server.port


async def _new_code(client) -> str:
    return (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]


# -- slowloris ---------------------------------------------------------------------------------
async def test_slowloris_headers_do_not_starve_other_clients(client):
    """100 connections sending their headers a line at a time; real work goes on meanwhile."""
    port = port_of(client)
    stop = asyncio.Event()
    dripping: list = []
    drips = [
        asyncio.ensure_future(drip_headers(port, stop, every=0.05, dripping=dripping)) for _ in range(100)
    ]
    await eventually(lambda: len(dripping) == 100, timeout=30, message="all 100 connections dripping")
    try:
        done = await asyncio.wait_for(legit_work(client, n=20), 30)
        assert done == 20
    finally:
        stop.set()
        await asyncio.gather(*drips, return_exceptions=True)


async def test_a_connection_that_never_finishes_its_headers_is_closed(tmp_path):
    config = Config(
        data_dir=tmp_path / "data", port=0, keepalive_timeout=1.0, policies_file=tmp_path / "policies.toml"
    )
    server = await start_server(config, freeze_gc=False)
    try:
        stop = asyncio.Event()
        outcome = await asyncio.wait_for(drip_headers(server.port, stop, every=0.1, report=True), 10)
        assert outcome == "closed by the server"
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        assert await asyncio.wait_for(reader.read(1), 10) == b"", "an idle connection is closed too"
        writer.close()
    finally:
        await server.stop()


# -- many connections --------------------------------------------------------------------------
async def answers(session: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=2)) as response:
            return response.status == 200
    except (TimeoutError, aiohttp.ClientError):
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs RLIMIT_NOFILE via preexec_fn")
async def test_a_connection_flood_that_exhausts_file_descriptors_is_survived(tmp_path):
    from ..support.server import Server

    def few_fds():
        resource.setrlimit(resource.RLIMIT_NOFILE, (96, 96))

    server = Server(tmp_path / "data", preexec=few_fds)
    await asyncio.to_thread(server.start)
    try:
        session = aiohttp.ClientSession(headers={"Authorization": f"Bearer {server.token}"})
        base = f"http://127.0.0.1:{server.port}"
        async with session:
            async with session.post(f"{base}/api/v1/captures", json=capture(order_number="BEFORE")) as r:
                assert r.status == 201
            flood = []
            for _ in range(300):  # far more than the server may hold open
                try:
                    flood.append(await asyncio.wait_for(asyncio.open_connection("127.0.0.1", server.port), 2))
                except (TimeoutError, OSError):
                    break
            await eventually(
                lambda: "Too many open files" in server.output() or server.proc.poll() is not None,
                timeout=30,
                message="the server to run out of descriptors",
            )
            assert server.proc.poll() is None, "the server survived the flood"
            assert "Too many open files" in server.output(), "the flood did exhaust the server's descriptors"
            for _reader, writer in flood:
                writer.close()
            # asyncio retries accept() a second after EMFILE: until the server answers again.
            await eventually(
                lambda: answers(session, f"{base}/api/v1/health"),
                timeout=30,
                interval=0.1,
                message="the server to accept connections again",
            )
            async with session.post(f"{base}/api/v1/captures", json=capture(order_number="AFTER")) as r:
                assert r.status == 201, await r.text()
            async with session.get(f"{base}/api/v1/cases") as r:
                orders = {c["order_number"] for c in (await r.json())["cases"]}
            assert {"BEFORE", "AFTER"} <= orders
    finally:
        server.kill()


# -- guessing at scale -------------------------------------------------------------------------
async def test_pairing_code_guessing_at_scale_never_pairs_and_never_locks_the_user_out(
    client, anon, app, monkeypatch
):
    """A flood from 20 connections, its answers not even slowed: nothing pairs, and the user's
    code pairs after it. The rate measured here is what the entropy has to beat."""
    monkeypatch.setattr(pairing_module, "SLOW_ANSWER_SECONDS", 0.0)
    code = await _new_code(client)
    wanted = pairing_module.normalize(code)
    guesses = []
    while len(guesses) < 2000:
        guess = "".join(secrets.choice(pairing_module.ALPHABET) for _ in range(pairing_module.CODE_LENGTH))
        if pairing_module.normalize(guess) != wanted:
            guesses.append(guess)

    async def guess_all(chunk):
        statuses = []
        for guess in chunk:
            response = await anon.post("/api/v1/pair", json={"code": guess, "client_name": "x"})
            statuses.append(response.status)
            await response.release()
        return statuses

    started = time.perf_counter()
    results = await asyncio.gather(*(guess_all(guesses[i::20]) for i in range(20)))
    rate = len(guesses) / (time.perf_counter() - started)
    statuses = [s for chunk in results for s in chunk]
    assert set(statuses) == {401}
    assert app[CLIENTS].paired() == []
    # Guessing at that rate through a code's whole life: the chance of a hit.
    odds = rate * pairing_module.TTL_SECONDS / len(pairing_module.ALPHABET) ** pairing_module.CODE_LENGTH
    print(f"pairing guesses: {rate:.0f}/s unslowed; chance per live code {odds:.1e}")
    assert odds < 1e-6
    assert (await anon.post("/api/v1/pair", json={"code": code})).status == 201, "the user's code still pairs"
    assert (await client.post("/api/v1/captures", json=capture())).status == 201, "the rest works on"


async def test_guesses_from_a_web_page_are_refused_without_burning_the_users_code(client, anon):
    code = await _new_code(client)
    for _ in range(3 * pairing_module.FREE_MISSES_PER_MINUTE):
        response = await anon.post("/api/v1/pair", json={"code": "AAAAA-AAAAA"}, headers={"Origin": EVIL})
        assert response.status == 403
    for body, content_type in (
        (b'{"code": "AAAA-AAAA"}', "text/plain"),
        (b"code=AAAA-AAAA", "application/x-www-form-urlencoded"),
    ):
        response = await anon.post("/api/v1/pair", data=body, headers={"Content-Type": content_type})
        assert response.status == 415  # what a no-cors form or fetch can send
    paired = await anon.post("/api/v1/pair", json={"code": code, "client_name": "Chrome"})
    assert paired.status == 201, "the user's own code still works"


async def test_token_guessing_at_scale_gets_nothing(client, anon, app):
    local_id = app[CLIENTS].local_token.split(".")[1]
    headers = []
    for n in range(1000):
        client_id = local_id if n % 2 else secrets.token_hex(8)
        headers.append(f"Bearer rt1.{client_id}.{secrets.token_urlsafe(32)}")

    async def try_all(chunk):
        out = []
        for header in chunk:
            response = await anon.get("/api/v1/cases", headers={"Authorization": header})
            out.append(response.status)
            await response.release()
        return out

    statuses = [
        s for chunk in await asyncio.gather(*(try_all(headers[i::10]) for i in range(10))) for s in chunk
    ]
    assert set(statuses) == {401}
    assert (await client.get("/api/v1/cases")).status == 200


# -- request-target and header tricks ----------------------------------------------------------
@pytest.mark.parametrize(
    "head",
    [
        # absolute-form target naming another host, with a good Host header
        "GET http://evil.example/api/v1/cases HTTP/1.1\nHost: 127.0.0.1:{port}\n",
        # absolute-form naming us, to slip past the Host check
        "GET http://127.0.0.1:{port}/api/v1/cases HTTP/1.1\nHost: evil.example\n",
        # two Host headers
        "GET /api/v1/cases HTTP/1.1\nHost: 127.0.0.1:{port}\nHost: evil.example\n",
        "GET /api/v1/cases HTTP/1.1\nHost: evil.example\nHost: 127.0.0.1:{port}\n",
        # trailing dot, port padding, userinfo
        "GET /api/v1/cases HTTP/1.1\nHost: localhost.:{port}\n",
        "GET /api/v1/cases HTTP/1.1\nHost: 127.0.0.1:0{port}\n",
        "GET /api/v1/cases HTTP/1.1\nHost: evil.example@127.0.0.1:{port}\n",
        # asterisk-form and CONNECT
        "OPTIONS * HTTP/1.1\nHost: 127.0.0.1:{port}\n",
        "CONNECT 127.0.0.1:{port} HTTP/1.1\nHost: 127.0.0.1:{port}\n",
        # HTTP/1.0 without Host, and HTTP/0.9-style
        "GET /api/v1/cases HTTP/1.0\n",
        # a second Origin header after an extension's one
        "GET /api/v1/cases HTTP/1.1\nHost: 127.0.0.1:{port}\nOrigin: chrome-extension://"
        + "a" * 32
        + "\nOrigin: "
        + EVIL
        + "\n",
    ],
)
async def test_request_target_and_header_tricks_never_reach_the_data(client, app, head):
    port = port_of(client)
    token = app[CLIENTS].local_token
    await client.post("/api/v1/captures", json=capture())
    text = head.format(port=port) + f"Authorization: Bearer {token}\nConnection: close\n"
    try:
        status, _, payload = await raw_request(port, text)
    except (ConnectionError, asyncio.IncompleteReadError):
        return  # the server hung up: nothing leaked either
    assert status in (400, 403, 404, 405, 501), (status, payload[:200])
    assert b"16739482210" not in payload


async def test_request_smuggling_with_two_lengths_is_refused(client, app):
    port = port_of(client)
    token = app[CLIENTS].local_token
    smuggled = b"GET /api/v1/cases HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port
    head = (
        f"POST /api/v1/health HTTP/1.1\nHost: 127.0.0.1:{port}\nAuthorization: Bearer {token}\n"
        f"Content-Type: application/json\nContent-Length: 4\nTransfer-Encoding: chunked\n"
    )
    try:
        status, _, _ = await raw_request(port, head, b"0\r\n\r\n" + smuggled)
    except (ConnectionError, asyncio.IncompleteReadError):
        return
    assert status == 400


# -- bodies at scale ---------------------------------------------------------------------------
async def test_many_oversized_bodies_at_once_are_refused_and_the_server_works_on(client):
    big = b'{"capture_id": "' + b"x" * (2 * 1024 * 1024) + b'"}'

    async def send():
        response = await client.post(
            "/api/v1/captures",
            data=io.BytesIO(big),
            headers={"Content-Type": "application/json"},
            chunked=True,
        )
        await response.release()
        return response.status

    statuses = await asyncio.gather(*(send() for _ in range(10)), return_exceptions=True)
    assert all(s == 413 or isinstance(s, aiohttp.ClientError) for s in statuses), statuses
    assert 413 in statuses
    assert await legit_work(client, n=3) == 3


async def test_many_slowly_sent_bodies_time_out_and_the_server_works_on(aiohttp_client, config):
    from server.app import create_app

    config.body_timeout = 0.5
    app = create_app(config)
    client = await aiohttp_client(app)
    client.session.headers["Authorization"] = f"Bearer {app[CLIENTS].local_token}"
    port = port_of(client)
    token = app[CLIENTS].local_token

    async def slow_body():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                f"POST /api/v1/captures HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                "Content-Length: 1000\r\n\r\n{"
            ).encode()
        )
        try:
            for _ in range(40):
                await asyncio.sleep(0.1)  # the point: a body sent a byte at a time
                writer.write(b" ")
                data = await asyncio.wait_for(reader.read(12), 0.01) if reader.at_eof() is False else b""
                if data:
                    return data
            return await asyncio.wait_for(reader.read(12), 5)
        except TimeoutError:
            return await asyncio.wait_for(reader.read(12), 5)
        except (ConnectionError, OSError):
            return b"closed"
        finally:
            writer.close()

    slow = [asyncio.ensure_future(slow_body()) for _ in range(30)]
    assert await legit_work(client, n=10) == 10
    answers = await asyncio.gather(*slow)
    assert all(a in (b"HTTP/1.1 408", b"closed") for a in answers), answers


# -- WebSockets --------------------------------------------------------------------------------
async def test_websockets_from_web_origins_at_scale_are_all_refused(client):
    async def attempt(origin):
        try:
            ws = await client.ws_connect("/api/v1/events", headers={"Origin": origin})
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        await ws.close()
        return 101

    origins = [EVIL, "http://127.0.0.1:8000", "null", "http://localhost", "https://evil.example:443"] * 10
    statuses = await asyncio.gather(*(attempt(o) for o in origins))
    assert set(statuses) == {403}


async def test_unauthenticated_websockets_are_closed_and_cannot_hear_events(anon, client):
    sockets = [await anon.ws_connect("/api/v1/events") for _ in range(30)]
    await client.post("/api/v1/captures", json=capture())
    for ws in sockets:
        msg = await ws.receive(timeout=15)  # closed after the 5 s auth timeout, having heard nothing
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), msg
        assert ws.close_code == 4401
        await ws.close()


async def test_an_oversized_websocket_message_closes_that_socket_only(client):
    ws = await client.ws_connect("/api/v1/events")
    assert (await ws.receive_json(timeout=5))["type"] == "ready"
    await ws.send_str("x" * (64 * 1024))
    msg = await ws.receive(timeout=5)
    assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
    await ws.close()
    other = await client.ws_connect("/api/v1/events")
    assert (await other.receive_json(timeout=5))["type"] == "ready"
    await other.close()
