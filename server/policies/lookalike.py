"""Official domains and the look-alike guard: is a page (or an email's domain) one of a catalog
party's own sites, or a site that borrows its brand?

Pure: a table built from the catalog, and one rule over a URL (and, when given, the page's
text). The extension runs the same rule (extension/src/shared/lookalike.js); both are held to
one table of cases, tests/knowledge/lookalike_cases.json, so they agree.

The rule. A site's *labels* are its registrable domain without the public suffix
(``trendmicrocustomersupport`` for trendmicrocustomersupport.com) and its subdomain labels. A
label *uses a brand* when, hyphens dropped, it is made of support words (help, care, refund,
app, ...), then something within a small edit distance of the brand, then support words:
``trendmicro``, ``trend-micro``, ``trendmicor``, ``app-trendmicro``, ``trendmicrocustomersupport``.
The distance allowed grows with the brand's length (0 up to 4 letters, 1 up to 7, else 2); a
brand that is an everyday word (``apple``, ``norton``) must match exactly and must come with a
support word. A site whose registrable domain is official for any party is never a look-alike.
With the page's text, a look-alike also needs the page to speak of support, refunds, phone
numbers or billing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog
from .text_index import host_of, registrable_domain

# Words look-alike domains put around a brand. Kept short: a word a vendor's own sites use
# ("online", "store") would flag the vendor's unlisted domains.
LURE_WORDS = (
    "support",
    "supports",
    "help",
    "helpline",
    "helpdesk",
    "desk",
    "care",
    "customer",
    "customers",
    "service",
    "services",
    "refund",
    "refunds",
    "billing",
    "contact",
    "contactus",
    "phone",
    "number",
    "call",
    "tech",
    "technical",
    "app",
    "official",
    "team",
    "center",
    "centre",
    "chat",
    "toll",
    "free",
    "tollfree",
    "us",
    "usa",
    "uk",
    "assist",
    "assistance",
    "renew",
    "renewal",
    "cancel",
    "subscription",
    "activate",
    "activation",
    "setup",
    "expert",
    "experts",
    "my",
    "the",
    "24x7",
    "antivirus",
)

# What a page says when it poses as support: support, refunds, phone numbers, billing.
TOPIC = re.compile(
    r"support|refund|helpline|help ?desk|hotline|customer (?:service|care)|call us|contact us|"
    r"phone|toll[- ]?free|billing|chargeback|credit card company|money back|"
    r"remboursement|erstattung|kundendienst|reembolso|rimborso|terugbetaling|soporte",
    re.IGNORECASE,
)
PHONE_NUMBER = re.compile(r"(?<!\d)\+?\d[\d ().-]{7,}\d(?!\d)")

# Letters from other scripts that look like Latin ones (а Cyrillic a in "trеndmicro"), read as
# the Latin letter before comparing; the extension has the same table.
CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "һ": "h",
        "ӏ": "l",
        "ո": "n",
        "ս": "u",
        "ν": "v",
        "ο": "o",
        "α": "a",
        "ρ": "p",
        "τ": "t",
        "κ": "k",
        "ι": "i",
        "ɡ": "g",
        "ı": "i",
    }
)

CHANNEL_KINDS = ("phone", "chat", "refund_form", "order_lookup", "support_page", "email", "account")


@dataclass(frozen=True)
class OfficialParty:
    """One catalog party as the guard sees it."""

    id: str
    name: str
    kind: str
    brands: tuple[str, ...]
    common_word: bool
    official: tuple[str, ...]  # registrable domains, the party's and its merchants of record's
    own: tuple[str, ...] = ()  # the party's own ones among them
    contact_page: str | None = None
    channels: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "brands": list(self.brands),
            "brand_is_common_word": self.common_word,
            "official_domains": list(self.official),
            "own_domains": list(self.own),
            "contact_page": self.contact_page,
            "channels": [dict(c) for c in self.channels],
        }


def _label_of(domain: str) -> str | None:
    registrable = registrable_domain(domain) or domain
    return registrable.split(".", 1)[0] or None


def own_domains(rule) -> list[str]:
    """A rule's own registrable domains (``domains`` and ``official_domains``)."""
    out: list[str] = []
    for domain in (*rule.domains, *rule.official_domains):
        registrable = registrable_domain(domain.lower()) or domain.lower()
        if registrable not in out:
            out.append(registrable)
    return out


def official_domains(rules: Mapping[str, Any], rule) -> list[str]:
    """The rule's own registrable domains plus those of the merchants of record it sells
    through (its reseller seller links), in that order. ``rules``: every rule by id."""
    out = own_domains(rule)
    for link in rule.sellers:
        seller = rules.get(link.id) if link.id else None
        domains = (
            own_domains(seller)
            if seller is not None and seller.kind == "reseller"
            else (
                [registrable_domain(d.lower()) or d.lower() for d in link.domains]
                if link.id is None and (link.kind or "reseller") == "reseller"
                else []
            )
        )
        for domain in domains:
            if domain not in out:
                out.append(domain)
    return out


