"""Fast lookups of names in free text and of web domains, built once per catalog.

Names are compiled into one regular expression shaped like a prefix tree
(``digital (?:river)``-style), so a text is scanned once whatever the number of names,
instead of trying every name at every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar
from urllib.parse import urlsplit

V = TypeVar("V")

# Second-level labels under which registrations happen (example.co.uk, example.com.au).
_GENERIC_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"})


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a word

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # this prefix is itself a word; the longer words are tried first (greedy)
            return "(?:" + body + ")?"
        return body

    return build(trie)


class TermIndex(Generic[V]):
    """Finds the known terms in a text (case-insensitive, whole words) and what they stand for."""

    def __init__(self, terms: Mapping[str, V]):
        self._values: dict[str, V] = {term.lower(): value for term, value in terms.items() if term}
        if self._values:
            body = _trie_pattern(sorted(self._values))
            self._pattern: re.Pattern[str] | None = re.compile(
                r"(?<![0-9a-z])" + body + r"(?![0-9a-z])")
        else:
            self._pattern = None

    def find(self, text: str | None) -> list[tuple[str, V]]:
        """Every known term in ``text``, in order of appearance, longest term at each place."""
        if not text or self._pattern is None:
            return []
        values = self._values
        return [(m.group(0), values[m.group(0)]) for m in self._pattern.finditer(text.lower())]


def host_of(url: str | None) -> str | None:
    """The lower-cased host name of a URL (``https://Store.X.com:443/a`` -> ``store.x.com``)."""
    if not url:
        return None
    if "//" not in url:
        url = "//" + url  # a bare host such as "store.trendmicro.com/path"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def domain_suffixes(host: str) -> list[str]:
    """``store.trendmicro.com`` -> ``["store.trendmicro.com", "trendmicro.com"]`` (no bare TLD)."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def registrable_domain(host: str | None) -> str | None:
    """A best guess at the domain a site registered: ``shop.example.co.uk`` -> ``example.co.uk``."""
    if not host:
        return None
    if host.replace(".", "").isdigit() or ":" in host:
        return host  # an IP address
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])
