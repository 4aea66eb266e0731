"""Line items as text: one line ("2 × Merino Wool Throw (Charcoal)") and a bounded summary of
them all, for the CSV export and the dossier. Items are stored dicts (see documents.LineItem)."""

from __future__ import annotations

from typing import Any

# A spreadsheet cell stays readable; the JSON export and the dossier have every item.
SUMMARY_MAX_CHARS = 500


def quantity_text(quantity: int | float | None) -> str | None:
    """2 -> "2", 2.0 -> "2", 1.25 -> "1.25"; None stays None."""
    if quantity is None:
        return None
    if float(quantity).is_integer():
        return str(int(quantity))
    return f"{quantity:.3f}".rstrip("0").rstrip(".")


def item_line(item: dict[str, Any]) -> str:
    """``2 × Name (Variant)``, or ``Name`` when neither quantity nor variant is known."""
    text = " ".join(str(item.get("name") or "").split())
    variant = " ".join(str(item.get("variant") or "").split())
    if variant:
        text += f" ({variant})"
    quantity = quantity_text(item.get("quantity"))
    return f"{quantity} × {text}" if quantity is not None else text


def items_summary(items: list[dict[str, Any]] | None, max_chars: int = SUMMARY_MAX_CHARS) -> str:
    """Every item's line joined with "; ", cut to ``max_chars`` at an item, with "and N more"."""
    if not items:
        return ""
    lines = [item_line(item) for item in items]
    shown: list[str] = []
    length = 0
    for index, line in enumerate(lines):
        rest = len(lines) - index - 1
        tail = len(f"; and {rest} more") if rest else 0
        if length + len(line) + tail > max_chars and shown:
            return "; ".join(shown) + f"; and {len(lines) - len(shown)} more"
        if length + len(line) > max_chars:  # a single line longer than the cell
            line = line[: max(1, max_chars - tail - 1)] + "…"
        shown.append(line)
        length += len(line) + 2
    return "; ".join(shown)
