"""Every case endpoint's happy path, against a real server on a temp data dir."""

from __future__ import annotations

import asyncio

import pytest

from .helpers import TREND_MICRO, capture, new_case, post_capture


async def test_health_needs_no_token(anon):
    response = await anon.get("/api/v1/health")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok" and body["service"] == "refund-tracker"
    assert body["today"] == "2026-11-26"


async def test_capture_creates_a_case_with_its_deadline(client):
    response, body = await post_capture(client)
    assert response.status == 201
    assert body["result"] == "created"
    case = body["case"]
    assert case["order_number"] == "16739482210"
    assert case["currency"] == "USD" and case["amount"] == "49.95"
    assert case["status"] == "captured"
    assert case["captured_from"] == "extension"
    assert case["deadline"] == "2026-12-20"
    assert case["days_left"] == 24
    assert case["window_state"] == "open"
    assert case["next_statuses"] == ["requested", "kept"]
    got = await client.get(f"/api/v1/cases/{case['id']}")
    assert got.status == 200
    assert (await got.json())["case"] == case


async def test_repeated_capture_id_returns_the_same_case_without_a_write(client, app):
    from server.keys import STORE

    body = capture()
    first = await client.post("/api/v1/captures", json=body)
    case = (await first.json())["case"]
    seq = app[STORE].applied_seq
    again = await client.post("/api/v1/captures", json=body)
    assert again.status == 200
    result = await again.json()
    assert result["result"] == "unchanged"
    assert result["case"]["id"] == case["id"]
    assert app[STORE].applied_seq == seq, "a repeated capture must not write"


async def test_same_order_captured_again_is_merged(client):
    first = await new_case(client, account_email=None, auto_renews=None)
    response, body = await post_capture(
        client, account_email="jordan.lee@example.com", product="Something else entirely"
    )
    assert response.status == 200
    assert body["result"] == "merged"
    merged = body["case"]
    assert merged["id"] == first["id"]
    assert merged["account_email"] == "jordan.lee@example.com", "blanks are filled in"
    assert merged["product"] == TREND_MICRO["product"], "what the case holds wins"
    assert len(merged["captures"]) == 2
    assert body["differences"] == [
        {
            "field": "product",
            "case": TREND_MICRO["product"],
            "capture": "Something else entirely",
            "kept": "case",
        }
    ]
    cases = (await (await client.get("/api/v1/cases")).json())["cases"]
    assert len(cases) == 1


async def test_a_merge_lists_what_the_capture_says_otherwise_and_keeps_the_case(client):
    first = await new_case(client)
    response, body = await post_capture(
        client,
        amount="59.95",
        currency="EUR",
        order_date="2026-11-19",
        account_email="sam@example.com",
        auto_renews=False,
    )
    assert response.status == 200 and body["result"] == "merged"
    assert body["differences"] == [
        {"field": "order_date", "case": "2026-11-20", "capture": "2026-11-19", "kept": "case"},
        {"field": "amount", "case": "49.95", "capture": "59.95", "kept": "case"},
        {"field": "currency", "case": "USD", "capture": "EUR", "kept": "case"},
        {
            "field": "account_email",
            "case": "jordan.lee@example.com",
            "capture": "sam@example.com",
            "kept": "case",
        },
        {"field": "auto_renews", "case": True, "capture": False, "kept": "case"},
    ]
    stored = (await (await client.get(f"/api/v1/cases/{first['id']}")).json())["case"]
    for name in ("order_date", "amount", "currency", "account_email", "auto_renews"):
        assert stored[name] == first[name], name


async def test_a_merge_that_agrees_or_only_fills_blanks_lists_no_differences(client):
    await new_case(client, renewal_date=None)
    # The same facts written otherwise (amount as decimal, email and currency in other case,
    # another page of the order), and blanks of the case filled: nothing to tell.
    response, body = await post_capture(
        client,
        amount="49.950",
        currency="usd",
        account_email="Jordan.Lee@Example.COM",
        product="trend micro maximum security -  1 Year / 5 Devices",
        renewal_date="2027-11-20",
        page_url="https://store.trendmicro.com/orders/16739482210",
        page_title="Order details",
    )
    assert body["result"] == "merged"
    assert body["differences"] == []
    assert body["case"]["renewal_date"] == "2027-11-20"


