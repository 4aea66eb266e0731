"""2xx means durable: SIGKILL a real `refunds serve` mid-load; every acknowledged write survives."""

from __future__ import annotations

import http.client
import json
import os
import random
import threading
import time

from ..support.server import Server
from .helpers import capture

TRIALS = int(os.environ.get("REFUNDS_KILL_TRIALS", "3"))
WRITERS = 8


def _load(process: Server, acked: set[str], stop: threading.Event, writer: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", process.port, timeout=10)
    headers = {"Authorization": f"Bearer {process.token}", "Content-Type": "application/json"}
    n = 0
    while not stop.is_set():
        n += 1
        body = capture(capture_id=f"w{writer}-{n}-{random.random()}", order_number=f"{writer}-{n}")
        try:
            conn.request("POST", "/api/v1/captures", json.dumps(body), headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            conn.close()  # else its socket is reported unclosed (a ResourceWarning: an error here)
            return  # the server is gone: this write was never acknowledged
        if response.status in (200, 201):
            acked.add(body["capture_id"])
    conn.close()


def test_every_acknowledged_capture_survives_sigkill(tmp_path):
    data = tmp_path / "data"
    total_acked = 0
    for trial in range(TRIALS):
        process = Server(data).start()
        acked: set[str] = set()
        stop = threading.Event()
        threads = [threading.Thread(target=_load, args=(process, acked, stop, i)) for i in range(WRITERS)]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(0.2, 0.8))  # the point: a kill at a random moment of the load
        process.kill()
        stop.set()
        for thread in threads:
            thread.join()
        total_acked += len(acked)

        again = Server(data).start()
        try:
            cases = again.get("/api/v1/cases")["cases"]
            stored = {c["capture_id"] for case in cases for c in case["captures"]}
            missing = acked - stored
            assert not missing, f"trial {trial}: {len(missing)} acknowledged captures lost"
            assert not [p for p in data.iterdir() if ".tmp-" in p.name], "temp files left after start"
        finally:
            assert again.stop() == 0
    assert total_acked > 0, "the load never got going"
