"""What is due, worked out from case views the real policy engine computed.

Every date is built from a chosen "today" (a year ahead, 29 Feb 2028, a month's end), never
from the real one.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from server.domain import status as status_machine
from server.domain.reminders import case_reminders, due_reminders, schedule_step
from server.policies import compute, load_catalog

US = {"country": "US", "region": None, "locale": "en-US"}
# A year ahead of the other tests' day, a leap day, the end of a month (and of a year).
TODAYS = [date(2027, 11, 26), date(2028, 2, 29), date(2027, 1, 31), date(2026, 12, 31)]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None).catalog


def trend_case(case_id="01JDXCASE0000000000000001", **fields):
    """A stored Trend Micro case bought through Digital River (a 30-day window)."""
    case = {
        "id": case_id,
        "created_at": "2026-01-01T10:00:00+00:00",
        "updated_at": "2026-01-01T10:00:00+00:00",
        "vendor": {"name": "Trend Micro", "domain": "trendmicro.com"},
        "seller": {"name": "Digital River", "domain": "digitalriver.com"},
        "purchase_source": "reseller",
        "product": "Trend Micro Maximum Security",
        "plan": None,
        "plan_term": None,
        "charge_type": "new",
        "order_number": "16739482210",
        "order_date": None,
        "delivery_date": None,
        "statement_date": None,
        "amount": "49.95",
        "currency": "USD",
        "account_email": None,
        "payment_method": "Visa ending in 4417",
        "auto_renews": False,
        "renewal_date": None,
        "page_url": None,
        "captured_from": "extension",
        "reason": None,
        "policy": {"rule_id": "trend-micro", "window_days": None, "deadline": None},
        "status": "captured",
        "status_history": [],
        "communications": [],
        "follow_up_on": None,
        "refund": None,
        "archived_at": None,
    }
    case.update(fields)
    return case


def view_of(catalog, case, today):
    """The case as the server shows it: stored fields plus what the policy engine computes."""
    return {
        **case,
        **compute(case, catalog, US, today),
        "is_open": status_machine.is_open(case["status"]) and not case.get("archived_at"),
    }


def ordered_days_ago(today, days):
    return (today - timedelta(days=days)).isoformat()


@pytest.mark.parametrize("today", TODAYS, ids=str)
@pytest.mark.parametrize("days_left, step", [(8, 7), (7, 7), (5, 7), (4, 7), (3, 3), (2, 3), (1, 1), (0, 0)])
def test_the_refund_deadline_is_reminded_7_3_1_and_0_days_before(catalog, today, days_left, step):
    case = trend_case(order_date=ordered_days_ago(today, 30 - days_left))
    view = view_of(catalog, case, today)
    deadline = today + timedelta(days=days_left)
    assert view["deadline"] == deadline.isoformat(), "the window the board shows"
    [reminder] = [r for r in case_reminders(view, today) if r.kind == "refund_deadline"]
    assert reminder.date == deadline and reminder.days_left == days_left
    assert reminder.days_before == step
    assert reminder.notify_on == deadline - timedelta(days=step)
    assert reminder.notify_on <= today or days_left > 7, "a step begun is due now"
    assert reminder.id == f"{case['id']}.refund_deadline.{deadline.isoformat()}.{step}"
    assert reminder.title == "Trend Micro 16739482210"
    assert reminder.event == "last day to ask for a refund (Digital River)"
    expected = {
        0: "last day to ask for a refund (Digital River)",
        1: "1 day left to ask for a refund (Digital River)",
    }.get(days_left, f"{days_left} days left to ask for a refund (Digital River)")
    assert reminder.message == expected
    assert [r.kind for r in due_reminders([view], today, within=7)] == (
        ["refund_deadline"] if days_left <= 7 else []
    )


def test_a_step_keeps_its_id_until_the_next_step_begins(catalog):
    today = date(2028, 2, 29)
    case = trend_case(order_date=ordered_days_ago(today, 24))  # 6 days left
    ids = []
    for day in (today + timedelta(days=n) for n in range(7)):
        [reminder] = due_reminders([view_of(catalog, case, day)], day)
        ids.append(reminder.id.rsplit(".", 1)[1])
    assert ids == ["7", "7", "7", "3", "3", "1", "0"]


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_no_refund_deadline_once_asked_or_once_past(catalog, today):
    asked = view_of(catalog, trend_case(status="requested", order_date=ordered_days_ago(today, 28)), today)
    past = view_of(catalog, trend_case(order_date=ordered_days_ago(today, 31)), today)
    assert due_reminders([asked, past], today, within=366) == []


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_a_follow_up_is_due_on_its_day_and_stays_due_after(catalog, today):
    def follow_up(days_from_today, within=7):
        case = trend_case(
            status="requested",
            order_date=ordered_days_ago(today, 40),
            follow_up_on=(today + timedelta(days=days_from_today)).isoformat(),
        )
        return due_reminders([view_of(catalog, case, today)], today, within)

    [overdue] = follow_up(-12, within=0)
    assert overdue.kind == "follow_up" and overdue.days_left == -12 and overdue.days_before == 0
    assert (
        overdue.message == "follow-up 12 days overdue: ask whether the refund is on its way (Digital River)"
    )
    [on_the_day] = follow_up(0, within=0)
    assert on_the_day.message == "follow up today if the refund has not arrived (Digital River)"
    assert on_the_day.notify_on == today
    [coming] = follow_up(5)
    assert coming.message == "follow up in 5 days if the refund has not arrived (Digital River)"
    assert coming.notify_on == today + timedelta(days=5), "a notifier waits for its day"
    assert follow_up(5, within=4) == []


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_an_auto_renewal_is_reminded_14_and_3_days_before(catalog, today):
    def renewal(days_from_today, within=14, auto_renews=True, status="requested"):
        case = trend_case(
            status=status,
            order_date=ordered_days_ago(today, 40),
            auto_renews=auto_renews,
            renewal_date=(today + timedelta(days=days_from_today)).isoformat(),
        )
        return [
            r for r in due_reminders([view_of(catalog, case, today)], today, within) if r.kind == "renewal"
        ]

    [first] = renewal(14)
    assert first.days_before == 14 and first.notify_on == today
    assert first.message == (
        "renews automatically in 14 days: cancel in time if you do not want "
        "it (a renewed plan opens its own refund window)"
    )
    assert [r.days_before for r in renewal(9)] == [14]
    assert [r.days_before for r in renewal(3)] == [3]
    assert renewal(0)[0].message.startswith("renews automatically today: cancel in time")
    assert renewal(14, within=7) == [], "further than asked for"
    assert renewal(-1) == [] and renewal(3, auto_renews=False) == []
    assert len(renewal(3, auto_renews=None)) == 1, "a renewal date alone is worth a reminder"
    assert renewal(3, status="kept") == [], "a kept product is no open case"


@pytest.mark.parametrize("today", TODAYS, ids=str)
@pytest.mark.parametrize("days_left, step", [(14, 14), (10, 14), (3, 3), (1, 3), (0, 0)])
def test_the_dispute_deadline_of_a_denied_or_escalated_case(catalog, today, days_left, step):
    for status in ("denied", "escalated"):
        # A Visa chargeback: about 120 days from the order.
        case = trend_case(status=status, order_date=ordered_days_ago(today, 120 - days_left))
        view = view_of(catalog, case, today)
        assert view["escalation_deadline"] == (today + timedelta(days=days_left)).isoformat()
        [reminder] = due_reminders([view], today, within=14)
        assert reminder.kind == "dispute_deadline" and reminder.days_before == step
        assert reminder.event == "last day to dispute the charge (Visa chargeback)"
        if days_left:
            assert (
                reminder.message == f"{days_left} day{'s' if days_left > 1 else ''} left to "
                "dispute the charge (Visa chargeback)"
            )
    not_denied = trend_case(status="requested", order_date=ordered_days_ago(today, 120 - days_left))
    assert due_reminders([view_of(catalog, not_denied, today)], today, within=14) == []


def test_closed_and_archived_cases_have_nothing_due(catalog):
    today = date(2028, 2, 29)
    fields = {
        "order_date": ordered_days_ago(today, 28),
        "follow_up_on": today.isoformat(),
        "auto_renews": True,
        "renewal_date": today.isoformat(),
    }
    cases = [
        trend_case(status="refunded", **fields),
        trend_case(status="closed", **fields),
        trend_case(archived_at="2028-02-28T10:00:00+00:00", **fields),
    ]
    assert due_reminders([view_of(catalog, c, today) for c in cases], today, within=366) == []


def test_reminders_are_ordered_by_date_then_case(catalog):
    today = date(2027, 1, 31)
    later = trend_case("01B", order_date=ordered_days_ago(today, 27))  # 3 Feb
    sooner = trend_case("01C", order_date=ordered_days_ago(today, 29))  # 1 Feb
    same_day = trend_case("01A", order_date=ordered_days_ago(today, 27))  # 3 Feb
    follow = trend_case(
        "01D", status="requested", order_date=ordered_days_ago(today, 40), follow_up_on="2027-01-20"
    )
    found = due_reminders([view_of(catalog, c, today) for c in (later, sooner, same_day, follow)], today)
    assert [(r.date.isoformat(), r.case_id) for r in found] == [
        ("2027-01-20", "01D"),
        ("2027-02-01", "01C"),
        ("2027-02-03", "01A"),
        ("2027-02-03", "01B"),
    ]


def test_a_case_without_a_vendor_or_order_number_still_has_a_title(catalog):
    today = date(2028, 2, 29)
    case = trend_case(
        vendor=None,
        seller=None,
        order_number=None,
        product="Photo editor",
        policy={"rule_id": None, "window_days": 14, "deadline": None},
        order_date=ordered_days_ago(today, 14),
    )
    [reminder] = due_reminders([view_of(catalog, case, today)], today)
    assert reminder.title == "Photo editor"
    assert reminder.message == "last day to ask for a refund"


@pytest.mark.parametrize(
    "schedule, days_left, step",
    [
        ((7, 3, 1, 0), 30, 7),
        ((7, 3, 1, 0), 7, 7),
        ((7, 3, 1, 0), 2, 3),
        ((7, 3, 1, 0), 0, 0),
        ((14, 3), 0, 3),
        ((0,), -5, 0),
        ((0,), 4, 0),
    ],
)
def test_schedule_step(schedule, days_left, step):
    assert schedule_step(schedule, days_left) == step
