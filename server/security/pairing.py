"""Pairing codes: short, single-use, short-lived, and burned by guessing."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Callable

from ..wallclock import system_clock

# Crockford's base 32: no I, L, O or U to misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 40 bits
TTL_SECONDS = 300
# Failed attempts tolerated while codes are live; past that every live code is void.
MAX_FAILURES = 5
# After that many failures, pairing is refused for a while.
LOCKOUT_SECONDS = 60


@dataclass
class IssuedCode:
    code: str
    expires_at: float  # wall-clock seconds (the program's clock, as time.time() counts them)
    ttl: int


@dataclass
class PairingCodes:
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = field(default_factory=lambda: system_clock().timestamp)
    _live: dict[str, float] = field(default_factory=dict)  # code -> expiry (clock)
    _failures: int = 0
    _locked_until: float = 0.0

    def issue(self) -> IssuedCode:
        self._drop_expired()
        raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        self._live[raw] = self.clock() + TTL_SECONDS
        return IssuedCode(f"{raw[:4]}-{raw[4:]}", self.wall_clock() + TTL_SECONDS, TTL_SECONDS)

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self.clock())

    def redeem(self, code: str) -> bool:
        """True (and the code is used up) if ``code`` is live; every miss counts against all codes."""
        self._drop_expired()
        normalized = normalize(code)
        if normalized in self._live and self.locked_for() == 0:
            del self._live[normalized]
            self._failures = 0
            return True
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self._live.clear()
            self._failures = 0
            self._locked_until = self.clock() + LOCKOUT_SECONDS
        return False

    def _drop_expired(self) -> None:
        now = self.clock()
        for code, expiry in list(self._live.items()):
            if expiry <= now:
                del self._live[code]


def normalize(code: str) -> str:
    """Users type codes loosely: case, dashes and spaces do not matter; O and I read as 0 and 1."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
