"""How a logged contact is named, in the dossier, the letters and the TUI's timeline alike."""

from __future__ import annotations

CHANNEL_NAMES = {
    "email": "Email",
    "phone": "Phone call",
    "chat": "Chat",
    "web_form": "Web form",
    "letter": "Letter",
    "note": "Note",
}

# What happened, by channel and direction (outbound: the user's side reached out).
_CONTACT_LABELS = {
    ("email", "outbound"): "Email sent",
    ("email", "inbound"): "Email received",
    ("letter", "outbound"): "Letter sent",
    ("letter", "inbound"): "Letter received",
    ("phone", "outbound"): "Called them",
    ("phone", "inbound"): "They called",
    ("chat", "outbound"): "Chatted",
    ("chat", "inbound"): "Chatted",
    ("web_form", "outbound"): "Web form sent",
    ("web_form", "inbound"): "Web form answered",
}


def contact_label(channel: str | None, direction: str | None) -> str:
    """ "Called them", "They called", "Chatted", "Email sent"; the channel's name when the
    direction says nothing (a note)."""
    label = _CONTACT_LABELS.get((channel or "", direction or ""))
    return label or CHANNEL_NAMES.get(channel or "", "Contact")