async def test_created_and_repeated_captures_list_no_differences(client):
    body = capture()
    created = await (await client.post("/api/v1/captures", json=body)).json()
    assert created["result"] == "created" and created["differences"] == []
    await post_capture(client, amount="59.95")
    again = await (await client.post("/api/v1/captures", json={**body, "amount": "99.00"})).json()
    assert again["result"] == "unchanged" and again["differences"] == [], "a repeat is not compared again"


async def test_an_archived_order_captured_again_comes_back(client):
    first = await new_case(client)
    await client.delete(f"/api/v1/cases/{first['id']}")
    response, body = await post_capture(client)
    assert response.status == 200 and body["result"] == "merged"
    assert body["case"]["archived_at"] is None and body["case"]["is_open"] is True
    listed = (await (await client.get("/api/v1/cases")).json())["cases"]
    assert [c["id"] for c in listed] == [first["id"]]


async def test_concurrent_identical_captures_make_one_case(client):
    import asyncio

    body = capture()
    responses = await asyncio.gather(*(client.post("/api/v1/captures", json=body) for _ in range(10)))
    ids = {(await r.json())["case"]["id"] for r in responses}
    assert len(ids) == 1
    assert sorted(r.status for r in responses) == [200] * 9 + [201]


async def test_list_filters(client):
    a = await new_case(
        client,
        order_number="A-1",
        product="Norton 360 Deluxe",
        page_url="https://us.norton.com/store/thank-you",
        order_date="2026-11-25",
    )
    b = await new_case(client, order_number="B-2", order_date="2026-10-01")
    await client.patch(f"/api/v1/cases/{b['id']}", json={"status": "requested"})

    async def ids(query):
        response = await client.get(f"/api/v1/cases{query}")
        assert response.status == 200, await response.text()
        return {c["id"] for c in (await response.json())["cases"]}

    assert await ids("") == {a["id"], b["id"]}
    assert await ids("?status=requested") == {b["id"]}
    assert await ids("?status=captured,requested") == {a["id"], b["id"]}
    assert await ids("?q=norton") == {a["id"]}
    assert await ids("?q=B-2") == {b["id"]}
    assert await ids("?domain=store.norton.com") == {a["id"]}
    # b's window has closed, but its follow-up (set by "requested") is coming up; a's
    # deadline is further out.
    from datetime import date

    from tests.conftest import TODAY

    b_now = (await (await client.get(f"/api/v1/cases/{b['id']}")).json())["case"]
    a_now = (await (await client.get(f"/api/v1/cases/{a['id']}")).json())["case"]
    follow_up_in = (date.fromisoformat(b_now["follow_up_on"]) - TODAY).days
    assert b_now["window_state"] == "expired" and a_now["days_left"] > follow_up_in
    assert await ids(f"?due_within={follow_up_in - 1}") == set()
    assert await ids(f"?due_within={follow_up_in}") == {b["id"]}
    assert await ids(f"?due_within={a_now['days_left']}") == {a["id"], b["id"]}
    page = await (await client.get("/api/v1/cases?limit=1&offset=1")).json()
    assert page["total"] == 2 and len(page["cases"]) == 1


async def test_summary_view_has_only_board_fields(client):
    from server.api.schemas import SUMMARY_FIELDS

    await new_case(client)
    body = await (await client.get("/api/v1/cases?view=summary")).json()
    assert set(body["cases"][0]) == set(SUMMARY_FIELDS)


async def test_patch_edits_fields_and_moves_status(client):
    case = await new_case(client)
    response = await client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"reason": "Bought the wrong plan", "status": "requested", "status_note": "Refund form sent"},
    )
    assert response.status == 200
    updated = (await response.json())["case"]
    assert updated["reason"] == "Bought the wrong plan"
    assert updated["status"] == "requested"
    assert updated["status_history"][-1]["from"] == "captured"
    assert updated["status_history"][-1]["note"] == "Refund form sent"
    assert updated["follow_up_on"] is not None, "requesting sets a follow-up"


