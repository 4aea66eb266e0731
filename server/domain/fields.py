"""The field types of cases and API inputs, and the checks a schema cannot say (plain text,
currency codes, domains)."""

from __future__ import annotations

from typing import Annotated, Literal, overload

from msgspec import Meta, Struct, UnsetType

from .text import text_problem

# -- field types ---------------------------------------------------------------------------
Money = Annotated[
    str,
    Meta(
        pattern=r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$",
        max_length=20,
        description='A non-negative decimal with a dot, e.g. "49.95"',
        examples=["49.95"],
    ),
]
CurrencyCode = Annotated[
    str, Meta(pattern=r"^[A-Za-z]{3}$", description="An ISO 4217 currency code, e.g. USD", examples=["USD"])
]
Email = Annotated[
    str, Meta(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="An email address")
]
HttpUrl = Annotated[str, Meta(max_length=2048, pattern=r"^https?://[^\s]+$", description="An http(s) URL")]
Name = Annotated[str, Meta(min_length=1, max_length=200)]
Domain = Annotated[str, Meta(max_length=253, pattern=r"^[A-Za-z0-9.-]+$")]
ShortText = Annotated[str, Meta(max_length=300)]
OrderNumber = Annotated[str, Meta(min_length=1, max_length=100)]
Reason = Annotated[str, Meta(max_length=4000)]
Summary = Annotated[str, Meta(min_length=1, max_length=500)]
Body = Annotated[str, Meta(max_length=500_000)]
Reference = Annotated[str, Meta(max_length=200)]
CaptureId = Annotated[str, Meta(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")]
WindowDays = Annotated[int, Meta(ge=0, le=3650)]
Confidence = Annotated[float, Meta(ge=0, le=1)]
ItemName = Annotated[str, Meta(min_length=1, max_length=300)]
Variant = Annotated[str, Meta(max_length=200)]
# A count (2) or a measure (1.5 kg): a whole number stays whole in the JSON.
Quantity = Annotated[int, Meta(ge=0, le=1_000_000)] | Annotated[float, Meta(ge=0, le=1_000_000)]
MAX_ITEMS = 1000

PurchaseSource = Literal["direct", "reseller", "app_store", "isp", "retail", "other"]
CapturedFrom = Literal["extension", "manual", "import"]
Channel = Literal["email", "phone", "chat", "web_form", "letter", "note"]
Direction = Literal["outbound", "inbound", "none"]
PlanTerm = Literal["monthly", "annual", "other"]
ChargeType = Literal["new", "renewal"]


class FieldInvalid(Exception):
    """A value that has the right type but is not acceptable (raised from __post_init__)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


MULTI_LINE_FIELDS = frozenset({"reason", "status_note", "body"})


def check_plain_text(struct: Struct, prefix: str = "") -> None:
    """Raise FieldInvalid for the first text field (nested ones too) holding a character the
    one rule refuses (server/domain/text.py)."""
    for name in struct.__struct_fields__:
        value = getattr(struct, name)
        if isinstance(value, str):
            problem = text_problem(value, multi_line=name in MULTI_LINE_FIELDS)
            if problem:
                raise FieldInvalid(prefix + name, problem)
        elif isinstance(value, Struct):
            check_plain_text(value, f"{prefix}{name}.")
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, Struct):
                    check_plain_text(entry, f"{prefix}{name}[{index}].")


# Typed for both callers: a capture's currency is None when absent, a case edit's UNSET.
@overload
def check_currency(value: str | None, field_name: str = ...) -> str | None: ...
@overload
def check_currency(value: str | None | UnsetType, field_name: str = ...) -> str | None | UnsetType: ...
def check_currency(value: str | None | UnsetType, field_name: str = "currency") -> str | None | UnsetType:
    if not isinstance(value, str):
        return value
    code = value.upper()
    from .currencies import is_iso4217

    if not is_iso4217(code):
        raise FieldInvalid(field_name, f"{value!r} is not an ISO 4217 currency code (e.g. USD, EUR, GBP)")
    return code


_DOMAIN_RE = __import__("re").compile(r"^[A-Za-z0-9.-]{1,253}$")


def as_domain(host: str | None) -> str | None:
    """A host as Party.domain allows (letters, digits, dots, dashes): an internationalised
    name in its IDNA form ("bücher.de" -> "xn--bcher-kva.de"), else None (an underscore, an
    IP literal): the party is then known by name only."""
    if not host:
        return None
    if not _DOMAIN_RE.match(host):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return host if _DOMAIN_RE.match(host) else None
