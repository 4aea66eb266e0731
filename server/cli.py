"""`refunds`: the terminal UI with no arguments, and subcommands for the server and its data."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from pathlib import Path
from typing import Iterator

from . import __version__
from .config import DATA_DIR_ENV, DEFAULT_PORT, Config, default_data_dir
from .runtime import Endpoint, read_runtime
from .wallclock import TODAY_ENV, BadClockSetting, system_clock


DATA_DIR_HELP = (f"where the data lives (default: ${DATA_DIR_ENV}, else the platform's user data "
                 "directory); before or after the command")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refunds",
        description="Refund Tracker: every refund window, every case, worked to the money back. "
                    "With no command, opens the terminal UI.",
        epilog=f"environment: {DATA_DIR_ENV} is the data directory when --data-dir is not given; "
               f"{TODAY_ENV}=YYYY-MM-DD runs everything as if it were that day (for trying a "
               "deadline out, and for tests).")
    parser.add_argument("--version", action="version", version=f"refunds {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None, metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument("--demo", action="store_true",
                        help="open the UI on a throwaway data dir with example cases")
    # Each command takes --data-dir too. SUPPRESS: when it is not given after the command, it
    # leaves the one given before the command alone (argparse would reset it to the default).
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                          help=DATA_DIR_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[data_dir], help="run the server in the foreground")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    serve.add_argument("-v", "--verbose", action="store_true", help="log each request")

    commands.add_parser("pair", parents=[data_dir],
                        help="print a pairing code for the browser extension (server must be running)")

    export = commands.add_parser("export", parents=[data_dir], help="export cases to a file or stdout")
    export.add_argument("--format", choices=("json", "csv", "ics", "md"), default="json")
    export.add_argument("--case", metavar="ID", help="one case's dossier (formats md, json)")
    export.add_argument("--output", "-o", type=Path, metavar="FILE",
                        help="write here (readable by you only; a file there is replaced whole) "
                             "instead of stdout")

    commands.add_parser("clients", parents=[data_dir], help="list paired browsers")
    unpair = commands.add_parser("unpair", parents=[data_dir], help="revoke a paired browser")
    unpair.add_argument("client_id")
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
    if verbose:
        logging.getLogger("aiohttp.access").setLevel(logging.INFO)
    if not 1 <= port <= 65535:
        raise CliError(f"--port {port} is not a port number (1-65535).", 2)
    try:
        asyncio.run(serve_forever(Config(data_dir=data_dir, port=port)))
    except DataDirLocked as exc:
        raise CliError(str(exc), 3) from None
    except PortInUse as exc:
        raise CliError(str(exc), 4) from None
    except StoreCorrupt as exc:
        raise CliError(str(exc), 5) from None
    except PermissionError as exc:
        raise CliError(f"Cannot use the data directory {data_dir}: {exc.strerror} ({exc.filename}).", 6) from None
    return 0


def _running(data_dir: Path) -> Endpoint:
    info = read_runtime(data_dir)
    if info is None:
        raise CliError(f"No Refund Tracker server is running for {data_dir}. "
                       "Start one with 'refunds serve' (or open 'refunds').")
    return Endpoint(info.url, info.token)


@contextlib.contextmanager
def _server_for(data_dir: Path) -> Iterator[Endpoint]:
    """The running server, or a temporary one on this data dir for the length of a command."""
    info = read_runtime(data_dir)
    if info is not None:
        yield Endpoint(info.url, info.token)
        return
    import threading

    from .serve import start_server

    started: dict[str, object] = {}
    ready = threading.Event()
    loop = asyncio.new_event_loop()

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            started["server"] = loop.run_until_complete(
                start_server(Config(data_dir=data_dir, port=0), freeze_gc=False))
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
        yield Endpoint(server.url, server.token)  # type: ignore[attr-defined]
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result()  # type: ignore[attr-defined]
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
    print(f"Type it into the extension's options page within {minutes} minutes "
          f"(expires {result['expires_at']}). It works once.")
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
    if not data_dir.is_dir():
        # Opening it would create an empty database, and export that as if it were the user's.
        raise CliError(f"There is no Refund Tracker data in {data_dir}: it does not exist. Check "
                       "--data-dir (or REFUNDS_DATA_DIR).", 1)
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
        raise CliError(f"--output: cannot write {output}: {exc.strerror or exc}. Nothing was written.") from None
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
