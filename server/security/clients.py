"""Paired clients (browser extensions) and the local client (TUI, CLI, scripts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from ..storage import Store
from ..wallclock import WallClock, system_clock
from . import tokens

TABLE = "clients"


# The Origin a pairing came with is kept: a stored client without the field was paired before
# origins were recorded and is bound to the first extension Origin it is used from.
UNRECORDED = "unrecorded"


@dataclass(frozen=True)
class Client:
    id: str
    name: str
    kind: str  # "local" or "extension"
    # The Origin the token was paired from (None: paired without one, as the local token is).
    origin: str | None = None

    def accepts_origin(self, origin: str | None) -> bool:
        """A request that names an Origin must name the one this token was paired from.

        One without (a process, or a browser that leaves it off a request its host permission
        covers) is left to the token alone: only a page or extension sends an Origin, and only
        another one could borrow a token from one.
        """
        return origin is None or origin == self.origin


class _StoredClient(msgspec.Struct):
    id: str
    name: str
    kind: str
    token_hash: str
    created_at: str
    origin: str | None = UNRECORDED


class ClientRegistry:
    def __init__(self, store: Store, clock: WallClock | None = None) -> None:
        self._store = store
        self._clock = clock or system_clock()
        store.add_validator(TABLE, lambda doc: msgspec.convert(doc, _StoredClient))
        self._local_id = tokens.new_client_id()
        # The local token changes on every start: an old server.json is worth nothing.
        self.local_token = tokens.new_token(self._local_id)
        self._local_hash = tokens.token_hash(self.local_token)

    def authenticate(self, token: str) -> Client | None:
        client_id = tokens.client_id_of(token)
        if client_id is None:
            return None
        if client_id == self._local_id:
            if tokens.hash_matches(token, self._local_hash):
                return Client(self._local_id, "local", "local")
            return None
        doc = self._store.get(TABLE, client_id)
        if doc is None or not tokens.hash_matches(token, doc["token_hash"]):
            return None
        return Client(doc["id"], doc["name"], doc["kind"], doc.get("origin", UNRECORDED))

    async def bind_origin(self, client: Client, origin: str) -> Client:
        """Binds a client paired before origins were recorded to its first extension Origin."""
        doc = self._store.get(TABLE, client.id)
        if doc is None or doc.get("origin", UNRECORDED) != UNRECORDED:
            return client
        await self._store.write([(TABLE, client.id, {**doc, "origin": origin})])
        return Client(client.id, client.name, client.kind, origin)

    def stored_hash(self, client_id: str) -> str | None:
        if client_id == self._local_id:
            return self._local_hash
        doc = self._store.get(TABLE, client_id)
        return doc["token_hash"] if doc else None

    async def pair(self, name: str, origin: str | None) -> tuple[str, dict[str, Any]]:
        client_id = tokens.new_client_id()
        token = tokens.new_token(client_id)
        doc = {
            "id": client_id,
            "name": name,
            "kind": "extension",
            "origin": origin,
            "token_hash": tokens.token_hash(token),
            "created_at": self._clock.now().isoformat(timespec="seconds"),
        }
        await self._store.write([(TABLE, client_id, doc)])
        return token, public_view(doc)

    async def revoke(self, client_id: str) -> bool:
        if self._store.get(TABLE, client_id) is None:
            return False
        await self._store.write([(TABLE, client_id, None)])
        return True

    def paired(self) -> list[dict[str, Any]]:
        return sorted((public_view(doc) for doc in self._store.all(TABLE)), key=lambda d: d["created_at"])


def public_view(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in ("id", "name", "kind", "created_at")}
