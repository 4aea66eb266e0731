"""The TUI's pure parts: urgency order, views, the filter, column layout, date and money words."""

from __future__ import annotations

from datetime import date

import pytest

from server.api.cases import status_table
from tui import statuses
from tui.advice import next_step
from tui.api import parse_response
from tui.cases import CaseIndex, View, summary_of
from tui.formatting import case_name, days_left_text, window_bar
from tui.screens.forms.communications import parse_when
from tui.screens.forms.follow_up import parse_follow_up
from tui.widgets.case_table import layout

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True, scope="module")
def server_status_words():
    """What the app reads from GET /api/v1/statuses at start (before any case), as served."""
    statuses.load(status_table())


def case(
    case_id,
    *,
    days_left=None,
    follow_up=None,
    status="captured",
    is_open=True,
    product="",
    updated_at="2026-11-26T08:00:00+00:00",
    **extra,
):
    return {
        "id": case_id,
        "status": status,
        "is_open": is_open,
        "days_left": days_left,
        "follow_up_on": follow_up,
        "product": product or case_id,
        "updated_at": updated_at,
        "vendor": {"name": "Vendor " + case_id},
        **extra,
    }


def test_urgency_order_open_windows_then_follow_ups_then_the_rest_then_closed():
    index = CaseIndex(TODAY)
    index.replace_all(
        [
            case("closed", status="refunded", is_open=False, days_left=1),
            case("expired", days_left=-3),
            case("late", days_left=20),
            case("soon", days_left=2),
            case("chase", days_left=-1, follow_up="2026-11-27", status="denied"),
            case("today", days_left=0),
        ],
        TODAY,
    )
    assert [row.id for row in index.rows(View.ALL)] == ["today", "soon", "late", "chase", "expired", "closed"]
    assert [row.id for row in index.rows(View.OPEN)] == ["today", "soon", "late", "chase", "expired"]
    assert [row.id for row in index.rows(View.CLOSED)] == ["closed"]
    assert [row.id for row in index.rows(View.DUE_SOON)] == ["today", "soon", "chase"]
    assert [row.id for row in index.rows(View.FOLLOW_UPS)] == ["chase"]
    assert index.summary_line() == "2 refund windows close within 7 days"


def test_only_cases_not_asked_yet_have_a_closing_refund_window():
    index = CaseIndex(TODAY)
    index.replace_all(
        [
            case("ask", days_left=5),
            case("asked", days_left=2, status="requested"),
            case("approved", days_left=1, status="approved"),
            case("refused", days_left=-5, status="denied", escalation_deadline="2026-11-30"),
            case("disputed", days_left=3, status="escalated", escalation_deadline="2027-02-01"),
        ],
        TODAY,
    )
    assert [row.id for row in index.rows(View.DUE_SOON)] == ["refused", "ask"]
    assert index.summary_line() == "1 refund window closes within 7 days · 1 dispute deadline within 7 days"
    assert [row.id for row in index.rows(View.ALL)][:3] == ["refused", "ask", "disputed"]


def test_summary_line_counts_follow_ups_due_and_says_when_nothing_is():
    index = CaseIndex(TODAY)
    index.replace_all([case("a", days_left=30, follow_up="2026-11-26")], TODAY)
    assert index.summary_line() == "1 follow-up due"
    index.replace_all([case("a", days_left=30)], TODAY)
    assert index.summary_line() == "1 open case, nothing due within 7 days"
    index.replace_all([], TODAY)
    assert index.summary_line() == "No refund cases yet"


def test_filter_matches_every_word_anywhere_and_narrows_as_you_type():
    index = CaseIndex(TODAY)
    index.replace_all(
        [
            case("a", product="Maximum Security", seller={"name": "Digital River"}),
            case("b", product="Norton 360"),
            case("c", product="Security Plus"),
        ],
        TODAY,
    )
    assert [r.id for r in index.rows(View.ALL, "secur")] == ["a", "c"]
    assert [r.id for r in index.rows(View.ALL, "security digital")] == ["a"]
    assert [r.id for r in index.rows(View.ALL, "  SECURITY   Digital ")] == ["a"]
    assert [r.id for r in index.rows(View.ALL, "secu")] == ["a", "c"]  # backspacing
    assert index.rows(View.ALL, "nothing") == []


