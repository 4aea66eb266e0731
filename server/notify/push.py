"""Opt-in push to a phone or a chat (ntfy, Gotify, e-mail, Telegram, ...) through apprise: the
user's apprise URLs from the settings. What leaves the machine is the reminder's title and
message ("Trend Micro 16739482210: 3 days left to ask for a refund (Digital River)"), no more."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Sequence
from contextlib import contextmanager

log = logging.getLogger(__name__)


def push_text(title: str, message: str) -> tuple[str, str]:
    """Exactly what a push sends: (title, body). The settings screen shows the same."""
    return f"Refund Tracker: {title}", message


class PushChannel:
    name = "push"

    async def send(self, urls: Sequence[str], title: str, message: str) -> bool:
        if not urls:
            return False
        subject, body = push_text(title, message)
        try:
            return await asyncio.to_thread(_notify, list(urls), subject, body)
        except Exception as exc:  # noqa: BLE001 - a push service that fails is retried next round
            log.warning("Push notification failed: %s", exc)
            return False


@contextmanager
def _apprise():
    """apprise, its plugins loading on first use without their DeprecationWarning (apprise
    1.9-2.x imports the stdlib's imghdr, deprecated since 3.11, for PGP mail)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "'imghdr' is deprecated", DeprecationWarning)
        import apprise

        yield apprise


def _notify(urls: list[str], title: str, body: str) -> bool:
    with _apprise() as apprise:
        sender = apprise.Apprise()
        for url in urls:
            sender.add(url)
        return bool(sender.notify(title=title, body=body))


def valid_push_url(url: str) -> bool:
    """Whether apprise knows how to send to this URL (its scheme names a service)."""
    with _apprise() as apprise:
        return bool(apprise.Apprise().add(url))
