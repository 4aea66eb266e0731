"""The refund knowledge through the API: matching, clocks, letters, dossier, calendar, overrides."""

from __future__ import annotations

import icalendar

from .helpers import capture, new_case


async def test_trend_micro_from_digital_river_page(client):
    case = await new_case(client)
    assert case["vendor"]["name"] == "Trend Micro"
    assert case["seller"]["name"] == "Digital River"
    assert case["purchase_source"] == "reseller"
    assert case["deadline"] == "2026-12-20" and case["days_left"] == 24
    assert case["policy"]["id"] == "trend-micro" and case["policy"]["window_days"] == 30
    assert case["who_refunds"]["name"] in ("Digital River", "Trend Micro")
    assert case["channels"], "official contact channels are listed"
    refund_clocks = [c for c in case["clocks"] if c["kind"] == "refund"]
    assert refund_clocks and all(c["source_url"] for c in refund_clocks)
    assert case["escalation_deadline"] is not None
    assert {item["id"] for item in case["checklist"]} >= {"order_number", "account_email", "reason"}
    letter = await (await client.get(f"/api/v1/cases/{case['id']}/templates/request")).json()
    text = letter["text"]
    for fact in ("16739482210", "49.95", "jordan.lee@example.com", "Maximum Security"):
        assert fact in text
    for leak in ("None", "{", "}", "N/A", "TODO", "()"):
        assert leak not in text


async def test_policy_match_previews_the_deadline(client):
    response = await client.get(
        "/api/v1/policies/match",
        params={
            "url": "https://secure.2checkout.com/order/finish.php",
            "product": "Bitdefender Total Security",
            "order_date": "2026-11-20",
        },
    )
    assert response.status == 200
    body = await response.json()
    assert body["match"]["vendor"]["name"] == "Bitdefender"
    assert "2Checkout" in body["match"]["seller"]["name"]
    assert body["deadline"] == "2026-12-20" and body["days_left"] == 24


async def test_policy_match_for_an_unknown_shop_says_so(client):
    body = await (
        await client.get("/api/v1/policies/match", params={"url": "https://shop.unknown.example/thanks"})
    ).json()
    assert body["match"]["is_default"] is True
    assert body["policy"]["is_default"] is True


async def test_policy_match_needs_something_to_match(client):
    assert (await client.get("/api/v1/policies/match")).status == 400
    bad_url = await client.get("/api/v1/policies/match", params={"url": "ftp://x"})
    assert (await bad_url.json())["error"]["fields"] == {"url": "must be an http(s) URL"}
    bad_date = await client.get(
        "/api/v1/policies/match", params={"url": "https://a.example", "order_date": "2026-02-30"}
    )
    assert "order_date" in (await bad_date.json())["error"]["fields"]


async def test_catalog_is_listed(client):
    body = await (await client.get("/api/v1/policies")).json()
    ids = {rule["id"] for rule in body["rules"]}
    assert {"trend-micro", "norton", "bitdefender", "kaspersky"} <= ids
    assert body["warnings"] == []


async def test_requesting_sets_a_business_day_follow_up(client):
    await client.patch("/api/v1/settings", json={"country": "US"})
    case = await new_case(client)
    response = await client.patch(f"/api/v1/cases/{case['id']}", json={"status": "requested"})
    updated = (await response.json())["case"]
    # 7 business days from Thanksgiving 2026-11-26 (a holiday in the US): Dec 7.
    assert updated["follow_up_on"] == "2026-12-07"


async def test_overrides_say_they_were_overridden(client):
    case = await new_case(client)
    response = await client.patch(f"/api/v1/cases/{case['id']}", json={"policy": {"window_days": 45}})
    updated = (await response.json())["case"]
    assert updated["deadline"] == "2027-01-04"
    assert "window_days" in updated["policy"]["overridden"]
    response = await client.patch(f"/api/v1/cases/{case['id']}", json={"policy": {"deadline": "2026-12-31"}})
    updated = (await response.json())["case"]
    assert updated["deadline"] == "2026-12-31" and updated["deadline_source"] == "override"
    cleared = await client.patch(
        f"/api/v1/cases/{case['id']}", json={"policy": {"deadline": None, "window_days": None}}
    )
    assert (await cleared.json())["case"]["deadline"] == "2026-12-20"


