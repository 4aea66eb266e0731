"""The OpenAPI 3 document, generated from a route table (server/routes.py) and the msgspec
Structs it names (server/api/schemas.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import msgspec

from . import __version__
from .api.schemas import CaseSummary, Error

if TYPE_CHECKING:
    from .routes import Route

JSON = "application/json"


_COMMON_ERRORS = {
    400: "Malformed request",
    401: "Missing or invalid token",
    403: "Refused (web origin, host or local-only)",
    413: "Body too large",
    415: "Body is not JSON",
    422: "A field is not valid",
}


# Described though no route answers with it alone: GET /api/v1/cases?view=summary's cases.
_ALSO_DESCRIBED = (CaseSummary,)


def build_document(routes: Iterable[Route]) -> dict[str, Any]:
    routes = tuple(routes)
    bodies = [r.body for r in routes if r.body is not None]
    answers = [shape for r in routes for (_, shape) in r.responses.values() if shape is not None]
    shapes = list(dict.fromkeys([*bodies, Error, *_ALSO_DESCRIBED, *answers]))
    (_, components) = msgspec.json.schema_components(shapes, ref_template="#/components/schemas/{name}")
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Refund Tracker local API",
            "version": __version__,
            "description": "Loopback-only API of the Refund Tracker server. Every call but "
            "health, pair and this document needs 'Authorization: Bearer <token>'.",
        },
        "servers": [{"url": "http://127.0.0.1:41731"}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _operation(route: Route) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": route.handler.__name__,
        "summary": route.summary,
        "tags": [route.tag],
        "responses": {},
    }
    if route.auth in ("token", "token_or_first_message"):
        op["security"] = [{"bearer": []}]
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in _path_params(route.path)
    ]
    for p in route.query:
        schema: dict[str, Any] = {"type": p.type}
        if p.enum:
            schema["enum"] = list(p.enum)
        params.append(
            {"name": p.name, "in": "query", "required": False, "description": p.description, "schema": schema}
        )
    if params:
        op["parameters"] = params
    if route.body is not None:
        op["requestBody"] = {
            "required": True,
            "content": {JSON: {"schema": {"$ref": f"#/components/schemas/{route.body.__name__}"}}},
        }
    for status, (description, shape) in route.responses.items():
        response: dict[str, Any] = {"description": description}
        if shape is not None:
            response["content"] = {JSON: {"schema": {"$ref": f"#/components/schemas/{shape.__name__}"}}}
        op["responses"][str(status)] = response
    error_ref = {JSON: {"schema": {"$ref": f"#/components/schemas/{Error.__name__}"}}}
    for status, description in _COMMON_ERRORS.items():
        if route.auth in ("none", "feed_secret") and status in (401, 415, 422):
            continue
        op["responses"].setdefault(str(status), {"description": description, "content": error_ref})
    return op


def _path_params(path: str) -> list[str]:
    return [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]
