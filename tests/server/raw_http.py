"""Send hand-written HTTP requests: real clients normalise the very paths and headers we test."""

from __future__ import annotations

import asyncio
import json


async def raw_request(port: int, head: str, body: bytes = b"", *, read_timeout: float = 10.0):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        await writer.drain()
        data = await asyncio.wait_for(_read_response(reader), read_timeout)
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except (ConnectionError, OSError):
            pass
    status_line, _, rest = data.partition(b"\r\n")
    headers_blob, _, payload = rest.partition(b"\r\n\r\n")
    status = int(status_line.split()[1])
    headers = {}
    for line in headers_blob.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, payload


def json_of(payload: bytes):
    return json.loads(payload) if payload else None


async def _read_response(reader: asyncio.StreamReader) -> bytes:
    """The status line, headers and a Content-Length body (the server may keep the socket open)."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length) if length else b""
    return head + body