async def test_editing_the_vendor_matches_the_rule_again(client):
    case = await new_case(
        client, page_url=None, seller_name=None, product="Mystery gadget", merchant_name="Gadget Barn"
    )
    assert case["policy"]["is_default"] is True
    response = await client.patch(
        f"/api/v1/cases/{case['id']}", json={"vendor": {"name": "Norton", "domain": "norton.com"}}
    )
    updated = (await response.json())["case"]
    assert updated["policy"]["id"] == "norton"


async def test_follow_up_letter_cites_earlier_contacts(client):
    case = await new_case(client)
    url = f"/api/v1/cases/{case['id']}"
    await client.patch(url, json={"status": "requested", "reason": "I bought the wrong plan"})
    await client.post(
        f"{url}/communications",
        json={
            "channel": "phone",
            "summary": "Asked for a refund",
            "reference": "TM-4471",
            "at": "2026-11-21T10:00:00Z",
        },
    )
    letter = (await (await client.get(f"{url}/templates/follow_up?format=markdown")).json())["text"]
    assert "TM-4471" in letter and "21" in letter
    assert (await client.get(f"{url}/templates/poem")).status == 404
    assert (await client.get(f"{url}/templates/request?format=pdf")).status == 400


async def test_dossier_has_facts_clocks_history_and_communications(client):
    case = await new_case(client)
    url = f"/api/v1/cases/{case['id']}"
    await client.post(
        f"{url}/communications",
        json={
            "channel": "email",
            "summary": "Confirmation email",
            "direction": "inbound",
            "reference": "CONF-1",
        },
    )
    response = await client.get(f"{url}/dossier.md")
    assert response.status == 200 and response.content_type == "text/markdown"
    text = await response.text()
    for needle in ("16739482210", "CONF-1", "20 December 2026", "Digital River"):
        assert needle in text, needle
    data = await (await client.get(f"{url}/dossier.json")).json()
    assert data["case_id"] == case["id"]


async def test_ics_export_parses_and_keeps_stable_uids(client):
    case = await new_case(client)
    await client.patch(f"/api/v1/cases/{case['id']}", json={"status": "requested"})
    first = await client.get("/api/v1/export.ics")
    assert first.status == 200 and first.content_type == "text/calendar"
    calendar = icalendar.Calendar.from_ical(await first.read())
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 2, "the deadline and the follow-up"
    uids = {str(e["UID"]) for e in events}
    assert all(case["id"] in uid for uid in uids)
    alarms = [a for e in events for a in e.walk("VALARM")]
    assert len(alarms) >= 3 * len(events) - 3
    again = icalendar.Calendar.from_ical(await (await client.get("/api/v1/export.ics")).read())
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == uids


async def test_a_malformed_user_policies_file_names_file_and_line_and_the_server_still_runs(
    aiohttp_client, config
):
    from server.app import create_app
    from server.keys import CLIENTS

    config.policies_file.write_text('[[rules]]\nid = "mine"\nwindow_days = "thirty"\n[[rules\n')
    app = create_app(config)
    client = await aiohttp_client(app)
    client.session.headers["Authorization"] = f"Bearer {app[CLIENTS].local_token}"
    body = await (await client.get("/api/v1/policies")).json()
    assert body["warnings"] and str(config.policies_file) in body["warnings"][0]
    assert "line" in body["warnings"][0]
    assert "trend-micro" in {rule["id"] for rule in body["rules"]}
    assert (await new_case(client))["deadline"] == "2026-12-20"


