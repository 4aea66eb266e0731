"""Refund and escalation clocks, the deadline, and the other computed fields of a case."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from server.policies import Enricher, compute
from server.policies.dates import local_date
from server.policies.escalation import card_of

from .helpers import US, make_case, trend_case

DE = {"country": "DE", "region": None, "locale": "de-DE"}


def clock_ids(view):
    return [c["id"] for c in view["clocks"]]


def clock(view, clock_id):
    return next(c for c in view["clocks"] if c["id"] == clock_id)


# -- the done scenario -----------------------------------------------------------------------


def test_trend_micro_digital_river_case(catalog):
    view = compute(trend_case(), catalog, US, date(2026, 11, 26))
    assert view["deadline"] == "2026-12-20"
    assert view["deadline_source"] == "trend-micro"
    assert view["days_left"] == 24
    assert view["window_state"] == "open"
    assert view["window_used"] == pytest.approx(6 / 30)
    assert view["policy"]["id"] == "trend-micro"
    assert view["policy"]["window_days"] == 30
    assert view["policy"]["verified"] is True
    assert view["policy"]["processing_business_days"] == {"min": 5, "max": 7}
    assert view["policy"]["overridden"] == []
    assert view["who_refunds"]["name"] == "Digital River"
    assert "merchant of record" in view["who_refunds"]["why"]
    urls = [c["url"] for c in view["channels"]]
    assert urls[0] == "https://www.findmyorder.com/"  # whoever refunds comes first
    assert "https://helpcenter.trendmicro.com/en-us/srf/" in urls
    assert all(c["source_url"] for c in view["channels"])
    vendor = clock(view, "trend-micro")
    assert (vendor["kind"], vendor["start"], vendor["source"]) == ("refund", "2026-11-20", "vendor")
    assert vendor["source_url"].endswith("TMKA-14487")
    assert view["escalation_deadline"] == "2027-01-19"  # FCBA, sooner than Visa's 120 days
    assert view["escalation_clock"] == "us-fcba"
    assert view["buyer_region"] == {"region": "US", "evidence": "your settings (country US)"}


# -- date arithmetic -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "order, expected",
    [
        ("2026-01-31", "2026-03-02"),  # across a short February
        ("2026-12-15", "2027-01-14"),  # across a year end
        ("2028-01-30", "2028-02-29"),  # onto a leap day
        ("2028-02-29", "2028-03-30"),  # from a leap day
        ("2027-01-30", "2027-03-01"),  # no leap day in 2027
    ],
)
def test_thirty_day_window_across_month_ends_and_leap_years(catalog, order, expected):
    view = compute(trend_case(order_date=order), catalog, US, date.fromisoformat(order))
    assert view["deadline"] == expected


def test_sixty_day_window_onto_leap_day(catalog):
    case = make_case(
        vendor={"name": "Norton", "domain": "norton.com"},
        rule_id="norton",
        order_date="2027-12-31",
        plan_term="annual",
        charge_type="new",
    )
    assert compute(case, catalog, US, date(2028, 1, 1))["deadline"] == "2028-02-29"


def test_days_left_and_state_follow_the_local_today(catalog):
    case = trend_case()
    states = {day: compute(case, catalog, US, date(2026, 12, day)) for day in (12, 13, 19, 20, 21)}
    assert states[12]["window_state"] == "open" and states[12]["days_left"] == 8
    assert states[13]["window_state"] == "closing" and states[13]["days_left"] == 7
    assert states[20]["window_state"] == "closing" and states[20]["days_left"] == 0
    assert states[21]["window_state"] == "expired" and states[21]["days_left"] == -1
    assert states[21]["window_used"] == 1.0


def test_same_instant_is_a_different_local_day_in_different_zones(catalog):
    # 2026-12-20T20:00 in Los Angeles is already 2026-12-21 in Auckland: the server passes
    # each user's local date as "today", and the deadline follows it.
    instant = "2026-12-21T04:00:00+00:00"
    la = local_date(instant, ZoneInfo("America/Los_Angeles"))
    auckland = local_date(instant, ZoneInfo("Pacific/Auckland"))
    assert (la, auckland) == (date(2026, 12, 20), date(2026, 12, 21))
    case = trend_case()
    assert compute(case, catalog, US, la, ZoneInfo("America/Los_Angeles"))["window_state"] == "closing"
    view = compute(case, catalog, US, auckland, ZoneInfo("Pacific/Auckland"))
    assert view["window_state"] == "expired"
    assert view["timezone"] == "Pacific/Auckland"


def test_timestamps_become_local_dates():
    tz = ZoneInfo("America/New_York")
    assert local_date("2026-11-21T03:30:00+00:00", tz) == date(2026, 11, 20)
    assert local_date("2026-11-21T03:30:00Z", tz) == date(2026, 11, 20)
    assert local_date("2026-03-08T06:59:00+00:00", tz) == date(2026, 3, 8)  # DST change day
    assert local_date("2026-11-21T03:30:00", ZoneInfo("Europe/Berlin")) == date(2026, 11, 21)
    assert local_date(None, tz) is None


def test_timezone_comes_from_settings_when_not_passed(catalog):
    view = compute(trend_case(), catalog, {**US, "timezone": "America/Chicago"}, date(2026, 11, 26))
    assert view["timezone"] == "America/Chicago"


# -- renewals and plans ----------------------------------------------------------------------


def norton(**fields):
    base = dict(
        vendor={"name": "Norton", "domain": "norton.com"},
        rule_id="norton",
        payment_method="Mastercard ending in 5100",
    )
    base.update(fields)
    return make_case(**base)


def test_norton_annual_renewal_has_sixty_days_from_the_charge(catalog):
    case = norton(order_date="2027-11-10", plan_term="annual", charge_type="renewal")
    view = compute(case, catalog, US, date(2027, 11, 15))
    assert view["deadline"] == "2028-01-09"
    vendor = clock(view, "norton")
    assert "renewal charge" in vendor["label"]
    assert vendor["start"] == "2027-11-10"


def test_norton_monthly_first_purchase_has_fourteen_days(catalog):
    case = norton(order_date="2026-11-20", plan_term="monthly", charge_type="new")
    view = compute(case, catalog, US, date(2026, 11, 21))
    assert view["deadline"] == "2026-12-04"
    assert view["policy"]["window_days"] == 14
    assert "monthly plan" in clock(view, "norton")["label"]


def test_norton_monthly_renewal_is_not_refundable(catalog):
    case = norton(order_date="2026-12-20", plan_term="monthly", charge_type="renewal")
    view = compute(case, catalog, US, date(2026, 12, 21))
    assert "norton" not in clock_ids(view)
    assert view["deadline"] is None and view["window_state"] == "unknown"
    assert any("monthly" in note.lower() and "not refundable" in note for note in view["notes"])
    # The card clocks still run: a chargeback is the way left.
    assert view["escalation_deadline"] is not None


def test_mcafee_auto_renewal_window_is_sixty_days(catalog):
    case = make_case(
        vendor={"name": "McAfee", "domain": "mcafee.com"},
        rule_id="mcafee",
        order_date="2026-10-01",
        charge_type="renewal",
        plan_term="annual",
    )
    view = compute(case, catalog, US, date(2026, 11, 1))
    assert view["deadline"] == "2026-11-30"
    assert view["policy"]["verified"] is False


def test_mcafee_monthly_plans_are_not_covered(catalog):
    case = make_case(
        vendor={"name": "McAfee", "domain": "mcafee.com"},
        rule_id="mcafee",
        order_date="2026-10-01",
        charge_type="new",
        plan_term="monthly",
    )
    view = compute(case, catalog, US, date(2026, 10, 2))
    assert view["deadline"] is None
    assert any("monthly" in note for note in view["notes"])


def test_trend_micro_renewal_charge_has_its_own_window(catalog):
    case = trend_case(order_date="2027-11-06", charge_type="renewal")
    view = compute(case, catalog, US, date(2027, 11, 7))
    assert view["deadline"] == "2027-12-06"
    assert "15 days" in clock(view, "trend-micro")["note"]
    assert clock(view, "trend-micro")["source_url"].endswith("tmka-14380")


def test_renewal_without_a_stated_renewal_rule_assumes_the_purchase_window(catalog):
    case = make_case(
        vendor={"name": "Avast", "domain": "avast.com"},
        rule_id="avast",
        order_date="2026-11-01",
        charge_type="renewal",
    )
    view = compute(case, catalog, US, date(2026, 11, 2))
    assert view["deadline"] == "2026-12-01"
    assert any("does not say whether renewal" in note for note in view["notes"])


def test_microsoft_window_ends_before_the_first_renewal(catalog):
    case = make_case(
        vendor={"name": "Microsoft"},
        rule_id="microsoft-365",
        order_date="2026-11-20",
        renewal_date="2026-12-05",
        plan_term="monthly",
    )
    view = compute(case, catalog, US, date(2026, 11, 21))
    assert view["deadline"] == "2026-12-04"
    assert "before the first renewal" in clock(view, "microsoft-365")["note"]
    later = make_case(
        vendor={"name": "Microsoft"},
        rule_id="microsoft-365",
        order_date="2026-11-20",
        renewal_date="2027-11-20",
    )
    assert compute(later, catalog, US, date(2026, 11, 21))["deadline"] == "2026-12-20"


def test_amazon_counts_from_delivery(catalog):
    case = make_case(
        seller={"name": "Amazon", "domain": "amazon.com"},
        rule_id="amazon",
        order_date="2026-11-20",
        delivery_date="2026-11-25",
    )
    assert compute(case, catalog, US, date(2026, 11, 26))["deadline"] == "2026-12-25"
    undelivered = make_case(seller={"name": "Amazon"}, rule_id="amazon", order_date="2026-11-20")
    view = compute(undelivered, catalog, US, date(2026, 11, 26))
    assert view["deadline"] == "2026-12-20"
    assert "Delivery date not recorded" in clock(view, "amazon")["note"]


# -- the EU / UK statutory clock, and which clock sets the deadline --------------------------


def test_eu_buyer_gets_the_withdrawal_clock_but_a_longer_guarantee_wins(catalog):
    case = norton(order_date="2026-11-20", plan_term="annual", charge_type="new", currency="EUR")
    view = compute(case, catalog, DE, date(2026, 11, 26))
    eu = clock(view, "eu-withdrawal")
    assert eu["deadline"] == "2026-12-04" and eu["source"] == "law"
    assert "download" in eu["note"]  # the digital-content waiver is mentioned
    assert "your settings (country DE)" in eu["note"]
    assert view["deadline"] == "2027-01-19"  # Norton's 60 days are not cut short by 14
    assert view["deadline_source"] == "norton"


def test_deadline_is_the_latest_open_refund_clock(catalog):
    case = make_case(
        seller={"name": "Google Play", "domain": "play.google.com"},
        rule_id="google-play",
        order_date="2026-11-20",
        currency="EUR",
    )
    early = compute(case, catalog, DE, date(2026, 11, 21))
    assert clock(early, "google-play")["deadline"] == "2026-11-22"
    assert early["deadline"] == "2026-12-04" and early["deadline_source"] == "eu-withdrawal"
    later = compute(case, catalog, DE, date(2026, 11, 26))
    assert later["deadline"] == "2026-12-04"
    assert clock(later, "google-play")["open"] is False
    # When every refund clock has passed, the latest one is reported, with negative days.
    expired = compute(case, catalog, DE, date(2026, 12, 10))
    assert expired["deadline"] == "2026-12-04"
    assert expired["days_left"] == -6 and expired["window_state"] == "expired"


@pytest.mark.parametrize(
    "settings, case_fields, region, evidence",
    [
        ({"region": "EU"}, {}, "EU", "your settings (region EU)"),
        ({"country": "FR"}, {}, "EU", "your settings (country FR)"),
        ({}, {"currency": "EUR"}, "EU", "the order currency EUR"),
        ({"locale": "de-AT"}, {}, "EU", "your locale de-AT"),
        ({}, {"page_url": "https://www.shop.de/danke"}, "EU", "the page's domain .de"),
        ({}, {"currency": "GBP"}, "UK", "the order currency GBP"),
        ({}, {"page_url": "https://shop.example.co.uk/thanks"}, "UK", "the page's domain .uk"),
        ({"country": "GB"}, {"currency": "EUR"}, "UK", "your settings (country GB)"),
    ],
)
def test_buyer_region_evidence(catalog, settings, case_fields, region, evidence):
    case = make_case(order_date="2026-11-20", **case_fields)
    view = compute(case, catalog, settings, date(2026, 11, 21))
    assert view["buyer_region"] == {"region": region, "evidence": evidence}
    statutory = "eu-withdrawal" if region == "EU" else "uk-cancellation"
    assert clock(view, statutory)["deadline"] == "2026-12-04"


def test_no_statutory_clock_for_us_buyers_or_renewals(catalog):
    assert "eu-withdrawal" not in clock_ids(compute(trend_case(), catalog, US, date(2026, 11, 21)))
    renewal = trend_case(charge_type="renewal", currency="EUR")
    view = compute(renewal, catalog, DE, date(2026, 11, 21))
    assert "eu-withdrawal" not in clock_ids(view)
    assert any("not to automatic renewals" in note for note in view["notes"])


def test_apple_in_the_us_has_no_fixed_window_but_the_eu_clock_applies_in_europe(catalog):
    case = make_case(
        seller={"name": "Apple App Store"},
        rule_id="apple-app-store",
        purchase_source="app_store",
        order_date="2026-11-20",
    )
    us = compute(case, catalog, US, date(2026, 11, 21))
    assert us["deadline"] is None and us["window_state"] == "unknown"
    assert any("no fixed refund window" in note for note in us["notes"])
    eu = compute(case, catalog, DE, date(2026, 11, 21))
    assert eu["deadline"] == "2026-12-04"
    assert eu["who_refunds"]["name"] == "Apple App Store"
    assert eu["channels"][0]["url"] == "https://reportaproblem.apple.com"


# -- escalation clocks -----------------------------------------------------------------------


def test_escalation_deadline_is_the_earliest_open_one(catalog):
    case = trend_case(statement_date="2026-12-03")
    view = compute(case, catalog, US, date(2026, 11, 26))
    fcba = clock(view, "us-fcba")
    assert fcba["start"] == "2026-12-03" and fcba["deadline"] == "2027-02-01"
    assert fcba["estimated"] is False
    assert view["escalation_deadline"] == "2027-02-01"
    after_fcba = compute(case, catalog, US, date(2027, 2, 2))
    assert after_fcba["escalation_deadline"] == "2027-03-20"
    assert after_fcba["escalation_clock"] == "visa-chargeback"
    assert compute(case, catalog, US, date(2027, 4, 1))["escalation_deadline"] is None


def test_fcba_without_statement_date_is_an_estimate(catalog):
    fcba = clock(compute(trend_case(), catalog, US, date(2026, 11, 26)), "us-fcba")
    assert fcba["estimated"] is True
    assert "Estimate" in fcba["note"]


def test_card_networks(catalog):
    def ids(payment):
        view = compute(trend_case(payment_method=payment), catalog, US, date(2026, 11, 26))
        return {c["id"]: c for c in view["clocks"] if c["kind"] == "escalation"}

    assert set(ids("Visa ending in 4417")) == {"visa-chargeback", "us-fcba"}
    master = ids("Mastercard ending in 5100")
    assert set(master) == {"mastercard-chargeback", "us-fcba"}
    assert "Uncertain" in master["mastercard-chargeback"]["note"]
    unknown = ids("Card ending in 1234")
    assert set(unknown) == {"card-chargeback", "us-fcba"}
    assert unknown["card-chargeback"]["approximate"] is True
    assert "Approximate" in unknown["card-chargeback"]["note"]
    assert set(ids("Discover card")) == {"card-chargeback", "us-fcba"}
    assert set(ids("Visa Debit ending in 0001")) == {"visa-chargeback"}
    assert ids("PayPal (jane.doe@example.com)") == {}
    none = ids(None)
    assert set(none) == {"card-chargeback", "us-fcba"}
    assert "assumes a card payment" in none["card-chargeback"]["note"]


def test_card_detection_is_cached_and_plain():
    assert card_of("VISA •••• 4417") == ("visa", False, False)
    assert card_of("American Express") == ("amex", False, False)
    assert card_of("Bank transfer") == (None, False, False)


def test_no_fcba_outside_the_us(catalog):
    view = compute(trend_case(currency="EUR"), catalog, DE, date(2026, 11, 26))
    assert "us-fcba" not in clock_ids(view)
    assert "visa-chargeback" in clock_ids(view)


# -- user overrides --------------------------------------------------------------------------


def test_window_override_wins_and_says_so(catalog):
    case = trend_case(policy={"rule_id": "trend-micro", "window_days": 45, "deadline": None})
    view = compute(case, catalog, US, date(2026, 11, 26))
    assert view["deadline"] == "2027-01-04"
    assert view["deadline_source"] == "override"
    assert view["policy"]["overridden"] == ["window_days"]
    assert view["policy"]["window_days"] == 45
    assert clock(view, "trend-micro")["source"] == "user"
    assert clock(view, "trend-micro")["label"] == "Your refund window (45 days)"


def test_shorter_window_override_also_wins_over_a_statutory_clock(catalog):
    case = norton(
        order_date="2026-11-20",
        currency="EUR",
        policy={"rule_id": "norton", "window_days": 10, "deadline": None},
    )
    view = compute(case, catalog, DE, date(2026, 11, 21))
    assert view["deadline"] == "2026-11-30"


def test_deadline_override_wins_over_everything(catalog):
    case = trend_case(policy={"rule_id": "trend-micro", "window_days": 45, "deadline": "2026-12-01"})
    view = compute(case, catalog, US, date(2026, 11, 26))
    assert view["deadline"] == "2026-12-01" and view["days_left"] == 5
    assert view["window_state"] == "closing"
    assert view["deadline_source"] == "override"
    assert view["policy"]["overridden"] == ["window_days", "deadline"]


# -- sparse and unknown cases ----------------------------------------------------------------


def test_no_order_date_means_unknown(catalog):
    view = compute(trend_case(order_date=None), catalog, US, date(2026, 11, 26))
    assert view["deadline"] is None and view["days_left"] is None
    assert view["window_state"] == "unknown" and view["window_used"] is None
    assert any("order date" in note for note in view["notes"])
    assert view["escalation_deadline"] is None


def test_unknown_vendor_uses_the_labelled_default(catalog):
    case = make_case(order_date="2026-11-20", page_url="https://gizmo-widgets.example/ok")
    view = compute(case, catalog, US, date(2026, 11, 21))
    assert view["policy"]["is_default"] is True
    assert view["deadline"] == "2026-12-04"
    assert clock(view, "unknown-vendor")["label"].startswith("Assumed")
    assert clock(view, "unknown-vendor")["source"] == "assumption"
    assert view["who_refunds"] is None


def test_known_vendor_from_an_unknown_shop_uses_the_unknown_seller_rule(catalog):
    case = make_case(
        vendor={"name": "McAfee", "domain": "mcafee.com"},
        seller={"name": "Software King", "domain": "softwareking.example"},
        purchase_source="other",
        order_date="2026-11-20",
    )
    view = compute(case, catalog, US, date(2026, 11, 21))
    assert view["policy"]["id"] == "unknown-seller" and view["policy"]["is_default"]
    assert view["deadline"] == "2026-12-04"
    assert view["who_refunds"]["name"] == "Software King"


def test_empty_case_does_not_fail(catalog):
    view = compute(make_case(), catalog, None, date(2026, 11, 21))
    assert view["window_state"] == "unknown"
    assert view["buyer_region"] is None


def test_case_without_rule_id_is_resolved_from_its_parties(catalog):
    case = trend_case(rule_id=None, policy=None)
    view = compute(case, catalog, US, date(2026, 11, 26))
    assert view["policy"]["id"] == "trend-micro"
    assert view["deadline"] == "2026-12-20"


# -- who refunds -----------------------------------------------------------------------------


def test_who_refunds(catalog):
    today = date(2026, 11, 26)
    direct = make_case(
        vendor={"name": "Norton", "domain": "norton.com"},
        rule_id="norton",
        purchase_source="direct",
        order_date="2026-11-20",
    )
    assert compute(direct, catalog, US, today)["who_refunds"]["name"] == "Norton"

    bitdefender = make_case(
        vendor={"name": "Bitdefender", "domain": "bitdefender.com"},
        seller={"name": "2Checkout (Verifone)", "domain": "2checkout.com"},
        purchase_source="reseller",
        rule_id="bitdefender",
        order_date="2026-11-20",
    )
    who = compute(bitdefender, catalog, US, today)["who_refunds"]
    assert who["name"] == "Bitdefender" and "2Checkout" in who["why"]

    fastspring = make_case(
        vendor={"name": "Obscure Tool"},
        seller={"name": "FastSpring", "domain": "fastspring.com"},
        purchase_source="reseller",
        order_date="2026-11-20",
    )
    assert compute(fastspring, catalog, US, today)["who_refunds"]["name"] == "Obscure Tool"

    isp = trend_case(seller=None, purchase_source="isp")
    who = compute(isp, catalog, US, today)["who_refunds"]
    assert who["name"] is None and "internet provider" in who["why"]

    isp_named = trend_case(seller={"name": "Comcast Xfinity", "domain": None}, purchase_source="isp")
    who = compute(isp_named, catalog, US, today)["who_refunds"]
    assert who["name"] == "Comcast Xfinity" and "internet provider" in who["why"]


def test_store_rule_without_a_seller_on_the_case_still_names_the_store(catalog):
    case = make_case(
        vendor={"name": "Trend Micro", "domain": "trendmicro.com"},
        rule_id="apple-app-store",
        purchase_source="app_store",
        order_date="2026-11-20",
    )
    view = compute(case, catalog, US, date(2026, 11, 21))
    assert view["who_refunds"]["name"] == "Apple App Store"
    assert view["channels"][0]["url"] == "https://reportaproblem.apple.com"


def test_checklist(catalog):
    view = compute(trend_case(), catalog, US, date(2026, 11, 26))
    items = {item["id"]: item for item in view["checklist"]}
    assert list(items) == ["order_number", "account_email", "reason", "purchase_source", "proof_of_purchase"]
    assert items["order_number"]["present"] and items["order_number"]["hint"] is None
    assert not items["reason"]["present"] and items["reason"]["hint"]
    assert not items["proof_of_purchase"]["present"], "a captured page is only a link"
    assert "confirmation email" in items["proof_of_purchase"]["hint"]

    sparse = make_case(captured_from="manual")
    items = {item["id"]: item for item in compute(sparse, catalog, US, date(2026, 11, 26))["checklist"]}
    assert not any(item["present"] for item in items.values())
    with_email = make_case(
        communications=[
            {
                "id": "c1",
                "at": "2026-11-20T10:05:00+00:00",
                "channel": "email",
                "direction": "inbound",
                "summary": "Order confirmation",
                "body": None,
                "reference": None,
                "contact": "noreply@digitalriver.com",
            }
        ]
    )
    items = {item["id"]: item for item in compute(with_email, catalog, US, date(2026, 11, 26))["checklist"]}
    assert items["proof_of_purchase"]["present"]


def test_only_the_confirmation_email_is_proof_of_purchase(catalog):
    def email(summary, body=None, direction="inbound"):
        return {
            "id": "c",
            "at": "2026-11-21T10:00:00+00:00",
            "channel": "email",
            "direction": direction,
            "summary": summary,
            "body": body,
            "reference": None,
            "contact": None,
        }

    def proof(*communications):
        case = trend_case(communications=list(communications))
        items = {i["id"]: i for i in compute(case, catalog, US, date(2026, 11, 26))["checklist"]}
        return items["proof_of_purchase"]["present"]

    assert not proof(email("Re: your ticket TMC-1", "We are looking into it."))
    assert not proof(email("Order confirmation", direction="outbound")), "one we sent proves nothing"
    # Their answers about the refund name the order and its number: not a confirmation.
    assert not proof(
        email(
            "Your refund request for order 16739482210", "We received your request about order 16739482210."
        )
    )
    assert not proof(email("Re: order 16739482210", "Your refund request was denied."))
    assert proof(email("Your Digital River order confirmation", None))
    assert proof(email("Thank you for your order", "Order number: 16739482210\nTotal: 49.95 USD"))
    assert proof(email("Fwd:", "Receipt for your purchase\nOrder number: 16739482210"))
    assert proof(email("Ihre Bestellbestätigung"))
    assert proof(email("Votre facture"))


def test_enricher_matches_compute_for_many_cases(catalog):
    cases = [trend_case(order_date=f"2026-11-{day:02d}") for day in range(1, 29)]
    cases += [norton(order_date="2026-11-20", plan_term="monthly"), make_case()]
    enrich = Enricher(catalog, US, date(2026, 11, 26))
    for case in cases:
        assert enrich(case) == compute(case, catalog, US, date(2026, 11, 26))


def test_views_can_be_edited_without_touching_the_next_one(catalog):
    enrich = Enricher(catalog, US, date(2026, 11, 26))
    first = enrich(trend_case())
    first["policy"]["window_days"] = 999
    first["who_refunds"]["name"] = "changed"
    first["channels"][0]["url"] = "changed"
    first["checklist"][0]["present"] = "changed"
    second = enrich(trend_case())
    assert second["policy"]["window_days"] == 30
    assert second["who_refunds"]["name"] == "Digital River"
    assert second["channels"][0]["url"] == "https://www.findmyorder.com/"
    assert second["checklist"][0]["present"] is True
