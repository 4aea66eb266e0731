"""The shapes of the data: stored documents and API inputs, validated by msgspec.

The stored Case is the one source of truth for what a case holds; the OpenAPI document
is generated from these same Structs.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType, field

from .status import StatusName
from .text import text_problem

# -- field types ---------------------------------------------------------------------------
Money = Annotated[str, Meta(
    pattern=r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$", max_length=20,
    description='A non-negative decimal with a dot, e.g. "49.95"', examples=["49.95"])]
CurrencyCode = Annotated[str, Meta(
    pattern=r"^[A-Za-z]{3}$", description="An ISO 4217 currency code, e.g. USD", examples=["USD"])]
Email = Annotated[str, Meta(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                            description="An email address")]
HttpUrl = Annotated[str, Meta(max_length=2048, pattern=r"^https?://[^\s]+$",
                              description="An http(s) URL")]
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


def check_currency(value: str | None | UnsetType, field_name: str = "currency") -> str | None | UnsetType:
    if not isinstance(value, str):
        return value
    code = value.upper()
    from .currencies import is_iso4217

    if not is_iso4217(code):
        raise FieldInvalid(field_name, f"{value!r} is not an ISO 4217 currency code (e.g. USD, EUR, GBP)")
    return code


# -- stored documents ----------------------------------------------------------------------
class Party(Struct, forbid_unknown_fields=True):
    """A company in the case: the vendor, or the seller (merchant of record, reseller, store)."""

    name: Name
    domain: Domain | None = None


class PolicyRef(Struct, forbid_unknown_fields=True):
    """Which catalog rule applies, plus the user's overrides (None: not overridden)."""

    rule_id: str | None = None
    window_days: WindowDays | None = None
    deadline: date | None = None


class StatusChange(Struct):
    at: datetime
    to: StatusName
    from_: StatusName | None = field(default=None, name="from")
    note: Reason | None = None


class Communication(Struct):
    id: str
    at: datetime
    channel: Channel
    direction: Direction
    summary: Summary
    body: Body | None = None
    reference: Reference | None = None
    contact: ShortText | None = None
    logged_at: datetime | None = None


class LineItem(Struct, forbid_unknown_fields=True, kw_only=True):
    """One line of the order as the page printed it; ``price`` is the line's total, in the
    order's currency."""

    name: ItemName
    variant: Variant | None = None
    quantity: Quantity | None = None
    price: Money | None = None


Items = Annotated[list[LineItem], Meta(max_length=MAX_ITEMS)]


def check_items(items: list[LineItem] | None | UnsetType, field_name: str = "items") -> list[LineItem] | None | UnsetType:
    """What a schema cannot say about line items; an empty list is "not known" (None)."""
    if not isinstance(items, list):
        return items
    for index, item in enumerate(items):
        where = f"{field_name}[{index}]"
        if not item.name.strip():
            raise FieldInvalid(f"{where}.name", "must not be blank")
        if item.variant is not None and not item.variant.strip():
            item.variant = None
        quantity = item.quantity
        if isinstance(quantity, float) and Decimal(repr(quantity)).as_tuple().exponent < -3:
            raise FieldInvalid(f"{where}.quantity", "may have at most 3 decimals")
    return items or None


class Refund(Struct, forbid_unknown_fields=True):
    amount: Money | None = None
    date: date | None = None
    method: ShortText | None = None


class CaptureRecord(Struct):
    """One capture that created or was merged into the case."""

    capture_id: str
    at: datetime
    source: ShortText | None = None
    confidence: float | None = None
    page_url: HttpUrl | None = None


class Case(Struct, kw_only=True):
    id: str
    created_at: datetime
    updated_at: datetime
    vendor: Party | None = None
    seller: Party | None = None
    purchase_source: PurchaseSource | None = None
    product: ShortText | None = None
    # Every line of the order, in page order (None: not known).
    items: Items | None = None
    plan: ShortText | None = None
    plan_term: PlanTerm | None = None
    charge_type: ChargeType | None = None
    order_number: OrderNumber | None = None
    order_date: date | None = None
    delivery_date: date | None = None
    statement_date: date | None = None
    amount: Money | None = None
    currency: CurrencyCode | None = None
    account_email: Email | None = None
    payment_method: ShortText | None = None
    auto_renews: bool | None = None
    renewal_date: date | None = None
    page_url: HttpUrl | None = None
    page_title: ShortText | None = None
    captured_from: CapturedFrom = "manual"
    reason: Reason | None = None
    policy: PolicyRef = msgspec.field(default_factory=PolicyRef)
    status: StatusName = "captured"
    status_history: list[StatusChange] = []
    communications: list[Communication] = []
    follow_up_on: date | None = None
    # The logged email or letter the user marked as the proof of purchase (its id).
    proof_of_purchase: str | None = None
    refund: Refund | None = None
    captures: list[CaptureRecord] = []
    archived_at: datetime | None = None
    # Counts the case's saved changes: clients keep the copy with the higher revision.
    revision: int = 0


