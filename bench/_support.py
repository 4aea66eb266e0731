"""What the benchmarks and the tests both need, written once: a free loopback port, waiting on
a condition, `refunds serve` as a real process, and captures built from the extension's fixture
pages.

Standard library only and free of side effects (no sys.path changes), so it can be imported
both ways: as ``_support`` by a benchmark run as a script (`python bench/<x>.py` puts bench/
first on the path) and as ``bench._support`` by tests/support (the tests run from the repo
root). The tests' own helpers (tests/support) build on it; nothing here imports tests/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# The extraction fixtures: each page and what the extension must find on it (.expected.json).
FIXTURE_PAGES = REPO / "extension" / "test" / "fixtures" / "pages"
# `refunds` itself, as `python -m` runs it from this checkout.
REFUNDS = [sys.executable, "-m", "server.cli"]


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_env(**extra: str) -> dict[str, str]:
    """This environment with this checkout first on a child's path (run children with
    cwd=REPO too: `python -m` puts the current directory first), plus ``extra``."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def wait_until(
    condition: Callable[[], Any],
    *,
    timeout: float = 30.0,
    interval: float = 0.02,
    message: str = "the condition",
) -> Any:
    """Poll ``condition`` until it returns something true (and return that); TimeoutError
    naming ``message`` if it never does within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:g}s waiting for {message}")
        time.sleep(interval)


def wait_http(url: str, timeout: float = 120.0, proc: subprocess.Popen | None = None) -> None:
    """Until ``url`` answers at all; RuntimeError if ``proc`` exits first."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def answers() -> bool:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}")
        try:
            with opener.open(url, timeout=2):
                return True
        except OSError:
            return False

    wait_until(answers, timeout=timeout, interval=0.05, message=f"{url} to answer")


# ---------------------------------------------------------------------------- captures
TREND_MICRO_PAGE = "trendmicro-digitalriver-thankyou"


def page_capture(page: str, *, source: str, confidence: float, **overrides: Any) -> dict:
    """What the extension sends for fixture page ``page``: the fields its .expected.json says
    the extractor finds there, the page's address and title, and the extractor's ``source``
    and ``confidence`` (no capture_id). ``overrides`` replace fields; None drops one."""
    html = (FIXTURE_PAGES / f"{page}.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURE_PAGES / f"{page}.expected.json").read_text(encoding="utf-8"))
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    found = {k: v for k, v in expected.items() if k not in ("url", "found")}
    body = {
        "page_url": expected["url"],
        "page_title": title.group(1).strip() if title else None,
        **found,
        "source": source,
        "confidence": confidence,
        **overrides,
    }
    return {k: v for k, v in body.items() if v is not None}


def trend_micro_capture(**overrides: Any) -> dict:
    """The capture of README's story: a Trend Micro subscription bought on Digital River's
    store (the thank-you page of extension/test/fixtures/pages)."""
    return page_capture(TREND_MICRO_PAGE, **{"source": "site:digitalriver", "confidence": 0.95, **overrides})


# ---------------------------------------------------------------------------- the server
class RefundsServer:
    """`refunds serve` on ``data_dir`` as a real process, and a small HTTP client of it.

    - ``spawn()`` starts it; ``start()`` starts it and waits until it wrote its server.json
      (with its own pid) and answers, then holds its ``token``.
    - Its stdout and stderr go to files in ``log_dir`` (a temp dir of its own by default; a
      pipe nobody reads could fill up and stall it): ``stdout``, ``stderr``, ``output()``.
    - Options: ``port`` (a free one by default), ``command`` (another entry point of the same
      CLI), ``args`` after ``serve``'s own, ``extra_env``, ``preexec`` (run in the child before
      exec), ``data_dir_first`` (``--data-dir`` before the command, as the global option).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        command: list[str] | None = None,
        args: tuple[str, ...] = (),
        extra_env: dict[str, str] | None = None,
        preexec=None,
        data_dir_first: bool = False,
        log_dir: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.command = list(command or REFUNDS)
        self.args = tuple(map(str, args))
        self.extra_env = dict(extra_env or {})
        self.preexec = preexec
        self.data_dir_first = data_dir_first
        if log_dir is None:
            # Not beside the data dir by default (a test may check what is there): a temp dir
            # of its own, removed with this object.
            log_dir = Path(tempfile.mkdtemp(prefix="refunds-serve-"))
            weakref.finalize(self, shutil.rmtree, log_dir, ignore_errors=True)
        log_dir = Path(log_dir)
        self.stdout_path = log_dir / f"serve-{self.port}.out"
        self.stderr_path = log_dir / f"serve-{self.port}.err"
        self.proc: subprocess.Popen | None = None
        self.token = ""

    # ---- the process
    def argv(self) -> list[str]:
        if self.data_dir_first:
            return [
                *self.command,
                "--data-dir",
                str(self.data_dir),
                "serve",
                "--port",
                str(self.port),
                *self.args,
            ]
        return [
            *self.command,
            "serve",
            "--data-dir",
            str(self.data_dir),
            "--port",
            str(self.port),
            *self.args,
        ]

    def spawn(self) -> subprocess.Popen:
        self.stdout_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.stdout_path, "ab") as out, open(self.stderr_path, "ab") as err:
            self.proc = subprocess.Popen(
                self.argv(),
                stdout=out,
                stderr=err,
                env=child_env(**self.extra_env),
                preexec_fn=self.preexec,
                cwd=REPO,
            )
        return self.proc

    def start(self, timeout: float = 60.0) -> RefundsServer:
        self.spawn()

        def ready() -> bool:
            if self.proc.poll() is not None:
                raise RuntimeError(f"refunds serve exited with {self.proc.returncode}:\n{self.output()}")
            info = self.runtime()
            if info is None or info.get("pid") != self.proc.pid:
                return False
            try:
                self.token = info["token"]
                self.health()
                return True
            except OSError:
                return False

        try:
            wait_until(ready, timeout=timeout, message="refunds serve to answer")
        except TimeoutError:
            self.kill()
            raise TimeoutError(f"refunds serve did not start:\n{self.output()}") from None
        return self

    def runtime(self) -> dict | None:
        """The server.json in the data dir (whoever wrote it), or None."""
        try:
            return json.loads((self.data_dir / "server.json").read_text())
        except (OSError, ValueError):
            return None

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def stdout(self) -> str:
        return _read(self.stdout_path)

    @property
    def stderr(self) -> str:
        return _read(self.stderr_path)

    def output(self) -> str:
        """Everything it printed: stderr (its log), then stdout."""
        return self.stderr + self.stdout

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Signal it (SIGTERM by default) and wait; its exit code. Killed, and TimeoutExpired
        raised, if it has not exited within ``timeout``."""
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait()

    # ---- HTTP, with the local token unless told otherwise
    def call(
        self, method: str, path: str, body=None, timeout: float = 10.0, *, token: bool = True
    ) -> tuple[int, Any]:
        """(status, JSON body), for error statuses too."""
        try:
            return self.request(method, path, body, timeout, token=token)
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.loads(exc.read() or b"null")

    def request(
        self, method: str, path: str, body=None, timeout: float = 10.0, *, token: bool = True
    ) -> tuple[int, Any]:
        """(status, JSON body); urllib's HTTPError for an error status."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if token and self.token:
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

    def health(self) -> dict:
        return self.call("GET", "/api/v1/health")[1]


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""
