"""Business days and the follow-up date set when a refund is requested."""

from __future__ import annotations

from datetime import date

import pytest

from server.policies import add_business_days, follow_up_date

from .helpers import US, make_case, trend_case


@pytest.mark.parametrize(
    "start, n, country, expected",
    [
        (date(2026, 11, 20), 5, "US", date(2026, 11, 30)),  # Fri + 5: weekend and Thanksgiving
        (date(2026, 11, 25), 1, "US", date(2026, 11, 27)),  # Thanksgiving (Thu 26) skipped
        (date(2026, 11, 25), 7, "US", date(2026, 12, 7)),
        (date(2026, 12, 22), 3, "US", date(2026, 12, 28)),  # Christmas (Fri 25) and weekend
        (date(2026, 12, 31), 1, "US", date(2027, 1, 4)),  # New Year's Day and a weekend
        (date(2026, 12, 23), 2, "DE", date(2026, 12, 28)),  # 25th and 26th (Sat) in Germany
        (date(2025, 10, 1), 2, "DE", date(2025, 10, 6)),  # German Unity Day (Fri 3 Oct)
        (date(2025, 10, 1), 2, "US", date(2025, 10, 3)),
        (date(2026, 4, 2), 1, "DE", date(2026, 4, 7)),  # Good Friday, Easter Monday
        (date(2026, 4, 2), 1, "US", date(2026, 4, 3)),  # ... not US holidays
        (date(2026, 11, 25), 1, None, date(2026, 11, 26)),  # no country: weekends only
        (date(2026, 11, 21), 0, "US", date(2026, 11, 21)),
    ],
)
def test_add_business_days(start, n, country, expected):
    assert add_business_days(start, n, country) == expected


def test_unknown_country_counts_weekends_only():
    assert add_business_days(date(2026, 11, 25), 1, "XX") == date(2026, 11, 26)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_business_days(date(2026, 11, 25), -1, "US")


def test_requested_sets_follow_up_after_the_longest_processing_time(catalog):
    # Trend Micro: 5-7 business days; requested the day before Thanksgiving.
    case = trend_case()
    assert follow_up_date(case, "requested", catalog, US, date(2026, 11, 25)) == date(2026, 12, 7)
    assert follow_up_date(case, "acknowledged", catalog, US, date(2026, 12, 21)) == date(
        2026, 12, 31
    )  # Christmas Day skipped


def test_german_user_skips_german_holidays(catalog):
    case = trend_case()
    assert follow_up_date(case, "requested", catalog, {"country": "DE"}, date(2026, 12, 21)) == date(
        2026, 12, 31
    )
    assert follow_up_date(case, "requested", catalog, {"country": "DE"}, date(2025, 9, 29)) == date(
        2025, 10, 9
    )
    assert follow_up_date(case, "requested", catalog, US, date(2025, 9, 29)) == date(2025, 10, 8)


def test_other_statuses_set_no_follow_up(catalog):
    for status in ("captured", "approved", "refunded", "denied", "kept", "closed"):
        assert follow_up_date(trend_case(), status, catalog, US, date(2026, 11, 25)) is None


def test_escalated_waits_for_the_issuers_decision(catalog):
    # The US billing-error rule: the issuer decides within 90 days; Wednesday 25 November 2026
    # + 90 days is Tuesday 23 February 2027.
    assert follow_up_date(trend_case(), "escalated", catalog, US, date(2026, 11, 25), "us-fcba") == date(
        2027, 2, 23
    )
    # A card chargeback: about 60 days; Sunday 24 January 2027 moves to Monday the 25th.
    assert follow_up_date(
        trend_case(), "escalated", catalog, US, date(2026, 11, 25), "visa-chargeback"
    ) == date(2027, 1, 25)
    # No clock known (no order date): the card networks' own clock stands in.
    assert follow_up_date(trend_case(), "escalated", catalog, US, date(2026, 11, 25), None) == date(
        2027, 1, 25
    )


def test_rule_without_processing_time_uses_the_sellers_or_the_default(catalog):
    # Kaspersky states no processing time; the default rule's 10 business days are assumed.
    kaspersky = make_case(vendor={"name": "Kaspersky", "domain": "kaspersky.com"}, rule_id="kaspersky")
    assert follow_up_date(kaspersky, "requested", catalog, US, date(2026, 11, 2)) == date(
        2026, 11, 17
    )  # Veterans Day (11 Nov) skipped
    # Kaspersky sold through Digital River: Digital River's 5-7 days apply.
    via_dr = make_case(
        vendor={"name": "Kaspersky", "domain": "kaspersky.com"},
        seller={"name": "Digital River", "domain": "digitalriver.com"},
        rule_id="kaspersky",
    )
    assert follow_up_date(via_dr, "requested", catalog, US, date(2026, 11, 2)) == date(2026, 11, 12)
