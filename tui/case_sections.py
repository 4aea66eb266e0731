"""What the case screen says about a case, as Rich renderables (no widgets, easy to test).

The server's policy knowledge adds `who_refunds`, `clocks`, `channels` and `checklist` to a
case; these functions only lay them out (who refunds is the server's to say: none is guessed here).
"""

from __future__ import annotations

from datetime import date, timezone, tzinfo
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from . import statuses
from .formatting import (
    days_left_sentence,
    local_time,
    long_date,
    money,
    party_name,
    quantity,
    relative_days,
    urgency,
    window_bar,
)
from .purchase_sources import source_words

Tones = dict[str, str]
# Styles by meaning; the case screen replaces these with the current theme's colours.
DEFAULT_TONES: Tones = {
    "urgent": "bold red",
    "closing": "bold yellow",
    "open": "green",
    "expired": "red",
    "none": "dim",
    "closed": "dim",
    "good": "bold green",
    "bad": "bold red",
    "warn": "yellow",
    "due": "bold yellow",
}


def theme_tones(variables: dict[str, str]) -> Tones:
    """The tones in the colours of the current theme (dark or light)."""
    error, warning, success = (variables.get(k, "") for k in ("text-error", "text-warning", "text-success"))
    if not (error and warning and success):
        return DEFAULT_TONES
    return {
        **DEFAULT_TONES,
        "urgent": f"bold {error}",
        "closing": f"bold {warning}",
        "open": success,
        "expired": error,
        "good": f"bold {success}",
        "bad": f"bold {error}",
        "warn": warning,
        "due": f"bold {warning}",
    }


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True, min_width=12)
    grid.add_column(overflow="fold")
    return grid


def facts_table(case: dict[str, Any], tones: Tones = DEFAULT_TONES) -> Table:
    grid = _grid()
    vendor = case.get("vendor") or {}
    seller = case.get("seller") or {}

    def add(label: str, value: str | Text | None) -> None:
        if value:
            grid.add_row(label, value if isinstance(value, Text) else Text(value))

    add("Vendor", _with_domain(vendor))
    source = source_words(case.get("purchase_source"))
    if seller:
        add("Sold by", party_name(seller) + (f" ({source})" if source else ""))
    elif source:
        add("Sold by", "the vendor itself" if case.get("purchase_source") == "direct" else source)
    add("Product", " · ".join(x for x in (case.get("product"), case.get("plan")) if x))
    add("Order #", case.get("order_number") or "— missing")
    add("Ordered", long_date(case.get("order_date")) if case.get("order_date") else "— missing")
    add("Amount", money(case.get("amount"), case.get("currency")))
    add("Paid with", case.get("payment_method"))
    add("Account", case.get("account_email"))
    if case.get("auto_renews") is not None:
        renews = "yes" if case["auto_renews"] else "no"
        if case.get("renewal_date"):
            renews += f", next on {long_date(case['renewal_date'])}"
        add("Renews", renews)
    add("Reason", case.get("reason"))
    add("Order page", case.get("page_url"))
    refund = case.get("refund") or {}
    if case.get("status") == "refunded" or refund.get("date"):
        add(
            "Refunded",
            Text(
                " ".join(
                    x
                    for x in (
                        money(refund.get("amount"), case.get("currency")),
                        f"on {long_date(refund['date'])}" if refund.get("date") else "",
                        f"to {refund['method']}" if refund.get("method") else "",
                    )
                    if x
                ),
                style=tones["good"],
            ),
        )
    return grid


def _with_domain(party: dict[str, Any]) -> str:
    """``Adobe (adobe.com)``; the domain once when it is the name too."""
    name, domain = party_name(party), party.get("domain")
    return f"{name} ({domain})" if domain and domain.casefold() != name.casefold() else name


# At most this many lines for the items; beyond, the last says how many more there are.
ITEM_LINES = 8


def items(case: dict[str, Any]) -> RenderableType | None:
    """What was bought, a line an item (quantity, name, variant, the line's price), or None."""
    lines = case.get("items")
    if not isinstance(lines, list) or not lines:
        return None
    shown = lines if len(lines) <= ITEM_LINES else lines[: ITEM_LINES - 1]
    # Quantity and price keep their width; on a narrow screen the name and the variant give
    # way, cut short on their one line.
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    grid.add_column(style="dim")
    grid.add_column(justify="right", no_wrap=True)

    def one_line(value: Any) -> Text:
        return Text(str(value or ""), no_wrap=True, overflow="ellipsis")

    for item in shown:
        if not isinstance(item, dict):
            continue
        count = quantity(item.get("quantity"))
        price = item.get("price")
        grid.add_row(
            f"{count} ×" if count else "",
            one_line(item.get("name")),
            one_line(item.get("variant")),
            Text(money(price, case.get("currency")) if price else ""),
        )
    hidden = len(lines) - len(shown)
    if not hidden:
        return grid
    return Group(grid, Text(f"and {hidden} more (x exports them all)", style="dim"))


