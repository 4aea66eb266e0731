"""The application factory: create_app(config) wires storage, security, routes and events."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator

from aiohttp import web

from .api.error_middleware import error_middleware
from .api.events import close_sockets
from .config import Config, default_config_dir
from .events import EventHub
from .keys import (
    CASE_SERVICE,
    CLIENTS,
    CONFIG,
    DISPATCHER,
    EVENTS,
    FEEDS,
    PAIRING,
    POLICIES,
    REMINDERS,
    SOCKETS,
    STORE,
)
from .notify.dispatcher import ReminderDispatcher
from .notify.ledger import ReminderLedger
from .policies.knowledge import PolicyKnowledge
from .routes import add_routes
from .security.clients import ClientRegistry
from .security.feeds import CalendarFeeds
from .security.middleware import security_middleware
from .security.pairing import PairingCodes
from .services import CaseService, register_indexes
from .storage import Store
from .storage.lock import DataDirLock


def create_app(config: Config) -> web.Application:
    app = web.Application(
        middlewares=[error_middleware, security_middleware], client_max_size=config.max_body_bytes
    )
    store = Store(
        config.data_dir,
        compact_after_bytes=config.compact_after_bytes,
        compact_ratio=config.compact_ratio,
        clock=config.clock,
    )
    register_indexes(store)
    events = EventHub()
    app[CONFIG] = config
    app[STORE] = store
    app[EVENTS] = events
    app[CLIENTS] = ClientRegistry(store, clock=config.clock)
    app[FEEDS] = CalendarFeeds(store, clock=config.clock)
    app[PAIRING] = PairingCodes(wall_clock=config.clock.timestamp)
    knowledge = PolicyKnowledge(settings=lambda: app[CASE_SERVICE].settings())
    app[POLICIES] = knowledge
    app[CASE_SERVICE] = CaseService(store, events, knowledge, config.clock)
    app[REMINDERS] = ReminderLedger(store)
    app[DISPATCHER] = ReminderDispatcher(app[CASE_SERVICE], app[REMINDERS])
    app[SOCKETS] = weakref.WeakSet()
    add_routes(app)
    app.cleanup_ctx.append(_open_store)
    app.cleanup_ctx.append(_send_reminders)
    app.on_shutdown.append(close_sockets)
    return app


async def _open_store(app: web.Application) -> AsyncIterator[None]:
    """Load the policies; lock the data directory and load it; on the way out make everything
    durable and unlock."""
    config = app[CONFIG]
    policies_file = config.policies_file or default_config_dir() / "policies.toml"
    await asyncio.to_thread(app[POLICIES].load, policies_file)
    lock = DataDirLock(config.data_dir)
    lock.acquire()
    store = app[STORE]
    try:
        await asyncio.to_thread(store.open)
        await store.start()
        yield
    finally:
        try:
            await store.close()
        finally:
            lock.release()


async def _send_reminders(app: web.Application) -> AsyncIterator[None]:
    """Sends due reminders at start and every ``reminder_interval`` seconds (server/notify)."""
    interval = app[CONFIG].reminder_interval
    if interval is None:
        yield
        return
    task = asyncio.get_running_loop().create_task(app[DISPATCHER].run_forever(interval))
    try:
        yield
    finally:
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