class CaseSummary(Struct):
    """The fields a board shows (GET /api/v1/cases?view=summary)."""

    id: str
    status: str
    status_label: str
    vendor: Party | None
    seller: Party | None
    product: str | None
    order_number: str | None
    order_date: date | None
    amount: str | None
    currency: str | None
    deadline: date | None
    days_left: int | None
    window_state: str
    window_used: float | None
    escalation_deadline: date | None
    follow_up_on: date | None
    is_open: bool
    archived_at: str | None
    updated_at: str
    revision: int
    page_domain: str | None  # the shop's site (page_url's registrable domain, else its host), None for mailboxes


SUMMARY_FIELDS = tuple(CaseSummary.__struct_fields__)


# -- API inputs ----------------------------------------------------------------------------
class CaptureIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """What the extension found on an order page, plus the user's edits."""

    capture_id: CaptureId
    page_url: HttpUrl | None = None
    page_title: ShortText | None = None
    order_number: OrderNumber | None = None
    order_date: date | None = None
    amount: Money | None = None
    currency: CurrencyCode | None = None
    product: ShortText | None = None
    items: Items | None = None
    plan: ShortText | None = None
    account_email: Email | None = None
    payment_method: ShortText | None = None
    auto_renews: bool | None = None
    renewal_date: date | None = None
    merchant_name: Name | None = None
    seller_name: Name | None = None
    source: ShortText | None = None
    confidence: Confidence | None = None
    reason: Reason | None = None

    def __post_init__(self) -> None:
        check_plain_text(self)
        self.currency = check_currency(self.currency)  # type: ignore[assignment]
        self.items = check_items(self.items)  # type: ignore[assignment]


class CaseFields(Struct, forbid_unknown_fields=True, kw_only=True):
    """The facts of a case a user may set by hand (create) or edit (patch).

    Every field defaults to UNSET: absent means "leave as is", null means "clear".
    """

    vendor: Party | None | UnsetType = UNSET
    seller: Party | None | UnsetType = UNSET
    purchase_source: PurchaseSource | None | UnsetType = UNSET
    product: ShortText | None | UnsetType = UNSET
    items: Items | None | UnsetType = UNSET
    plan: ShortText | None | UnsetType = UNSET
    plan_term: PlanTerm | None | UnsetType = UNSET
    charge_type: ChargeType | None | UnsetType = UNSET
    order_number: OrderNumber | None | UnsetType = UNSET
    order_date: date | None | UnsetType = UNSET
    delivery_date: date | None | UnsetType = UNSET
    statement_date: date | None | UnsetType = UNSET
    amount: Money | None | UnsetType = UNSET
    currency: CurrencyCode | None | UnsetType = UNSET
    account_email: Email | None | UnsetType = UNSET
    payment_method: ShortText | None | UnsetType = UNSET
    auto_renews: bool | None | UnsetType = UNSET
    renewal_date: date | None | UnsetType = UNSET
    page_url: HttpUrl | None | UnsetType = UNSET
    reason: Reason | None | UnsetType = UNSET

    def __post_init__(self) -> None:
        check_plain_text(self)
        self.currency = check_currency(self.currency)  # type: ignore[assignment]
        self.items = check_items(self.items)  # type: ignore[assignment]


class CaseIn(CaseFields, kw_only=True):
    """A case added by hand (a phone or shop purchase)."""

    captured_from: CapturedFrom = "manual"


class PolicyPatch(Struct, forbid_unknown_fields=True):
    window_days: WindowDays | None | UnsetType = UNSET
    deadline: date | None | UnsetType = UNSET


class CasePatch(CaseFields, kw_only=True):
    status: StatusName | UnsetType = UNSET
    status_note: Reason | None | UnsetType = UNSET
    follow_up_on: date | None | UnsetType = UNSET
    # The id of a logged email or letter that proves the purchase; null: none marked.
    proof_of_purchase: Annotated[str, Meta(min_length=1, max_length=100)] | None | UnsetType = UNSET
    refund: Refund | None | UnsetType = UNSET
    policy: PolicyPatch | UnsetType = UNSET
    archived: bool | UnsetType = UNSET


class CommunicationIn(Struct, forbid_unknown_fields=True, kw_only=True):
    channel: Channel
    summary: Summary
    # Client-made id for safe retries (like a capture's capture_id): logging the same id
    # twice keeps one entry.
    communication_id: CaptureId | UnsetType = UNSET
    direction: Direction | UnsetType = UNSET
    at: Annotated[datetime, Meta(description="When it happened (default: now); a time without an offset "
                                 "is the settings' time zone. Stored in UTC.")] | UnsetType = UNSET
    body: Body | None = None
    reference: Reference | None = None
    contact: ShortText | None = None

    def __post_init__(self) -> None:
        check_plain_text(self)