def who_refunds(case: dict[str, Any]) -> Text:
    who = case.get("who_refunds")
    if isinstance(who, dict) and who.get("name"):
        text = Text(who["name"], style="bold")
        if who.get("domain"):
            text.append(f" ({who['domain']})")
        if who.get("why"):
            text.append(f" — {who['why']}")
        return text
    if isinstance(who, dict) and who.get("why"):
        # The server does not know (nothing named the shop, an unnamed internet provider).
        text = Text("Unknown", style="bold")
        text.append(f" — {who['why']}")
        text.append(" (e edits the case)", style="dim")
        return text
    # The server names no one only when the case names neither vendor nor seller.
    return Text("Unknown: add the vendor or seller with e (edit).", style="dim")


def clocks(
    case: dict[str, Any], today: date | None, tones: Tones = DEFAULT_TONES, zone: tzinfo | None = None
) -> RenderableType:
    """Every clock: its name, then its deadline and days left, then where it comes from."""
    items = case.get("clocks")  # the server's (server/policies/clocks.py)
    items = items if isinstance(items, list) else []
    if not items:
        return Text("No deadline known: add the order date with e, or set a deadline there.", style="dim")
    status = case.get("status")
    disputing = statuses.is_disputing(status)
    if disputing:  # refused: the dispute deadline is the one that matters, first
        items = sorted(items, key=lambda clock: clock.get("kind") != "escalation")
    disputed_on = status_since(case, "escalated", zone) if status == "escalated" else None
    parts: list[RenderableType] = []
    for clock in items:
        deadline = clock.get("deadline")
        days = clock.get("days_left")
        if days is None and deadline and today:
            days = (date.fromisoformat(deadline) - today).days
        tone = tones[urgency(days, bool(case.get("is_open", True)))]
        escalation = clock.get("kind") == "escalation"
        title = Text(clock.get("label") or str(clock.get("kind", "")).capitalize(), style="bold")
        if escalation and not disputing:
            title.append("  (if they refuse: your card issuer)", style="dim")
        parts.append(title)
        if escalation and disputed_on:
            met = bool(deadline) and disputed_on <= deadline
            when = f"disputed on {long_date(disputed_on)}"
            parts.append(
                _indented(
                    Text(
                        f"{long_date(deadline)} · {'met: ' if met else ''}{when}",
                        style=tones["good"] if met else tone,
                    )
                )
            )
        elif not escalation and status == "escalated":
            parts.append(
                _indented(
                    Text(f"{long_date(deadline)} · no longer counts: the charge is disputed", style="dim")
                )
            )
        else:
            parts.append(_indented(Text(f"{long_date(deadline)} · {days_left_sentence(days)}", style=tone)))
        origin = _source_words(clock)
        if clock.get("verified") is False:
            origin = f"{origin} (not verified)" if origin else "not verified"
        for line in (origin, clock.get("note"), clock.get("source_url")):
            if line:
                parts.append(_indented(Text(line, style="dim")))
    policy = case.get("policy") or {}
    if isinstance(policy.get("conditions"), str) and policy.get("conditions"):
        parts.append(Text(f"{policy.get('name') or 'Policy'}: {policy['conditions']}", style="dim italic"))
    renewal = case.get("renewal_rule")
    if isinstance(renewal, dict) and renewal.get("note"):
        # The case renews: what the rule says of renewal charges (when they come, their window).
        title = Text("Renewals", style="bold")
        if renewal.get("window_days") is not None and renewal.get("covered"):
            title.append(f"  ({renewal['window_days']} days from a renewal charge)", style="dim")
        elif not renewal.get("covered"):
            title.append("  (a renewal charge is not refundable)", style="dim")
        parts.append(title)
        parts.append(_indented(Text(renewal["note"])))
    for note in case.get("notes") or ():
        parts.append(Text(f"Note: {note}", style="dim italic"))
    return Group(*parts)


def _indented(text: Text) -> Padding:
    return Padding(text, (0, 0, 0, 2))


_SOURCES = {
    "vendor": "the vendor's policy",
    "seller": "the seller's policy",
    "store": "the store's policy",
    "assumption": "assumed (no policy known)",
    "user": "your own setting",
    "override": "your own setting",
    "law": "the law",
    "card_network": "card network rules",
}


def _source_words(clock: dict[str, Any]) -> str:
    source = clock.get("source")
    if source:
        return _SOURCES.get(source, str(source))
    return "counted from the order date" if clock.get("start") else ""


def status_since(case: dict[str, Any], status: str, zone: tzinfo | None = None) -> str | None:
    """The user's date (ISO, in ``zone``) the case last moved to ``status``, from its history."""
    for change in reversed(case.get("status_history") or ()):
        if change.get("to") == status and change.get("at"):
            return local_time(change["at"], zone or timezone.utc)[:10]
    return None


