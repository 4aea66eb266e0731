"""Real `refunds serve` processes for the fault suites, and a small keep-alive HTTP client.

The server's output goes to a file (a pipe nobody reads could fill up and stall it).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# `refunds serve` itself, or the same CLI with a tiny compaction threshold (see serve_small.py).
REFUNDS = [sys.executable, "-m", "server.cli"]
REFUNDS_SMALL_COMPACTIONS = [sys.executable, "-m", "tests.faults.serve_small"]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env(**extra: str) -> dict[str, str]:
    """This checkout first on a child's path (run children with cwd=REPO too: `python -m`
    puts the current directory first)."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


class Server:
    def __init__(self, data_dir: Path, *, command: list[str] = REFUNDS, extra_env: dict | None = None,
                 preexec=None) -> None:
        self.data_dir = Path(data_dir)
        self.command = command
        self.extra_env = extra_env or {}
        self.preexec = preexec
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log_path = self.data_dir.parent / f"serve-{self.port}.log"
        self.token = ""

    def spawn(self) -> subprocess.Popen:
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [*self.command, "serve", "--data-dir", str(self.data_dir), "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, env=env(**self.extra_env), preexec_fn=self.preexec,
                cwd=REPO)
        return self.proc

    def start(self, timeout: float = 60.0) -> "Server":
        self.spawn()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"refunds serve exited with {self.proc.returncode}:\n{self.output()}")
            info = self.runtime()
            if info is not None and info.get("pid") == self.proc.pid:
                try:
                    self.health()
                    self.token = info["token"]
                    return self
                except OSError:
                    pass
            time.sleep(0.02)
        self.kill()
        raise TimeoutError(f"refunds serve did not start:\n{self.output()}")

    def runtime(self) -> dict | None:
        try:
            return json.loads((self.data_dir / "server.json").read_text())
        except (OSError, ValueError):
            return None

    def output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def health(self) -> dict:
        return self.call("GET", "/api/v1/health")[1]

    def call(self, method: str, path: str, body=None, timeout: float = 10.0) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.loads(exc.read() or b"null")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait()

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise


class Conn:
    """One keep-alive HTTP/1.1 connection (asyncio streams), as a browser or the TUI keeps."""

    def __init__(self, port: int, token: str = "") -> None:
        self.port, self.token = port, token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> "Conn":
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        payload = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
        if self.token:
            head += f"Authorization: Bearer {self.token}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + payload)
        status_line = await self.reader.readuntil(b"\r\n")
        headers = await self.reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in headers.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        data = await self.reader.readexactly(length) if length else b""
        return int(status_line.split()[1]), data

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (ConnectionError, OSError):
                pass
