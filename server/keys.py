"""Typed keys for everything the aiohttp application holds."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from .config import Config
    from .events import EventHub
    from .knowledge import PolicyKnowledge
    from .security.clients import Client, ClientRegistry
    from .security.pairing import PairingCodes
    from .services import CaseService
    from .storage.store import Store

CONFIG: web.AppKey[Config] = web.AppKey("config")
STORE: web.AppKey[Store] = web.AppKey("store")
EVENTS: web.AppKey[EventHub] = web.AppKey("events")
CLIENTS: web.AppKey[ClientRegistry] = web.AppKey("clients")
PAIRING: web.AppKey[PairingCodes] = web.AppKey("pairing")
CASES: web.AppKey[CaseService] = web.AppKey("cases")
KNOWLEDGE: web.AppKey[PolicyKnowledge] = web.AppKey("knowledge")
# Open event WebSockets, closed when the server shuts down.
SOCKETS: web.AppKey[weakref.WeakSet] = web.AppKey("event_sockets")

# Per request: the authenticated client (set by the security middleware).
CLIENT: web.RequestKey[Client] = web.RequestKey("client")
