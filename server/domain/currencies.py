"""ISO 4217 currency codes (from pycountry's copy of the standard, loaded on first use)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_iso4217(code: str) -> bool:
    return code in _codes()
