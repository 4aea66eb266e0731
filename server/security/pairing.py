"""Pairing codes: single-use, short-lived, and too many to guess.

Guessing is made hopeless by the code's entropy and the rate a guesser gets, not by a lockout:
any local process can send wrong codes, so a lockout (or voiding the live codes after a few
misses) would let it keep the user from pairing. A live code pairs whatever came before it.

- Entropy: 10 symbols of Crockford's base 32, 50 bits, typed as XXXXX-XXXXX.
- Rate: past a few misses a minute, every wrong answer is held back (SLOW_ANSWER_SECONDS), so
  a guesser waits on each of its guesses; a right code is answered at once.

At the loopback rate measured in tests/server/test_security.py (a few thousand guesses a
second, unslowed), the chance of hitting a live code in its 5 minutes is below 1 in 10^8;
slowed, far less.
"""

from __future__ import annotations

import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ..wallclock import system_clock

# Crockford's base 32: no I, L, O or U to misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits
GROUP = 5  # shown as two groups of five
TTL_SECONDS = 300
# Misses in a minute a user could make by mistyping; past that, wrong answers are slow.
FREE_MISSES_PER_MINUTE = 10
SLOW_ANSWER_SECONDS = 1.0


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
    _misses: deque[float] = field(default_factory=deque)  # when recent misses happened (clock)

    def issue(self) -> IssuedCode:
        self._drop_expired()
        raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        self._live[raw] = self.clock() + TTL_SECONDS
        return IssuedCode(f"{raw[:GROUP]}-{raw[GROUP:]}", self.wall_clock() + TTL_SECONDS, TTL_SECONDS)

    def redeem(self, code: str) -> bool:
        """True (and the code is used up) if ``code`` is live; a miss voids nothing."""
        self._drop_expired()
        normalized = normalize(code)
        if normalized in self._live:
            del self._live[normalized]
            return True
        self._misses.append(self.clock())
        return False

    def miss_delay(self) -> float:
        """How long to hold back the answer to a wrong code: nothing for a user's few typos."""
        horizon = self.clock() - 60.0
        while self._misses and self._misses[0] <= horizon:
            self._misses.popleft()
        return SLOW_ANSWER_SECONDS if len(self._misses) > FREE_MISSES_PER_MINUTE else 0.0

    def _drop_expired(self) -> None:
        now = self.clock()
        for code, expiry in list(self._live.items()):
            if expiry <= now:
                del self._live[code]


def normalize(code: str) -> str:
    """Users type codes loosely: case, dashes and spaces do not matter; O and I read as 0 and 1."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))
