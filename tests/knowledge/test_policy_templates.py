"""Letters from a case: full cases cite everything, sparse ones never show a placeholder."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from server.policies import TEMPLATE_KINDS, UnknownTemplateError, compute, render_template

from .helpers import US, comms, full_case, history, make_case, trend_case

LA = ZoneInfo("America/Los_Angeles")
FORMATS = ("text", "markdown")

LEAKS = [
    re.compile(r"\bNone\b"),
    re.compile(r"\bnull\b"),
    re.compile(r"\bundefined\b"),
    re.compile(r"\bnan\b", re.I),
    re.compile(r"N/A"),
    re.compile(r"TODO"),
    re.compile(r"[{}\[\]]"),
    re.compile(r"\(\s*\)"),
    re.compile(r"[^\n] {2,}"),
    re.compile(r" [.,;:]"),
    re.compile(r"\.\.|,,|, \."),
    re.compile(r"\bon \.|\bfor \."),
]


def assert_no_leaks(text: str) -> None:
    for pattern in LEAKS:
        assert not pattern.search(text), (pattern.pattern, text)
    assert text.endswith("\n") and not text.endswith("\n\n\n")


def view_of(catalog, case, today=date(2026, 12, 8), settings=US, tz=LA):
    return compute(case, catalog, settings, today, tz)


SPARSE_CASES = {
    "empty": make_case(),
    "product only": make_case(product="Gizmo Widget Pro"),
    "order number only": make_case(order_number="A-1"),
    "vendor and date": make_case(
        vendor={"name": "Norton", "domain": "norton.com"}, rule_id="norton", order_date="2026-11-20"
    ),
    "amount without currency": make_case(amount="19.99", order_date="2026-11-20"),
    "unknown vendor with comms": make_case(
        order_date="2026-11-20",
        communications=[
            {
                "id": "x",
                "at": "2026-11-21T10:00:00+00:00",
                "channel": "chat",
                "direction": "outbound",
                "summary": None,
                "body": None,
                "reference": None,
                "contact": None,
            }
        ],
        status_history=[
            {"at": "2026-11-21T10:00:00+00:00", "from": "captured", "to": "requested", "note": None}
        ],
    ),
    "reseller without vendor": make_case(
        seller={"name": "Paddle", "domain": "paddle.com"},
        purchase_source="reseller",
        amount="5.00",
        currency="EUR",
    ),
    "expired trend": trend_case(order_date="2026-09-01"),
    "isp purchase": trend_case(seller=None, purchase_source="isp", payment_method=None, account_email=None),
}


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(SPARSE_CASES))
def test_sparse_cases_never_leak_placeholders(catalog, kind, fmt, name):
    case = SPARSE_CASES[name]
    text = render_template(kind, case, view_of(catalog, case), fmt)
    assert_no_leaks(text)


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_full_case_never_leaks_placeholders(catalog, kind, fmt):
    case = full_case()
    assert_no_leaks(render_template(kind, case, view_of(catalog, case), fmt))


def test_request_letter_for_the_done_scenario_needs_only_the_reason(catalog):
    case = trend_case()
    view = view_of(catalog, case, today=date(2026, 11, 26))
    text = render_template("request", case, view, "text")
    assert text.startswith("Subject: Refund request, order 16739482210\n")
    assert "Dear Digital River customer support," in text
    for fact in (
        "Trend Micro Maximum Security - 1 Year / 5 Devices",
        "order number 16739482210",
        "placed on 20 November 2026",
        "49.95 USD",
        "jane.doe@example.com",
        "merchant of record for Trend Micro",
        "Trend Micro's 30-day refund policy",
        "until 20 December 2026",
        "original payment method (Visa ending in 4417)",
        "turn off automatic renewal",
    ):
        assert fact in text, fact
    assert "Reason" not in text
    with_reason = trend_case(reason="I bought the wrong edition")
    text = render_template(
        "request", with_reason, view_of(catalog, with_reason, today=date(2026, 11, 26)), "text"
    )
    assert "Reason for the refund: I bought the wrong edition." in text


def test_request_letter_cites_the_statutory_right_when_it_sets_the_deadline(catalog):
    case = make_case(
        seller={"name": "Google Play", "domain": "play.google.com"},
        rule_id="google-play",
        purchase_source="app_store",
        order_date="2026-11-20",
        product="Some App Pro",
        currency="EUR",
    )
    text = render_template(
        "request", case, view_of(catalog, case, today=date(2026, 11, 26), settings={"country": "DE"}), "text"
    )
    assert "statutory right to cancel" in text and "4 December 2026" in text
    assert "Dear Google Play customer support," in text


def test_expired_request_is_worded_honestly(catalog):
    case = trend_case(order_date="2026-09-01")
    view = view_of(catalog, case, today=date(2026, 11, 26))
    text = render_template("request", case, view, "text")
    assert "usual refund period has passed" in text
    assert "covered by" not in text


def test_follow_up_cites_earlier_contacts_with_dates_and_references(catalog):
    case = full_case(status="acknowledged")
    text = render_template("follow_up", case, view_of(catalog, case), "text")
    assert "My earlier contacts about this request:" in text
    assert (
        "- 21 November 2026: Web form to Digital River: Requested a return on "
        "findmyorder.com. Reference RMA-5521." in text
    )
    assert (
        "- 22 November 2026: Email from support@digitalriver.com: Request received, "
        "ticket opened. Reference TMC-20261122-0042." in text
    )
    assert "2 December 2026: Phone call to Maria at Trend Micro support" in text
    assert "Remember to check" not in text  # notes to self stay out of letters
    assert "Please quote reference TMC-20261122-0042" in text
    assert "5 to 7 business days, and that time has now passed." in text
    assert "refund of 49.95 USD" in text


def test_follow_up_dates_are_local_dates(catalog):
    case = full_case(
        communications=[
            {
                "id": "late",
                "at": "2026-11-21T03:30:00+00:00",
                "channel": "email",
                "direction": "outbound",
                "summary": "Asked for a refund",
                "body": None,
                "reference": None,
                "contact": None,
            }
        ]
    )
    assert "20 November 2026: Email to Digital River" in render_template(
        "follow_up", case, view_of(catalog, case, tz=ZoneInfo("America/New_York")), "text"
    )
    assert "21 November 2026: Email to Digital River" in render_template(
        "follow_up", case, view_of(catalog, case, tz=ZoneInfo("Europe/Berlin")), "text"
    )


def test_follow_up_without_contacts(catalog):
    case = trend_case(status_history=history()[:2], status="requested")
    text = render_template("follow_up", case, view_of(catalog, case), "text")
    assert "I asked for the refund on 21 November 2026 and have not received it yet." in text


def test_escalation_letter_carries_the_dated_timeline(catalog):
    case = full_case()
    text = render_template("escalation", case, view_of(catalog, case), "text")
    assert text.startswith("Subject: Dispute of a charge from Digital River dated 20 November 2026\n")
    assert (
        "I am disputing a charge of 49.95 USD from Digital River dated 20 November 2026 "
        "on my Visa ending in 4417." in text
    )
    assert "sold on behalf of Trend Micro" in text
    assert (
        "I asked the merchant for a refund on 21 November 2026, within Trend Micro's "
        "30-day refund period." in text
    )
    # Denied at 02:00 UTC on 5 December: still 4 December in Los Angeles.
    assert "The request was denied on 4 December 2026." in text
    timeline = text.split("Timeline:\n", 1)[1]
    lines = [line for line in timeline.splitlines() if line.startswith("- ")]
    assert (
        lines[0] == "- 20 November 2026: Order 16739482210 placed (Trend Micro Maximum "
        "Security - 1 Year / 5 Devices, 49.95 USD)."
    )
    assert any("Refund requested" in line for line in lines)
    assert any(line.startswith("- 4 December 2026: Refund denied: Agent said") for line in lines)
    assert any("RMA-5521" in line for line in lines)
    assert "reverse this charge" in text


def test_escalation_dates_the_request_by_the_form_sent_not_by_the_later_status_change(catalog):
    # The web form went out on 21 November; the status was set to requested on 26 November.
    late = history()
    late[1] = {**late[1], "at": "2026-11-26T10:00:00+00:00"}
    late[2] = {**late[2], "at": "2026-11-27T10:00:00+00:00"}
    case = full_case(status_history=late)
    text = render_template("escalation", case, view_of(catalog, case), "text")
    assert "I asked the merchant for a refund on 21 November 2026" in text
    only_status = full_case(status_history=late, communications=[])
    text = render_template("escalation", only_status, view_of(catalog, only_status), "text")
    assert "I asked the merchant for a refund on 26 November 2026" in text


def test_escalation_without_answer_says_so(catalog):
    case = trend_case(status="requested", status_history=history()[:2], communications=comms()[:1])
    text = render_template("escalation", case, view_of(catalog, case), "text")
    assert "As of 8 December 2026 I have not received the refund." in text
    assert "8 December 2026: No answer received to my last message." in text


def test_markdown_format(catalog):
    case = full_case(product="Widget *Pro* edition")
    text = render_template("escalation", case, view_of(catalog, case), "markdown")
    assert text.startswith("**Subject:** ")
    assert "**Timeline:**" in text
    assert "Widget \\*Pro\\* edition" in text  # user text cannot inject formatting


def test_unknown_kind_or_format_is_a_clear_value_error(catalog):
    case = trend_case()
    view = view_of(catalog, case)
    with pytest.raises(UnknownTemplateError, match="no template 'thank_you'"):
        render_template("thank_you", case, view, "text")
    with pytest.raises(ValueError):
        render_template("request", case, view, "html")