def test_an_older_copy_never_replaces_a_newer_one_and_archived_cases_leave():
    index = CaseIndex(TODAY)
    index.replace_all([case("a", days_left=5, revision=3)], TODAY)
    assert not index.upsert(case("a", days_left=9, revision=2))
    assert index.get("a")["days_left"] == 5
    assert index.upsert(case("a", days_left=4, revision=4))
    assert index.get("a")["days_left"] == 4
    assert index.upsert(case("a", archived_at="2026-11-26T12:00:00+00:00", revision=5))
    assert "a" not in index


def test_summary_of_keeps_only_board_fields():
    full = case("a", communications=[{"summary": "x"}], status_history=[])
    assert "communications" not in summary_of(full) and summary_of(full)["id"] == "a"


@pytest.mark.parametrize("width", [60, 78, 100, 118, 160])
def test_columns_fit_the_width_and_keep_the_essentials(width):
    columns = layout(width)
    used = sum(w for _, w in columns) + len(columns)
    assert used <= width
    keys = [c.key for c, _ in columns]
    assert {"vendor", "product", "days", "status"} <= set(keys)
    if width >= 110:
        assert keys == ["vendor", "product", "order", "ordered", "deadline", "days", "status", "follow_up"]


def test_days_left_words_and_bar():
    assert days_left_text(0) == "today"
    assert days_left_text(-3) == "3d ago"
    assert days_left_text(None) == "no deadline"
    assert window_bar(0.5, 6) == "███···"
    assert window_bar(1.0, 4) == "████"
    assert window_bar(None, 3) == "   "


def test_case_name_does_not_repeat_the_vendor():
    assert case_name({"vendor": {"name": "Norton"}, "product": "Norton 360"}) == "Norton 360"
    assert (
        case_name({"vendor": {"name": "Trend Micro"}, "product": "Maximum Security"})
        == "Trend Micro · Maximum Security"
    )
    assert case_name({"order_number": "X1"}) == "X1"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("+7", date(2026, 12, 3)),
        ("7", date(2026, 12, 3)),
        ("7d", date(2026, 12, 3)),
        ("2w", date(2026, 12, 10)),
        ("tomorrow", date(2026, 11, 27)),
        ("2026-12-24", date(2026, 12, 24)),
        ("24/12/2026", None),
        ("soon", None),
    ],
)
def test_follow_up_dates_typed_loosely(text, expected):
    assert parse_follow_up(text, TODAY) == expected


def test_when_is_read_in_the_users_time_zone():
    moment = parse_when("2026-11-25 09:15")
    assert moment is not None and moment.tzinfo is not None and moment.hour == 9
    assert parse_when("25.11.2026") is None


def test_next_step_follows_the_refund_guide():
    assert "ask for the refund before" in next_step(case("a", days_left=3, deadline="2026-11-29"), TODAY)
    assert "closed on" in next_step(case("a", days_left=-2, deadline="2026-11-24"), TODAY)
    assert "Follow-up due" in next_step(case("a", status="requested", follow_up="2026-11-25"), TODAY)
    assert "card issuer" in next_step(case("a", status="denied"), TODAY)
    assert "money is back" in next_step(case("a", status="refunded", is_open=False), TODAY)


def test_quantities_read_as_people_write_them():
    from tui.formatting import quantity

    assert [quantity(q) for q in (2, 2.0, 1.5, 0.125, None, True)] == ["2", "2", "1.5", "0.125", "", ""]


def test_http_answers_are_parsed_with_length_or_chunks():
    plain = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}"
    assert parse_response(plain) == (200, b"{}")
    chunked = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
    assert parse_response(chunked) == (404, b"abcde")
    with pytest.raises(ValueError):
        parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}")


