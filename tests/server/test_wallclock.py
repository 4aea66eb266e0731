"""The program's one clock: what it reads, how REFUNDS_TODAY moves it, and that nothing goes
around it (a direct read of the real clock would make a deadline depend on the day a test runs).
"""

from __future__ import annotations

import ast
import json
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from server.wallclock import TODAY_ENV, BadClockSetting, WallClock

from ..support.server import Server, run_cli
from .helpers import capture

REPO = Path(__file__).resolve().parents[2]
# Leap day, the last day of a month and of a year, and a year ahead of the fixtures.
DAYS = [date(2028, 2, 29), date(2027, 1, 31), date(2027, 12, 31), date(2027, 11, 26)]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_clock_started_on_a_day_reads_that_day_and_runs_on(day):
    clock = WallClock.starting(day)
    assert clock.today() == day and clock.moved
    first = clock.now()
    assert first.tzinfo is timezone.utc
    assert clock.local_now().date() == day and clock.local_now().time() >= time(12)
    assert clock.now() >= first, "it runs on"


def test_a_clock_started_at_a_moment_reads_that_moment():
    clock = WallClock.starting(datetime(2027, 12, 31, 23, 58))
    assert clock.local_now().replace(tzinfo=None) - datetime(2027, 12, 31, 23, 58) < timedelta(seconds=5)


def test_a_frozen_clock_stays_put():
    moment = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)
    clock = WallClock.frozen(moment)
    assert clock.now() == moment == clock.now()
    assert clock.timestamp() == moment.timestamp()


def test_the_real_clock_is_not_moved():
    clock = WallClock.from_environment({})
    assert not clock.moved
    assert abs((clock.now() - datetime.now(timezone.utc)).total_seconds()) < 5


@pytest.mark.parametrize(
    "value, day",
    [
        ("2028-02-29", date(2028, 2, 29)),
        (" 2027-12-31 ", date(2027, 12, 31)),
        ("2027-01-31T23:30", date(2027, 1, 31)),
    ],
)
def test_refunds_today_moves_the_clock(value, day):
    assert WallClock.from_environment({TODAY_ENV: value}).today() == day


@pytest.mark.parametrize("value", ["tomorrow", "2027-02-29", "29/02/2028", "2028-13-01"])
def test_refunds_today_that_is_not_a_date_is_refused_by_name(value):
    with pytest.raises(BadClockSetting, match=TODAY_ENV):
        WallClock.from_environment({TODAY_ENV: value})


def test_the_cli_says_which_setting_is_wrong_and_does_nothing(tmp_path):
    result = run_cli("export", "--data-dir", tmp_path / "data", env={TODAY_ENV: "someday"})
    assert result.returncode == 2
    assert TODAY_ENV in result.stderr and "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_a_server_started_with_refunds_today_counts_from_that_day(tmp_path):
    process = Server(tmp_path / "data", extra_env={TODAY_ENV: "2028-02-29"}).start()
    try:
        assert process.get("/api/v1/health")["today"] == "2028-02-29"
        status, body = process.request(
            "POST", "/api/v1/captures", capture(order_date="2028-02-28", renewal_date="2029-02-28")
        )
        assert status == 201, body
        case = body["case"]
        assert case["deadline"] == "2028-03-29" and case["days_left"] == 29
        assert case["created_at"].startswith(("2028-02-29", "2028-03-01", "2028-02-28"))  # any zone
        # A refund dated later than the moved today is in the future, whatever the real date.
        status, body = process.request("PATCH", f"/api/v1/cases/{case['id']}", {"status": "requested"})
        assert status == 200, body
        assert body["case"]["follow_up_on"] > "2028-02-29"
        exported = json.loads(
            run_cli("export", "--data-dir", process.data_dir, env={TODAY_ENV: "2028-02-29"}).stdout
        )
        assert exported["exported_at"][:4] == "2028"
    finally:
        process.stop()


# -- nothing reads the real clock but server/wallclock.py -----------------------------------
CLOCK_READS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "strftime"),
    ("time", "ctime"),
    ("time", "time_ns"),
}


def _clock_reads(path: Path, root: Path = REPO) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) in CLOCK_READS
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.value.id}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("datetime", "time"):
            for alias in node.names:
                if (node.module, alias.name) in CLOCK_READS:
                    found.append(
                        f"{path.relative_to(root)}:{node.lineno} from {node.module} import {alias.name}"
                    )
    return found


def test_only_the_clock_module_reads_the_real_clock():
    sources = [p for folder in ("server", "tui", "bench") for p in (REPO / folder).rglob("*.py")]
    assert len(sources) > 50
    reads = [read for path in sources if path.name != "wallclock.py" for read in _clock_reads(path)]
    assert reads == [], "read the program's clock (server/wallclock.py) instead:\n" + "\n".join(reads)


def test_the_check_finds_a_direct_read(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from datetime import date\nfrom time import time\nx = date.today()\n")
    assert [r.split(" ", 1)[1] for r in _clock_reads(sample, tmp_path)] == [
        "from time import time",
        "date.today",
    ]
