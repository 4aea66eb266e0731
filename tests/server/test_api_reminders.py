"""GET /api/v1/reminders against a real server on a temp data dir, its clock on 29 Feb 2028."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .helpers import new_case

TODAY = date(2028, 2, 29)


@pytest.fixture
def config_today() -> date:
    return TODAY


def ordered_for(days_left: int) -> dict:
    """An order that leaves Trend Micro's 30-day window ``days_left`` days to run (and renews
    a year on)."""
    ordered = TODAY - timedelta(days=30 - days_left)
    return {"order_date": ordered.isoformat(), "renewal_date": (ordered + timedelta(days=366)).isoformat()}


async def reminders(client, query=""):
    response = await client.get(f"/api/v1/reminders{query}")
    assert response.status == 200, await response.text()
    return await response.json()


async def test_nothing_due_is_an_empty_list(client):
    assert await reminders(client) == {"reminders": [], "as_of": "2028-02-29"}


async def test_what_is_due_comes_in_date_order_and_agrees_with_the_board(client):
    three_days = await new_case(client, order_number="A-3", **ordered_for(3))
    one_day = await new_case(client, order_number="B-1", **ordered_for(1))
    chasing = await new_case(client, order_number="C-9", **ordered_for(-10))
    response = await client.patch(
        f"/api/v1/cases/{chasing['id']}", json={"status": "requested", "follow_up_on": "2028-02-20"}
    )
    assert response.status == 200
    far = await new_case(client, order_number="D-20", **ordered_for(20))

    body = await reminders(client)
    assert [(r["kind"], r["date"], r["case_id"]) for r in body["reminders"]] == [
        ("follow_up", "2028-02-20", chasing["id"]),
        ("refund_deadline", "2028-03-01", one_day["id"]),
        ("refund_deadline", "2028-03-03", three_days["id"]),
    ]
    follow_up, last_but_one, soon = body["reminders"]
    assert soon == {
        "id": f"{three_days['id']}.refund_deadline.2028-03-03.3",
        "case_id": three_days["id"],
        "kind": "refund_deadline",
        "date": "2028-03-03",
        "days_left": 3,
        "days_before": 3,
        "notify_on": "2028-02-29",
        "title": "Trend Micro A-3",
        "event": "last day to ask for a refund (Digital River)",
        "message": "3 days left to ask for a refund (Digital River)",
        # Not sent anywhere: the tests have no desktop session (tests/conftest.py).
        "sent": [],
        "late": False,
        "snoozed_until": None,
    }
    assert last_but_one["message"] == "1 day left to ask for a refund (Digital River)"
    assert follow_up["days_left"] == -9 and "9 days overdue" in follow_up["message"]

    board = {c["id"]: c for c in (await (await client.get("/api/v1/cases")).json())["cases"]}
    for reminder in body["reminders"][1:]:
        assert reminder["date"] == board[reminder["case_id"]]["deadline"]

    wider = await reminders(client, "?within=20")
    assert wider["reminders"][-1]["case_id"] == far["id"]
    assert wider["reminders"][-1]["notify_on"] == "2028-03-13", "its first step is 7 days before"
    only_today = await reminders(client, "?within=0")
    assert [r["kind"] for r in only_today["reminders"]] == ["follow_up"], "overdue stays listed"


async def test_an_archived_case_has_nothing_due(client):
    case = await new_case(client, **ordered_for(0))
    assert [r["message"] for r in (await reminders(client))["reminders"]] == [
        "last day to ask for a refund (Digital River)"
    ]
    assert (await client.delete(f"/api/v1/cases/{case['id']}")).status == 200
    assert (await reminders(client))["reminders"] == []


async def test_an_auto_renewal_two_weeks_ahead(client):
    await new_case(client, order_date="2027-02-28", auto_renews=True, renewal_date="2028-03-14")
    assert (await reminders(client))["reminders"] == []
    [renewal] = (await reminders(client, "?within=14"))["reminders"]
    assert renewal["kind"] == "renewal" and renewal["days_before"] == 14
    assert renewal["message"].startswith("renews automatically in 14 days: cancel in time")


@pytest.mark.parametrize(
    "value, words",
    [
        ("-1", "must be between 0 and 366"),
        ("367", "must be between 0 and 366"),
        ("seven", "must be a whole number"),
        ("7.5", "must be a whole number"),
    ],
)
async def test_a_bad_within_is_a_400_naming_the_field(client, value, words):
    response = await client.get(f"/api/v1/reminders?within={value}")
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["fields"] == {"within": words}
    assert error["message"].startswith("within:")


@pytest.mark.parametrize("value", ["0", "366", ""])
async def test_the_edges_of_within_are_accepted(client, value):
    assert "reminders" in await reminders(client, f"?within={value}")


async def test_reminders_need_the_token(anon):
    assert (await anon.get("/api/v1/reminders")).status == 401


async def test_the_reminders_route_is_in_the_openapi_document(client):
    document = await (await client.get("/api/v1/openapi.json")).json()
    operation = document["paths"]["/api/v1/reminders"]["get"]
    assert operation["security"] == [{"bearer": []}]
    assert [p["name"] for p in operation["parameters"]] == ["within"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ReminderList"}
    fields = document["components"]["schemas"]["ListedReminder"]["properties"]
    assert {"id", "case_id", "kind", "date", "days_left", "title", "message"} <= set(fields)
