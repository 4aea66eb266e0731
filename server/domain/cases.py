"""Pure rules that make and edit cases: no I/O, no clock (``now``/``today`` are parameters)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import msgspec
from msgspec import UNSET, structs

from . import status as status_machine
from .documents import CaptureRecord, Case, Communication, LineItem, Party, PolicyRef, Refund, StatusChange
from .fields import FieldInvalid, PurchaseSource
from .inputs import CaptureIn, CaseFields, CaseIn, CasePatch, CommunicationIn

# Fields a capture may fill in on a case (capture field -> case field).
CAPTURE_FIELDS = (
    "page_url",
    "page_title",
    "order_number",
    "order_date",
    "amount",
    "currency",
    "product",
    "items",
    "plan",
    "account_email",
    "payment_method",
    "auto_renews",
    "renewal_date",
    "reason",
)
# Fields a merged capture replaces when it brings them, rather than only filling a blank: a
# page listing the order's lines is a fuller record of what was bought than an older one.
REPLACED_BY_CAPTURE = frozenset({"items"})

EDITABLE_FIELDS = tuple(CaseFields.__struct_fields__)

# An order dated after tomorrow is a typo (tomorrow allows for time zones).
FUTURE_SLACK = timedelta(days=1)


class TransitionNotAllowed(Exception):
    def __init__(self, current: str, requested: str) -> None:
        allowed = status_machine.allowed_next(current)
        options = ", ".join(allowed) if allowed else "none (it is final)"
        super().__init__(f"A case that is {current!r} cannot move to {requested!r}; allowed: {options}.")
        self.current = current
        self.requested = requested
        self.allowed = allowed


FollowUpRule = Callable[[Case, str, date], "date | None"]


def order_key(vendor: Party | None, order_number: str | None) -> tuple[str, str] | None:
    """The identity of an order: the same vendor and order number are the same purchase."""
    if vendor is None or not order_number:
        return None
    return (vendor.name.casefold().strip(), "".join(order_number.split()).casefold())


def order_key_of(doc: dict[str, Any]) -> list[tuple[str, str]]:
    vendor = doc.get("vendor")
    key = order_key(Party(vendor["name"]) if vendor else None, doc.get("order_number"))
    return [key] if key else []


def capture_ids_of(doc: dict[str, Any]) -> list[str]:
    return [c["capture_id"] for c in doc.get("captures", ())]


def request_sent(case: Case) -> Communication | None:
    """The first message sent to the other side since the case was captured (or reopened)."""
    since = max(
        (c.at for c in case.status_history if c.to == status_machine.INITIAL_STATUS and c.from_ is not None),
        default=None,
    )
    sent = [
        c
        for c in case.communications
        if c.direction == "outbound" and c.channel != "note" and (since is None or c.at >= since)
    ]
    return min(sent, key=lambda c: c.at, default=None)


def check_refund(case: Case, refund: Refund, today: date) -> None:
    if refund.date is not None:
        if refund.date > today + FUTURE_SLACK:
            raise FieldInvalid(
                "refund.date", f"{refund.date.isoformat()} is in the future: log a refund once it has arrived"
            )
        if case.order_date and refund.date < case.order_date:
            raise FieldInvalid("refund.date", "is before the order date")
    if (
        refund.amount is not None
        and case.amount is not None
        and Decimal(refund.amount) > Decimal(case.amount)
    ):
        paid = f"{case.amount} {case.currency}" if case.currency else case.amount
        raise FieldInvalid("refund.amount", f"is more than the {paid} paid")


PROOF_CHANNELS = ("email", "letter")


def check_proof(case: Case, communication_id: str) -> None:
    """Only a logged email or letter can be the proof of purchase."""
    entry = find_communication(case, communication_id)
    if entry is None:
        raise FieldInvalid(
            "proof_of_purchase", f"no communication {communication_id!r} is logged on this case"
        )
    if entry.channel not in PROOF_CHANNELS:
        raise FieldInvalid("proof_of_purchase", "only a logged email or letter can prove the purchase")


def check_facts(case: Case, today: date) -> None:
    """Cross-field checks a schema cannot express."""
    if case.order_date and case.order_date > today + FUTURE_SLACK:
        raise FieldInvalid("order_date", f"{case.order_date.isoformat()} is in the future")
    if case.order_date and case.renewal_date and case.renewal_date < case.order_date:
        raise FieldInvalid("renewal_date", "is before the order date")
    if case.order_date and case.delivery_date and case.delivery_date < case.order_date:
        raise FieldInvalid("delivery_date", "is before the order date")
    if case.order_date and case.statement_date and case.statement_date < case.order_date:
        raise FieldInvalid("statement_date", "is before the order date")
    if case.statement_date and case.statement_date > today + FUTURE_SLACK:
        raise FieldInvalid("statement_date", f"{case.statement_date.isoformat()} is in the future")
    if case.amount is not None and case.currency is None and case.captured_from == "manual":
        raise FieldInvalid("currency", "is needed with an amount")


def new_case_from_capture(
    capture: CaptureIn,
    *,
    case_id: str,
    now: datetime,
    today: date,
    vendor: Party | None,
    seller: Party | None,
    purchase_source: PurchaseSource | None,
    rule_id: str | None,
) -> Case:
    case = Case(
        id=case_id,
        created_at=now,
        updated_at=now,
        vendor=vendor,
        seller=seller,
        purchase_source=purchase_source,
        captured_from="extension",
        policy=PolicyRef(rule_id=rule_id),
        status_history=[StatusChange(at=now, to=status_machine.INITIAL_STATUS)],
        captures=[_capture_record(capture, now)],
        **{name: getattr(capture, name) for name in CAPTURE_FIELDS},
    )
    check_facts(case, today)
    return case


def merge_capture(case: Case, capture: CaptureIn, *, now: datetime, today: date) -> Case:
    """Fill in what the case lacks from another capture of the same order; what the case
    already holds (perhaps edited by the user) wins, but for the line items (REPLACED_BY_CAPTURE),
    which a capture that lists them replaces. An archived case comes back: the user is looking
    at that order again, and the extension tells them it is tracked."""
    filled = {
        name: getattr(capture, name)
        for name in CAPTURE_FIELDS
        if getattr(capture, name) is not None and (getattr(case, name) is None or name in REPLACED_BY_CAPTURE)
    }
    merged = structs.replace(
        case,
        updated_at=now,
        archived_at=None,
        captures=[*case.captures, _capture_record(capture, now)],
        **filled,
    )
    check_facts(merged, today)
    return merged


# Capture fields not compared with the case: where the order was seen (another page of the
# same order is no disagreement), and the order number itself (it matched the case).
_NOT_COMPARED = frozenset({"page_url", "page_title", "order_number"})


def capture_differences(case: Case, capture: CaptureIn) -> list[dict[str, Any]]:
    """The facts a capture of an already tracked order states differently from its case:
    ``{"field", "case", "capture", "kept"}`` for each field both give, in CAPTURE_FIELDS order.
    ``kept`` says which value the case has now (``merge_capture``): "case" (its own), or
    "capture" for the fields a capture replaces. This is only what to tell the user."""
    differences = []
    for name in CAPTURE_FIELDS:
        if name in _NOT_COMPARED:
            continue
        held, seen = getattr(case, name), getattr(capture, name)
        if held is None or seen is None or _same_value(name, held, seen):
            continue
        differences.append(
            {
                "field": name,
                "case": held,
                "capture": seen,
                "kept": "capture" if name in REPLACED_BY_CAPTURE else "case",
            }
        )
    return differences


def _same_value(name: str, a: Any, b: Any) -> bool:
    if name == "amount":
        return Decimal(a) == Decimal(b)
    if name == "items":
        return len(a) == len(b) and all(_same_item(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) and isinstance(b, str):
        # Spacing and letter case are no disagreement ("usd", "Jordan.Lee@Example.com ").
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    return bool(a == b)


def _same_item(a: LineItem, b: LineItem) -> bool:
    return (
        _same_value("name", a.name, b.name)
        and _same_value("variant", a.variant or "", b.variant or "")
        and a.quantity == b.quantity
        and (
            a.price == b.price if a.price is None or b.price is None else Decimal(a.price) == Decimal(b.price)
        )
    )


def _capture_record(capture: CaptureIn, now: datetime) -> CaptureRecord:
    return CaptureRecord(
        capture_id=capture.capture_id,
        at=now,
        source=capture.source,
        confidence=capture.confidence,
        page_url=capture.page_url,
    )


def new_case_by_hand(
    data: CaseIn, *, case_id: str, now: datetime, today: date, rule_id: str | None, defaults: dict[str, Any]
) -> Case:
    """A case typed in by the user; ``defaults`` (resolved vendor/seller) fill what was left out."""
    given = {name: value for name in EDITABLE_FIELDS if (value := getattr(data, name)) is not UNSET}
    fields = {**{k: v for k, v in defaults.items() if v is not None}, **given}
    if fields.get("vendor") is None and not fields.get("product"):
        raise FieldInvalid("vendor", "name the vendor or the product")
    case = Case(
        id=case_id,
        created_at=now,
        updated_at=now,
        captured_from=data.captured_from,
        policy=PolicyRef(rule_id=rule_id),
        status_history=[StatusChange(at=now, to=status_machine.INITIAL_STATUS)],
        **fields,
    )
    check_facts(case, today)
    return case


def apply_patch(
    case: Case, patch: CasePatch, *, now: datetime, today: date, follow_up_rule: FollowUpRule
) -> Case:
    changes: dict[str, Any] = {
        name: value for name in EDITABLE_FIELDS if (value := getattr(patch, name)) is not UNSET
    }
    if "vendor" in changes and changes["vendor"] is None and not changes.get("product", case.product):
        raise FieldInvalid("vendor", "a case needs a vendor or a product")

    if patch.policy is not UNSET:
        policy_changes = {
            k: v for k in ("window_days", "deadline") if (v := getattr(patch.policy, k)) is not UNSET
        }
        changes["policy"] = structs.replace(case.policy, **policy_changes)

    if patch.follow_up_on is not UNSET:
        changes["follow_up_on"] = patch.follow_up_on
    if patch.proof_of_purchase is not UNSET:
        if patch.proof_of_purchase is not None:
            check_proof(case, patch.proof_of_purchase)
        changes["proof_of_purchase"] = patch.proof_of_purchase
    if patch.refund is not UNSET:
        changes["refund"] = patch.refund
        if patch.refund is not None:
            check_refund(case, patch.refund, today)
    if patch.archived is not UNSET:
        changes["archived_at"] = (case.archived_at or now) if patch.archived else None

    new_status = patch.status
    if new_status is not UNSET and new_status != case.status:
        if not status_machine.can_move(case.status, new_status):
            raise TransitionNotAllowed(case.status, new_status)
        note = patch.status_note if patch.status_note is not UNSET else None
        # Asked with a message logged earlier (a web form sent on the 20th, marked on the 26th):
        # the request, and the processing time after it, date from that message.
        sent = request_sent(case) if new_status == "requested" else None
        changed_at = min(sent.at, now) if sent is not None else now
        changes["status"] = new_status
        changes["status_history"] = [
            *case.status_history,
            StatusChange(at=changed_at, from_=case.status, to=new_status, note=note),
        ]
        if patch.follow_up_on is UNSET:
            asked_on = min(sent.at.date(), today) if sent is not None else today
            follow_up = (
                follow_up_rule(case, new_status, asked_on) if status_machine.is_open(new_status) else None
            )
            if follow_up is not None:
                changes["follow_up_on"] = follow_up
            elif not status_machine.is_open(new_status) or status_machine.is_disputing(new_status):
                changes["follow_up_on"] = None  # nothing left to chase the merchant for
        if new_status == "refunded" and patch.refund is UNSET and case.refund is None:
            changes["refund"] = Refund(amount=case.amount, date=today)
    elif patch.status_note not in (UNSET, None) and new_status is UNSET:
        raise FieldInvalid("status_note", "goes with a status change")

    if not changes or structs.replace(case, **changes) == case:
        return case  # nothing would change: nothing to save
    updated = structs.replace(case, updated_at=now, **changes)
    check_facts(updated, today)
    return updated


def find_communication(case: Case, comm_id: str) -> Communication | None:
    return next((c for c in case.communications if c.id == comm_id), None)


def add_communication(
    case: Case, entry: CommunicationIn, *, comm_id: str, now: datetime, local_tz: Any
) -> tuple[Case, Communication]:
    if entry.communication_id is not UNSET:
        comm_id = entry.communication_id
    at = entry.at if entry.at is not UNSET else now
    if at.tzinfo is None:
        at = at.replace(tzinfo=local_tz)
    at = at.astimezone(timezone.utc)  # stored as UTC; shown in the user's zone
    if at > now + timedelta(days=1):
        raise FieldInvalid("at", "is in the future: log what has happened")
    direction = (
        entry.direction
        if entry.direction is not UNSET
        else ("none" if entry.channel == "note" else "outbound")
    )
    comm = Communication(
        id=comm_id,
        at=at,
        channel=entry.channel,
        direction=direction,
        summary=entry.summary,
        body=entry.body,
        reference=entry.reference,
        contact=entry.contact,
        logged_at=now,
    )
    # Keep the log in the order things happened, whatever order they were logged in.
    log = sorted([*case.communications, comm], key=lambda c: c.at)
    return structs.replace(case, communications=log, updated_at=now), comm


def to_document(case: Case) -> dict[str, Any]:
    return msgspec.to_builtins(case)


def from_document(doc: dict[str, Any]) -> Case:
    return msgspec.convert(doc, Case)
