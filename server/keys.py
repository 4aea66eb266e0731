"""Typed keys for everything the aiohttp application holds."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from .config import Config
    from .events import EventHub
    from .notify.dispatcher import ReminderDispatcher
    from .notify.ledger import ReminderLedger
    from .policies.knowledge import PolicyKnowledge
    from .security.clients import Client, ClientRegistry
    from .security.feeds import CalendarFeeds
    from .security.pairing import PairingCodes
    from .services import CaseService
    from .storage.store import Store

CONFIG: web.AppKey[Config] = web.AppKey("config")
STORE: web.AppKey[Store] = web.AppKey("store")
EVENTS: web.AppKey[EventHub] = web.AppKey("events")
CLIENTS: web.AppKey[ClientRegistry] = web.AppKey("clients")
PAIRING: web.AppKey[PairingCodes] = web.AppKey("pairing")
FEEDS: web.AppKey[CalendarFeeds] = web.AppKey("calendar_feeds")
CASE_SERVICE: web.AppKey[CaseService] = web.AppKey("case_service")
REMINDERS: web.AppKey[ReminderLedger] = web.AppKey("reminders")
# Sends due reminders (set while the server runs with reminder_interval set).
DISPATCHER: web.AppKey[ReminderDispatcher] = web.AppKey("reminder_dispatcher")
POLICIES: web.AppKey[PolicyKnowledge] = web.AppKey("policies")
# Open event WebSockets, closed when the server shuts down.
SOCKETS: web.AppKey[weakref.WeakSet[web.WebSocketResponse]] = web.AppKey("event_sockets")

# Per request: the authenticated client (set by the security middleware).
CLIENT: web.RequestKey[Client] = web.RequestKey("client")
