"""Settings: what is refused (with the field named), and what a subdivision changes."""

from __future__ import annotations

from .helpers import new_case


async def patch_settings(client, **body):
    response = await client.patch("/api/v1/settings", json=body)
    return response.status, await response.json()


async def test_an_unknown_country_is_refused_by_field(client):
    status, body = await patch_settings(client, country="XX")
    assert status == 422
    assert "ISO 3166" in body["error"]["fields"]["country"]
    assert (await (await client.get("/api/v1/settings")).json())["settings"]["country"] is None


async def test_a_subdivision_must_belong_to_the_country(client):
    status, body = await patch_settings(client, country="DE", subdivision="ZZ")
    assert status == 422
    message = body["error"]["fields"]["subdivision"]
    assert "DE" in message and "BY" in message, "it says which ones would do"
    assert (await (await client.get("/api/v1/settings")).json())["settings"]["country"] is None, (
        "nothing of a refused patch is saved"
    )
    status, body = await patch_settings(client, subdivision="BY")
    assert status == 422 and "needs a country" in body["error"]["fields"]["subdivision"]


async def test_a_subdivision_is_stored_as_the_holiday_calendar_spells_it(client):
    status, body = await patch_settings(client, country="de", subdivision="by")
    assert status == 200
    assert (body["settings"]["country"], body["settings"]["subdivision"]) == ("DE", "BY")


async def test_changing_the_country_checks_the_stored_subdivision(client):
    await patch_settings(client, country="DE", subdivision="BY")
    status, body = await patch_settings(client, country="US")
    assert status == 422 and "subdivision" in body["error"]["fields"]
    status, body = await patch_settings(client, country="US", subdivision=None)
    assert status == 200 and body["settings"]["subdivision"] is None


async def test_a_subdivision_adds_its_own_holidays_to_follow_ups(client):
    # Trend Micro: 7 business days from Thanksgiving 2026-11-26. The day after is a holiday in
    # California (not a federal one): the follow-up moves a day later there.
    federal, californian = (
        await new_case(client, order_number="F-1"),
        await new_case(client, order_number="CA-1"),
    )

    async def request(case) -> str:
        response = await client.patch(f"/api/v1/cases/{case['id']}", json={"status": "requested"})
        return (await response.json())["case"]["follow_up_on"]

    await patch_settings(client, country="US")
    assert await request(federal) == "2026-12-07"
    await patch_settings(client, subdivision="ca")
    assert await request(californian) == "2026-12-08"


async def test_the_users_name_signs_every_letter(client):
    case = await new_case(client)
    for kind in ("request", "follow_up", "escalation"):
        text = (await (await client.get(f"/api/v1/cases/{case['id']}/templates/{kind}")).json())["text"]
        assert text.rstrip().endswith("Kind regards,"), "no name set: no made-up signature"
    status, body = await patch_settings(client, name="  Jordan Lee  ")
    assert status == 200 and body["settings"]["name"] == "Jordan Lee"
    for kind in ("request", "follow_up", "escalation"):
        text = (await (await client.get(f"/api/v1/cases/{case['id']}/templates/{kind}")).json())["text"]
        assert text.endswith("Kind regards,\nJordan Lee\n"), kind
    markdown = await (
        await client.get(f"/api/v1/cases/{case['id']}/templates/request?format=markdown")
    ).json()
    assert markdown["text"].endswith("Kind regards,  \nJordan Lee\n")


async def test_a_name_on_several_lines_or_with_control_characters_is_refused(client):
    for name in ("Jordan\nLee", "Jordan\x1b[31mLee", "x" * 121, ""):
        status, body = await patch_settings(client, name=name)
        assert status == 422, name
        assert "name" in body["error"]["fields"]
    assert (await (await client.get("/api/v1/settings")).json())["settings"]["name"] is None


async def test_a_time_zone_folder_or_half_typed_name_is_refused_by_field(client):
    # ZoneInfo("Europe") raises IsADirectoryError: it was a 500.
    for name in ("Europe", "Europe/", "America/New", "zone.tab", "leapseconds"):
        status, body = await patch_settings(client, timezone=name)
        assert status == 422, (name, body)
        assert "time zone" in body["error"]["fields"]["timezone"]
    status, body = await patch_settings(client, timezone="Europe/Berlin")
    assert status == 200 and body["settings"]["timezone"] == "Europe/Berlin"
