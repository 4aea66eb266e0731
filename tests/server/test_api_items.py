"""The order's line items through the API: captured, merged, edited, refused by field, exported."""

from __future__ import annotations

import csv
import io

import pytest

from server.domain.fields import MAX_ITEMS
from server.domain.items import items_summary

from .helpers import capture, new_case, post_capture
from .test_validation import assert_edit_refused, assert_refused

BLANKET = {
    "name": "Merino Wool Throw Blanket",
    "variant": "Charcoal / Queen",
    "quantity": 2,
    "price": "98.00",
}
PILLOW = {"name": "Linen Pillow Cover", "variant": None, "quantity": 1, "price": "24.50"}


async def test_a_capture_with_items_stores_them_in_page_order(client):
    case = await new_case(client, items=[BLANKET, PILLOW])
    assert case["items"] == [BLANKET, PILLOW]
    got = (await (await client.get(f"/api/v1/cases/{case['id']}")).json())["case"]
    assert got["items"] == [BLANKET, PILLOW]


async def test_without_items_or_with_none_the_case_has_none(client):
    assert (await new_case(client))["items"] is None
    assert (await new_case(client, order_number="E-1", items=[]))["items"] is None


async def test_items_are_tidied_not_changed(client):
    case = await new_case(
        client, items=[{"name": "Gift card", "variant": "  ", "quantity": 1.5}, {"name": "Sticker"}]
    )
    assert case["items"] == [
        {"name": "Gift card", "variant": None, "quantity": 1.5, "price": None},
        {"name": "Sticker", "variant": None, "quantity": None, "price": None},
    ]


async def test_a_merged_capture_replaces_the_items_and_says_so(client):
    first = await new_case(client, items=[BLANKET])
    response, body = await post_capture(client, items=[BLANKET, PILLOW])
    assert response.status == 200 and body["result"] == "merged"
    assert body["case"]["id"] == first["id"]
    assert body["case"]["items"] == [BLANKET, PILLOW]
    assert body["differences"] == [
        {"field": "items", "case": [BLANKET], "capture": [BLANKET, PILLOW], "kept": "capture"}
    ]


async def test_a_merged_capture_without_items_keeps_them_and_the_same_items_are_no_difference(client):
    await new_case(client, items=[BLANKET])
    _, body = await post_capture(client)
    assert body["case"]["items"] == [BLANKET] and body["differences"] == []
    # Written otherwise (spacing, letter case, 2.0 for 2, 98.0 for 98.00): the same items.
    _, body = await post_capture(
        client, items=[{**BLANKET, "name": "merino wool  throw blanket", "quantity": 2.0, "price": "98.0"}]
    )
    assert body["differences"] == []


async def test_a_merge_into_a_case_without_items_fills_them_in_quietly(client):
    await new_case(client)
    _, body = await post_capture(client, items=[PILLOW])
    assert body["case"]["items"] == [PILLOW] and body["differences"] == []


async def test_items_set_by_hand_edited_and_cleared(client):
    response = await client.post("/api/v1/cases", json={"product": "Shop purchase", "items": [PILLOW]})
    assert response.status == 201, await response.text()
    case = (await response.json())["case"]
    assert case["items"] == [PILLOW]
    url = f"/api/v1/cases/{case['id']}"
    edited = (await (await client.patch(url, json={"items": [BLANKET]})).json())["case"]
    assert edited["items"] == [BLANKET]
    kept = (await (await client.patch(url, json={"reason": "Too small"})).json())["case"]
    assert kept["items"] == [BLANKET], "absent keeps"
    cleared = (await (await client.patch(url, json={"items": None})).json())["case"]
    assert cleared["items"] is None, "null clears"


async def test_items_are_found_by_the_text_filter(client):
    await new_case(client, items=[BLANKET])
    found = (await (await client.get("/api/v1/cases?q=throw%20blanket")).json())["cases"]
    assert len(found) == 1


