"""Payloads and small helpers shared by the server tests."""

from __future__ import annotations

from ..support.captures import TREND_MICRO, capture

__all__ = ["TREND_MICRO", "capture", "new_case", "post_capture"]


async def post_capture(client, **overrides):
    response = await client.post("/api/v1/captures", json=capture(**overrides))
    return response, await response.json()


async def new_case(client, **overrides) -> dict:
    response, body = await post_capture(client, **overrides)
    assert response.status == 201, body
    return body["case"]
