"""Running `refunds` as a real process, as a user would."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REFUNDS = [sys.executable, "-m", "server.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_cli(*args, env=None, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([*REFUNDS, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


class ServeProcess:
    """`refunds serve` in the background; ``start()`` waits until it answers."""

    def __init__(self, data_dir: Path, port: int | None = None, env=None, args: tuple[str, ...] = ()) -> None:
        self.data_dir = Path(data_dir)
        self.args = args
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.proc: subprocess.Popen | None = None
        self.stdout = ""
        self.stderr = ""

    def start(self, timeout: float = 30.0) -> "ServeProcess":
        self.proc = subprocess.Popen(
            [*REFUNDS, "serve", "--data-dir", str(self.data_dir), "--port", str(self.port), *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._collect()
                raise RuntimeError(f"refunds serve exited: {self.stderr}")
            if self.runtime() is not None:
                try:
                    self.get("/api/v1/health")
                    return self
                except OSError:
                    pass
            time.sleep(0.05)
        raise TimeoutError("refunds serve did not start")

    def runtime(self) -> dict | None:
        try:
            info = json.loads((self.data_dir / "server.json").read_text())
        except (OSError, ValueError):
            return None
        return info if info.get("pid") == self.proc.pid else None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def token(self) -> str:
        return self.runtime()["token"]

    def request(self, method: str, path: str, body=None, timeout: float = 10.0, *, token: bool = True):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())

    def request_anon(self, method: str, path: str, body=None):
        """A request without the token (as the extension pairs)."""
        return self.request(method, path, body, token=False)

    def get(self, path: str):
        return self.request("GET", path)[1]

    def stop(self, sig=None, timeout: float = 20.0) -> int:
        import signal

        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            self.proc.send_signal(sig or signal.SIGTERM)
        try:
            self._collect(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self._collect()
        return self.proc.returncode

    def kill(self) -> None:
        self.proc.kill()
        self._collect()

    def _collect(self, timeout: float | None = None) -> None:
        """Wait for the process and read (and close) its output pipes."""
        out, err = self.proc.communicate(timeout=timeout)
        self.stdout += out or ""
        self.stderr += err or ""
