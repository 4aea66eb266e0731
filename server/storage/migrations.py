"""Schema versions of the stored documents and the steps between them, run at start.

Each step takes a document of version N (from table ``table``) and returns it at version
N + 1. A database older than CURRENT_VERSION is migrated in memory at start and
compacted straight away, so the journal never mixes versions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 3

Step = Callable[[str, dict[str, Any]], dict[str, Any]]


def _party_domains_as_stored(table: str, doc: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: version 1 stored a page's host as the vendor's domain as it came ("bücher.de",
    "a_b.com"), outside the Case schema, and every edit of such a case failed. The host is
    kept in its IDNA form, or dropped (the vendor keeps its name)."""
    if table != "cases":
        return doc
    from ..domain.fields import as_domain

    for party in ("vendor", "seller"):
        value = doc.get(party)
        if isinstance(value, dict) and isinstance(value.get("domain"), str):
            fixed = as_domain(value["domain"])
            if fixed != value["domain"]:
                doc = {**doc, party: {**value, "domain": fixed}}
    return doc


def _line_items(table: str, doc: dict[str, Any]) -> dict[str, Any]:
    """2 -> 3: cases hold the order's line items (``items``, null when not known). Added to
    every stored case, so a case reads the same whether it was written before or after."""
    if table != "cases" or "items" in doc:
        return doc
    return {**doc, "items": None}


# version N -> the step that brings a version-N document to N + 1
STEPS: dict[int, Step] = {1: _party_domains_as_stored, 2: _line_items}


def migrate_document(table: str, doc: dict[str, Any], from_version: int) -> dict[str, Any]:
    for version in range(from_version, CURRENT_VERSION):
        doc = STEPS[version](table, doc)
    return doc


def migrate(tables: dict[str, dict[str, Any]], from_version: int) -> None:
    for table, raw in tables.items():
        if table == "meta":
            continue
        for doc_id, doc in raw.items():
            raw[doc_id] = migrate_document(table, doc, from_version)
