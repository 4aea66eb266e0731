"""`refunds serve -v`: one line per request — method, path, status, milliseconds, client name.

Never a token, a body or a query string (a query may carry anything a caller put there), and
never a live calendar feed's secret, which is the one secret that rides in a path.
"""

from __future__ import annotations

import logging
import re

from aiohttp.abc import AbstractAccessLogger
from aiohttp.web import BaseRequest, StreamResponse

from .domain.text import NOT_ONE_LINE
from .keys import CLIENT
from .security.feeds import PATH_PREFIX as FEED_PATH_PREFIX

LOGGER_NAME = "refund_tracker.access"
MAX_PATH = 200
_UNPRINTABLE = re.compile(r"[^\x21-\x7e]")


def loggable_path(raw_path: str) -> str:
    """The request's path without its query, the feed secret masked, printable ASCII only."""
    path = raw_path.split("?", 1)[0].split("#", 1)[0]
    if path.startswith(FEED_PATH_PREFIX):
        path = FEED_PATH_PREFIX + "<secret>"
    path = _UNPRINTABLE.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode()), path)
    return path if len(path) <= MAX_PATH else path[:MAX_PATH] + "..."


class AccessLog(AbstractAccessLogger):
    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        client = request.get(CLIENT)
        name = NOT_ONE_LINE.sub("?", client.name) if client else "-"
        self.logger.info(
            "%s %s %d %.1fms %s",
            request.method,
            loggable_path(request.raw_path),
            response.status,
            time * 1000,
            name,
        )


def access_logger(enabled: bool) -> logging.Logger | None:
    return logging.getLogger(LOGGER_NAME) if enabled else None