async def test_patch_null_clears_and_absent_keeps(client):
    case = await new_case(client)
    response = await client.patch(f"/api/v1/cases/{case['id']}", json={"account_email": None})
    updated = (await response.json())["case"]
    assert updated["account_email"] is None
    assert updated["order_number"] == case["order_number"]


async def test_invalid_transition_is_409_and_changes_nothing(client):
    case = await new_case(client)
    response = await client.patch(
        f"/api/v1/cases/{case['id']}", json={"status": "refunded", "reason": "changed my mind"}
    )
    assert response.status == 409
    error = (await response.json())["error"]
    assert error["code"] == "invalid_transition"
    assert "status" in error["fields"]
    again = (await (await client.get(f"/api/v1/cases/{case['id']}")).json())["case"]
    assert again["status"] == "captured" and again["reason"] is None


async def test_refunded_records_the_refund(client):
    case = await new_case(client)
    url = f"/api/v1/cases/{case['id']}"
    await client.patch(url, json={"status": "requested"})
    response = await client.patch(
        url,
        json={"status": "refunded", "refund": {"amount": "49.95", "date": "2026-11-25", "method": "Visa"}},
    )
    updated = (await response.json())["case"]
    assert updated["refund"] == {"amount": "49.95", "date": "2026-11-25", "method": "Visa"}
    assert updated["follow_up_on"] is None
    assert updated["is_open"] is False and updated["next_statuses"] == []


async def test_delete_archives(client):
    case = await new_case(client)
    response = await client.delete(f"/api/v1/cases/{case['id']}")
    assert response.status == 200
    assert (await response.json())["case"]["archived_at"] is not None
    listed = (await (await client.get("/api/v1/cases")).json())["cases"]
    assert listed == []
    archived = (await (await client.get("/api/v1/cases?archived=only")).json())["cases"]
    assert [c["id"] for c in archived] == [case["id"]]
    restored = await client.patch(f"/api/v1/cases/{case['id']}", json={"archived": False})
    assert (await restored.json())["case"]["archived_at"] is None


async def test_manual_case(client):
    response = await client.post(
        "/api/v1/cases",
        json={
            "vendor": {"name": "Acme Phone Shop"},
            "product": "Phone case",
            "order_number": "77",
            "order_date": "2026-11-10",
            "amount": "19.00",
            "currency": "eur",
            "purchase_source": "retail",
        },
    )
    assert response.status == 201, await response.text()
    case = (await response.json())["case"]
    assert case["captured_from"] == "manual"
    assert case["vendor"]["name"] == "Acme Phone Shop"
    assert case["currency"] == "EUR"


async def test_log_communications_in_time_order(client):
    case = await new_case(client)
    url = f"/api/v1/cases/{case['id']}/communications"
    first = await client.post(
        url,
        json={
            "channel": "phone",
            "summary": "Called support",
            "reference": "TM-123",
            "at": "2026-11-22T15:00:00+01:00",
        },
    )
    assert first.status == 201
    body = await first.json()
    assert body["communication"]["reference"] == "TM-123"
    assert body["communication"]["direction"] == "outbound"
    await client.post(
        url,
        json={
            "channel": "chat",
            "summary": "Chat",
            "body": "Agent: hi\nMe: refund",
            "at": "2026-11-21T10:00:00Z",
            "direction": "outbound",
        },
    )
    note = await client.post(url, json={"channel": "note", "summary": "Remember the receipt"})
    assert (await note.json())["communication"]["direction"] == "none"
    comms = (await note.json())["case"]["communications"]
    assert [c["channel"] for c in comms] == ["chat", "phone", "note"]


