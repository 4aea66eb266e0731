"""`refunds due` as a user runs it, with a server running and without one, on 29 Feb 2028."""

from __future__ import annotations

import json

import pytest

from ..support.server import Server, run_cli
from .helpers import capture

MOVED = {"REFUNDS_TODAY": "2028-02-29"}


@pytest.fixture
def served(tmp_path):
    """A running server with one case 3 days from its last day and one follow-up overdue."""
    process = Server(tmp_path / "data", extra_env=MOVED).start()
    process.request("POST", "/api/v1/captures", capture(order_date="2028-02-02", renewal_date="2029-02-02"))
    _, body = process.request(
        "POST",
        "/api/v1/captures",
        capture(order_number="77", order_date="2028-01-10", renewal_date="2029-01-10"),
    )
    process.request(
        "PATCH", f"/api/v1/cases/{body['case']['id']}", {"status": "requested", "follow_up_on": "2028-02-20"}
    )
    yield process
    process.stop()


def due(*args, env=MOVED):
    return run_cli("due", *args, env=env)


EXPECTED = [
    ("overdue 9 days  Sun 20 Feb  Trend Micro 77: follow up if the refund has not arrived (Digital River)"),
    ("3 days          Fri 3 Mar   Trend Micro 16739482210: last day to ask for a refund (Digital River)"),
]


def test_due_from_a_running_server(served):
    result = due("--data-dir", served.data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == EXPECTED


def test_due_without_a_running_server_opens_the_data_dir_briefly(served):
    served.stop()
    result = run_cli("--data-dir", served.data_dir, "due", env=MOVED)  # --data-dir before
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == EXPECTED
    assert not (served.data_dir / "server.json").exists()


def test_due_json_is_what_the_api_answers(served):
    result = due("--json", "--data-dir", served.data_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == served.get("/api/v1/reminders")
    served.stop()
    offline = json.loads(due("--json", "--data-dir", served.data_dir).stdout)
    assert [r["id"] for r in offline["reminders"]] == [
        r["id"] for r in json.loads(result.stdout)["reminders"]
    ]


def test_within_narrows_and_widens(served):
    only_overdue = due("--within", 0, "--data-dir", served.data_dir)
    assert only_overdue.stdout.splitlines() == [EXPECTED[0]]
    year_ahead = due("--within", 366, "--data-dir", served.data_dir).stdout.splitlines()
    assert [line.split("  Trend")[0].split() for line in year_ahead] == [
        ["overdue", "9", "days", "Sun", "20", "Feb"],
        ["3", "days", "Fri", "3", "Mar"],
        ["316", "days", "Wed", "10", "Jan", "2029"],
        ["339", "days", "Fri", "2", "Feb", "2029"],
    ]
    assert year_ahead[2].endswith(
        "Trend Micro 77: renews automatically: cancel in time if you "
        "do not want it (a renewed plan opens its own refund window)"
    )


def test_nothing_due_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = due("--data-dir", tmp_path / "empty")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Nothing due in the next 7 days.\n"
    assert (
        due("--within", 30, "--data-dir", tmp_path / "empty").stdout == "Nothing due in the next 30 days.\n"
    )


@pytest.mark.parametrize("value", ["-1", "367"])
def test_a_bad_within_is_refused_before_anything_opens(tmp_path, value):
    result = due("--within", value, "--data-dir", tmp_path)
    assert result.returncode == 2 and "--within" in result.stderr and "0 to 366" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_data_dir_that_does_not_exist_is_an_error(tmp_path):
    result = due("--data-dir", tmp_path / "typo")
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "typo").exists()


def test_due_is_in_the_help():
    assert "due" in run_cli("--help").stdout
    text = run_cli("due", "--help").stdout
    assert "--within" in text and "--json" in text and "--data-dir" in text
