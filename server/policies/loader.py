"""Loading the built-in catalog and a user's policies file into one Catalog.

The user's file has the same TOML shape as the built-in one; its rules and legal clocks add to
or replace the built-in ones by id. Nothing in a user's file can stop the app from starting:
every problem becomes a warning naming the file and line, and the faulty part is skipped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec

from .catalog import Catalog, build_catalog
from .lookalike import official_domains
from .schema import CatalogFile, LegalClock, Mailboxes, Region, Rule
from .text_index import host_of, registrable_domain

BUILTIN_NAME = "catalog.toml"

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_PATH_KEY = re.compile(r"`\$((?:\.[A-Za-z_][\w-]*|\[\d+\])*)`")
_UNKNOWN_FIELD = re.compile(r"unknown field `([^`]+)`")


@dataclass(frozen=True)
class LoadedCatalog:
    catalog: Catalog
    warnings: list[str]


@dataclass
class _Parsed:
    rules: list[Rule]
    legal: list[LegalClock]
    regions: dict[str, Region]
    mailboxes: Mailboxes = Mailboxes()


class _Problems:
    """Collects warnings about one file, each with the line it concerns."""

    def __init__(self, label: str, text: str):
        self.label = label
        self.lines = text.splitlines()
        self.messages: list[str] = []

    def add(self, line: int | None, message: str) -> None:
        where = f"{self.label}, line {line}" if line else self.label
        self.messages.append(f"{where}: {message}")

    def line_of_entry(self, table: str, index: int, key_path: str | None) -> int | None:
        """The line of ``[[table]]`` number ``index`` (0-based), or of the key path inside it."""
        header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        starts = [n for n, line in enumerate(self.lines) if header.match(line)]
        if index >= len(starts):
            return self.line_of_key(table)
        start = starts[index]
        end = next((n for n in starts if n > start), len(self.lines))
        position = start
        tokens = re.findall(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]", key_path or "")
        for i, (key, _index) in enumerate(tokens):
            if not key:
                continue
            pattern = re.compile(r"^\s*(?:\[\[?\s*[\w.-]*\.)?" + re.escape(key) + r"\s*(?:=|\]\]?)")
            found = [n for n in range(position, end) if pattern.match(self.lines[n])]
            if not found:
                break
            following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
            nth = int(following) if following else 0
            position = (
                found[nth]
                if nth < len(found) and self.lines[found[nth]].lstrip().startswith("[")
                else found[0]
            )
        return position + 1

    def line_of_key(self, key: str) -> int | None:
        pattern = re.compile(r"^\s*\[*\s*" + re.escape(key) + r"\b")
        for n, line in enumerate(self.lines):
            if pattern.match(line):
                return n + 1
        return None


def _last_key(path: str | None) -> str | None:
    keys = re.findall(r"\.([A-Za-z_][\w-]*)", path or "")
    return keys[-1] if keys else None


def _error_key_path(error: msgspec.ValidationError) -> str | None:
    message = str(error)
    unknown = _UNKNOWN_FIELD.search(message)
    found = _PATH_KEY.search(message)
    path = found.group(1) if found else ""
    if unknown:
        path += "." + unknown.group(1)
    return path or None


def _parse(text: str, problems: _Problems) -> _Parsed | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        line = int(position.group(1)) if position else getattr(error, "lineno", None)
        problems.add(line, f"not valid TOML: {error}; the file was ignored")
        return None
    try:
        top = msgspec.convert(data, CatalogFile)
    except msgspec.ValidationError as error:
        key = _last_key(_error_key_path(error))
        problems.add(problems.line_of_key(key) if key else None, f"{error}; the file was ignored")
        return None

    parsed = _Parsed(rules=[], legal=[], regions={}, mailboxes=top.mailboxes)
    for name, raw in top.regions.items():
        try:
            parsed.regions[name] = msgspec.convert(raw, Region)
        except msgspec.ValidationError as error:
            problems.add(problems.line_of_key(f"regions.{name}"), f"region {name!r}: {error}; skipped")
    struct: Any  # Rule for parsed.rules, LegalClock for parsed.legal
    for table, raws, struct, out in (
        ("rules", top.rules, Rule, parsed.rules),
        ("legal", top.legal, LegalClock, parsed.legal),
    ):
        for index, raw in enumerate(raws):
            try:
                out.append(msgspec.convert(raw, struct))
            except msgspec.ValidationError as error:
                ident = raw.get("id") if isinstance(raw, dict) else None
                what = f"{table}[{index}]" + (f" (id {ident!r})" if ident else "")
                line = problems.line_of_entry(table, index, _error_key_path(error))
                problems.add(line, f"{what}: {error}; this entry was skipped")
    return parsed


def _check_references(rules: dict[str, Rule], problems: _Problems, user_ids: set[str]) -> dict[str, Rule]:
    """Drops seller links to unknown ids and channels without a source (user rules only)."""
    checked: dict[str, Rule] = {}
    for rule_id, rule in rules.items():
        if rule_id not in user_ids:
            checked[rule_id] = rule
            continue
        sellers = []
        for link in rule.sellers:
            if link.id is not None and link.id not in rules:
                problems.add(
                    None,
                    f"rule {rule_id!r}: seller id {link.id!r} is not in the catalog; that link was skipped",
                )
                continue
            sellers.append(link)
        checked[rule_id] = msgspec.structs.replace(rule, sellers=sellers)
    return checked


SOURCED_KINDS = ("phone", "chat")


def _on(url: str | None, domains: list[str]) -> bool:
    host = host_of(url) if url and url.startswith(("http://", "https://")) else None
    found = registrable_domain(host) if host else None
    return found is not None and found in domains


def official_source_problems(rules: dict[str, Rule], rule: Rule) -> list[tuple[int | None, str]]:
    """What breaks "phone and chat only from the party's own pages" in ``rule``:
    ``(channel index or None for contact_page, message)`` pairs."""
    domains = official_domains(rules, rule)
    shown = ", ".join(domains) or "none"
    problems: list[tuple[int | None, str]] = []
    for index, channel in enumerate(rule.channels):
        if channel.kind not in SOURCED_KINDS:
            continue
        what = f"rule {rule.id!r}: {channel.kind} channel {channel.label!r}"
        if not channel.source_url or channel.checked_on is None:
            problems.append((index, f"{what} needs its own source_url and checked_on"))
        elif not _on(channel.source_url, domains):
            problems.append(
                (
                    index,
                    f"{what}: source_url {channel.source_url!r} is not on one "
                    f"of the official domains ({shown})",
                )
            )
        elif channel.kind == "chat" and not _on(channel.url, domains):
            problems.append((index, f"{what}: url must be on an official domain ({shown})"))
        elif channel.kind == "phone" and not channel.phone:
            problems.append((index, f"{what} has no phone number"))
    if rule.contact_page is not None and not _on(rule.contact_page, domains):
        problems.append(
            (
                None,
                f"rule {rule.id!r}: contact_page {rule.contact_page!r} is not on "
                f"one of the official domains ({shown})",
            )
        )
    return problems


def _check_official_sources(
    rules: dict[str, Rule], problems: _Problems, only: set[str] | None
) -> dict[str, Rule]:
    """Drops (and reports) the phone / chat channels and contact pages without an official
    source, in the rules of ``only`` (None: every rule)."""
    checked = dict(rules)
    for rule_id, rule in rules.items():
        if only is not None and rule_id not in only:
            continue
        found = official_source_problems(rules, rule)
        if not found:
            continue
        drop = {index for index, _ in found if index is not None}
        for _index, message in found:
            problems.add(None, f"{message}; it was left out")
        checked[rule_id] = msgspec.structs.replace(
            rule,
            channels=[c for i, c in enumerate(rule.channels) if i not in drop],
            contact_page=None if any(i is None for i, _ in found) else rule.contact_page,
        )
    return checked


def _read_builtin() -> str:
    return resources.files(__package__).joinpath(BUILTIN_NAME).read_text(encoding="utf-8")


def load_catalog(user_file: Path | None = None) -> LoadedCatalog:
    """The built-in catalog, plus the rules of ``user_file`` (added, or replacing by id).

    Never raises for a bad user file: its problems come back in ``warnings`` ("<file>, line N:
    ...") and the built-in catalog is used for whatever could not be read.
    """
    builtin_text = _read_builtin()
    builtin_problems = _Problems(BUILTIN_NAME, builtin_text)
    builtin = _parse(builtin_text, builtin_problems)
    if builtin is not None:
        _check_official_sources({rule.id: rule for rule in builtin.rules}, builtin_problems, None)
    if builtin is None or builtin_problems.messages:
        # The shipped catalog is covered by tests; a failure here is a packaging bug.
        raise RuntimeError("built-in policy catalog is invalid: " + "; ".join(builtin_problems.messages))

    rules = {rule.id: rule for rule in builtin.rules}
    legal = {clock.id: clock for clock in builtin.legal}
    regions = dict(builtin.regions)
    mailboxes = builtin.mailboxes
    warnings: list[str] = []

    if user_file is not None:
        label = str(user_file)
        try:
            text = Path(user_file).read_text(encoding="utf-8")
        except FileNotFoundError:
            text = None  # no user policies: nothing to say
        except (OSError, UnicodeDecodeError) as error:
            warnings.append(f"{label}: could not be read ({error}); built-in policies used")
            text = None
        if text is not None:
            problems = _Problems(label, text)
            parsed = _parse(text, problems)
            if parsed is not None:
                seen: set[str] = set()
                for rule in parsed.rules:
                    if rule.id in seen:
                        problems.add(None, f"rule id {rule.id!r} appears twice; the last one is used")
                    seen.add(rule.id)
                    rules[rule.id] = rule
                legal.update((clock.id, clock) for clock in parsed.legal)
                regions.update(parsed.regions)
                mailboxes = Mailboxes(
                    hosts=[*mailboxes.hosts, *parsed.mailboxes.hosts],
                    host_prefixes=[*mailboxes.host_prefixes, *parsed.mailboxes.host_prefixes],
                )
                rules = _check_references(rules, problems, seen)
                rules = _check_official_sources(rules, problems, seen)
            warnings.extend(problems.messages)

    if not any(rule.is_default and rule.default_for == "unknown_vendor" for rule in rules.values()):
        warnings.append("no default rule left after loading user policies; built-in default restored")
        for rule in builtin.rules:
            if rule.is_default and rule.default_for == "unknown_vendor":
                rules[rule.id] = rule
    catalog = build_catalog(_default_last(rules), legal.values(), regions, mailboxes)
    return LoadedCatalog(catalog=catalog, warnings=warnings)


def _default_last(rules: dict[str, Rule]) -> list[Rule]:
    # Defaults go last, the user's after the built-in ones: the last of each kind is used.
    return sorted(rules.values(), key=lambda rule: rule.is_default)
