"""A case's official contacts: the number to copy, what the log form offers for a channel,
and whether a logged contact's address is the official one (the server judges, this says it)."""

from __future__ import annotations

import re
from typing import Any


def first_phone(case: dict[str, Any]) -> dict[str, Any] | None:
    """The first official phone channel (the settings country's first), or None."""
    for channel in case.get("channels") or ():
        if channel.get("kind") == "phone" and channel.get("phone"):
            return channel
    return None


# Which official channel a contact logged on a channel was most likely made through.
_LOGGED_TO_CHANNEL = {
    "phone": ("phone", "phone"),
    "chat": ("chat", "url"),
    "email": ("email", "email"),
    "web_form": ("refund_form", "url"),
}


def suggested_contact(case: dict[str, Any] | None, logged_channel: str) -> str:
    """What the log form's Contact field offers for a call, chat, email or web form: the
    official number / address of that kind (the settings country's first), or ''."""
    kind, field = _LOGGED_TO_CHANNEL.get(logged_channel, ("", ""))
    for channel in (case or {}).get("channels") or ():
        if channel.get("kind") == kind and channel.get(field):
            party = channel.get("party")
            return f"{channel[field]} ({party})" if party else str(channel[field])
    return ""


_URL = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_DOMAIN = re.compile(r"(?<![@\w.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w.-])", re.IGNORECASE)


def contact_target(contact: str | None) -> tuple[str, str] | None:
    """The URL, email address or bare domain in a logged contact, as ("url" | "email", value)
    for GET /api/v1/policies/official; None when it names none (an agent's name, a number)."""
    if not contact:
        return None
    if found := _URL.search(contact):
        return "url", found.group(0).rstrip(".,;")
    if found := _EMAIL.search(contact):
        return "email", found.group(0)
    if found := _DOMAIN.search(contact):
        return "url", "https://" + found.group(0)
    return None


def contact_warning(verdict: dict[str, Any], case: dict[str, Any]) -> str | None:
    """The warning for a logged contact whose domain is not official (None when it is)."""
    if verdict.get("official"):
        return None
    domain = verdict.get("domain") or "this address"
    party = verdict.get("party") or {}
    if verdict.get("lookalike") and party:
        official = ", ".join(party.get("official_domains", [])[:3])
        return f"⚠ {domain} is not {party.get('name')}'s: it only uses the name (official: {official})"
    who = (case.get("who_refunds") or {}).get("name") or (case.get("vendor") or {}).get("name")
    return f"⚠ {domain} is not an official domain" + (f" of {who}" if who else "")
