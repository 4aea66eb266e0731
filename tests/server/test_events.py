"""The events WebSocket: durable changes reach every connected client."""

from __future__ import annotations

import asyncio

from server.keys import CLIENTS

from .helpers import new_case, post_capture


async def next_event(ws, timeout=5):
    msg = await ws.receive_json(timeout=timeout)
    return msg


async def test_events_with_header_auth(client):
    ws = await client.ws_connect("/api/v1/events")
    assert (await next_event(ws))["type"] == "ready"
    case = await new_case(client)
    created = await next_event(ws)
    assert created["type"] == "case.created" and created["case"]["id"] == case["id"]
    assert created["case"]["deadline"] == "2026-12-20"
    await client.patch(f"/api/v1/cases/{case['id']}", json={"reason": "too expensive"})
    updated = await next_event(ws)
    assert updated["type"] == "case.updated" and updated["case"]["reason"] == "too expensive"
    await client.delete(f"/api/v1/cases/{case['id']}")
    deleted = await next_event(ws)
    assert deleted["type"] == "case.deleted" and deleted["case"]["id"] == case["id"]
    await ws.close()


async def test_a_capture_says_so_and_whether_it_merged(client):
    ws = await client.ws_connect("/api/v1/events")
    await next_event(ws)
    case = await new_case(client)
    created = await next_event(ws)
    assert (created["type"], created["cause"], created["result"]) == ("case.created", "capture", "created")
    await post_capture(client, account_email="jordan.lee@example.com")  # the same order again
    merged = await next_event(ws)
    assert (merged["type"], merged["cause"], merged["result"]) == ("case.updated", "capture", "merged")
    assert merged["case"]["id"] == case["id"] and len(merged["case"]["captures"]) == 2
    # Any other change is an event of the shape it always had.
    await client.patch(f"/api/v1/cases/{case['id']}", json={"reason": "too expensive"})
    assert set(await next_event(ws)) == {"type", "case"}
    await ws.close()


async def test_events_with_first_message_auth(client, anon, app):
    ws = await anon.ws_connect("/api/v1/events")
    await ws.send_json({"type": "auth", "token": app[CLIENTS].local_token})
    assert (await next_event(ws))["type"] == "ready"
    await new_case(client)
    assert (await next_event(ws))["type"] == "case.created"
    await ws.close()


async def test_every_client_gets_every_event(client):
    sockets = [await client.ws_connect("/api/v1/events") for _ in range(3)]
    for ws in sockets:
        await next_event(ws)
    await asyncio.gather(*(new_case(client, order_number=str(i)) for i in range(5)))
    for ws in sockets:
        types = [(await next_event(ws))["type"] for _ in range(5)]
        assert types == ["case.created"] * 5
        await ws.close()


async def test_communications_and_pairing_are_announced(client, anon):
    ws = await client.ws_connect("/api/v1/events")
    await next_event(ws)
    case = await new_case(client)
    await next_event(ws)
    await client.post(
        f"/api/v1/cases/{case['id']}/communications",
        json={"channel": "email", "summary": "Sent the refund request"},
    )
    event = await next_event(ws)
    assert event["type"] == "case.updated"
    assert event["case"]["communications"][0]["summary"] == "Sent the refund request"
    code = (await (await client.post("/api/v1/pairing-codes", json={})).json())["code"]
    await anon.post("/api/v1/pair", json={"code": code, "client_name": "Firefox"})
    paired = await next_event(ws)
    assert paired["type"] == "client.paired" and paired["client"]["name"] == "Firefox"
    await ws.close()
