"""The one error shape every endpoint answers with: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

import msgspec
from aiohttp import web


class ApiError(Exception):
    """An error a client caused or should know about; rendered by the error middleware."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        fields: dict[str, str] | None = None,
        status: int | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code
        self.headers = headers or {}


class BadRequest(ApiError):
    status, code = 400, "bad_request"


class InvalidJSON(ApiError):
    status, code = 400, "invalid_json"


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotFound(ApiError):
    status, code = 404, "not_found"


class Conflict(ApiError):
    status, code = 409, "conflict"


class PayloadTooLarge(ApiError):
    status, code = 413, "payload_too_large"


class UnsupportedMediaType(ApiError):
    status, code = 415, "unsupported_media_type"


class ValidationFailed(ApiError):
    status, code = 422, "validation_failed"


class TooManyRequests(ApiError):
    status, code = 429, "too_many_requests"


class StorageUnavailable(ApiError):
    status, code = 503, "storage_unavailable"


class InsufficientStorage(ApiError):
    status, code = 507, "insufficient_storage"


def error_body(status_code: str, message: str, fields: dict[str, str] | None = None) -> bytes:
    return msgspec.json.encode({"error": {"code": status_code, "message": message, "fields": fields or {}}})


def error_response(err: ApiError) -> web.Response:
    return web.Response(
        status=err.status,
        body=error_body(err.code, err.message, err.fields),
        content_type="application/json",
        headers=err.headers,
    )
