"""The baselines the capture benchmark compares the server with, each run as its own process.

``bare``:   an aiohttp app whose capture handler decodes the JSON body and answers JSON (the
            request's fields echoed back, about the size of the real answer). No storage, no
            security: the most a Python aiohttp server can do per request on this machine.
``tinydb``: stock TinyDB with its stock JSONStorage on a file database, inserting one case
            document per request (what the project would be without its own storage layer).
            Stock JSONStorage flushes but never fsyncs, so this baseline is *less* durable
            than the server it is compared with.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import msgspec
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_decode = msgspec.json.decode
_encode = msgspec.json.encode


async def health(request: web.Request) -> web.Response:
    return web.Response(body=b'{"status":"ok"}', content_type="application/json")


def _app(capture) -> web.Application:
    """A baseline server: health and a captures route, as loadgen calls them."""
    app = web.Application()
    app.router.add_get("/health", health)
    app.router.add_post("/api/v1/captures", capture)
    return app


def bare_app() -> web.Application:
    async def capture(request: web.Request) -> web.Response:
        data = _decode(await request.read())
        return web.Response(
            body=_encode({"case": data, "result": "created"}), status=201, content_type="application/json"
        )

    return _app(capture)


def tinydb_app(db_path: Path) -> web.Application:
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    from _common import template_case  # bench/ is on sys.path when run as a script

    db = TinyDB(db_path, storage=JSONStorage)
    table = db.table("cases")
    template = template_case()
    ids = itertools.count()

    async def capture(request: web.Request) -> web.Response:
        data = _decode(await request.read())
        doc = {
            **template,
            "id": f"01TINY{next(ids):020d}",
            "order_number": data["order_number"],
            "captures": [{**template["captures"][0], "capture_id": data["capture_id"]}],
        }
        table.insert(doc)  # stock: reads the whole file, adds the document, rewrites the file
        return web.Response(
            body=_encode({"case": doc, "result": "created"}), status=201, content_type="application/json"
        )

    return _app(capture)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("bare", "tinydb"))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    app = bare_app() if args.kind == "bare" else tinydb_app(args.db)
    web.run_app(app, host="127.0.0.1", port=args.port, access_log=None, print=None)