async def test_user_policies_file_adds_a_rule(aiohttp_client, config):
    from server.app import create_app
    from server.keys import CLIENTS

    config.policies_file.write_text(
        '[[rules]]\nid = "contoso"\nkind = "vendor"\nname = "Contoso Software Shop"\n'
        'domains = ["contoso.example"]\nwindow_days = 45\nclock_start = "order_date"\n'
        'source_url = "https://shop.contoso.example/refunds"\nchecked_on = 2026-11-01\nverified = true\n'
    )
    app = create_app(config)
    client = await aiohttp_client(app)
    client.session.headers["Authorization"] = f"Bearer {app[CLIENTS].local_token}"
    body = await (await client.get("/api/v1/policies")).json()
    assert body["warnings"] == [], body["warnings"]
    case = await new_case(
        client,
        page_url="https://shop.contoso.example/checkout/complete",
        seller_name=None,
        product="Contoso PDF Studio Pro",
    )
    assert case["policy"]["id"] == "contoso" and case["deadline"] == "2027-01-04"


async def test_a_page_that_names_no_shop_gets_no_refunder_by_its_address(client):
    # The popup's preview for a page served from this computer, nothing named but a product.
    body = await (
        await client.get(
            "/api/v1/policies/match",
            params={"url": "http://127.0.0.1:8123/shop/order.html", "product": "Garden hose"},
        )
    ).json()
    assert body["match"]["page_domain"] is None
    assert body["who_refunds"]["name"] is None
    assert "add the shop's or seller's name" in body["who_refunds"]["why"]

    # A capture from a shop's page: the case says the same, and is still merged by the site.
    page = "https://checkout.gardenshop.co.uk/order/thanks"
    case = await new_case(
        client, page_url=page, seller_name=None, product="Garden hose", order_number="GS-1001"
    )
    assert case["vendor"] == {"name": "gardenshop.co.uk", "domain": "gardenshop.co.uk"}
    assert case["who_refunds"]["name"] is None
    assert "gardenshop.co.uk" in case["who_refunds"]["why"]
    again = await client.post(
        "/api/v1/captures",
        json=capture(
            page_url="https://www.gardenshop.co.uk/account/orders/GS-1001",
            seller_name=None,
            product="Garden hose",
            order_number="GS-1001",
        ),
    )
    assert (await again.json())["result"] == "merged"
    letter = (await (await client.get(f"/api/v1/cases/{case['id']}/templates/request")).json())["text"]
    assert "gardenshop" not in letter and "Dear customer support," in letter

    # Naming the shop makes it who refunds.
    named = await client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"vendor": {"name": "Garden Shop Ltd", "domain": "gardenshop.co.uk"}},
    )
    assert (await named.json())["case"]["who_refunds"]["name"] == "Garden Shop Ltd"


async def test_times_are_typed_and_read_in_the_settings_time_zone_and_stored_as_utc(client):
    assert (await client.patch("/api/v1/settings", json={"timezone": "America/Los_Angeles"})).status == 200
    case = await new_case(client, order_date="2026-10-20")
    url = f"/api/v1/cases/{case['id']}"

    async def log(at, summary):
        response = await client.post(
            f"{url}/communications", json={"channel": "chat", "summary": summary, "at": at}
        )
        assert response.status == 201, await response.text()
        return (await response.json())["communication"]["at"]

    # A time without an offset is the user's (Pacific Standard Time, UTC-8, in November) ...
    assert await log("2026-11-20T16:45:00", "after the change") == "2026-11-21T00:45:00Z"
    # ... and before the clocks went back on 1 November, Pacific Daylight Time (UTC-7).
    assert await log("2026-10-31T16:45:00", "before the change") == "2026-10-31T23:45:00Z"
    # A time with an offset is that instant, stored in UTC.
    assert await log("2026-11-19T09:00:00+01:00", "from Berlin") == "2026-11-19T08:00:00Z"
    await client.patch(url, json={"status": "requested"})
    follow_up = (await (await client.get(url)).json())["case"]["follow_up_on"]

    text = await (await client.get(f"{url}/dossier.md")).text()
    assert "Times are in America/Los_Angeles." in text
    assert "20 November 2026, 16:45: Chat" in text, "the local date and time, not 21 November"
    assert "31 October 2026, 16:45: Chat" in text
    assert "19 November 2026, 00:00: Chat" in text
    from server.policies.dates import human_date

    assert f"**Follow up:** {human_date(follow_up)}" in text
    data = await (await client.get(f"{url}/dossier.json")).json()
    first = data["communications"][0]
    assert (first["date"], first["time"], first["local_at"]) == (
        "2026-10-31",
        "16:45",
        "2026-10-31T16:45:00-07:00",
    )
    assert data["follow_up_on"] == follow_up


