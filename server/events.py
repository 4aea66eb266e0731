"""Live events for connected clients (the TUI): each change, published once it is durable."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import msgspec

log = logging.getLogger(__name__)

QUEUE_LIMIT = 1000


class Subscriber:
    def __init__(self, name: str) -> None:
        self.name = name
        self.queue: asyncio.Queue[bytes | None] = asyncio.Queue(QUEUE_LIMIT)
        self.overflowed = False


class EventHub:
    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()

    def subscribe(self, name: str) -> Subscriber:
        sub = Subscriber(name)
        self._subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self._subscribers.discard(sub)

    @property
    def count(self) -> int:
        return len(self._subscribers)

    def publish(self, event_type: str, **payload: Any) -> None:
        if not self._subscribers:
            return
        message = msgspec.json.encode({"type": event_type, **payload})
        for sub in list(self._subscribers):
            try:
                sub.queue.put_nowait(message)
            except asyncio.QueueFull:
                # A client that stopped reading must resync from the API; drop it rather
                # than hold memory for it.
                log.warning("event subscriber %s fell behind; disconnecting it", sub.name)
                sub.overflowed = True
                self._subscribers.discard(sub)

    def close(self) -> None:
        for sub in list(self._subscribers):
            try:
                sub.queue.put_nowait(None)
            except asyncio.QueueFull:
                pass
        self._subscribers.clear()
