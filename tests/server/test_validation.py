"""Every class of bad input: a 4xx naming the field, never a 500, never a traceback, nothing written."""

from __future__ import annotations

import pytest

from server.keys import STORE

from .helpers import capture, new_case


async def assert_refused(client, app, method, path, *, status, field=None, code=None, **kwargs):
    before = app[STORE].applied_seq
    response = await client.request(method, path, **kwargs)
    text = await response.text()
    assert response.status == status, text
    body = await response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert "Traceback" not in text and 'File "' not in text
    if field is not None:
        assert field in body["error"]["fields"], body
    if code is not None:
        assert body["error"]["code"] == code
    assert app[STORE].applied_seq == before, "a refused request must not write"
    return body["error"]


async def assert_body_refused(client, app, data, **expected):
    """``assert_refused`` for a capture POSTed as raw ``data`` (bytes, a file, chunks)."""
    return await assert_refused(
        client,
        app,
        "POST",
        "/api/v1/captures",
        data=data,
        headers={"Content-Type": "application/json"},
        **expected,
    )


async def assert_edit_refused(client, app, case, edit, **expected):
    """``assert_refused`` for a PATCH of ``case`` with ``edit``."""
    return await assert_refused(client, app, "PATCH", f"/api/v1/cases/{case['id']}", json=edit, **expected)


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"not json",
        b'{"capture_id": "x",}',
        b"\xff\xfe",
        b'{"capture_id": "a" "b"}',
        pytest.param(b"", id="empty-body"),
    ],
)
async def test_invalid_json(client, app, raw):
    await assert_body_refused(client, app, raw, status=400, code="invalid_json")


@pytest.mark.parametrize("body", [[], "capture", 42, False])
async def test_body_that_is_not_an_object(client, app, body):
    await assert_refused(client, app, "POST", "/api/v1/captures", json=body, status=422)


@pytest.mark.parametrize(
    "field,value",
    [
        ("amount", 49.95),
        ("amount", "-5.00"),
        ("amount", "49,95"),
        ("amount", "1e9"),
        ("amount", ""),
        ("currency", "US"),
        ("currency", "XYZ"),
        ("currency", 840),
        ("order_date", "2026-02-30"),
        ("order_date", "20/11/2026"),
        ("order_date", "2026-13-01"),
        ("order_date", "2031-01-01"),
        ("renewal_date", "2025-01-01"),
        ("account_email", "not-an-email"),
        ("page_url", "javascript:alert(1)"),
        ("confidence", 1.5),
        ("auto_renews", "yes"),
        ("order_number", ""),
        ("order_number", "x" * 101),
        ("product", "p" * 301),
        ("capture_id", "has spaces"),
        ("capture_id", ""),
    ],
)
async def test_bad_capture_field_is_named(client, app, field, value):
    await assert_refused(
        client,
        app,
        "POST",
        "/api/v1/captures",
        json=capture(**{field: value}),
        status=422,
        field=field,
        code="validation_failed",
    )


async def test_unknown_field_is_named(client, app):
    await assert_refused(
        client, app, "POST", "/api/v1/captures", json=capture(total="49.95"), status=422, field="total"
    )


async def test_missing_required_field_is_named(client, app):
    body = capture()
    del body["capture_id"]
    await assert_refused(client, app, "POST", "/api/v1/captures", json=body, status=422, field="capture_id")


@pytest.mark.parametrize(
    ("edit", "status", "field", "code"),
    [
        pytest.param({"refund": {"amount": "-1"}}, 422, "refund.amount", None, id="nested-field-path"),
        pytest.param({"vendor": {"name": "X", "rating": 5}}, 422, "vendor.rating", None, id="nested-unknown"),
        pytest.param({"status": "teleported"}, 422, "status", None, id="unknown-status"),
        pytest.param({"status": "approved"}, 409, "status", "invalid_transition", id="invalid-transition"),
    ],
)
async def test_a_refused_edit_names_its_field(client, app, edit, status, field, code):
    case = await new_case(client)
    await assert_edit_refused(client, app, case, edit, status=status, field=field, code=code)


