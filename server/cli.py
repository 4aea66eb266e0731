"""`refunds`: the terminal UI with no arguments, and subcommands for the server and its data.

Here: the command line (its parser, which command runs), the terminal UI and `refunds serve`;
the other subcommands are in cli_commands.py."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from . import __version__, cli_commands
from .cli_commands import CliError
from .config import DATA_DIR_ENV, DEFAULT_PORT, Config, default_data_dir
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
            return cli_commands.pair(data_dir)
        if args.command == "export":
            return cli_commands.export(data_dir, args.format, args.case, args.output)
        if args.command == "clients":
            return cli_commands.clients(data_dir)
        if args.command == "unpair":
            return cli_commands.unpair(data_dir, args.client_id)
        if args.command == "due":
            return cli_commands.due(data_dir, args.within, args.json)
        if args.command == "service":
            return cli_commands.service(
                args.service_action, data_dir, getattr(args, "port", DEFAULT_PORT), args.print_only
            )
        if args.command == "feeds":
            return cli_commands.feeds(data_dir, args)
    except CliError as exc:
        print(f"refunds: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return 2


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
