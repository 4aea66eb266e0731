"""What a case is found by: one text per case and the rule for matching a query against it.

The case list's ``q`` uses it, so the terminal UI's filter and palette (which ask the server)
and an API caller find the same cases.
"""

from __future__ import annotations

from typing import Any

from .status import label

_CASE_FIELDS = (
    "product",
    "plan",
    "order_number",
    "account_email",
    "reason",
    "page_url",
    "page_title",
    "payment_method",
    "amount",
    "currency",
)
_COMMUNICATION_FIELDS = ("summary", "reference", "contact", "body")


def search_text(doc: dict[str, Any]) -> str:
    """Every text a user may search a stored case by, case-folded: its facts, its parties, its
    items, its status and every communication's summary, reference, contact and body."""
    parts = [doc.get(key) or "" for key in _CASE_FIELDS]
    parts.append(label(doc["status"]) if doc.get("status") else "")
    for party in ("vendor", "seller"):
        if doc.get(party):
            parts.append(doc[party].get("name") or "")
            parts.append(doc[party].get("domain") or "")
    for item in doc.get("items") or ():
        parts.append(item.get("name") or "")
        parts.append(item.get("variant") or "")
    for comm in doc.get("communications") or ():
        parts.extend(comm.get(key) or "" for key in _COMMUNICATION_FIELDS)
    return "\n".join(parts).casefold()


def query_words(query: str | None) -> list[str]:
    """The words of a query, case-folded (none for a blank one)."""
    return query.casefold().split() if query else []


def matches(text: str, words: list[str]) -> bool:
    """Whether ``text`` (a search_text) holds every word, anywhere, in any order."""
    return all(word in text for word in words)