class PairIn(Struct, forbid_unknown_fields=True):
    code: Annotated[str, Meta(min_length=1, max_length=32)]
    client_name: Annotated[str, Meta(min_length=1, max_length=100)] = "Browser extension"

    def __post_init__(self) -> None:
        check_plain_text(self)  # the name is shown in the terminal UI's header


class ReminderSnoozeIn(Struct, forbid_unknown_fields=True):
    """How many days a reminder sleeps (the TUI offers 1 and 3)."""

    days: Annotated[int, Meta(ge=1, le=30)]


class ReminderDoneIn(Struct, forbid_unknown_fields=True):
    """Nothing to say but that it is done: ``{}`` (a JSON body, as every POST has)."""


class CalendarFeedIn(Struct, forbid_unknown_fields=True):
    """A new live calendar feed; the name says which calendar app it was made for."""

    name: Annotated[str, Meta(min_length=1, max_length=100)] | None = None

    def __post_init__(self) -> None:
        check_plain_text(self)  # listed by `refunds feeds` and the terminal UI
        if self.name is not None:
            self.name = self.name.strip() or None


class SettingsPatch(Struct, forbid_unknown_fields=True, kw_only=True):
    country: Annotated[str, Meta(pattern=r"^[A-Za-z]{2}$")] | None | UnsetType = UNSET
    region: Annotated[str, Meta(pattern=r"^[A-Za-z]{2,3}$")] | None | UnsetType = UNSET
    locale: Annotated[str, Meta(max_length=35, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")] | None | UnsetType = UNSET
    subdivision: Annotated[str, Meta(pattern=r"^[A-Za-z0-9]{1,5}$")] | None | UnsetType = UNSET
    timezone: Annotated[str, Meta(max_length=64, pattern=r"^[A-Za-z0-9_+/-]+$")] | None | UnsetType = UNSET
    # Signs the letters: one line, under the one rule for text (check_plain_text).
    name: Annotated[str, Meta(min_length=1, max_length=120)] | None | UnsetType = UNSET
    # Reminders on the desktop (on unless turned off) and, opt-in, pushed to these apprise URLs
    # (ntfy://, tgram://, mailto://, ...; checked by the service: server/notify/push.py).
    desktop_notifications: bool | UnsetType = UNSET
    push_urls: Annotated[list[Annotated[str, Meta(min_length=1, max_length=500, pattern=r"^[^\x00-\x20\x7f-\x9f]+$")]],
                         Meta(max_length=5)] | UnsetType = UNSET

    def __post_init__(self) -> None:
        check_plain_text(self)
        if isinstance(self.name, str):
            self.name = self.name.strip() or None
        if isinstance(self.country, str):
            from .countries import is_iso3166

            if not is_iso3166(self.country):
                raise FieldInvalid("country", f"{self.country!r} is not an ISO 3166 country code "
                                   "such as DE, FR or US")
        if isinstance(self.timezone, str):
            from .zones import is_zone_name

            if not is_zone_name(self.timezone):
                raise FieldInvalid("timezone", f"{self.timezone!r} is not a time zone such as "
                                   "Europe/Berlin or America/New_York")


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


# -- shape checks of stored documents ------------------------------------------------------
def without_constraints(cls: type[Struct]) -> type[Struct]:
    """A copy of a Struct type that checks types and required fields but not value
    constraints (patterns, lengths, ranges).

    Stored documents are checked with it at load: a document of the wrong shape (a damaged or
    hand-edited file) would break requests, so its snapshot is treated as damaged; a value
    that an older version let through (a vendor domain with an underscore) is still data.
    """
    import types
    import typing

    made: dict[type, type] = {}

    def loosen(tp):
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is Annotated:
            return loosen(args[0])
        if isinstance(tp, type) and issubclass(tp, Struct):
            return copy(tp)
        if origin in (typing.Union, types.UnionType):
            return typing.Union[tuple(loosen(a) for a in args)]
        if origin in (list, set, frozenset, dict, tuple) and args:
            return origin[tuple(loosen(a) for a in args)]
        return tp

    def copy(struct: type) -> type:
        if struct not in made:
            fields = []
            for info in msgspec.structs.fields(struct):
                if info.default is not msgspec.NODEFAULT:
                    spec = msgspec.field(default=info.default, name=info.encode_name)
                elif info.default_factory is not msgspec.NODEFAULT:
                    spec = msgspec.field(default_factory=info.default_factory, name=info.encode_name)
                else:
                    spec = msgspec.field(name=info.encode_name)
                fields.append((info.name, loosen(info.type), spec))
            made[struct] = msgspec.defstruct(f"{struct.__name__}Shape", fields, kw_only=True)
        return made[struct]

    return copy(cls)


CaseShape = without_constraints(Case)


def check_case_shape(doc: dict) -> None:
    """Raise msgspec.ValidationError if a stored case document is not shaped like a Case."""
    msgspec.convert(doc, CaseShape)
