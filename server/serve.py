"""Running the server: bind loopback, publish server.json, stop cleanly.

Used by `refunds serve` (in the foreground) and by the TUI (in-process, on its own loop).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
from dataclasses import dataclass

from aiohttp import web

from . import __version__
from .access_log import AccessLog, access_logger
from .app import create_app
from .config import Config
from .keys import CLIENTS, STORE
from .runtime import RuntimeInfo, remove_runtime, write_runtime
from .storage.lock import DataDirLocked, lock_holder
from .upkeep import GcUpkeep, freeze_loaded_objects

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


class PortInUse(Exception):
    def __init__(self, port: int) -> None:
        super().__init__(
            f"Port {port} on 127.0.0.1 is already in use by another program. Choose another with --port N."
        )
        self.port = port


@dataclass
class RunningServer:
    config: Config
    app: web.Application
    runner: web.AppRunner
    port: int
    gc_upkeep: GcUpkeep | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def token(self) -> str:
        return self.app[CLIENTS].local_token

    async def stop(self) -> None:
        if self.gc_upkeep is not None:
            self.gc_upkeep.stop()
        remove_runtime(self.config.data_dir, pid=os.getpid())
        await self.runner.cleanup()


def _bind_loopback(config: Config) -> socket.socket:
    """A socket listening on 127.0.0.1:port; PortInUse when the port is taken.

    It listens at once (listening, not binding, is what two sockets with SO_REUSEADDR cannot
    share); connections wait in the backlog until the data is loaded. When the one holding
    the port is this data dir's own server, that is what is said.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # As aiohttp's own sites do: a restart need not wait for the old connections' TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, config.port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            holder = lock_holder(config.data_dir)
            if holder is not None:
                raise DataDirLocked(config.data_dir, holder.pid) from None
            raise PortInUse(config.port) from None
        raise
    return sock


async def start_server(config: Config, *, freeze_gc: bool = True, gc_upkeep: bool = False) -> RunningServer:
    """Load the data dir (taking its lock), listen on 127.0.0.1 and write server.json.

    ``freeze_gc``: hide what was loaded from the garbage collector once. ``gc_upkeep``: also
    keep doing so as cases are captured (GcUpkeep) — only in a process that is the server and
    nothing else (`refunds serve`): in the TUI's process it would freeze its widgets too, and
    a widget's reference cycles would then never be collected.
    """
    if config.host != LOOPBACK:
        raise ValueError("The server only listens on 127.0.0.1.")
    # The port first: a server that cannot listen must not create (or lock) its data dir.
    sock = _bind_loopback(config)
    try:
        app = create_app(config)
        # lingering_time: after refusing a body (too large, too slow), read what the client still
        # sends for at most 2 s, not aiohttp's default 10.
        runner = web.AppRunner(
            app,
            handle_signals=False,
            access_log=access_logger(config.access_log),
            access_log_class=AccessLog,
            shutdown_timeout=5.0,
            lingering_time=2.0,
            keepalive_timeout=config.keepalive_timeout,
        )
        await runner.setup()  # opens the store: creates and locks the data dir
    except BaseException:
        sock.close()
        raise
    try:
        await web.SockSite(runner, sock).start()
    except BaseException:
        sock.close()
        await runner.cleanup()
        raise
    port = runner.addresses[0][1]
    server = RunningServer(config, app, runner, port)
    write_runtime(
        config.data_dir,
        RuntimeInfo(
            url=server.url,
            port=port,
            pid=os.getpid(),
            token=server.token,
            version=__version__,
            data_dir=str(config.data_dir),
        ),
    )
    if gc_upkeep:
        server.gc_upkeep = GcUpkeep()
        server.gc_upkeep.start()
    elif freeze_gc:
        freeze_loaded_objects()
    report = app[STORE].report
    log.info(
        "loaded %d documents in %.2fs (snapshot: %s, journal records replayed: %d)",
        report.documents,
        report.seconds,
        report.snapshot,
        report.replay.records,
    )
    return server


async def serve_forever(config: Config, announce=print) -> None:
    """`refunds serve`: run until SIGINT/SIGTERM, then shut down cleanly."""
    server = await start_server(config, gc_upkeep=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    announce(f"Refund Tracker is listening on {server.url}  (data: {config.data_dir})")
    announce("Press Ctrl+C to stop.")
    try:
        await stop.wait()
    finally:
        announce("Stopping: saving everything...")
        await server.stop()
        announce("Stopped.")
