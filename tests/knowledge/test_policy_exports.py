"""The dossier of one case, and the calendar of every open case's dates."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import icalendar

from server.policies import compute, dossier_json, dossier_markdown, export_ics

from .helpers import US, full_case, make_case, trend_case

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)


def with_views(catalog, cases, today=date(2026, 11, 26)):
    return [(case, compute(case, catalog, US, today)) for case in cases]


# -- dossier ---------------------------------------------------------------------------------


def test_dossier_json_has_facts_clocks_history_and_references(catalog):
    case = full_case()
    data = dossier_json(case, compute(case, catalog, US, date(2026, 12, 8)))
    json.dumps(data)  # plain data
    assert data["case_id"] == case["id"]
    assert data["facts"]["order_number"] == "16739482210"
    assert data["facts"]["vendor"] == "Trend Micro (trendmicro.com)"
    assert data["facts"]["amount"] == "49.95 USD"
    assert {c["id"] for c in data["clocks"]} == {"trend-micro", "visa-chargeback", "us-fcba"}
    assert all(c["source_url"] for c in data["clocks"])
    assert [h["to"] for h in data["status_history"]] == ["captured", "requested", "acknowledged", "denied"]
    assert [c["reference"] for c in data["communications"] if c["reference"]] == [
        "RMA-5521",
        "TMC-20261122-0042",
    ]
    assert data["communications"][0]["date"] == "2026-11-21"


def test_dossier_markdown(catalog):
    case = full_case()
    text = dossier_markdown(case, compute(case, catalog, US, date(2026, 12, 8)))
    assert text.startswith("# Refund dossier: Trend Micro Maximum Security")
    for heading in (
        "## Facts",
        "## Refund policy",
        "## Who refunds",
        "## Deadlines",
        "## Status history",
        "## Communications",
    ):
        assert heading in text
    assert "- **Order number:** 16739482210" in text
    assert "<https://helpcenter.trendmicro.com/en-us/article/TMKA-14487>" in text
    assert "Visa chargeback: from 20 November 2026 to 20 March 2027" in text
    assert "Reference: RMA-5521" in text and "Reference: TMC-20261122-0042" in text
    assert "  > Ticket TMC-20261122-0042." in text  # the email body is quoted
    assert "None" not in text


def test_dossier_says_what_each_contact_was(catalog):
    """The same words as the TUI's timeline: "Called them", not "Phone call sent"."""
    case = full_case()
    case["communications"] += [
        {
            "id": "c5",
            "at": "2026-12-03T10:00:00+00:00",
            "channel": "phone",
            "direction": "inbound",
            "summary": "Support called back",
        },
        {
            "id": "c6",
            "at": "2026-12-04T10:00:00+00:00",
            "channel": "chat",
            "direction": "outbound",
            "summary": "Asked again in the chat",
        },
    ]
    text = dossier_markdown(case, compute(case, catalog, US, date(2026, 12, 8)))
    assert ": Called them (Maria at Trend Micro support): Called support, was told to wait" in text
    assert ": They called: Support called back" in text
    assert ": Chatted: Asked again in the chat" in text
    assert ": Email received (support@digitalriver.com): Request received" in text
    assert "Phone call sent" not in text and "Chat sent" not in text


def test_dossier_of_a_sparse_case(catalog):
    case = make_case()
    text = dossier_markdown(case, compute(case, catalog, US, date(2026, 11, 26)))
    assert "No deadline can be worked out yet." in text
    assert "None" not in text


# -- ICS -------------------------------------------------------------------------------------


def events_by_uid(data: bytes):
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event.get("uid")): event for event in calendar.walk("VEVENT")}