async def test_statuses_settings_and_exports(client):
    statuses = (await (await client.get("/api/v1/statuses")).json())["statuses"]
    assert {
        "status": "captured",
        "label": "Captured",
        "next": ["requested", "kept"],
        "open": True,
    } in statuses
    settings = await client.patch("/api/v1/settings", json={"country": "de"})
    assert (await settings.json())["settings"]["country"] == "DE"
    assert (await (await client.get("/api/v1/settings")).json())["settings"]["country"] == "DE"
    await new_case(client, product='=HYPERLINK("http://evil")')
    exported = await (await client.get("/api/v1/export.json")).json()
    assert len(exported["cases"]) == 1
    csv_response = await client.get("/api/v1/export.csv")
    assert csv_response.content_type == "text/csv"
    text = await csv_response.text()
    assert text.splitlines()[0].startswith("id,status,vendor")
    assert "'=HYPERLINK" in text, "formula-looking cells are defused"


async def test_unknown_case_is_404(client):
    response = await client.get("/api/v1/cases/01NOPE")
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "case_not_found"
    for method, extra in (
        ("patch", {"json": {"reason": "x"}}),
        ("delete", {}),
    ):
        response = await getattr(client, method)("/api/v1/cases/01NOPE", **extra)
        assert response.status == 404


async def test_repeated_communication_id_logs_once(client):
    case = await new_case(client)
    url = f"/api/v1/cases/{case['id']}/communications"
    body = {
        "channel": "chat",
        "summary": "Chat with support",
        "body": "Agent: hello",
        "communication_id": "7f1c2a9e-5b0d-4c1e-9a57-3d2f0b6e8c41",
    }
    first = await client.post(url, json=body)
    second = await client.post(url, json=body)
    assert (first.status, second.status) == (201, 200)
    assert (await first.json())["communication"] == (await second.json())["communication"]
    assert len((await second.json())["case"]["communications"]) == 1
    assert (await first.json())["communication"]["id"] == body["communication_id"]


async def test_summary_rows_carry_the_shops_domain(client):
    await new_case(client)
    await new_case(
        client,
        order_number="W-1",
        page_url="https://mail.example.net/#inbox/1",
        seller_name=None,
        merchant_name="Northwind Games",
        product="Starfall Tactics",
    )
    rows = (await (await client.get("/api/v1/cases?view=summary")).json())["cases"]
    assert sorted(str(r["page_domain"]) for r in rows) == ["None", "trendmicro.com"]


async def test_every_saved_change_counts_a_revision(client):
    case = await new_case(client)
    assert case["revision"] == 1
    url = f"/api/v1/cases/{case['id']}"
    patched = (await (await client.patch(url, json={"reason": "x"})).json())["case"]
    logged = (
        await (await client.post(f"{url}/communications", json={"channel": "note", "summary": "n"})).json()
    )["case"]
    assert (patched["revision"], logged["revision"]) == (2, 3)
    unchanged = (await (await client.patch(url, json={"reason": "x"})).json())["case"]
    assert unchanged["revision"] == 3, "a patch that changes nothing saves nothing"
    row = (await (await client.get("/api/v1/cases?view=summary")).json())["cases"][0]
    assert row["revision"] == 3 and row["escalation_deadline"] == logged["escalation_deadline"]
    assert row["deadline"] == logged["deadline"] and row["window_used"] == logged["window_used"]


async def patch(client, case_id, **body):
    response = await client.patch(f"/api/v1/cases/{case_id}", json=body)
    return response.status, await response.json()


async def test_a_request_logged_days_ago_dates_the_status_change_and_the_follow_up(client):
    case = await new_case(client, order_date="2026-11-19")
    logged = await client.post(
        f"/api/v1/cases/{case['id']}/communications",
        json={
            "channel": "web_form",
            "summary": "Refund form sent",
            "reference": "RMA-5521",
            "at": "2026-11-20T10:00:00Z",
        },
    )
    assert logged.status == 201
    status, body = await patch(client, case["id"], status="requested")
    assert status == 200, body
    # Friday 20 November + 7 business days (weekends skipped) = Tuesday 1 December, not 7 days from today.
    assert body["case"]["follow_up_on"] == "2026-12-01"
    assert body["case"]["status_history"][-1]["at"].startswith("2026-11-20T10:00")


