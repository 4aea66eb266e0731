"""Checks a form makes before sending, worded for the user (the server checks everything again,
and says the same of a date: both use server.policies.dates.date_problem)."""

from __future__ import annotations

import re

from server.policies.dates import date_problem

# The server's Money: a non-negative decimal with a dot and at most four decimals
# (server/domain/models.py; tests/server/test_parity.py holds the two together).
MONEY = re.compile(r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$")
MONEY_HINT = "write the amount with a dot and no currency sign, e.g. 49.95"

__all__ = ["MONEY_HINT", "date_problem", "is_date", "is_money"]


def is_money(text: str) -> bool:
    return bool(MONEY.match(text.strip()))


def is_date(text: str) -> bool:
    return date_problem(text) is None
