"""Asking a running server for the board's cases while the TUI is still starting.

Started by `refunds` before the UI's modules are imported: the request travels and the
server works on its answer while this process imports Textual and paints its first frame.
Used once, for the first board, if the server it asked is the one the app attaches to;
anything unexpected just means the app asks again itself.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

TIMEOUT = 10.0


class Prefetch:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.url: str | None = None
        self.result: dict[str, Any] | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="refunds-prefetch", daemon=True)

    def start(self) -> Prefetch:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            from server.runtime import read_runtime

            info = read_runtime(self.data_dir)
            if info is None:
                return
            import http.client
            from urllib.parse import urlsplit

            port = urlsplit(info.url).port
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            headers = {"Authorization": f"Bearer {info.token}", "Accept": "application/json"}
            result = {}
            for name, path in (("health", "/api/v1/health"), ("cases", "/api/v1/cases?view=summary")):
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                if response.status != 200:
                    return
                result[name] = body
            connection.close()
            self.url, self.result = info.url, result
        except Exception:  # noqa: BLE001 - a failed prefetch only means the app asks itself
            self.result = None
        finally:
            self._done.set()

    def take(self, url: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """(health, case summaries) fetched from ``url``, once; None if there is nothing to use."""
        if not self._done.is_set() or self.url != url or self.result is None:
            return None
        result, self.result = self.result, None
        try:
            import msgspec

            return (msgspec.json.decode(result["health"]), msgspec.json.decode(result["cases"])["cases"])
        except (msgspec.DecodeError, KeyError, TypeError):
            return None

    def wait(self, timeout: float) -> None:
        self._done.wait(timeout)