async def test_a_bad_field_in_a_patch_writes_none_of_the_good_ones(client, app):
    case = await new_case(client)
    await assert_edit_refused(
        client, app, case, {"reason": "fine", "amount": "-3"}, status=422, field="amount"
    )
    assert (await (await client.get(f"/api/v1/cases/{case['id']}")).json())["case"]["reason"] is None


@pytest.mark.parametrize(
    "body,field",
    [
        ({"channel": "pigeon", "summary": "x"}, "channel"),
        ({"channel": "email"}, "summary"),
        ({"channel": "email", "summary": ""}, "summary"),
        ({"channel": "email", "summary": "x", "at": "yesterday"}, "at"),
        ({"channel": "email", "summary": "x", "at": "2027-06-01T10:00:00Z"}, "at"),
        ({"channel": "email", "summary": "x", "direction": "sideways"}, "direction"),
    ],
)
async def test_bad_communication(client, app, body, field):
    case = await new_case(client)
    await assert_refused(
        client, app, "POST", f"/api/v1/cases/{case['id']}/communications", json=body, status=422, field=field
    )


async def test_manual_case_needs_a_vendor_or_product(client, app):
    await assert_refused(
        client, app, "POST", "/api/v1/cases", json={"order_number": "1"}, status=422, field="vendor"
    )


async def test_amount_without_currency_on_a_manual_case(client, app):
    await assert_refused(
        client,
        app,
        "POST",
        "/api/v1/cases",
        json={"vendor": {"name": "Shop"}, "amount": "10.00"},
        status=422,
        field="currency",
    )


@pytest.mark.parametrize(
    "query,field",
    [
        ("due_within=soon", "due_within"),
        ("due_within=-1", "due_within"),
        ("status=lost", "status"),
        ("archived=maybe", "archived"),
        ("limit=0", "limit"),
        ("view=everything", "view"),
    ],
)
async def test_bad_query_parameters(client, app, query, field):
    await assert_refused(client, app, "GET", f"/api/v1/cases?{query}", status=400, field=field)


async def test_oversized_body(client, app):
    import io
    import json

    huge = io.BytesIO(json.dumps(capture(reason="x" * 2_000_000)).encode())
    await assert_body_refused(client, app, huge, status=413, code="payload_too_large")


async def test_oversized_chunked_body(client, app):
    async def chunks():
        for _ in range(40):
            yield b"x" * 65536

    await assert_body_refused(client, app, chunks(), status=413)


async def test_deeply_nested_json(client, app):
    body = b'{"capture_id": "x", "reason": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    await assert_body_refused(client, app, body, status=422, field="reason")


async def test_wrong_method_is_405_json(client, app):
    await assert_refused(client, app, "PUT", "/api/v1/captures", json={}, status=405)


async def test_unknown_path_is_404_json(client, app):
    await assert_refused(client, app, "GET", "/api/v1/nothing-here", status=404)


