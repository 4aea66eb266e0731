"""Finding the server for a data directory, or starting one in-process.

`refunds` attaches to the server named in DATA_DIR/server.json when it answers; otherwise
it starts the server on the TUI's own event loop (same data dir, the default port so the
browser extension can reach it). Every way this can fail ends in a `StartupFailed` with a
sentence for the user, never a traceback.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from server.config import DEFAULT_PORT
from server.runtime import read_runtime

from .api import ApiClient, ApiError, Endpoint, ServerUnreachable

if TYPE_CHECKING:
    from server.serve import RunningServer
    from server.wallclock import WallClock

SERVICE = "refund-tracker"
# A server that holds the lock but has not written server.json yet is still starting.
STARTING_GRACE_SECONDS = 3.0


class StartupFailed(Exception):
    """The TUI can neither attach to a server nor start one; the message says why."""


@dataclass
class Backend:
    """The server the TUI talks to, and whether the TUI runs it."""

    data_dir: Path
    endpoint: Endpoint
    server: RunningServer | None = None
    # Said in the header when something is not as the user would expect (e.g. another port).
    warning: str | None = None

    @property
    def started_here(self) -> bool:
        return self.server is not None

    @property
    def address(self) -> str:
        return self.endpoint.url.removeprefix("http://")

    def current_endpoint(self) -> Endpoint | None:
        """Where the server is now: a restarted external server has a new port and token."""
        if self.server is not None:
            return self.endpoint
        info = read_runtime(self.data_dir)
        if info is None:
            return None
        self.endpoint = Endpoint(info.url, info.token)
        return self.endpoint

    async def close(self) -> None:
        if self.server is not None:
            server, self.server = self.server, None
            await server.stop()


async def open_backend(
    data_dir: Path, *, port: int = DEFAULT_PORT, clock: WallClock | None = None, freeze_gc: bool = False
) -> Backend:
    """Attach to the running server for ``data_dir``, or start one here."""
    data_dir = Path(data_dir).expanduser().resolve()
    attached = await _attach(data_dir)
    if attached is not None:
        return attached
    try:
        return await _start_here(data_dir, port, clock, freeze_gc)
    except _Locked as locked:
        # Another server may be starting this very moment: give it a moment to publish itself.
        deadline = asyncio.get_running_loop().time() + STARTING_GRACE_SECONDS
        while asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.2)
            attached = await _attach(data_dir)
            if attached is not None:
                return attached
        raise StartupFailed(locked.message) from None


async def _attach(data_dir: Path) -> Backend | None:
    info = read_runtime(data_dir)
    if info is None:
        return None
    endpoint = Endpoint(info.url, info.token)
    if await answers(endpoint):
        return Backend(data_dir, endpoint)
    return None


async def answers(endpoint: Endpoint) -> bool:
    """Does a Refund Tracker server answer there, and accept the token?"""
    client = ApiClient(endpoint)
    try:
        health = await client.health()
        if health.get("service") != SERVICE:
            return False
        await client.clients()  # proves the token is this server's
        return True
    except (ApiError, ServerUnreachable, KeyError, TypeError, AttributeError):
        return False
    finally:
        await client.close()


class _Locked(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def _start_here(data_dir: Path, port: int, clock: WallClock | None, freeze_gc: bool) -> Backend:
    # Imported here: attaching to a running server never needs the server's code loaded.
    from server.config import Config
    from server.serve import PortInUse, start_server
    from server.storage.lock import DataDirLocked
    from server.storage.store import StoreCorrupt

    def config(port_: int) -> Config:
        extra: dict[str, Any] = {"clock": clock} if clock is not None else {}
        return Config(data_dir=data_dir, port=port_, **extra)

    warning = None
    try:
        try:
            server = await start_server(config(port), freeze_gc=freeze_gc)
        except PortInUse:
            server = await start_server(config(0), freeze_gc=freeze_gc)
            warning = (
                f"Port {port} is taken by another program, so this server runs on port "
                f"{server.port}: the browser extension cannot reach it until port {port} is free."
            )
    except DataDirLocked as exc:
        who = f"process {exc.pid}" if exc.pid else "another process"
        raise _Locked(
            f"The data directory {data_dir} is locked by a Refund Tracker server "
            f"({who}) that does not answer. Stop that process, then open refunds again."
        ) from None
    except StoreCorrupt as exc:
        raise StartupFailed(f"The data in {data_dir} cannot be read: {exc}") from None
    except PermissionError as exc:
        raise StartupFailed(
            f"Cannot use the data directory {data_dir}: {exc.strerror} ({exc.filename})."
        ) from None
    except OSError as exc:
        raise StartupFailed(f"Could not start the server for {data_dir}: {exc}") from None
    return Backend(data_dir, Endpoint(server.url, server.token), server=server, warning=warning)
