"""How dates, money, days left and statuses read on screen (pure functions, no Textual)."""

from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.domain.channels import CHANNEL_NAMES, contact_label  # noqa: F401 - re-exported

from . import statuses

# The server's words for channels and contacts ("Called them", "They called", "Chatted"):
# the timeline here and the dossier say the same.
CHANNEL_LABELS = CHANNEL_NAMES

BAR_CELLS = 6
_EIGHTHS = " ▏▎▍▌▋▊▉"


def status_short(status: str) -> str:
    """The board's name for a status (the server's, from GET /api/v1/statuses)."""
    return statuses.short_name(status)


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def short_date(value: str | None) -> str:
    """`2026-12-20` as `Dec 20` (the board at 80 columns)."""
    day = parse_date(value)
    return day.strftime("%b %d") if day else ""


def long_date(value: str | None) -> str:
    """`2026-12-20` as `Sun 20 Dec 2026`: unambiguous in every locale."""
    day = parse_date(value)
    return day.strftime("%a %d %b %Y") if day else "—"


def days_left_text(days_left: int | None) -> str:
    if days_left is None:
        return "no deadline"
    if days_left < 0:
        return f"{-days_left}d ago"
    if days_left == 0:
        return "today"
    return f"{days_left}d"


def days_left_sentence(days_left: int | None) -> str:
    if days_left is None:
        return "no deadline known"
    if days_left < 0:
        return f"closed {-days_left} day{'s' if days_left != -1 else ''} ago"
    if days_left == 0:
        return "closes today"
    if days_left == 1:
        return "1 day left"
    return f"{days_left} days left"


def relative_days(value: str | None, today: date | None) -> str:
    """`in 7 days`, `today`, `3 days ago` for a date, counted from the server's today."""
    day = parse_date(value)
    if day is None or today is None:
        return ""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"


def urgency(days_left: int | None, is_open: bool) -> str:
    """The colour class of a deadline: urgent, closing, open, expired, none, closed."""
    if not is_open:
        return "closed"
    if days_left is None:
        return "none"
    if days_left < 0:
        return "expired"
    if days_left <= statuses.URGENT_DAYS:
        return "urgent"
    if days_left <= statuses.closing_days():
        return "closing"
    return "open"


def window_bar(used: float | None, cells: int = BAR_CELLS) -> str:
    """How much of the refund window is used, as a bar of ``cells`` characters."""
    if used is None:
        return " " * cells
    used = min(1.0, max(0.0, used))
    eighths = round(used * cells * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full
    if full < cells:
        bar += _EIGHTHS[part] if part else ""
    return bar.ljust(cells, "·") if len(bar) < cells else bar


def money(amount: str | None, currency: str | None) -> str:
    if not amount:
        return "—"
    return f"{amount} {currency}" if currency else amount


def quantity(value: int | float | None) -> str:
    """A line item's quantity: 2 (or 2.0) as "2", 1.25 as "1.25", nothing when not known."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def party_name(party: dict[str, Any] | None) -> str:
    return (party or {}).get("name") or ""


def user_zone(settings: dict[str, Any] | None, fallback: tzinfo | None = None) -> tzinfo:
    """The time zone the user reads and types times in: the settings' zone, else ``fallback``
    (this computer's), else UTC."""
    name = (settings or {}).get("timezone")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return fallback or timezone.utc


def local_time(value: str | None, zone: tzinfo | None = None) -> str:
    """An ISO datetime as `2026-11-20 14:05` in the user's time zone (``zone``; else this
    computer's)."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.strftime("%Y-%m-%d %H:%M")


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def case_name(case: dict[str, Any]) -> str:
    """`Trend Micro · Maximum Security` (the product alone when it already names the vendor)."""
    vendor = party_name(case.get("vendor")) or party_name(case.get("seller"))
    product = case.get("product") or ""
    if not vendor:
        return product or case.get("order_number") or "Unnamed case"
    if not product:
        return vendor
    if product.casefold().startswith(vendor.casefold()):
        return product
    return f"{vendor} · {product}"
