"""What the API takes: request bodies, validated by msgspec and by the checks in fields.py."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, overload

from msgspec import UNSET, Meta, Struct, UnsetType

from .documents import Items, LineItem, Party, Refund
from .fields import (
    Body,
    CapturedFrom,
    CaptureId,
    Channel,
    ChargeType,
    Confidence,
    CurrencyCode,
    Direction,
    Email,
    FieldInvalid,
    HttpUrl,
    Money,
    Name,
    OrderNumber,
    PlanTerm,
    PurchaseSource,
    Reason,
    Reference,
    ShortText,
    Summary,
    WindowDays,
    check_currency,
    check_plain_text,
)
from .status import StatusName


@overload
def check_items(items: list[LineItem] | None, field_name: str = ...) -> list[LineItem] | None: ...
@overload
def check_items(
    items: list[LineItem] | None | UnsetType, field_name: str = ...
) -> list[LineItem] | None | UnsetType: ...
def check_items(
    items: list[LineItem] | None | UnsetType, field_name: str = "items"
) -> list[LineItem] | None | UnsetType:
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
        # A finite quantity (the schema bounds it) has an int exponent; "n"/"N"/"F" are NaN and inf.
        exponent = Decimal(repr(quantity)).as_tuple().exponent if isinstance(quantity, float) else 0
        if isinstance(exponent, int) and exponent < -3:
            raise FieldInvalid(f"{where}.quantity", "may have at most 3 decimals")
    return items or None


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
        self.currency = check_currency(self.currency)
        self.items = check_items(self.items)


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
        self.currency = check_currency(self.currency)
        self.items = check_items(self.items)


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
    at: (
        Annotated[
            datetime,
            Meta(
                description="When it happened (default: now); a time without an offset "
                "is the settings' time zone. Stored in UTC."
            ),
        ]
        | UnsetType
    ) = UNSET
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
    locale: (
        Annotated[str, Meta(max_length=35, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")]
        | None
        | UnsetType
    ) = UNSET
    subdivision: Annotated[str, Meta(pattern=r"^[A-Za-z0-9]{1,5}$")] | None | UnsetType = UNSET
    timezone: Annotated[str, Meta(max_length=64, pattern=r"^[A-Za-z0-9_+/-]+$")] | None | UnsetType = UNSET
    # Signs the letters: one line, under the one rule for text (check_plain_text).
    name: Annotated[str, Meta(min_length=1, max_length=120)] | None | UnsetType = UNSET
    # Reminders on the desktop (on unless turned off) and, opt-in, pushed to these apprise URLs
    # (ntfy://, tgram://, mailto://, ...; checked by the service: server/notify/push.py).
    desktop_notifications: bool | UnsetType = UNSET
    push_urls: (
        Annotated[
            list[Annotated[str, Meta(min_length=1, max_length=500, pattern=r"^[^\x00-\x20\x7f-\x9f]+$")]],
            Meta(max_length=5),
        ]
        | UnsetType
    ) = UNSET

    def __post_init__(self) -> None:
        check_plain_text(self)
        if isinstance(self.name, str):
            self.name = self.name.strip() or None
        if isinstance(self.country, str):
            from .countries import is_iso3166

            if not is_iso3166(self.country):
                raise FieldInvalid(
                    "country", f"{self.country!r} is not an ISO 3166 country code such as DE, FR or US"
                )
        if isinstance(self.timezone, str):
            from .zones import is_zone_name

            if not is_zone_name(self.timezone):
                raise FieldInvalid(
                    "timezone",
                    f"{self.timezone!r} is not a time zone such as Europe/Berlin or America/New_York",
                )
