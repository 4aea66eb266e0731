"""Waiting on a condition instead of sleeping a fixed time."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from bench._support import wait_http, wait_until

__all__ = ["eventually", "wait_http", "wait_until"]


async def eventually(
    condition: Callable[[], Any],
    *,
    timeout: float = 10.0,
    interval: float = 0.05,
    message: str = "the condition",
    pause: Callable[[float], Awaitable[Any]] | None = None,
) -> Any:
    """Poll ``condition`` (a function or a coroutine function) until it returns something
    true, and return that; AssertionError naming ``message`` after ``timeout`` seconds.
    ``pause`` waits between tries (``pilot.pause`` in a Textual test), asyncio.sleep otherwise."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    pause = pause or asyncio.sleep
    while True:
        value = condition()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {message} (last: {value!r})")
        await pause(interval)
