"""ISO 3166-1 alpha-2 country codes (from pycountry's copy of the standard, loaded on first use)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_iso3166(code: str) -> bool:
    return code.upper() in _codes()