def test_ics_has_deadlines_and_follow_ups_as_all_day_events_with_alarms(catalog):
    open_case = trend_case(id="01CASEOPEN", follow_up_on="2026-12-07")
    refunded = trend_case(id="01CASEDONE", status="refunded")
    archived = trend_case(id="01CASEARCH", archived_at="2026-11-25T10:00:00+00:00")
    data = export_ics(with_views(catalog, [open_case, refunded, archived]), NOW)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar.get("version")) == "2.0"
    events = events_by_uid(data)
    assert set(events) == {
        "01CASEOPEN-deadline@refund-tracker.local",
        "01CASEOPEN-follow-up@refund-tracker.local",
    }
    deadline = events["01CASEOPEN-deadline@refund-tracker.local"]
    assert deadline.decoded("dtstart") == date(2026, 12, 20)
    assert deadline.decoded("dtend") == date(2026, 12, 21)
    assert "Trend Micro Maximum Security" in str(deadline.get("summary"))
    assert "Digital River" in str(deadline.get("description"))
    assert deadline.decoded("dtstamp") == NOW
    triggers = sorted(alarm.decoded("trigger") for alarm in deadline.walk("VALARM"))
    # 7, 3 and 0 days before, at 09:00.
    assert triggers == [timedelta(days=-7, hours=9), timedelta(days=-3, hours=9), timedelta(hours=9)]
    follow_up = events["01CASEOPEN-follow-up@refund-tracker.local"]
    assert follow_up.decoded("dtstart") == date(2026, 12, 7)


def test_ics_uids_are_stable_and_sequence_grows_with_changes(catalog):
    case = trend_case(id="01CASESTABLE", follow_up_on="2026-12-07")
    first = events_by_uid(export_ics(with_views(catalog, [case]), NOW))
    again = events_by_uid(export_ics(with_views(catalog, [case]), NOW + timedelta(days=1)))
    assert set(first) == set(again)
    uid = "01CASESTABLE-deadline@refund-tracker.local"
    assert int(first[uid].get("sequence")) == int(again[uid].get("sequence"))

    edited = trend_case(
        id="01CASESTABLE",
        follow_up_on="2026-12-07",
        updated_at="2026-11-27T08:00:00+00:00",
        policy={"rule_id": "trend-micro", "window_days": None, "deadline": "2026-12-15"},
    )
    changed = events_by_uid(export_ics(with_views(catalog, [edited]), NOW))
    assert set(changed) == set(first)
    assert changed[uid].decoded("dtstart") == date(2026, 12, 15)
    assert int(changed[uid].get("sequence")) > int(first[uid].get("sequence"))


def test_ics_escalation_deadline_for_denied_cases(catalog):
    denied = trend_case(id="01CASEDENIED", status="denied")
    events = events_by_uid(export_ics(with_views(catalog, [denied]), NOW))
    escalation = events["01CASEDENIED-escalation@refund-tracker.local"]
    assert escalation.decoded("dtstart") == date(2027, 1, 19)


def test_ics_warns_of_the_dispute_deadline_while_the_vendor_stalls(catalog):
    # Asked, acknowledged, and then nothing: the chargeback limit must not pass unseen.
    stalled = trend_case(id="01CASESTALL", status="acknowledged")
    not_asked = trend_case(id="01CASENEW")
    events = events_by_uid(export_ics(with_views(catalog, [stalled, not_asked]), NOW))
    escalation = events["01CASESTALL-escalation@refund-tracker.local"]
    assert escalation.decoded("dtstart") == date(2027, 1, 19)
    assert "Fair Credit Billing Act dispute" in str(escalation.get("description"))
    assert "01CASENEW-escalation@refund-tracker.local" not in events, (
        "not asked yet: the refund deadline rules"
    )
    assert "01CASENEW-deadline@refund-tracker.local" in events
    assert "01CASESTALL-deadline@refund-tracker.local" not in events, "asked already: no last day to ask"
    filed = trend_case(id="01CASEFILED", status="escalated")
    assert not events_by_uid(export_ics(with_views(catalog, [filed]), NOW)), "the dispute is filed"


def test_ics_leaves_out_dates_already_past(catalog):
    # The refund window closed on 20 December: on 5 January only the dispute deadline is ahead.
    late = trend_case(id="01CASELATE", follow_up_on="2026-12-28")
    events = events_by_uid(export_ics(with_views(catalog, [late], today=date(2027, 1, 5)), NOW))
    assert set(events) == {"01CASELATE-escalation@refund-tracker.local"}


def test_ics_of_nothing_is_a_valid_empty_calendar():
    calendar = icalendar.Calendar.from_ical(export_ics([], NOW))
    assert list(calendar.walk("VEVENT")) == []
