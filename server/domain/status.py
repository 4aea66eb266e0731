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

# status -> (short name, what moving to it means): the words a screen shows beside the table.
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "captured": ("Captured", "reopen: you want a refund after all"),
    "requested": ("Requested", "you asked for the refund (form, phone, chat or email)"),
    "acknowledged": ("Acknowledged", "they confirmed they have your request"),
    "approved": ("Approved", "they agreed to refund; the money is not back yet"),
    "refunded": ("Refunded", "the money is back: amount, date and method"),
    "denied": ("Denied", "they refused"),
    "escalated": ("Escalated", "taken to your card issuer (chargeback) or a consumer agency"),
    "kept": ("Kept", "you keep it; no refund wanted"),
    "closed": ("Closed", "stop working on this case"),
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
OPEN_STATUSES = frozenset(name for name, (_, _, is_open) in STATUS_TABLE.items() if is_open)


def allowed_next(status: str) -> tuple[str, ...]:
    return STATUS_TABLE[status][1]


def can_move(current: str, new: str) -> bool:
    return new in STATUS_TABLE[current][1]


def label(status: str) -> str:
    return STATUS_TABLE[status][0]


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def is_disputing(status: str) -> bool:
    return status in DISPUTING


def table_as_json() -> list[dict[str, object]]:
    return [
        {"status": name, "label": lbl, "next": list(nxt), "open": is_open_}
        for name, (lbl, nxt, is_open_) in STATUS_TABLE.items()
    ]


def words_as_json() -> dict[str, object]:
    """The words beside the table: each status's short name and help line, and which dispute."""
    return {
        "short": {name: short for name, (short, _) in STATUS_WORDS.items()},
        "help": {name: line for name, (_, line) in STATUS_WORDS.items()},
        "disputing": [name for name in STATUS_TABLE if name in DISPUTING],
    }
