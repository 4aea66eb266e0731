"""What this computer says about its user: their name from the account's full name, country and
locale from LC_ALL / LANG, the time zone from TZ or the system's zone. Only ever a suggestion
for the settings screen, never saved unasked."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# ll_CC[.encoding][@modifier], as in de_DE.UTF-8 or pt_BR.utf8@euro (ll may be three letters).
_POSIX_LOCALE = re.compile(r"^(?P<language>[A-Za-z]{2,3})(?:_(?P<country>[A-Za-z]{2}))?(?:\.[^@]*)?(?:@.*)?$")


@dataclass(frozen=True)
class SystemSettings:
    country: str | None = None
    locale: str | None = None
    timezone: str | None = None
    name: str | None = None
    # Where each came from, said to the user ("LANG=de_DE.UTF-8", "the system time zone").
    locale_source: str | None = None
    timezone_source: str | None = None
    name_source: str | None = None

    def __bool__(self) -> bool:
        return bool(self.country or self.locale or self.timezone or self.name)


def locale_from_environment(environ: Mapping[str, str]) -> tuple[str | None, str | None, str | None]:
    """(country, locale, "NAME=value") from LC_ALL, else LANG; C and POSIX say nothing."""
    for name in ("LC_ALL", "LANG"):
        value = (environ.get(name) or "").strip()
        if not value:
            continue
        match = _POSIX_LOCALE.match(value)
        if match is None or value.split(".")[0] in ("C", "POSIX"):
            return None, None, None  # the one that rules says nothing about the user
        language, country = match.group("language").lower(), match.group("country")
        if country:
            return country.upper(), f"{language}-{country.upper()}", f"{name}={value}"
        return None, language, f"{name}={value}"
    return None, None, None


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def is_zone(name: str) -> bool:
    """An IANA zone name ("Europe/Berlin"). Checked against the list, not by opening it:
    "Europe" is a folder, and ZoneInfo("Europe") raises IsADirectoryError."""
    return name in _zone_names()


def system_zone(environ: Mapping[str, str], root: Path = Path("/")) -> tuple[str | None, str | None]:
    """(IANA zone name, where it came from): TZ, /etc/timezone, or where /etc/localtime points."""
    tz = (environ.get("TZ") or "").strip().removeprefix(":")
    if tz:
        return (tz, f"TZ={tz}") if is_zone(tz) else (None, None)
    try:
        named = (root / "etc/timezone").read_text(encoding="utf-8").strip()
        if is_zone(named):
            return named, "the system time zone"
    except (OSError, UnicodeDecodeError):
        pass
    try:
        target = os.readlink(root / "etc/localtime")
    except OSError:
        return None, None
    _, marker, name = target.partition("zoneinfo/")
    if marker and is_zone(name):
        return name, "the system time zone"
    return None, None


def account_full_name() -> str | None:
    """The full name of this computer's account (the first field of its GECOS entry), if any."""
    try:
        import pwd  # not on Windows
    except ImportError:
        return None
    try:
        gecos = pwd.getpwuid(os.getuid()).pw_gecos
    except (KeyError, OSError):
        return None
    name = gecos.split(",")[0].strip()
    # System accounts carry labels rather than names ("root", "Debian-exim").
    if not name or name.lower() in {"root", "admin", "user"} or not any(ch.isalpha() for ch in name):
        return None
    return name[:120]


def guess_system_settings(
    environ: Mapping[str, str] | None = None,
    root: Path = Path("/"),
    full_name: Callable[[], str | None] = account_full_name,
) -> SystemSettings:
    environ = os.environ if environ is None else environ
    country, locale, locale_source = locale_from_environment(environ)
    timezone, timezone_source = system_zone(environ, root)
    name = full_name()
    return SystemSettings(
        country=country,
        locale=locale,
        timezone=timezone,
        name=name,
        locale_source=locale_source,
        timezone_source=timezone_source,
        name_source="your account's full name" if name else None,
    )
