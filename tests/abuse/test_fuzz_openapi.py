"""Property-based fuzzing of every endpoint in the OpenAPI document (schemathesis + hypothesis).

A real `refunds serve` on a temp data dir; for each operation in /api/v1/openapi.json,
schemathesis generates requests that fit the schema and requests that break it (wrong types,
missing fields, junk in paths and queries). Half the requests that name a case use a real
case id, so the handlers behind the 404 are reached too. Every answer must be a non-5xx with
no traceback in it; when the module's server is torn down, the database must reopen and every
stored case must parse as server.domain.documents.Case (what the fuzzer got accepted is valid data).

REFUNDS_FUZZ_EXAMPLES sets the examples per operation and mode: 15 in CI (about a thousand
requests), e.g. 300 for the long run (tens of thousands).
"""

from __future__ import annotations

import os
import random

import msgspec
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from ..support.captures import capture
from ..support.server import Server

EXAMPLES = int(os.environ.get("REFUNDS_FUZZ_EXAMPLES", "15"))
SEEN: dict[str, int] = {"requests": 0}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fuzzed server. Whatever order the fuzz cases ran in (or however few of them were
    selected), its teardown checks the data they left: the server stops cleanly, the data dir
    reopens and every stored case parses."""
    server = Server(tmp_path_factory.mktemp("fuzz") / "data").start()
    ids = []
    for n in range(5):
        status, body = server.call("POST", "/api/v1/captures", capture(order_number=f"FUZZ-{n}"))
        assert status == 201
        ids.append(body["case"]["id"])
    server.case_ids = ids
    try:
        yield server
    except BaseException:
        server.kill()
        raise
    if SEEN["requests"] == 0:
        server.kill()
        return
    print(f"\nfuzzing: {SEEN} (requests, then answers by status): no 5xx, no traceback")
    assert_data_is_valid_after(server)


def assert_data_is_valid_after(server) -> None:
    from server.domain.documents import Case
    from server.services import CASES, register_indexes
    from server.storage import Store

    assert server.stop() == 0, server.output()
    assert "Traceback" not in server.output(), server.output()[-3000:]
    store = Store(server.data_dir)
    register_indexes(store)
    store.open()
    store._compactor.shutdown()
    docs = list(store.all(CASES))
    assert len(docs) >= 5
    for doc in docs:
        msgspec.json.decode(msgspec.json.encode(doc), type=Case)


@pytest.fixture(scope="module")
def api_schema(served):
    loaded = schemathesis.openapi.from_url(
        f"http://127.0.0.1:{served.port}/api/v1/openapi.json",
        headers={"Authorization": f"Bearer {served.token}"},
    )
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES
    )
    loaded.config.base_url = f"http://127.0.0.1:{served.port}"
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=False, suppress_health_check=list(HealthCheck))
def test_no_input_gets_a_500_or_a_traceback(case, served):
    if case.path_parameters and "case_id" in case.path_parameters and random.random() < 0.5:
        case.path_parameters["case_id"] = random.choice(served.case_ids)
    if case.operation.path == "/api/v1/events":
        pytest.skip("a WebSocket upgrade; tests/abuse/test_web_attacks.py covers it")
    response = case.call(
        base_url=f"http://127.0.0.1:{served.port}",
        headers={"Authorization": f"Bearer {served.token}"},
        timeout=30,
    )
    SEEN["requests"] += 1
    SEEN[response.status_code] = SEEN.get(response.status_code, 0) + 1
    body = response.content or b""
    assert response.status_code < 500, (case.method, case.formatted_path, response.status_code, body[:500])
    assert b"Traceback" not in body and b'File "' not in body, body[:500]
    if response.status_code >= 400 and response.headers.get("Content-Type", "").startswith(
        "application/json"
    ):
        error = msgspec.json.decode(body)["error"]
        assert set(error) == {"code", "message", "fields"}, error
