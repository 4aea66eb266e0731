"""The status machine: the one table of the statuses, which may follow which, and their words.

"Window expired" is computed from the deadline, never a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args


@dataclass(frozen=True, kw_only=True)
class Status:
    label: str
    short: str  # the board's short name
    help: str  # what moving to it means: the words a screen shows beside the table
    next: tuple[str, ...]  # the statuses it may move to
    is_open: bool  # is the case still being worked


STATUS_TABLE: dict[str, Status] = {
    "captured": Status(
        label="Captured",
        short="Captured",
        help="reopen: you want a refund after all",
        next=("requested", "kept"),
        is_open=True,
    ),
    "requested": Status(
        label="Refund requested",
        short="Requested",
        help="you asked for the refund (form, phone, chat or email)",
        next=("acknowledged", "refunded", "denied"),
        is_open=True,
    ),
    "acknowledged": Status(
        label="Acknowledged",
        short="Acknowledged",
        help="they confirmed they have your request",
        next=("approved", "refunded", "denied"),
        is_open=True,
    ),
    "approved": Status(
        label="Approved",
        short="Approved",
        help="they agreed to refund; the money is not back yet",
        next=("refunded",),
        is_open=True,
    ),
    # A denied user may give up rather than escalate ("closed"), ask again within the window
    # ("requested"), or be refunded after all when the merchant reverses its decision.
    "denied": Status(
        label="Denied",
        short="Denied",
        help="they refused",
        next=("escalated", "refunded", "requested", "closed"),
        is_open=True,
    ),
    "escalated": Status(
        label="Escalated",
        short="Escalated",
        help="taken to your card issuer (chargeback) or a consumer agency",
        next=("refunded", "closed"),
        is_open=True,
    ),
    "kept": Status(
        label="Kept (no refund wanted)",
        short="Kept",
        help="you keep it; no refund wanted",
        next=("captured",),
        is_open=False,
    ),
    "refunded": Status(
        label="Refunded",
        short="Refunded",
        help="the money is back: amount, date and method",
        next=(),
        is_open=False,
    ),
    "closed": Status(
        label="Closed",
        short="Closed",
        help="stop working on this case",
        next=(),
        is_open=False,
    ),
}

# Once refused, what is left is disputing the charge: its deadline is the one that matters,
# and the merchant is no longer chased with follow-ups.
DISPUTING = frozenset({"denied", "escalated"})

# The table's statuses, in its order, written out so that a type checker can read them.
StatusName = Literal[
    "captured", "requested", "acknowledged", "approved", "denied", "escalated", "kept", "refunded", "closed"
]
if get_args(StatusName) != tuple(STATUS_TABLE):
    raise AssertionError("StatusName must list STATUS_TABLE's statuses in its order")

INITIAL_STATUS: StatusName = "captured"
OPEN_STATUSES = frozenset(name for name, status in STATUS_TABLE.items() if status.is_open)


def allowed_next(status: str) -> tuple[str, ...]:
    return STATUS_TABLE[status].next


def can_move(current: str, new: str) -> bool:
    return new in STATUS_TABLE[current].next


def label(status: str) -> str:
    return STATUS_TABLE[status].label


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def is_disputing(status: str) -> bool:
    return status in DISPUTING


def table_as_json() -> list[dict[str, object]]:
    return [
        {"status": name, "label": status.label, "next": list(status.next), "open": status.is_open}
        for name, status in STATUS_TABLE.items()
    ]


def words_as_json() -> dict[str, object]:
    """The words beside the table: each status's short name and help line, and which dispute."""
    return {
        "short": {name: status.short for name, status in STATUS_TABLE.items()},
        "help": {name: status.help for name, status in STATUS_TABLE.items()},
        "disputing": [name for name in STATUS_TABLE if name in DISPUTING],
    }
