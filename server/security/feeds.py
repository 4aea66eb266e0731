"""Calendar feeds: the one URL that carries a secret, ``/calendar/<secret>.ics``.

A calendar app (Thunderbird, GNOME Calendar, Apple Calendar, Outlook) subscribes to a URL and
cannot send an ``Authorization`` header, so the feed's secret has to be in the URL itself. It
opens that one read-only document and nothing else: it is not a client token (no ``rt1.``
prefix, not in the clients table), and the security middleware serves the feed only to a
request with no web Origin, no cross-site fetch metadata and no Referer.

Stored as client tokens are (server/security/tokens.py): only the SHA-256 of the secret, with
an id, a name and when it was made; the full URL is shown once, when it is created.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

import msgspec

from ..storage import Store
from ..wallclock import WallClock, system_clock
from . import tokens

TABLE = "calendar_feeds"
PATH_PREFIX = "/calendar/"
SUFFIX = ".ics"
# token_urlsafe(32): 43 characters of [A-Za-z0-9_-]
_SECRET_LENGTH = 43


class _StoredFeed(msgspec.Struct):
    id: str
    name: str
    secret_hash: str
    created_at: str


def feed_path(secret: str) -> str:
    return f"{PATH_PREFIX}{secret}{SUFFIX}"


class CalendarFeeds:
    def __init__(self, store: Store, clock: WallClock | None = None) -> None:
        self._store = store
        self._clock = clock or system_clock()
        store.add_validator(TABLE, lambda doc: msgspec.convert(doc, _StoredFeed))

    async def create(self, name: str) -> tuple[str, dict[str, Any]]:
        """A new feed: (its secret, shown once; its public view)."""
        feed_id = tokens.new_client_id()
        secret = secrets.token_urlsafe(32)
        doc = {
            "id": feed_id,
            "name": name,
            "secret_hash": tokens.token_hash(secret),
            "created_at": self._clock.now().isoformat(timespec="seconds"),
        }
        await self._store.write([(TABLE, feed_id, doc)])
        return secret, public_view(doc)

    def find(self, secret: str) -> dict[str, Any] | None:
        """The feed whose secret this is, or None (unknown, revoked or malformed alike).

        Every stored hash is compared, in constant time, whether or not one matched already:
        how long the answer takes says nothing about which feeds exist.
        """
        wanted = tokens.token_hash(secret)
        found = None
        for doc in self._store.all(TABLE):
            if hmac.compare_digest(wanted, doc["secret_hash"]):
                found = doc
        if found is None or len(secret) != _SECRET_LENGTH:
            return None
        return found

    async def revoke(self, feed_id: str) -> bool:
        if self._store.get(TABLE, feed_id) is None:
            return False
        await self._store.write([(TABLE, feed_id, None)])
        return True

    def listed(self) -> list[dict[str, Any]]:
        return sorted((public_view(doc) for doc in self._store.all(TABLE)), key=lambda d: d["created_at"])


def public_view(doc: dict[str, Any]) -> dict[str, Any]:
    """What the API lists: never the secret, nor its hash."""
    return {k: doc[k] for k in ("id", "name", "created_at")}
