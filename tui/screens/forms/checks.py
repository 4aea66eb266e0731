"""Checks a form makes before sending, worded for the user (the server checks everything again)."""

from __future__ import annotations

import re
from datetime import date

# The server's Money: a non-negative decimal with a dot and at most four decimals.
MONEY = re.compile(r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$")
MONEY_HINT = "write the amount with a dot and no currency sign, e.g. 49.95"
DATE_HINT = "write the date as YYYY-MM-DD"


def is_money(text: str) -> bool:
    return bool(MONEY.match(text.strip()))


def is_date(text: str) -> bool:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True
