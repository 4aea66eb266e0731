"""Small attack tools for the abuse suite."""

from __future__ import annotations

import asyncio

from ..support.captures import capture


async def drip_headers(
    port: int, stop: asyncio.Event, *, every: float, report: bool = False, dripping: list | None = None
) -> str:
    """Slowloris: a request whose headers never end, one more line every ``every`` seconds.
    Adds itself to ``dripping`` once its first header line is sent."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port)
    n = 0
    try:
        while not stop.is_set():
            n += 1
            writer.write(b"X-Drip-%d: %d\r\n" % (n, n))
            await writer.drain()
            if n == 1 and dripping is not None:
                dripping.append(writer)
            try:
                data = await asyncio.wait_for(reader.read(64), every)
            except TimeoutError:
                continue
            return "closed by the server" if not data else f"answered {data[:20]!r}"
        return "still open"
    except (ConnectionError, OSError):
        return "closed by the server"
    finally:
        writer.close()


async def legit_work(client, *, n: int) -> int:
    """What a real user does meanwhile: captures and reads. The number that succeeded."""
    ok = 0
    for i in range(n):
        response = await client.post("/api/v1/captures", json=capture(order_number=f"LEGIT-{i}"))
        if response.status in (200, 201):
            case_id = (await response.json())["case"]["id"]
            if (await client.get(f"/api/v1/cases/{case_id}")).status == 200:
                ok += 1
    return ok
