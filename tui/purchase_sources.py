"""How a case was bought (its ``purchase_source``), in the TUI's words.

The values are the server's (``PurchaseSource`` in server/domain/fields.py, which it checks
what is sent against; tests/server/test_parity.py holds this list equal to it)."""

from __future__ import annotations

# value: (the edit form's choice, the case screen's words after "Sold by"), in the form's order.
PURCHASE_SOURCES = {
    "direct": ("Directly from the vendor", "bought directly"),
    "reseller": ("A reseller / merchant of record", "reseller / merchant of record"),
    "app_store": ("An app store", "app store"),
    "isp": ("Internet provider", "internet provider"),
    "retail": ("A shop", "shop"),
    "other": ("Other", "other"),
}

# The edit form's Select options: (label, value).
CHOICES = tuple((choice, value) for value, (choice, _) in PURCHASE_SOURCES.items())


def source_words(value: str | None) -> str:
    """The case screen's words for a purchase source ('' for none or one not known here)."""
    return PURCHASE_SOURCES[value][1] if value in PURCHASE_SOURCES else ""
