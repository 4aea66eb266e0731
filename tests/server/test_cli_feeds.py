"""`refunds feeds [list | new [--name N] | revoke ID]` as a user runs it, with the server running
or not, and the feed URL it prints read as a calendar app reads it (a bare GET, no headers)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from datetime import timedelta

import icalendar
import pytest

from server.wallclock import system_clock

from ..support.ports import free_port
from ..support.server import Server, run_cli
from .helpers import capture

URL = re.compile(r"^http://127\.0\.0\.1:(\d+)/calendar/([A-Za-z0-9_-]{43})\.ics$")


def fetch(url: str) -> tuple[int, bytes]:
    """As a calendar app subscribes: a plain GET, no token, no Origin."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url), timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def uids(ics: bytes) -> set[str]:
    return {str(event["uid"]) for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def new_feed(*args) -> tuple[str, str, str]:
    """(url, feed id, stderr) from `refunds feeds new ...`."""
    result = run_cli("feeds", "new", *args)
    assert result.returncode == 0, result.stderr
    url = result.stdout.strip()
    assert URL.match(url), result.stdout
    feed_id = re.search(r"refunds feeds revoke (\w+)", result.stderr).group(1)
    return url, feed_id, result.stderr


@pytest.fixture
def served(tmp_path):
    process = Server(tmp_path / "data").start()
    # Bought two days ago by the program's clock (REFUNDS_TODAY moves it for every process):
    # the refund deadline is ahead, so the feed has an event whatever day the tests run on.
    ordered = system_clock().today() - timedelta(days=2)
    process.request("POST", "/api/v1/captures", capture(order_date=ordered.isoformat(), renewal_date=None))
    yield process
    process.stop()


def test_new_list_and_revoke_with_the_server_running(served):
    url, feed_id, told = new_feed("--name", "Thunderbird", "--data-dir", served.data_dir)
    assert int(URL.match(url).group(1)) == served.port
    assert "shown only now" in told and "order number" in told
    status, ics = fetch(url)
    assert status == 200
    exported = run_cli("export", "--format", "ics", "--data-dir", served.data_dir)
    assert uids(ics) == uids(exported.stdout.encode()) and uids(ics), "the same events as the export"

    listed = run_cli("feeds", "list", "--data-dir", served.data_dir)
    assert listed.returncode == 0, listed.stderr
    assert feed_id in listed.stdout and "Thunderbird" in listed.stdout
    assert URL.match(url).group(2) not in listed.stdout and "/calendar/" not in listed.stdout
    assert run_cli("feeds", "--data-dir", served.data_dir).stdout == listed.stdout, "list is the default"

    revoked = run_cli("feeds", "revoke", feed_id, "--data-dir", served.data_dir)
    assert revoked.returncode == 0, revoked.stderr
    assert fetch(url)[0] == 404
    assert "No calendar feeds" in run_cli("feeds", "list", "--data-dir", served.data_dir).stdout
    again = run_cli("feeds", "revoke", feed_id, "--data-dir", served.data_dir)
    assert again.returncode == 1 and feed_id in again.stderr and "Traceback" not in again.stderr


def test_without_a_server_the_feed_is_made_for_the_port_the_server_will_use(served, tmp_path):
    data_dir = served.data_dir
    served.stop()
    port = free_port()
    url, feed_id, told = new_feed("--port", port, "--data-dir", data_dir)
    assert int(URL.match(url).group(1)) == port
    assert "No server is running" in told
    assert not (data_dir / "server.json").exists(), "the temporary server is gone"
    listed = run_cli("feeds", "list", "--data-dir", data_dir)
    assert listed.returncode == 0 and feed_id in listed.stdout, listed.stderr

    later = Server(data_dir, port=port).start()
    try:
        status, ics = fetch(url)
        assert status == 200 and uids(ics)
    finally:
        later.stop()
    assert run_cli("feeds", "revoke", feed_id, "--data-dir", data_dir).returncode == 0
    later = Server(data_dir, port=port).start()
    try:
        assert fetch(url)[0] == 404, "revoked without a server, refused once one runs"
    finally:
        later.stop()


@pytest.mark.parametrize("where", ["before", "between", "after"])
def test_feeds_read_the_data_dir_given_before_or_after_the_command(tmp_path, where):
    chosen = Server(tmp_path / "chosen").start()
    decoy = Server(tmp_path / "decoy").start()
    try:
        flag = ["--data-dir", str(chosen.data_dir)]
        env = {"REFUNDS_DATA_DIR": str(decoy.data_dir)}

        def run(action, *rest):
            if where == "before":
                args = [*flag, "feeds", action, *rest]
            elif where == "between":
                args = ["feeds", *flag, action, *rest]
            else:
                args = ["feeds", action, *rest, *flag]
            return run_cli(*args, env=env)

        made = run("new", "--name", "Phone")
        assert made.returncode == 0, made.stderr
        assert int(URL.match(made.stdout.strip()).group(1)) == chosen.port
        assert "Phone" in run("list").stdout
        assert decoy.get("/api/v1/calendar-feeds")["feeds"] == [], "the decoy was never asked"
        feed_id = chosen.get("/api/v1/calendar-feeds")["feeds"][0]["id"]
        assert run("revoke", feed_id).returncode == 0
        assert chosen.get("/api/v1/calendar-feeds")["feeds"] == []
    finally:
        chosen.stop()
        decoy.stop()


def test_feeds_on_a_data_dir_that_does_not_exist_say_so_and_create_nothing(tmp_path):
    missing = tmp_path / "typo"
    for args in (("list",), ("new",), ("revoke", "abc")):
        result = run_cli("feeds", *args, "--data-dir", missing)
        assert result.returncode == 1 and "does not exist" in result.stderr, result.stderr
    assert not missing.exists()


def test_a_bad_name_or_port_is_a_clear_error(served):
    result = run_cli("feeds", "new", "--name", "x" * 101, "--data-dir", served.data_dir)
    assert result.returncode == 1 and "name" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("feeds", "new", "--port", "0", "--data-dir", served.data_dir)
    assert result.returncode == 2 and "--port" in result.stderr


def test_help_lists_feeds():
    assert "feeds" in run_cli("--help").stdout
    assert all(action in run_cli("feeds", "--help").stdout for action in ("list", "new", "revoke"))