# A web page decides what the extension captures, and the terminal UI shows it: an escape
# sequence could drive the user's terminal (OSC 52 writes the clipboard), a bidi override makes
# an order number read as another one.
HOSTILE_TEXT = [
    "Maximum\x1b]52;c;ZXZpbA==\x07Security",
    "Norton\x9b31m",
    "1673948\u202e0122",
    "Trend\u2066Micro",
    "Line\nbreak",
    "Tab\tbed",
    "Bell\x07",
    "Null\x00",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
async def test_control_characters_in_a_capture_are_refused_by_field(client, app, text):
    error = await assert_refused(
        client, app, "POST", "/api/v1/captures", status=422, field="product", json=capture(product=text)
    )
    assert "control characters" in error["fields"]["product"]


@pytest.mark.parametrize("text", HOSTILE_TEXT[:4])
async def test_control_characters_anywhere_a_client_writes_text_are_refused(client, app, text):
    case = await new_case(client)
    base = f"/api/v1/cases/{case['id']}"
    await assert_refused(
        client,
        app,
        "POST",
        "/api/v1/cases",
        status=422,
        field="order_number",
        json={"product": "Phone", "order_number": text},
    )
    await assert_refused(
        client, app, "PATCH", base, status=422, field="vendor.name", json={"vendor": {"name": text}}
    )
    await assert_refused(client, app, "PATCH", base, status=422, field="reason", json={"reason": text})
    await assert_refused(
        client,
        app,
        "POST",
        f"{base}/communications",
        status=422,
        field="summary",
        json={"channel": "email", "summary": text},
    )
    await assert_refused(
        client,
        app,
        "POST",
        f"{base}/communications",
        status=422,
        field="body",
        json={"channel": "email", "summary": "Reply", "body": text},
    )
    await assert_refused(
        client,
        app,
        "POST",
        "/api/v1/pair",
        status=422,
        field="client_name",
        json={"code": "ABCD-EFGH", "client_name": text},
    )


async def test_line_breaks_and_tabs_are_fine_in_bodies_and_reasons(client, app):
    case = await new_case(client)
    response = await client.post(
        f"/api/v1/cases/{case['id']}/communications",
        json={
            "channel": "chat",
            "summary": "Chat with support",
            "body": "Agent: Hello\r\nMe:\tI want a refund\nAgent: Done \u05e9\u05dc\u05d5\u05dd",
        },
    )
    assert response.status == 201, await response.text()
    patched = await client.patch(
        f"/api/v1/cases/{case['id']}", json={"reason": "Bought twice.\nSee order 2."}
    )
    assert patched.status == 200


@pytest.mark.parametrize(
    "body, field, words",
    [
        (
            {"channel": "email", "summary": "x", "reference": "r" * 250},
            "reference",
            "must be at most 200 characters",
        ),
        ({"channel": "email", "summary": ""}, "summary", "must not be empty"),
        ({"channel": "email", "summary": "x", "at": "yesterday"}, "at", "must be a date and time such as"),
        ({"channel": "fax", "summary": "x"}, "channel", "'fax' is not one of the allowed values"),
    ],
)
async def test_errors_are_in_words_not_in_the_validators_jargon(client, app, body, field, words):
    case = await new_case(client)
    error = await assert_refused(
        client, app, "POST", f"/api/v1/cases/{case['id']}/communications", json=body, status=422, field=field
    )
    assert error["fields"][field].startswith(words)
    assert "str" not in error["fields"][field] and "RFC3339" not in error["fields"][field]


@pytest.mark.parametrize(
    "path,body,field,words",
    [
        (
            "/api/v1/cases",
            {"vendor": {"name": "Shop"}, "order_date": "2026-02-30"},
            "order_date",
            "not a date (February has 28 days in 2026)",
        ),
        (
            "/api/v1/cases",
            {"vendor": {"name": "Shop"}, "statement_date": "2026-04-31"},
            "statement_date",
            "not a date (April has 30 days)",
        ),
        (
            "/api/v1/cases",
            {"vendor": {"name": "Shop"}, "delivery_date": "2026-13-01"},
            "delivery_date",
            "not a date (there is no month 13: months go from 01 to 12)",
        ),
        (
            "/api/v1/cases",
            {"vendor": {"name": "Shop"}, "renewal_date": "20/11/2026"},
            "renewal_date",
            "write the date as YYYY-MM-DD, e.g. 2026-11-20",
        ),
    ],
)
async def test_a_date_that_is_no_date_says_why_as_the_forms_do(client, app, path, body, field, words):
    from tui.screens.forms.checks import date_problem

    error = await assert_refused(client, app, "POST", path, json=body, status=422, field=field)
    assert error["fields"][field] == words == date_problem(body[field])


async def test_a_statement_date_before_the_order_or_in_the_future_is_refused(client, app):
    case = await new_case(client, order_date="2026-11-20")
    error = await assert_refused(
        client,
        app,
        "PATCH",
        f"/api/v1/cases/{case['id']}",
        json={"statement_date": "2026-11-19"},
        status=422,
        field="statement_date",
    )
    assert error["fields"]["statement_date"] == "is before the order date"
    await assert_refused(
        client,
        app,
        "PATCH",
        f"/api/v1/cases/{case['id']}",
        json={"statement_date": "2099-01-01"},
        status=422,
        field="statement_date",
    )
    response = await client.patch(f"/api/v1/cases/{case['id']}", json={"statement_date": "2026-11-25"})
    assert response.status == 200
    assert (await response.json())["case"]["statement_date"] == "2026-11-25"
