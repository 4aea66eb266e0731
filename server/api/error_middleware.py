"""The error middleware: every failure leaves as the one JSON error shape, never a traceback."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from ..domain.cases import TransitionNotAllowed
from ..domain.fields import FieldInvalid
from ..errors import (
    ApiError,
    Conflict,
    InsufficientStorage,
    StorageUnavailable,
    ValidationFailed,
    error_body,
    error_response,
)
from ..storage import StorageError

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    411: "length_required",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


def as_api_error(exc: Exception) -> ApiError | None:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, FieldInvalid):
        return ValidationFailed(f"{exc.field}: {exc.message}", fields={exc.field: exc.message})
    if isinstance(exc, TransitionNotAllowed):
        return Conflict(
            str(exc),
            code="invalid_transition",
            fields={"status": f"allowed: {', '.join(exc.allowed) or 'none'}"},
        )
    if isinstance(exc, StorageError):
        if exc.disk_full:
            return InsufficientStorage(str(exc))
        return StorageUnavailable(str(exc))
    return None


SECURITY_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@web.middleware
async def error_middleware(request: web.Request, handler):
    response = await _render_errors(request, handler)
    if not response.prepared:
        response.headers.update(SECURITY_HEADERS)
    return response


async def _render_errors(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        reason = exc.reason
        if exc.status == 404:
            reason = "There is nothing at this path."
        elif exc.status == 405:
            reason = f"{request.method} is not allowed here."
        return web.Response(
            status=exc.status,
            content_type="application/json",
            body=error_body(_HTTP_CODES.get(exc.status, "http_error"), reason),
            headers={k: v for k, v in exc.headers.items() if k.lower() == "allow"},
        )
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        api_error = as_api_error(exc)
        if api_error is not None:
            return error_response(api_error)
        log.exception("unexpected error on %s %s", request.method, request.path)
        return web.Response(
            status=500,
            content_type="application/json",
            body=error_body(
                "internal", "Something went wrong inside the server. The server log has the details."
            ),
        )
