"""The status machine: the one table of which status may follow which.

"Window expired" is computed from the deadline, never a status.
"""

from __future__ import annotations

from typing import Literal, get_args

# status -> (label, statuses it may move to, is the case still being worked)
STATUS_TABLE: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "captured": ("Captured", ("requested", "kept"), True),
    "requested": ("Refund requested", ("acknowledged", "refunded", "denied"), True),
    "acknowledged": ("Acknowledged", ("approved", "refunded", "denied"), True),
    "approved": ("Approved", ("refunded",), True),
    # A denied user may give up rather than escalate ("closed"), ask again within the window
    # ("requested"), or be refunded after all when the merchant reverses its decision.
    "denied": ("Denied", ("escalated", "refunded", "requested", "closed"), True),
    "escalated": ("Escalated", ("refunded", "closed"), True),
    "kept": ("Kept (no refund wanted)", ("captured",), False),
    "refunded": ("Refunded", (), False),
    "closed": ("Closed", (), False),
}

# The table's statuses, in its order, written out so that a type checker can read them.
StatusName = Literal["captured", "requested", "acknowledged", "approved", "denied", "escalated", "kept",
                     "refunded", "closed"]
if get_args(StatusName) != tuple(STATUS_TABLE):
    raise AssertionError("StatusName must list STATUS_TABLE's statuses in its order")

INITIAL_STATUS: StatusName = "captured"
OPEN_STATUSES = frozenset(name for name, (_, _, is_open) in STATUS_TABLE.items() if is_open)


def allowed_next(status: str) -> tuple[str, ...]:
    return STATUS_TABLE[status][1]


def can_move(current: str, new: str) -> bool:
    return new in STATUS_TABLE[current][1]


def label(status: str) -> str:
    return STATUS_TABLE[status][0]


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def table_as_json() -> list[dict[str, object]]:
    return [{"status": name, "label": lbl, "next": list(nxt), "open": is_open_}
            for name, (lbl, nxt, is_open_) in STATUS_TABLE.items()]
