"""The `refunds` subcommands that work on a server and its data: pair, clients, unpair, export,
due, feeds (through the running server or a temporary one) and service (the login service).
server/cli.py parses the command line and calls these."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .config import Config
from .runtime import Endpoint, read_runtime


class CliError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _running(data_dir: Path) -> Endpoint:
    info = read_runtime(data_dir)
    if info is None:
        raise CliError(
            f"No Refund Tracker server is running for {data_dir}. "
            "Start one with 'refunds serve' (or open 'refunds')."
        )
    return Endpoint(info.url, info.token)


@contextlib.contextmanager
def _server_for(data_dir: Path) -> Iterator[Endpoint]:
    """The running server, or a temporary one on this data dir for the length of a command
    (which sends no reminders: `refunds export` is no time for a desktop notification)."""
    if not data_dir.is_dir():
        # Opening it would create an empty database, and answer from it as if it were the user's.
        raise CliError(
            f"There is no Refund Tracker data in {data_dir}: it does not exist. Check "
            "--data-dir (or REFUNDS_DATA_DIR).",
            1,
        )
    info = read_runtime(data_dir)
    if info is not None:
        yield Endpoint(info.url, info.token)
        return
    import threading

    from .serve import start_server

    started: dict[str, Any] = {}
    ready = threading.Event()
    loop = asyncio.new_event_loop()

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            started["server"] = loop.run_until_complete(
                start_server(Config(data_dir=data_dir, port=0, reminder_interval=None), freeze_gc=False)
            )
        except BaseException as exc:  # noqa: BLE001 - reported on the caller's thread
            started["error"] = exc
        ready.set()
        if "server" in started:
            loop.run_forever()

    thread = threading.Thread(target=run, name="refunds-temporary-server", daemon=True)
    thread.start()
    ready.wait()
    if "error" in started:
        from .storage.lock import DataDirLocked

        error = started["error"]
        if isinstance(error, DataDirLocked):
            raise CliError(str(error), 3)
        raise CliError(f"Could not open {data_dir}: {error}")
    server = started["server"]
    try:
        yield Endpoint(server.url, server.token)
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()


def _api(endpoint: Endpoint, method: str, path: str, body=None, raw: bool = False):
    from .client import ApiFailure, call

    try:
        return call(endpoint, method, path, body, raw=raw)
    except ApiFailure as exc:
        raise CliError(str(exc)) from None


def pair(data_dir: Path) -> int:
    result = _api(_running(data_dir), "POST", "/api/v1/pairing-codes", {})
    minutes = result["expires_in"] // 60
    print(f"Pairing code: {result['code']}")
    print(
        f"Type it into the extension's options page within {minutes} minutes "
        f"(expires {result['expires_at']}). It works once."
    )
    return 0


def export(data_dir: Path, fmt: str, case_id: str | None, output: Path | None) -> int:
    if case_id is not None:
        if fmt not in ("md", "json"):
            raise CliError("A case dossier is exported as --format md or json.", 2)
        path = f"/api/v1/cases/{case_id}/dossier.{fmt}"
    else:
        if fmt == "md":
            raise CliError("--format md is a one-case dossier: add --case ID.", 2)
        path = f"/api/v1/export.{fmt}"
    with _server_for(data_dir) as endpoint:
        payload = _api(endpoint, "GET", path, raw=True)
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return 0
    from .storage.files import UnsafeTarget, write_private_file

    try:
        write_private_file(output, payload)
    except UnsafeTarget as exc:
        raise CliError(f"--output: {exc}.", 2) from None
    except OSError as exc:
        raise CliError(
            f"--output: cannot write {output}: {exc.strerror or exc}. Nothing was written."
        ) from None
    print(f"Wrote {output} ({len(payload)} bytes, readable by you only).", file=sys.stderr)
    return 0


def clients(data_dir: Path) -> int:
    clients = _api(_running(data_dir), "GET", "/api/v1/clients")["clients"]
    if not clients:
        print("No paired browsers. Pair one with 'refunds pair'.")
    for client in clients:
        print(f"{client['id']}  {client['name']}  (paired {client['created_at']})")
    return 0


def unpair(data_dir: Path, client_id: str) -> int:
    _api(_running(data_dir), "DELETE", f"/api/v1/clients/{client_id}")
    print(f"Revoked {client_id}: that browser can no longer reach your data.")
    return 0


def due(data_dir: Path, within: int, as_json: bool) -> int:
    """`refunds due`: one line a reminder, through the running server or a temporary one."""
    from .domain.reminders import MAX_WITHIN_DAYS

    if not 0 <= within <= MAX_WITHIN_DAYS:
        raise CliError(f"--within {within}: must be a number of days from 0 to {MAX_WITHIN_DAYS}.", 2)
    with _server_for(data_dir) as endpoint:
        answer = _api(endpoint, "GET", f"/api/v1/reminders?within={within}")
    if as_json:
        print(json.dumps(answer, indent=2, ensure_ascii=False))
        return 0
    reminders = answer["reminders"]
    if not reminders:
        print(
            "Nothing due today."
            if within == 0
            else f"Nothing due in the next {within} day{'' if within == 1 else 's'}."
        )
        return 0
    today = date.fromisoformat(answer["as_of"])
    rows = [
        (
            _when(r["days_left"]),
            _short_date(date.fromisoformat(r["date"]), today),
            f"{r['title']}: {r['event']}",
        )
        for r in reminders
    ]
    when_width = max(len(row[0]) for row in rows)
    date_width = max(len(row[1]) for row in rows)
    for when, day, what in rows:
        print(f"{when:<{when_width}}  {day:<{date_width}}  {what}")
    return 0


def _when(days_left: int) -> str:
    if days_left == 0:
        return "today"
    days = abs(days_left)
    text = f"{days} day{'' if days == 1 else 's'}"
    return text if days_left > 0 else f"overdue {text}"


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short_date(day: date, today: date) -> str:
    """ "Sun 20 Dec" (English whatever the locale), with the year when it is not this one."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def feeds(data_dir: Path, args: argparse.Namespace) -> int:
    """`refunds feeds`: through the running server, or a temporary one on the data dir."""
    action = args.feeds_action or "list"
    if action == "new" and not 1 <= args.port <= 65535:
        raise CliError(f"--port {args.port} is not a port number (1-65535).", 2)
    running = read_runtime(data_dir) is not None
    with _server_for(data_dir) as endpoint:
        if action == "list":
            feeds = _api(endpoint, "GET", "/api/v1/calendar-feeds")["feeds"]
        elif action == "new":
            body = {"name": args.name} if args.name else {}
            feed = _api(endpoint, "POST", "/api/v1/calendar-feeds", body)["feed"]
        else:
            _api(endpoint, "DELETE", f"/api/v1/calendar-feeds/{args.feed_id}")
    if action == "list":
        if not feeds:
            print("No calendar feeds. Make one with 'refunds feeds new'.")
        for feed in feeds:
            print(f"{feed['id']}  {feed['name']}  (made {feed['created_at']})")
        return 0
    if action == "revoke":
        print(f"Revoked {args.feed_id}: its URL no longer shows your deadlines.")
        return 0
    url = feed["url"]
    if not running:
        # The temporary server listened on a port of its own; the calendar will ask the real one.
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        url = urlunsplit(parts._replace(netloc=f"127.0.0.1:{args.port}"))
    print(url)
    print(
        f"Calendar feed {feed['id']} ({feed['name']}). Subscribe to the URL above in your calendar "
        "app; it is shown only now. Anyone who has it can read every open case's deadlines "
        "(vendor, product, order number, dates) while the server runs. Revoke it with "
        f"'refunds feeds revoke {feed['id']}'.",
        file=sys.stderr,
    )
    if not running:
        print(
            f"No server is running now: the calendar reads the feed once 'refunds serve' (port "
            f"{args.port}) or the terminal UI is running.",
            file=sys.stderr,
        )
    return 0


