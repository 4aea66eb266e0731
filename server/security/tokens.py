"""Client tokens: ``rt1.<client id>.<secret>``, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "rt1"


def new_client_id() -> str:
    return secrets.token_hex(8)


def new_token(client_id: str) -> str:
    return f"{PREFIX}.{client_id}.{secrets.token_urlsafe(32)}"


def client_id_of(token: str) -> str | None:
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)


def identity_proof(stored_hash: str, nonce: str) -> str:
    """HMAC-SHA256 of the client's nonce under the token's hash.

    A client computes the same from its own token, so an answer proves the server holds
    the client's pairing, without the token ever being sent to find out.
    """
    return hmac.new(bytes.fromhex(stored_hash), nonce.encode(), hashlib.sha256).hexdigest()