async def test_a_denial_clears_the_follow_up_and_the_merchant_may_still_refund(client):
    case = await new_case(client)
    await patch(client, case["id"], status="requested")
    status, body = await patch(client, case["id"], status="denied")
    assert status == 200 and body["case"]["follow_up_on"] is None, "nothing left to chase"
    assert {"escalated", "refunded", "requested", "closed"} == set(body["case"]["next_statuses"])
    status, body = await patch(client, case["id"], status="refunded")
    assert status == 200 and body["case"]["status"] == "refunded"


@pytest.mark.parametrize(
    "refund, field, words",
    [
        ({"amount": "49.95", "date": "2026-12-24"}, "refund.date", "is in the future"),
        ({"amount": "49.95", "date": "2026-11-01"}, "refund.date", "is before the order date"),
        ({"amount": "499.50", "date": "2026-11-25"}, "refund.amount", "is more than the 49.95 USD paid"),
    ],
)
async def test_an_impossible_refund_is_refused_by_field(client, refund, field, words):
    case = await new_case(client)
    await patch(client, case["id"], status="requested")
    status, body = await patch(client, case["id"], status="refunded", refund=refund)
    assert status == 422 and words in body["error"]["fields"][field]
    current = (await (await client.get(f"/api/v1/cases/{case['id']}")).json())["case"]
    assert current["status"] == "requested" and current["refund"] is None, "nothing written"


@pytest.mark.parametrize(
    "refund, field, words",
    [
        ({"amount": "499.50", "date": "2026-11-25"}, "refund.amount", "is more than the 49.95 USD paid"),
        ({"amount": "49.95", "date": "2026-12-24"}, "refund.date", "is in the future"),
    ],
)
async def test_check_only_says_what_a_save_would_refuse_and_writes_nothing(client, app, refund, field, words):
    from server.keys import STORE

    case = await new_case(client)
    await patch(client, case["id"], status="requested")
    before = (await (await client.get(f"/api/v1/cases/{case['id']}")).json())["case"]
    seq = app[STORE].applied_seq
    ws = await client.ws_connect("/api/v1/events")
    assert (await ws.receive_json(timeout=5))["type"] == "ready"
    url = f"/api/v1/cases/{case['id']}?check=true"
    refused = await client.patch(url, json={"status": "refunded", "refund": refund})
    assert refused.status == 422 and words in (await refused.json())["error"]["fields"][field]
    # A valid edit: 200, the case as it is; still nothing written, nothing announced.
    fine = await client.patch(
        url,
        json={
            "status": "refunded",
            "reason": "checked only",
            "refund": {"amount": "49.95", "date": "2026-11-25"},
        },
    )
    assert fine.status == 200
    assert await fine.json() == {"case": before, "checked": True}
    assert app[STORE].applied_seq == seq, "a check must not write"
    after = (await (await client.get(f"/api/v1/cases/{case['id']}")).json())["case"]
    assert after == before and after["status"] == "requested" and after["reason"] is None
    with pytest.raises(asyncio.TimeoutError):
        await ws.receive_json(timeout=0.3)
    await ws.close()
    # The same edit without check=true is saved.
    saved = await client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"status": "refunded", "refund": {"amount": "49.95", "date": "2026-11-25"}},
    )
    assert saved.status == 200 and (await saved.json())["case"]["status"] == "refunded"
    assert app[STORE].applied_seq > seq


async def test_check_only_refuses_a_move_the_status_cannot_make(client, app):
    from server.keys import STORE

    case = await new_case(client)
    seq = app[STORE].applied_seq
    response = await client.patch(f"/api/v1/cases/{case['id']}?check=true", json={"status": "refunded"})
    assert response.status == 409 and (await response.json())["error"]["code"] == "invalid_transition"
    # An empty edit, checked: how a client tells this server from one that would save the edit.
    probe = await client.patch(f"/api/v1/cases/{case['id']}?check=true", json={})
    assert probe.status == 200 and (await probe.json())["checked"] is True
    plain = await client.patch(f"/api/v1/cases/{case['id']}", json={})
    assert "checked" not in await plain.json()
    bad = await client.patch(f"/api/v1/cases/{case['id']}?check=maybe", json={"reason": "x"})
    assert bad.status == 400 and "check" in (await bad.json())["error"]["fields"]
    assert app[STORE].applied_seq == seq
    assert (await (await client.get(f"/api/v1/cases/{case['id']}")).json())["case"]["reason"] is None


