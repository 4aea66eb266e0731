"""What the server stores, it can load again: the start-up check never trips on its own data.

Found by the long fuzz run (REFUNDS_FUZZ_EXAMPLES=200): a capture from a page on an
internationalised or odd host (bücher.de, a_b.com, [::1]) stored the host as vendor.domain,
outside the Case schema's domain pattern. Checked strictly at the next start, that snapshot
would have been moved aside as damaged (and with the previous one holding the case too, the
server would have refused to start). Now the host is stored in its IDNA form or not at all,
and the start-up check is of the documents' shape (types, required fields), not their values.
"""

from __future__ import annotations

import json

import msgspec
import pytest

from server.app import create_app
from server.domain.documents import Case
from server.keys import CLIENTS, STORE

from ..support.captures import capture

HOSTS = {
    "https://bücher.de/bestellung/danke": "xn--bcher-kva.de",
    "https://shop_1.co/thank-you": None,
    "http://[::1]/order": None,
    "https://x%41y.com/order": None,
}


async def _restart(aiohttp_client, client, config, edit=None):
    """Stop the server, let ``edit`` change its snapshot's tables (as an older version or a
    hand edit would have left them), and start it again on the same data dir."""
    await client.close()
    if edit is not None:
        snapshot = config.data_dir / "refunds.json"
        tables = json.loads(snapshot.read_text())
        edit(tables)
        snapshot.write_text(json.dumps(tables))
    app = create_app(config)
    again = await aiohttp_client(app)
    again.session.headers["Authorization"] = f"Bearer {app[CLIENTS].local_token}"
    return again, app


@pytest.mark.parametrize("url", list(HOSTS))
async def test_a_capture_from_an_odd_host_is_stored_as_a_valid_case(client, config, aiohttp_client, url):
    response = await client.post(
        "/api/v1/captures", json=capture(page_url=url, seller_name=None, product="Handmade notebook")
    )
    assert response.status == 201, await response.text()
    case = (await response.json())["case"]
    assert case["vendor"]["domain"] == HOSTS[url]
    again, app = await _restart(aiohttp_client, client, config)
    assert app[STORE].report.moved_aside == [] and app[STORE].report.snapshot == "current"
    stored = list(app[STORE].all("cases"))
    assert len(stored) == 1
    msgspec.json.decode(msgspec.json.encode(stored[0]), type=Case)  # the strict schema holds
    assert (await again.get(f"/api/v1/cases/{case['id']}")).status == 200


async def test_a_database_from_before_the_fix_is_migrated_and_its_cases_editable(
    client, config, aiohttp_client
):
    response = await client.post("/api/v1/captures", json=capture())
    case_id = (await response.json())["case"]["id"]

    def as_version_1_wrote_it(tables):
        for doc in tables["cases"].values():
            doc["vendor"]["domain"] = "bücher.de"
        tables["meta"]["1"]["schema_version"] = 1

    again, app2 = await _restart(aiohttp_client, client, config, as_version_1_wrote_it)
    assert app2[STORE].report.moved_aside == [] and app2[STORE].report.migrated_from == 1
    patched = await again.patch(f"/api/v1/cases/{case_id}", json={"reason": "changed my mind"})
    assert patched.status == 200, await patched.text()
    assert (await patched.json())["case"]["vendor"]["domain"] == "xn--bcher-kva.de"


async def test_a_well_shaped_case_with_an_out_of_pattern_value_is_data_not_damage(
    client, config, aiohttp_client
):
    response = await client.post("/api/v1/captures", json=capture())
    case_id = (await response.json())["case"]["id"]

    def with_a_long_product(tables):
        for doc in tables["cases"].values():
            doc["product"] = "x" * 400  # longer than an edit may set

    again, app2 = await _restart(aiohttp_client, client, config, with_a_long_product)
    assert app2[STORE].report.moved_aside == [], "not moved aside as damaged"
    assert (await again.get(f"/api/v1/cases/{case_id}")).status == 200


async def test_a_case_stored_before_line_items_is_migrated_to_have_none(client, config, aiohttp_client):
    response = await client.post("/api/v1/captures", json=capture())
    case_id = (await response.json())["case"]["id"]

    def as_version_2_wrote_it(tables):
        for doc in tables["cases"].values():
            del doc["items"]
        tables["meta"]["1"]["schema_version"] = 2

    again, app2 = await _restart(aiohttp_client, client, config, as_version_2_wrote_it)
    assert app2[STORE].report.moved_aside == [] and app2[STORE].report.migrated_from == 2
    assert app2[STORE].get("cases", case_id)["items"] is None
    assert (await (await again.get(f"/api/v1/cases/{case_id}")).json())["case"]["items"] is None
    merged = await again.post("/api/v1/captures", json=capture(items=[{"name": "Maximum Security"}]))
    assert (await merged.json())["case"]["items"] == [
        {"name": "Maximum Security", "variant": None, "quantity": None, "price": None}
    ]
    stored = app2[STORE].get("cases", case_id)
    msgspec.json.decode(msgspec.json.encode(stored), type=Case)
