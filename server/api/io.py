"""Reading requests and writing responses: JSON bodies, query parameters, the error shape."""

from __future__ import annotations

import asyncio
import re
from typing import Any, TypeVar

import msgspec
from aiohttp import web

from ..errors import ApiError, BadRequest, InvalidJSON, PayloadTooLarge, ValidationFailed
from ..keys import CONFIG
from ..policies.dates import date_problem

T = TypeVar("T")

_encoder = msgspec.json.Encoder()

_AT_PATH = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]+)`")
_MISSING = re.compile(r"^Object missing required field `(?P<name>[^`]+)`")

# What a value must look like, said in words a user understands.
FIELD_HINTS = {
    "amount": 'must be a non-negative decimal with a dot, such as "49.95"',
    "price": 'must be a non-negative decimal with a dot, such as "49.95", or null',
    "quantity": "must be a number from 0 to 1000000, or null",
    "currency": "must be a three-letter ISO 4217 code such as USD, EUR or GBP",
    "account_email": "must be an email address",
    "page_url": "must be an http(s) URL",
    "capture_id": "must be 1-100 letters, digits, '-', '_', '.' or ':'",
    "confidence": "must be a number from 0 to 1",
    "window_days": "must be a whole number of days from 0 to 3650",
    "timezone": "must be a time zone such as Europe/Berlin or America/New_York",
    "country": "must be a two-letter country code such as DE, FR or US",
    "region": "must be a region code such as EU, UK or US",
    "locale": "must be a language and country such as de-DE or en-GB",
    "subdivision": "must be a short state or Land code such as BY or CA",
}
# msgspec's words for the other mistakes, as a user would say them.
_GENERIC = (
    (re.compile(r"^Expected `str` of length <= (\d+)$"), "must be at most {0} characters"),
    (re.compile(r"^Expected `str` of length >= 1$"), "must not be empty"),
    (re.compile(r"^Expected `str` of length >= (\d+)$"), "must be at least {0} characters"),
    (re.compile(r"^Expected `array` of length <= (\d+)$"), "may hold at most {0} items"),
    (
        re.compile(r"^Invalid RFC3339 encoded datetime$"),
        "must be a date and time such as 2026-11-20T14:30:00Z",
    ),
    (re.compile(r"^Invalid enum value '(.*)'$"), "{0!r} is not one of the allowed values"),
    (re.compile(r"^Expected `(?:int|float)` >= (\S+)$"), "must be {0} or more"),
    (re.compile(r"^Expected `(?:int|float)` <= (\S+)$"), "must be {0} or less"),
    (re.compile(r"^Expected `bool(?: \| null)?`, got `\w+`$"), "must be true or false"),
    (re.compile(r"^Expected `str(?: \| null)?`, got `\w+`$"), "must be text"),
    (re.compile(r"^Expected `(?:int|float)(?: \| null)?`, got `\w+`$"), "must be a number"),
    (re.compile(r"^Expected `object(?: \| null)?`, got `\w+`$"), "must be an object"),
    (re.compile(r"^Expected `array(?: \| null)?`, got `\w+`$"), "must be a list"),
    (re.compile(r"^Expected `str` matching regex .*$"), "is not in the expected form"),
)
_DATE_FIELDS = {
    "order_date",
    "renewal_date",
    "delivery_date",
    "statement_date",
    "follow_up_on",
    "deadline",
    "date",
}


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=_encoder.encode(data), status=status, content_type="application/json")


async def read_json(request: web.Request, model: type[T]) -> T:
    config = request.app[CONFIG]
    try:
        if request.content.is_eof():  # the body came with the headers: no need for a timer
            body = await request.read()
        else:
            async with asyncio.timeout(config.body_timeout):
                body = await request.read()
    except TimeoutError:
        raise ApiError("The request body arrived too slowly.", status=408, code="request_timeout") from None
    except web.HTTPRequestEntityTooLarge:
        raise PayloadTooLarge(f"The request body is larger than {config.max_body_bytes} bytes.") from None
    if not body.strip():
        raise InvalidJSON("The request body is empty: send a JSON object.")
    try:
        return msgspec.json.decode(body, type=model)
    except msgspec.ValidationError as exc:
        field, message = describe_validation_error(str(exc))
        message = _date_words(body, field) or message
        raise ValidationFailed(
            f"{field}: {message}" if field else message, fields={field or "body": message}
        ) from None
    except msgspec.DecodeError as exc:
        raise InvalidJSON(f"The request body is not valid JSON ({exc}).") from None


def describe_validation_error(text: str) -> tuple[str | None, str]:
    """msgspec's "Expected `int`, got `str` - at `$.refund.amount`" as ("refund.amount", words)."""
    path = None
    m = _AT_PATH.search(text)
    if m:
        path = m.group("path").lstrip(".") or None
        text = text[: m.start()]
    for pattern, words in ((_UNKNOWN, "is not a known field"), (_MISSING, "is required")):
        m2 = pattern.match(text)
        if m2:
            name = m2.group("name")
            return (f"{path}.{name}" if path else name), words
    if path is None:
        return None, _sentence(text)
    leaf = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1])
    if leaf in FIELD_HINTS and not text.startswith("Expected `null"):
        return path, FIELD_HINTS[leaf]
    if leaf in _DATE_FIELDS and ("date" in text.lower() or "str" in text):
        return path, "must be a real date written YYYY-MM-DD"
    for pattern, words in _GENERIC:
        m3 = pattern.match(text)
        if m3:
            return path, words.format(*m3.groups())
    return path, _sentence(text)


def _date_words(body: bytes, path: str | None) -> str | None:
    """For a date field holding text that is no date, why (as the terminal UI's forms say it:
    "not a date (February has 28 days in 2026)"); None for any other mistake."""
    if not path or re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1]) not in _DATE_FIELDS:
        return None
    try:
        value: Any = msgspec.json.decode(body)
        for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
            value = value[int(part[1:-1])] if part.startswith("[") else value[part]
    except (msgspec.DecodeError, KeyError, IndexError, TypeError, ValueError):
        return None
    return date_problem(value) if isinstance(value, str) else None


def _sentence(text: str) -> str:
    text = text.replace("`", "")
    return text[:1].lower() + text[1:] if text else "is not valid"


def query_int(request: web.Request, name: str, *, minimum: int = 0, maximum: int = 1_000_000) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name}: must be a whole number", fields={name: "must be a whole number"}) from None
    if not minimum <= value <= maximum:
        message = f"must be between {minimum} and {maximum}"
        raise BadRequest(f"{name}: {message}", fields={name: message})
    return value


def query_choice(request: web.Request, name: str, choices: tuple[str, ...], default: str) -> str:
    raw = request.query.get(name, default)
    if raw not in choices:
        message = f"must be one of {', '.join(choices)}"
        raise BadRequest(f"{name}: {message}", fields={name: message})
    return raw


def query_text(request: web.Request, name: str, max_length: int = 500) -> str | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    if len(raw) > max_length:
        message = f"must be at most {max_length} characters"
        raise BadRequest(f"{name}: {message}", fields={name: message})
    return raw