def official_parties(catalog: Catalog) -> list[OfficialParty]:
    """Every party of the catalog that has a web domain, in catalog order."""
    parties: list[OfficialParty] = []
    for rule in catalog.rules.values():
        if rule.is_default or not rule.domains:
            continue
        brands = tuple(b.lower() for b in rule.brands) or tuple(
            dict.fromkeys(label for label in map(_label_of, rule.domains) if label)
        )
        channels = [c.shown(rule.name, rule.source_url) for c in rule.channels]
        for link in rule.sellers:
            seller = catalog.rules.get(link.id) if link.id else None
            if seller is not None and seller.kind == "reseller":
                channels += [c.shown(seller.name, seller.source_url) for c in seller.channels]
        parties.append(
            OfficialParty(
                id=rule.id,
                name=rule.name,
                kind=rule.kind,
                brands=brands,
                common_word=rule.brand_is_common_word,
                official=tuple(official_domains(catalog.rules, rule)),
                own=tuple(own_domains(rule)),
                contact_page=rule.contact_page,
                channels=tuple(channels),
            )
        )
    return parties


# -- the rule ------------------------------------------------------------------------------------


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters counts 1), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[len(b)]


def _reachable(text: str) -> tuple[set[int], set[int]]:
    """Positions reachable from the start by support words (or digits), and positions from
    which the end is reachable by them."""
    n = len(text)

    def piece_ends(start: int) -> list[int]:
        ends = [start + len(w) for w in LURE_WORDS if text.startswith(w, start)]
        j = start
        while j < n and text[j].isdigit():
            j += 1
        if j > start:
            ends.append(j)
        return ends

    starts = {0}
    for i in range(n + 1):
        if i in starts:
            starts.update(piece_ends(i))
    finish = {n}
    for i in range(n, -1, -1):
        if any(end in finish for end in piece_ends(i)):
            finish.add(i)
    return starts, finish


def tolerance(brand: str, common_word: bool) -> int:
    if common_word or len(brand) <= 4:
        return 0
    return 1 if len(brand) <= 7 else 2


def _unicode_label(label: str) -> str:
    """An IDNA label (xn--...) as the letters it shows, folded to Latin look-alikes."""
    if label.startswith("xn--"):
        try:
            label = label.encode("ascii").decode("idna")
        except UnicodeError:
            pass
    return label.lower().translate(CONFUSABLES)


def label_uses_brand(label: str, brand: str, common_word: bool = False) -> bool:
    compact = _unicode_label(label).replace("-", "")
    if not compact or not brand:
        return False
    k = tolerance(brand, common_word)
    starts, finish = _reachable(compact)
    for i in sorted(starts):
        for j in sorted(finish):
            if j <= i or abs((j - i) - len(brand)) > k:
                continue
            if common_word and i == 0 and j == len(compact):
                continue  # an everyday word alone (apple.net) is no look-alike
            if _distance(compact[i:j], brand, k) <= k:
                return True
    return False


def speaks_of_support(text: str) -> bool:
    return bool(TOPIC.search(text) or PHONE_NUMBER.search(text))


def _labels(host: str, registrable: str) -> list[str]:
    own = registrable.split(".", 1)[0]
    subdomains = host[: -len(registrable)].rstrip(".").split(".") if host != registrable else []
    return [own, *(label for label in subdomains if label and label != "www")]


def _target_host(target: str) -> str | None:
    target = target.strip()
    if "@" in target and "//" not in target:
        target = target.rsplit("@", 1)[1]  # an email address: its domain
    return host_of(target)


def check(target: str, parties: list[OfficialParty], text: str | None = None) -> dict[str, Any]:
    """The verdict on a URL, bare host or email address:
    ``{domain, official, lookalike, party}``: ``official`` when its registrable domain is one of
    a party's official domains (``party`` is that party); ``lookalike`` when it uses a party's
    brand without being official (and, with ``text``, the page speaks of support, refunds,
    phone numbers or billing; ``party`` is the imitated one); else neither, ``party`` None."""
    host = _target_host(target)
    registrable = registrable_domain(host) if host else None
    verdict: dict[str, Any] = {
        "domain": registrable or host,
        "official": False,
        "lookalike": False,
        "party": None,
    }
    if not host or not registrable:
        return verdict
    for party in sorted(parties, key=lambda p: registrable not in p.own):  # its owner first
        if registrable in party.official:
            return {**verdict, "official": True, "party": party}
    if text is not None and not speaks_of_support(text):
        return verdict
    labels = _labels(host, registrable)
    for party in parties:
        for brand in party.brands:
            if any(label_uses_brand(label, brand, party.common_word) for label in labels):
                return {**verdict, "lookalike": True, "party": party}
    return verdict
