"""`refunds serve -v` logs each request: method, path, status, milliseconds and client name;
never a token, a body, a query string or a feed's secret."""

from __future__ import annotations

import logging
import re

import pytest

from server.access_log import LOGGER_NAME
from server.serve import start_server

from ..support.server import Server
from .helpers import capture

EXTENSION_ORIGIN = "chrome-extension://" + "a" * 32
LINE = re.compile(r"^(GET|POST|PATCH|DELETE) /[\x21-\x7e]* \d{3} \d+\.\dms \S.*$")


@pytest.fixture
async def logged_server(config, caplog):
    config.access_log = True
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    server = await start_server(config, freeze_gc=False)
    yield server
    await server.stop()


def access_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER_NAME]


async def test_security_each_request_is_logged_without_its_secrets(logged_server, caplog):
    import aiohttp

    base = logged_server.url
    local = {"Authorization": f"Bearer {logged_server.token}"}
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/api/v1/cases?q=jordan.lee&token=QUERYSECRET", headers=local) as r:
            assert r.status == 200
        async with http.post(
            f"{base}/api/v1/captures", json=capture(product="BODYSECRET Suite"), headers=local
        ) as r:
            assert r.status == 201
        async with http.post(f"{base}/api/v1/pairing-codes", json={}, headers=local) as r:
            code = (await r.json())["code"]
        async with http.post(
            f"{base}/api/v1/pair",
            json={"code": code, "client_name": "Test Chromium"},
            headers={"Origin": EXTENSION_ORIGIN},
        ) as r:
            paired = (await r.json())["token"]
        browser = {"Authorization": f"Bearer {paired}", "Origin": EXTENSION_ORIGIN}
        async with http.get(f"{base}/api/v1/cases", headers=browser) as r:
            assert r.status == 200
        async with http.get(
            f"{base}/api/v1/cases", headers={"Authorization": "Bearer rt1.x.WRONGTOKEN"}
        ) as r:
            assert r.status == 401
        async with http.post(
            f"{base}/api/v1/calendar-feeds", json={"name": "Thunderbird"}, headers=local
        ) as r:
            feed_url = (await r.json())["feed"]["url"]
        async with http.get(feed_url) as r:
            assert r.status == 200
        async with http.get(f"{base}/api/v1/health?client_id=abc&nonce={'n' * 20}") as r:
            assert r.status == 200

    lines = access_lines(caplog)
    assert len(lines) == 9, lines
    for line in lines:
        assert LINE.match(line), line
    assert lines[0].startswith("GET /api/v1/cases 200 ") and lines[0].endswith(" local")
    assert lines[1].startswith("POST /api/v1/captures 201 ") and lines[1].endswith(" local")
    assert lines[3].startswith("POST /api/v1/pair 201 ")
    assert lines[4].startswith("GET /api/v1/cases 200 ") and lines[4].endswith(" Test Chromium")
    assert lines[5].startswith("GET /api/v1/cases 401 ") and lines[5].endswith(" -")
    assert lines[7].startswith("GET /calendar/<secret> 200 ")
    assert lines[8].startswith("GET /api/v1/health 200 ")
    feed_secret = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    everything = "\n".join(lines)
    for secret in (
        logged_server.token,
        paired,
        paired.split(".")[2],
        "WRONGTOKEN",
        "QUERYSECRET",
        "jordan",
        "BODYSECRET",
        code,
        feed_secret,
        "nonce",
        "?",
    ):
        assert secret not in everything, secret


async def test_without_verbose_nothing_is_logged(config, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    server = await start_server(config, freeze_gc=False)
    try:
        import aiohttp

        async with aiohttp.ClientSession() as http, http.get(f"{server.url}/api/v1/health") as r:
            assert r.status == 200
    finally:
        await server.stop()
    assert access_lines(caplog) == []


def test_refunds_serve_v_logs_requests_to_stderr(tmp_path):
    process = Server(tmp_path / "data", args=("-v",)).start()
    token = process.token
    try:
        status, _ = process.request("GET", "/api/v1/cases?q=SECRETQUERY")
        assert status == 200
    finally:
        process.stop()
    logged = [line for line in process.stderr.splitlines() if LOGGER_NAME in line]
    assert any(re.search(r"GET /api/v1/cases 200 \d+\.\dms local$", line) for line in logged), process.stderr
    assert "SECRETQUERY" not in process.stderr and token not in process.stderr


def test_a_path_is_logged_printable_and_bounded():
    from server.access_log import loggable_path

    assert loggable_path("/api/v1/cases?token=x") == "/api/v1/cases"
    assert loggable_path("/calendar/" + "A" * 43 + ".ics") == "/calendar/<secret>"
    assert loggable_path("/a\x1b[31mb é") == "/a%1B[31mb%20%C3%A9"
    assert len(loggable_path("/" + "a" * 5000)) == 203
