"""Fast lookups of names in free text and of web domains, built once per catalog.

Names are compiled into one regular expression shaped like a prefix tree
(``digital (?:river)``-style), so a text is scanned once whatever the number of names,
instead of trying every name at every position.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Generic, TypeVar
from urllib.parse import urlsplit

V = TypeVar("V")


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
            self._pattern: re.Pattern[str] | None = re.compile(r"(?<![0-9a-z])" + body + r"(?![0-9a-z])")
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


@cache
def _public_suffixes():
    # Imported and parsed (~50 ms) on first use: the terminal UI attached to a running server
    # never needs it.
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()  # the list bundled with the package: nothing is fetched


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def registrable_domain(host: str | None) -> str | None:
    """The domain a site registered, by the Public Suffix List: ``shop.example.co.uk`` ->
    ``example.co.uk``, ``shop.bücher.de`` -> ``bücher.de``, ``alice.github.io`` stays (a
    suffix anyone can register under). None for an IP address, ``localhost`` or a name with
    no registrable part (``co.uk``, an intranet host)."""
    if not host:
        return None
    host = host.strip().rstrip(".").lower()
    if "." not in host or _is_ip_address(host) or host.endswith(".localhost"):
        return None
    return _public_suffixes().privatesuffix(host)


def site_of(host: str | None) -> str | None:
    """The site a page is on, to tell one shop's pages from another's: its registrable
    domain, else the host itself (``127.0.0.1``, ``localhost``, an intranet name)."""
    if not host:
        return None
    return registrable_domain(host) or host.strip().rstrip(".").lower() or None


def named_after_site(name: str | None, url: str | None) -> bool:
    """Whether ``name`` is only the address of the page ``url`` (its host or a domain above
    it), as when nothing on an order page named the shop: a guess, not a company's name."""
    host = host_of(url)
    if not name or not host:
        return False
    wanted = name.strip().rstrip(".").lower()
    candidates = (host, *domain_suffixes(host))
    if wanted in candidates:
        return True
    if " " in wanted or (wanted.isascii() and host.isascii()):
        return False  # a company's name, or no internationalised name to compare in IDNA form
    return _ascii_host(wanted) in {_ascii_host(candidate) for candidate in candidates}


def _ascii_host(text: str) -> str:
    text = text.strip().rstrip(".").lower()
    try:
        return text.encode("idna").decode("ascii")
    except UnicodeError:
        return text