def window_line(
    case: dict[str, Any], today: date | None, tones: Tones = DEFAULT_TONES, zone: tzinfo | None = None
) -> Text:
    """The line under the title: status, the deadline that matters in it, follow-up.

    Until refused, that is the refund window; once refused, the last day to dispute the charge;
    once escalated, when the charge was disputed and when the issuer's decision is due."""
    text = Text()
    status = case.get("status")
    text.append(f" {case.get('status_label') or status or ''} ", style="reverse bold")
    if case.get("archived_at"):
        text.append(" archived · r restores ", style="reverse dim")
    dispute_by = case.get("escalation_deadline")
    if status == "escalated":
        disputed_on = status_since(case, "escalated", zone)
        text.append("  Disputed with your card issuer")
        if disputed_on:
            text.append(f" on {long_date(disputed_on)}", style="bold")
        if dispute_by:
            text.append(f" · deadline was {long_date(dispute_by)}", style="dim")
    elif status == "denied" and dispute_by:
        days = (date.fromisoformat(dispute_by) - today).days if today else None
        text.append("  Dispute the charge by ")
        text.append(
            f"{long_date(dispute_by)} · {days_left_sentence(days)}",
            style=tones[urgency(days, bool(case.get("is_open")))],
        )
    elif case.get("deadline"):
        days = case.get("days_left")
        tone = tones[urgency(days, bool(case.get("is_open")))]
        text.append("  Refund window ")
        text.append(f"{long_date(case['deadline'])} · {days_left_sentence(days)}", style=tone)
        if case.get("is_open") and case.get("window_used") is not None and (days or 0) >= 0:
            text.append(" " + window_bar(case["window_used"]), style=tone)
    follow_up = case.get("follow_up_on")
    second = Text()
    if follow_up:
        due = today is not None and follow_up <= today.isoformat()
        second.append(" Issuer's decision: follow up " if status == "escalated" else " Follow up ")
        second.append(
            f"{long_date(follow_up)} ({relative_days(follow_up, today)})",
            style=tones["due"] if due else "bold",
        )
    elif case.get("is_open"):
        second.append(" No follow-up date (f sets one)", style="dim")
    if second:
        text.append("\n")
        text.append_text(second)
    return text


def channels(case: dict[str, Any]) -> RenderableType:
    """The official channels, those for the settings country first (the server orders them),
    each with where it was seen; "Phone: see <official contact page>" when none is a phone."""
    items = case.get("channels")
    items = items if isinstance(items, list) else []
    pages = [p for p in case.get("contact_pages") or () if isinstance(p, dict) and p.get("url")]
    if not items and not pages:
        return Text(
            "No official contact channels known for this vendor yet: look for “refund” or "
            "“billing” on its support site, and log what you use with l.",
            style="dim",
        )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for channel in items:
        where = channel.get("phone") or channel.get("url") or channel.get("email") or ""
        label = channel.get("label") or channel.get("kind", "")
        extra = [part for part in (channel.get("region"), channel.get("hours")) if part]
        line = Text(f"{label}" + (f" ({' · '.join(extra)})" if extra else ""))
        if where:
            line.append(": ")
            line.append(where, style="bold" if channel.get("phone") else "")
        source = channel.get("source_url")
        if source and source != where:
            seen = f", checked {channel['checked_on']}" if channel.get("checked_on") else ""
            line.append(f"\n  source: {source}{seen}", style="dim")
        grid.add_row(Text(str(channel.get("kind", "")).replace("_", " ").capitalize()), line)
    if not any(c.get("kind") == "phone" for c in items) and pages:
        for page in pages:
            grid.add_row(
                Text("Phone"), Text(f"see {page['url']} ({page.get('party')}'s official contact page)")
            )
    if any(c.get("kind") == "phone" for c in items):
        grid.add_row(Text(""), Text("y copies the first number", style="dim"))
    return grid


def checklist(case: dict[str, Any], tones: Tones = DEFAULT_TONES) -> RenderableType:
    items = case.get("checklist")  # the server's (server/policies/checklist.py)
    items = items if isinstance(items, list) else []
    lines = []
    for item in items:
        present = bool(item.get("present"))
        line = Text("  ✓ " if present else "  ✗ ", style=tones["good"] if present else tones["bad"])
        line.append(item.get("label", ""), style="" if present else "bold")
        if not present and item.get("hint"):
            line.append(f" — {item['hint']}", style="dim")
        lines.append(line)
    missing = [item for item in items if not item.get("present")]
    head = Text(
        f"{len(missing)} missing: {how_to_add(missing)}." if missing else "All there.",
        style=tones["good"] if not missing else tones["warn"],
    )
    return Group(head, *lines)


# Checklist items added by logging something (l) rather than by editing the case (e).
LOGGED_ITEMS = {"proof_of_purchase": "the proof of purchase"}
LOGGED_KEYS = "with l (log), or m on a logged email"


def how_to_add(missing: list[dict[str, Any]]) -> str:
    logged = [LOGGED_ITEMS[item["id"]] for item in missing if item.get("id") in LOGGED_ITEMS]
    edited = len(missing) - len(logged)
    parts = ["add with e (edit)"] if edited else []
    if logged:
        parts.append(f"{'add ' if not edited else ''}{' and '.join(logged)} {LOGGED_KEYS}")
    return "; ".join(parts)
