"""`refunds`: the terminal UI with no arguments, and subcommands for the server and its data."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .config import DATA_DIR_ENV, DEFAULT_PORT, Config, default_data_dir
from .runtime import Endpoint, read_runtime
from .wallclock import TODAY_ENV, BadClockSetting, system_clock

DATA_DIR_HELP = (
    f"where the data lives (default: ${DATA_DIR_ENV}, else the platform's user data "
    "directory); before or after the command"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refunds",
        description="Refund Tracker: every refund window, every case, worked to the money back. "
        "With no command, opens the terminal UI.",
        epilog=f"environment: {DATA_DIR_ENV} is the data directory when --data-dir is not given; "
        f"{TODAY_ENV}=YYYY-MM-DD runs everything as if it were that day (for trying a "
        "deadline out, and for tests).",
    )
    parser.add_argument("--version", action="version", version=f"refunds {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None, metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument(
        "--demo", action="store_true", help="open the UI on a throwaway data dir with example cases"
    )
    # Each command takes --data-dir too. SUPPRESS: when it is not given after the command, it
    # leaves the one given before the command alone (argparse would reset it to the default).
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, metavar="DIR", help=DATA_DIR_HELP
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[data_dir], help="run the server in the foreground")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})"
    )
    serve.add_argument("-v", "--verbose", action="store_true", help="log each request")

    commands.add_parser(
        "pair",
        parents=[data_dir],
        help="print a pairing code for the browser extension (server must be running)",
    )

    export = commands.add_parser("export", parents=[data_dir], help="export cases to a file or stdout")
    export.add_argument("--format", choices=("json", "csv", "ics", "md"), default="json")
    export.add_argument("--case", metavar="ID", help="one case's dossier (formats md, json)")
    export.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write here (readable by you only; a file there is replaced whole) instead of stdout",
    )

    commands.add_parser("clients", parents=[data_dir], help="list paired browsers")
    unpair = commands.add_parser("unpair", parents=[data_dir], help="revoke a paired browser")
    unpair.add_argument("client_id")

    due = commands.add_parser(
        "due", parents=[data_dir], help="what is due: deadlines, follow-ups and renewals coming up"
    )
    due.add_argument(
        "--within",
        type=int,
        default=7,
        metavar="DAYS",
        help="dates at most this many days ahead, 0-366 (default 7); overdue follow-ups are always listed",
    )
    due.add_argument("--json", action="store_true", help="the reminders as the API gives them")

    feeds = commands.add_parser(
        "feeds",
        parents=[data_dir],
        help="live calendar feeds: list them (default), make a new one, revoke one",
    )
    feed_actions = feeds.add_subparsers(dest="feeds_action", metavar="ACTION")
    feed_actions.add_parser("list", parents=[data_dir], help="the feeds (their URLs are never shown again)")
    new_feed = feed_actions.add_parser(
        "new", parents=[data_dir], help="a new feed URL for a calendar app to subscribe to"
    )
    new_feed.add_argument("--name", default=None, help="which calendar it is for, e.g. Thunderbird")
    new_feed.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="the port 'refunds serve' listens on, for the URL when no server is "
        f"running now (default {DEFAULT_PORT})",
    )
    revoke_feed = feed_actions.add_parser(
        "revoke", parents=[data_dir], help="revoke a feed: its URL stops working"
    )
    revoke_feed.add_argument("feed_id")

    service = commands.add_parser(
        "service",
        parents=[data_dir],
        help="start the server at login (systemd user unit, LaunchAgent, Windows logon task)",
    )
    service_actions = service.add_subparsers(dest="service_action", metavar="ACTION", required=True)
    show = argparse.ArgumentParser(add_help=False)
    show.add_argument(
        "--print",
        action="store_true",
        dest="print_only",
        help="show what would be written and run; change nothing",
    )
    install = service_actions.add_parser(
        "install",
        parents=[data_dir, show],
        help="start 'refunds serve' with this data dir and port at login, and now",
    )
    install.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port the service listens on (default {DEFAULT_PORT})"
    )
    service_actions.add_parser("uninstall", parents=[data_dir, show], help="stop it and remove it")
    service_actions.add_parser(
        "status",
        parents=[data_dir, show],
        help="installed or not, and what the service manager says (exit 1: not installed)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        system_clock()  # a REFUNDS_TODAY that is not a date is said now, not mid-command
    except BadClockSetting as exc:
        print(f"refunds: {exc}", file=sys.stderr)
        return 2
    data_dir = (args.data_dir or default_data_dir()).expanduser()
    try:
        if args.command is None:
            return _run_tui(data_dir, demo=args.demo)
        if args.demo:
            raise CliError("--demo only opens the terminal UI: leave it out of a command.", 2)
        if args.command == "serve":
            return _serve(data_dir, args.port, args.verbose)
        if args.command == "pair":
            return _pair(data_dir)
        if args.command == "export":
            return _export(data_dir, args.format, args.case, args.output)
        if args.command == "clients":
            return _clients(data_dir)
        if args.command == "unpair":
            return _unpair(data_dir, args.client_id)
        if args.command == "due":
            return _due(data_dir, args.within, args.json)
        if args.command == "service":
            return _service(
                args.service_action, data_dir, getattr(args, "port", DEFAULT_PORT), args.print_only
            )
        if args.command == "feeds":
            return _feeds(data_dir, args)
    except CliError as exc:
        print(f"refunds: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return 2


class CliError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _run_tui(data_dir: Path, *, demo: bool) -> int:
    from tui.__main__ import run

    return run(data_dir, demo=demo)


def _serve(data_dir: Path, port: int, verbose: bool) -> int:
    from .serve import PortInUse, serve_forever
    from .storage.lock import DataDirLocked
    from .storage.store import StoreCorrupt

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not 1 <= port <= 65535:
        raise CliError(f"--port {port} is not a port number (1-65535).", 2)
    try:
        asyncio.run(serve_forever(Config(data_dir=data_dir, port=port, access_log=verbose)))
    except DataDirLocked as exc:
        raise CliError(str(exc), 3) from None
    except PortInUse as exc:
        raise CliError(str(exc), 4) from None
    except StoreCorrupt as exc:
        raise CliError(str(exc), 5) from None
    except PermissionError as exc:
        raise CliError(
            f"Cannot use the data directory {data_dir}: {exc.strerror} ({exc.filename}).", 6
        ) from None
    return 0


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


def _pair(data_dir: Path) -> int:
    result = _api(_running(data_dir), "POST", "/api/v1/pairing-codes", {})
    minutes = result["expires_in"] // 60
    print(f"Pairing code: {result['code']}")
    print(
        f"Type it into the extension's options page within {minutes} minutes "
        f"(expires {result['expires_at']}). It works once."
    )
    return 0


def _export(data_dir: Path, fmt: str, case_id: str | None, output: Path | None) -> int:
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


def _clients(data_dir: Path) -> int:
    clients = _api(_running(data_dir), "GET", "/api/v1/clients")["clients"]
    if not clients:
        print("No paired browsers. Pair one with 'refunds pair'.")
    for client in clients:
        print(f"{client['id']}  {client['name']}  (paired {client['created_at']})")
    return 0


def _unpair(data_dir: Path, client_id: str) -> int:
    _api(_running(data_dir), "DELETE", f"/api/v1/clients/{client_id}")
    print(f"Revoked {client_id}: that browser can no longer reach your data.")
    return 0


def _due(data_dir: Path, within: int, as_json: bool) -> int:
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


def _feeds(data_dir: Path, args: argparse.Namespace) -> int:
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


def _service(action: str, data_dir: Path, port: int, print_only: bool) -> int:
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