def service(action: str, data_dir: Path, port: int, print_only: bool) -> int:
    """`refunds service install | uninstall | status` (server/login_service/)."""
    from . import login_service as service

    try:
        where = service.Where.here()
        if action == "status":
            return _service_status(service, where, print_only)
        if action == "install":
            plan = service.install_plan(where, service.server_argv(data_dir.resolve(), port))
        else:
            plan = service.uninstall_plan(where)
    except service.ServiceError as exc:
        raise CliError(str(exc), 2) from None
    if print_only:
        if action == "install":
            print(f"Would write {plan.path}:\n")
            print(plan.text.rstrip("\n"))
            print()
        else:
            print(f"Would remove {plan.path}" + ("" if plan.path.exists() else " (not there now)"))
        print("Would run:")
        for line in plan.command_lines(plan.commands):
            print(f"  {line}")
        if plan.after:
            print(f"  (remove {plan.path})")
            for line in plan.command_lines(plan.after):
                print(f"  {line}")
        return 0
    outcome = (service.install if action == "install" else service.uninstall)(plan)
    for line in outcome.lines:
        print(line, file=sys.stdout if outcome.ok else sys.stderr)
    return 0 if outcome.ok else 1


def _service_status(service, where, print_only: bool) -> int:
    state = service.status(where)
    if not state.installed:
        print(
            f"Not installed: the server does not start at login ({state.path} does not exist). "
            "Turn it on with 'refunds service install'."
        )
        return 1
    print(f"Installed: {state.path}")
    if state.command:
        print(f"Runs: {state.command}")
    if state.manager:
        print(f"Service manager: {state.manager}")
    if print_only:
        encoding = "utf-16" if where.platform == service.WINDOWS else "utf-8"
        print()
        print(state.path.read_bytes().decode(encoding, errors="replace").rstrip("\n"))
    return 0