@pytest.mark.parametrize(
    "items, field, words",
    [
        (
            [BLANKET, BLANKET, BLANKET, {**BLANKET, "price": "98,00"}],
            "items[3].price",
            "must be a non-negative decimal",
        ),
        ([{**BLANKET, "price": "-1.00"}], "items[0].price", "must be a non-negative decimal"),
        ([{**BLANKET, "name": ""}], "items[0].name", "must not be empty"),
        ([{**BLANKET, "name": "   "}], "items[0].name", "must not be blank"),
        ([{**BLANKET, "name": "n" * 301}], "items[0].name", "must be at most 300 characters"),
        ([{**BLANKET, "variant": "v" * 201}], "items[0].variant", "must be at most 200 characters"),
        ([PILLOW, {**BLANKET, "quantity": -1}], "items[1].quantity", "must be a number from 0 to 1000000"),
        ([{**BLANKET, "quantity": 1_000_001}], "items[0].quantity", "must be a number from 0 to 1000000"),
        ([{**BLANKET, "quantity": "2"}], "items[0].quantity", "must be a number"),
        ([{**BLANKET, "quantity": 0.0001}], "items[0].quantity", "may have at most 3 decimals"),
        ([{"variant": "Red"}], "items[0].name", "is required"),
        ([{**BLANKET, "colour": "red"}], "items[0].colour", "is not a known field"),
        ([{**BLANKET, "name": "Throw\x1b]52;c;ZXZpbA==\x07"}], "items[0].name", "must be one line of text"),
        ([{**BLANKET, "variant": "Char\u202ecoal"}], "items[0].variant", "must be one line of text"),
        ([3], "items[0]", "must be an object"),
        ({"name": "x"}, "items", "must be a list"),
        ([PILLOW] * (MAX_ITEMS + 1), "items", f"may hold at most {MAX_ITEMS} items"),
    ],
)
async def test_a_bad_item_is_refused_naming_it(client, app, items, field, words):
    error = await assert_refused(
        client, app, "POST", "/api/v1/captures", status=422, field=field, json=capture(items=items)
    )
    assert error["fields"][field].startswith(words), error
    assert "`" not in error["fields"][field]


async def test_a_bad_item_in_a_patch_or_a_manual_case_is_refused_too(client, app):
    case = await new_case(client)
    await assert_edit_refused(
        client, app, case, {"items": [{**BLANKET, "price": "a lot"}]}, status=422, field="items[0].price"
    )
    await assert_refused(
        client,
        app,
        "POST",
        "/api/v1/cases",
        status=422,
        field="items[1].name",
        json={"product": "Phone", "items": [PILLOW, {"name": "Tab\there"}]},
    )


async def test_a_thousand_items_are_taken(client):
    items = [{"name": f"Part {n}", "quantity": 1, "price": "0.10"} for n in range(MAX_ITEMS)]
    case = await new_case(client, items=items)
    assert len(case["items"]) == MAX_ITEMS


async def test_exports_carry_the_items(client):
    case = await new_case(client, items=[BLANKET, PILLOW])
    exported = await (await client.get("/api/v1/export.json")).json()
    assert exported["cases"][0]["items"] == [BLANKET, PILLOW]
    rows = list(csv.DictReader(io.StringIO(await (await client.get("/api/v1/export.csv")).text())))
    assert rows[0]["items"] == "2 × Merino Wool Throw Blanket (Charcoal / Queen); 1 × Linen Pillow Cover"
    assert rows[0]["product"] == case["product"]

    url = f"/api/v1/cases/{case['id']}"
    markdown = await (await client.get(f"{url}/dossier.md")).text()
    assert "## What was bought" in markdown
    assert "| Merino Wool Throw Blanket | Charcoal / Queen | 2 | 98.00 USD |" in markdown
    assert "| Linen Pillow Cover |  | 1 | 24.50 USD |" in markdown
    dossier = await (await client.get(f"{url}/dossier.json")).json()
    assert dossier["items"] == [BLANKET, PILLOW]


async def test_a_case_without_items_has_no_items_section_or_cell(client):
    case = await new_case(client)
    rows = list(csv.DictReader(io.StringIO(await (await client.get("/api/v1/export.csv")).text())))
    assert rows[0]["items"] == ""
    markdown = await (await client.get(f"/api/v1/cases/{case['id']}/dossier.md")).text()
    assert "What was bought" not in markdown


def test_the_csv_summary_is_bounded_at_an_item():
    items = [{"name": f"Replacement part number {n}", "quantity": n % 3 + 1} for n in range(MAX_ITEMS)]
    summary = items_summary(items)
    assert len(summary) <= 500
    assert summary.startswith("1 × Replacement part number 0; 2 × Replacement part number 1; ")
    shown = summary.count("×")
    assert summary.endswith(f"; and {MAX_ITEMS - shown} more")
    assert items_summary([{"name": "x" * 2000}]) == "x" * 499 + "…"
    assert (
        items_summary([{"name": "Flour", "quantity": 1.25, "variant": "Type 550"}])
        == "1.25 × Flour (Type 550)"
    )
    assert items_summary(None) == ""