async def test_the_renewal_rule_is_given_for_a_case_that_renews(client):
    renewing = await new_case(client, auto_renews=True)
    rule = renewing["renewal_rule"]
    assert rule["rule"] == "Trend Micro" and rule["covered"] is True and rule["window_days"] == 30
    assert "can charge up to 15 days before the subscription expires" in rule["note"]
    text = await (await client.get(f"/api/v1/cases/{renewing['id']}/dossier.md")).text()
    assert (
        "**Renewals:** a renewal charge has its own 30-day window. Auto-renewal can charge up to 15 days"
        in text
    )

    once = await new_case(client, order_number="ONE-OFF", auto_renews=False, renewal_date=None)
    assert once["renewal_rule"] is None
    text = await (await client.get(f"/api/v1/cases/{once['id']}/dossier.md")).text()
    assert "Renewals" not in text
    # Marked a renewal charge by hand: it renews after all.
    response = await client.patch(f"/api/v1/cases/{once['id']}", json={"charge_type": "renewal"})
    assert (await response.json())["case"]["renewal_rule"]["note"] == rule["note"]


async def test_the_user_marks_a_logged_email_as_the_proof_of_purchase(client):
    case = await new_case(client)
    url = f"/api/v1/cases/{case['id']}"

    def proof_item(view):
        return next(item for item in view["checklist"] if item["id"] == "proof_of_purchase")

    item = proof_item(case)
    assert item["present"] is False
    assert "order confirmation" in item["hint"] and "m on it in the timeline" in item["hint"]
    # An email whose subject does not read like a confirmation does not tick it by itself ...
    logged = await client.post(
        f"{url}/communications",
        json={
            "channel": "email",
            "direction": "inbound",
            "summary": "Your Trend Micro account",
            "at": "2026-11-20T15:00:00Z",
        },
    )
    email = (await logged.json())["communication"]
    chat = (
        await (
            await client.post(
                f"{url}/communications", json={"channel": "chat", "summary": "Asked for a refund"}
            )
        ).json()
    )["communication"]
    assert proof_item((await (await client.get(url)).json())["case"])["present"] is False
    # ... but marked as the proof, it does.
    response = await client.patch(url, json={"proof_of_purchase": email["id"]})
    assert response.status == 200, await response.text()
    view = (await response.json())["case"]
    assert view["proof_of_purchase"] == email["id"] and proof_item(view)["present"] is True
    text = await (await client.get(f"{url}/dossier.md")).text()
    assert "**Proof of purchase:** the email of 20 November 2026, 15:00: “Your Trend Micro account”" in text
    assert "Your Trend Micro account. **The proof of purchase.**" in text
    assert (await (await client.get(f"{url}/dossier.json")).json())["proof_of_purchase"] == email["id"]
    # Only an email or letter logged on this case can be the proof.
    for wrong, words in ((chat["id"], "only a logged email or letter"), ("nope", "no communication 'nope'")):
        response = await client.patch(url, json={"proof_of_purchase": wrong})
        assert response.status == 422
        assert words in (await response.json())["error"]["fields"]["proof_of_purchase"]
    # Unmarked: null.
    view = (await (await client.patch(url, json={"proof_of_purchase": None})).json())["case"]
    assert view["proof_of_purchase"] is None and proof_item(view)["present"] is False