def test_board_rows_are_a_subset_of_the_servers_summary():
    """The board keeps only fields the server's CaseSummary has (one schema, in the server)."""
    from server.api.schemas import SUMMARY_FIELDS
    from tui.cases import SUMMARY_KEYS

    assert set(SUMMARY_KEYS) <= set(SUMMARY_FIELDS)


def test_an_older_copy_of_a_case_never_replaces_a_newer_one():
    from tui.cases import is_newer

    assert is_newer({"revision": 3}, {"revision": 2})
    assert not is_newer({"revision": 2}, {"revision": 2})
    assert not is_newer({}, {"revision": 1})


def test_archived_cases_leave_the_views_and_come_back_when_restored():
    index = CaseIndex(TODAY)
    index.replace_all([case("a", days_left=3, revision=1), case("b", days_left=9, revision=1)], TODAY)
    assert index.counts().get(View.ARCHIVED) is None, "not asked for yet: no count"
    # Archived before the Archived view was loaded: it leaves the board, nothing else is kept.
    assert index.upsert(case("a", days_left=3, revision=2, archived_at="2026-11-26T10:00:00Z"))
    assert [r.id for r in index.rows(View.ALL)] == ["b"] and index.rows(View.ARCHIVED) == []
    index.replace_archived([case("a", days_left=3, revision=2, archived_at="2026-11-26T10:00:00Z")])
    assert [r.id for r in index.rows(View.ARCHIVED)] == ["a"] and index.counts()[View.ARCHIVED] == 1
    assert index.get("a")["archived_at"] and "a" in index and len(index) == 1
    # An older copy (an event that arrives late) never moves it back.
    assert not index.upsert(case("a", days_left=3, revision=1))
    # Restored: back on the board, gone from Archived.
    assert index.upsert(case("a", days_left=3, revision=3))
    assert [r.id for r in index.rows(View.OPEN)] == ["a", "b"] and index.rows(View.ARCHIVED) == []
    # Loaded, Archived follows archiving too, most recent first; a reload keeps both apart.
    index.upsert(case("b", days_left=9, revision=2, archived_at="2026-11-26T11:00:00Z"))
    index.upsert(case("a", days_left=3, revision=4, archived_at="2026-11-26T10:30:00Z"))
    assert [r.id for r in index.rows(View.ARCHIVED)] == ["b", "a"] and len(index) == 0
    index.replace_all(
        [case("a", days_left=3, revision=4, archived_at="2026-11-26T10:30:00Z"), case("c", days_left=1)],
        TODAY,
    )
    assert [r.id for r in index.rows(View.ARCHIVED)] == ["a"] and [r.id for r in index.rows(View.ALL)] == [
        "c"
    ]
    assert "archived" not in index.summary_line()


def test_country_locale_and_time_zone_suggested_by_this_computer(tmp_path):
    import os

    from tui.suggested_settings import guess_system_settings, locale_from_environment, system_zone

    assert locale_from_environment({"LANG": "de_DE.UTF-8"}) == ("DE", "de-DE", "LANG=de_DE.UTF-8")
    assert locale_from_environment({"LANG": "de_DE.UTF-8", "LC_ALL": "fr_CA.utf8@euro"})[:2] == (
        "CA",
        "fr-CA",
    )
    assert locale_from_environment({"LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"}) == (None, None, None)
    assert locale_from_environment({"LANG": "POSIX"}) == (None, None, None)
    assert locale_from_environment({"LANG": "nl"}) == (None, "nl", "LANG=nl")
    assert locale_from_environment({}) == (None, None, None)
    assert system_zone({"TZ": ":Europe/Berlin"}) == ("Europe/Berlin", "TZ=Europe/Berlin")
    assert system_zone({"TZ": "CET-1CEST"}, tmp_path) == (None, None), "a POSIX rule is not a zone name"
    assert system_zone({}, tmp_path) == (None, None)
    (tmp_path / "etc").mkdir()
    os.symlink("/usr/share/zoneinfo/America/New_York", tmp_path / "etc/localtime")
    assert system_zone({}, tmp_path) == ("America/New_York", "the system time zone")
    (tmp_path / "etc/timezone").write_text("Europe/Lisbon\n")
    guess = guess_system_settings({"LANG": "pt_PT.UTF-8"}, tmp_path, full_name=lambda: "Rita Lopes")
    assert (guess.country, guess.locale, guess.timezone) == ("PT", "pt-PT", "Europe/Lisbon")
    assert (guess.name, guess.name_source) == ("Rita Lopes", "your account's full name")
    assert not guess_system_settings({"LANG": "C"}, tmp_path / "nowhere", full_name=lambda: None)