async def test_q_finds_a_case_by_reference_email_order_and_communication_text(client):
    trend = await new_case(
        client, order_number="16739482210", account_email="jordan@example.com", product="Maximum Security"
    )
    other = await new_case(
        client, order_number="BD-1", product="Total Security", account_email="sam@example.org"
    )
    logged = await client.post(
        f"/api/v1/cases/{trend['id']}/communications",
        json={
            "channel": "chat",
            "direction": "outbound",
            "summary": "Asked for a refund",
            "reference": "TM-CHAT-58213",
            "contact": "Agent Priya",
            "body": "The agent promised a callback within two business days.",
        },
    )
    assert logged.status == 201, await logged.text()

    async def ids(q, archived="exclude"):
        response = await client.get("/api/v1/cases", params={"q": q, "view": "summary", "archived": archived})
        assert response.status == 200, await response.text()
        return {c["id"] for c in (await response.json())["cases"]}

    assert await ids("TM-CHAT-58213") == {trend["id"]}, "a reference logged on it"
    assert await ids("tm-chat-58213") == {trend["id"]}, "in any case"
    assert await ids("jordan@example.com") == {trend["id"]}, "the account email"
    assert await ids("16739482210") == {trend["id"]}, "the order number"
    assert await ids("callback") == {trend["id"]}, "a communication's body"
    assert await ids("priya") == {trend["id"]}, "whom the user spoke to"
    # Every word, anywhere and in any order (as the terminal UI's filter reads a query).
    assert await ids("security priya") == {trend["id"]}
    assert await ids("security") == {trend["id"], other["id"]}
    assert await ids("priya BD-1") == set()
    await client.patch(f"/api/v1/cases/{trend['id']}", json={"archived": True})
    assert await ids("TM-CHAT-58213") == set()
    assert await ids("TM-CHAT-58213", "include") == {trend["id"]}


@pytest.mark.parametrize(
    "payment_method, clock, decision_days",
    [
        ("Visa credit ending 4242", "us-fcba", 90),  # the US billing-error rule: at most 90 days
        ("Visa debit ending 4242", "visa-chargeback", 60),
    ],
)
async def test_escalating_sets_a_follow_up_for_the_issuers_decision(
    client, payment_method, clock, decision_days
):
    from datetime import date, timedelta

    from tests.conftest import TODAY

    assert (await client.patch("/api/v1/settings", json={"country": "US"})).status == 200
    case = await new_case(client, payment_method=payment_method, order_date=TODAY.isoformat())
    assert case["escalation_clock"] == clock
    await patch(client, case["id"], status="requested")
    status, body = await patch(client, case["id"], status="denied")
    assert body["case"]["follow_up_on"] is None
    status, body = await patch(client, case["id"], status="escalated")
    assert status == 200, body
    follow_up = date.fromisoformat(body["case"]["follow_up_on"])
    # The issuer's time to decide, moved off a weekend or a US holiday when it falls on one.
    assert TODAY + timedelta(days=decision_days) <= follow_up <= TODAY + timedelta(days=decision_days + 4)
    assert follow_up.weekday() < 5
    # A date the user set themselves is kept.
    case = await new_case(
        client, order_number="X-2", payment_method=payment_method, order_date=TODAY.isoformat()
    )
    await patch(client, case["id"], status="requested")
    await patch(client, case["id"], status="denied")
    status, body = await patch(
        client, case["id"], status="escalated", follow_up_on=(TODAY + timedelta(days=5)).isoformat()
    )
    assert body["case"]["follow_up_on"] == (TODAY + timedelta(days=5)).isoformat()


async def test_statuses_serve_the_words_the_screens_show_and_the_closing_days(client):
    body = await (await client.get("/api/v1/statuses")).json()
    names = [row["status"] for row in body["statuses"]]
    assert set(body["short"]) == set(body["help"]) == set(names)
    assert body["short"]["requested"] == "Requested" and body["help"]["denied"] == "they refused"
    assert body["disputing"] == ["denied", "escalated"]
    assert body["closing_days"] == 7
