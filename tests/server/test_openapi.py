"""The OpenAPI document is generated from the route table: it cannot drift from the app."""

from __future__ import annotations


async def test_document_lists_exactly_the_routes_the_app_serves(client, app):
    response = await client.get("/api/v1/openapi.json")
    assert response.status == 200
    document = await response.json()
    assert document["openapi"].startswith("3.")
    documented = {(method.upper(), path) for path, ops in document["paths"].items() for method in ops}
    served = {
        (route.method, route.resource.canonical) for route in app.router.routes() if route.method != "HEAD"
    }
    assert documented == served


async def test_every_reference_resolves_and_every_body_is_described(client):
    document = await (await client.get("/api/v1/openapi.json")).json()
    schemas = document["components"]["schemas"]

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    for ref in refs(document):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            assert op["summary"] and op["responses"], (method, path)
            if method in ("post", "patch") and path not in ("/api/v1/pairing-codes",):
                assert "requestBody" in op, (method, path)
            for name in [seg[1:-1] for seg in path.split("/") if seg.startswith("{")]:
                assert any(p["in"] == "path" and p["name"] == name for p in op["parameters"])


async def test_capture_schema_matches_the_design(client):
    document = await (await client.get("/api/v1/openapi.json")).json()
    capture = document["components"]["schemas"]["CaptureIn"]["properties"]
    for name in (
        "capture_id",
        "page_url",
        "page_title",
        "order_number",
        "order_date",
        "amount",
        "currency",
        "product",
        "account_email",
        "auto_renews",
        "renewal_date",
        "merchant_name",
        "seller_name",
        "source",
        "confidence",
        "reason",
    ):
        assert name in capture, name


async def test_the_case_patch_documents_its_check_only_mode(client):
    document = await (await client.get("/api/v1/openapi.json")).json()
    op = document["paths"]["/api/v1/cases/{case_id}"]["patch"]
    check = next(p for p in op["parameters"] if p["name"] == "check")
    assert check["in"] == "query" and check["schema"]["enum"] == ["true", "false"]
    assert "nothing is written" in check["description"]
    assert {"200", "409", "422"} <= set(op["responses"])
