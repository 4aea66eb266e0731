"""The stored documents: what a case holds, validated by msgspec.

The stored Case is the one source of truth for what a case holds; the API's case view
(server/api/schemas.py) extends it with what is computed when it is read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec
from msgspec import Meta, Struct, field

from .fields import (
    MAX_ITEMS,
    Body,
    CapturedFrom,
    Channel,
    ChargeType,
    CurrencyCode,
    Direction,
    Domain,
    Email,
    HttpUrl,
    ItemName,
    Money,
    Name,
    OrderNumber,
    PlanTerm,
    PurchaseSource,
    Quantity,
    Reason,
    Reference,
    ShortText,
    Summary,
    Variant,
    WindowDays,
)
from .status import StatusName


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
