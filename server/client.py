"""A small synchronous client of the local API for the CLI (stdlib only: starts fast)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from .runtime import Endpoint

# Never through a proxy from the environment: the server is on this machine.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ApiFailure(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def call(
    endpoint: Endpoint, method: str, path: str, body: Any = None, *, raw: bool = False, timeout: float = 30.0
) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(endpoint.url + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {endpoint.token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with _opener.open(request, timeout=timeout) as response:
            payload = response.read()
    except urllib.error.HTTPError as exc:
        try:
            message = json.loads(exc.read())["error"]["message"]
        except Exception:  # noqa: BLE001 - any unreadable error body
            message = exc.reason
        raise ApiFailure(exc.code, message) from None
    except (urllib.error.URLError, OSError) as exc:
        raise ApiFailure(0, f"The server at {endpoint.url} does not answer ({exc}).") from None
    return payload if raw else json.loads(payload)