def test_terminal_controls_in_server_data_never_reach_the_screen():
    # A database from before the server refused them may hold what a hostile page put in a
    # capture: an OSC 52 sequence would write the user's clipboard, a CSI would redraw.
    import msgspec

    from tui.api import _decode

    stored = {
        "cases": [
            {
                "product": "Max\x1b]52;c;ZXZpbA==\x07Security",
                "order_number": "167\u202e39",
                "vendor": {"name": "Trend\x9b2J Micro"},
                "body": "Line one\n\tLine two\r",
            }
        ]
    }
    case = _decode(msgspec.json.encode(stored))["cases"][0]
    assert case == {
        "product": "Max]52;c;ZXZpbA==Security",
        "order_number": "16739",
        "vendor": {"name": "Trend2J Micro"},
        "body": "Line one\n\tLine two",
    }
    clean = msgspec.json.encode({"product": "Maximum Security", "note": "a\nb"})
    assert _decode(clean) == {"product": "Maximum Security", "note": "a\nb"}


def test_checklist_names_the_key_that_adds_each_missing_item():
    from rich.console import Console

    from tui.case_sections import checklist

    def head(*missing):
        items = [{"id": name, "label": name, "present": False} for name in missing]
        console = Console(width=200, record=True)
        console.print(checklist({"checklist": items}))
        return console.export_text().splitlines()[0]

    assert (
        head("reason", "proof_of_purchase")
        == "2 missing: add with e (edit); the proof of purchase with l (log), or m on a logged email."
    )
    assert (
        head("proof_of_purchase")
        == "1 missing: add the proof of purchase with l (log), or m on a logged email."
    )
    assert head("reason", "order_number") == "2 missing: add with e (edit)."


def test_a_timeline_reference_stays_whole_and_wrapped_lines_are_indented():
    from rich.console import Console

    from tui.widgets.timeline import TimelineEntry

    entry = TimelineEntry(
        {
            "kind": "contact",
            "at": "2026-11-26T09:00:00+00:00",
            "channel": "phone",
            "direction": "outbound",
            "reference": "NRT-58213907",
            "summary": "Asked",
        }
    )
    console = Console(width=44, record=True)
    console.print(entry.render())
    lines = console.export_text().replace("\u00a0", " ").splitlines()
    assert any("ref NRT-58213907" in line for line in lines), lines
    head_lines = lines[: next(i for i, line in enumerate(lines) if "Asked" in line)]
    assert len(head_lines) > 1 and all(line.startswith("  ") for line in head_lines[1:]), lines


def test_a_logged_time_that_is_none_says_why():
    from datetime import timezone
    from zoneinfo import ZoneInfo

    from tui.screens.forms.communications import when_problem

    assert when_problem("2026-02-30 10:00", timezone.utc) == "not a date (February has 28 days in 2026)"
    assert when_problem("2026-03-08 02:30", ZoneInfo("America/Los_Angeles")).startswith(
        "there is no such time in America/Los_Angeles"
    )
    assert when_problem("2026-03-08 03:30", ZoneInfo("America/Los_Angeles")) is None
    assert (
        when_problem("yesterday", timezone.utc)
        == "write it as YYYY-MM-DD HH:MM (24-hour), or leave it as now"
    )
