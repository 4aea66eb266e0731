"""One case as a dossier: the facts, every clock with its source, the status history and every
communication. What a user attaches to a chargeback or a complaint."""

from __future__ import annotations

import re
from typing import Any

from ..domain.items import quantity_text
from .checklist import proof_of_purchase
from .dates import human_date, local_date, local_moment, zone
from .refunder import vendor_name_guessed
from .timeline import STATUS_NAMES, contact_label, official_channel_lines

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")

_FACTS = (
    ("vendor", "Vendor"),
    ("seller", "Seller"),
    ("purchase_source", "Bought"),
    ("product", "Product"),
    ("plan", "Plan"),
    ("plan_term", "Plan term"),
    ("charge_type", "Charge"),
    ("order_number", "Order number"),
    ("order_date", "Order date"),
    ("delivery_date", "Delivery date"),
    ("statement_date", "Statement date"),
    ("amount", "Amount"),
    ("payment_method", "Payment method"),
    ("account_email", "Account email"),
    ("auto_renews", "Renews automatically"),
    ("renewal_date", "Renewal date"),
    ("page_url", "Order page"),
    ("captured_from", "Captured from"),
    ("reason", "Reason"),
    ("status", "Status"),
)


_SOURCES = {
    "direct": "directly from the vendor",
    "reseller": "through a reseller (merchant of record)",
    "app_store": "through an app store",
    "isp": "through an internet provider",
    "retail": "from a retailer or marketplace",
    "other": "other",
}


def _party(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    name, domain = value.get("name"), value.get("domain")
    if name and domain and name.casefold() != domain.casefold():
        return f"{name} ({domain})"
    return name or domain


def _fact_value(case: dict[str, Any], key: str) -> Any:
    if key == "vendor" and vendor_name_guessed(case):
        return f"not named on the order page (its address: {case['vendor']['name']})"
    if key in ("vendor", "seller"):
        return _party(case.get(key))
    if key == "amount":
        amount, currency = case.get("amount"), case.get("currency")
        return f"{amount} {currency}" if amount and currency else amount
    if key == "purchase_source":
        return _SOURCES.get(case.get(key) or "", case.get(key))
    return case.get(key)


def _local_iso(timestamp: str | None, tz) -> str | None:
    day = local_date(timestamp, tz)
    return day.isoformat() if day else None


def _local_fields(timestamp: str | None, tz) -> dict[str, Any]:
    """The user's date and time of a stored timestamp: ``date`` (2026-11-26), ``time`` (16:45)
    and ``local_at`` (the same instant with the zone's offset)."""
    moment = local_moment(timestamp, tz)
    if moment is None:
        return {"date": _local_iso(timestamp, tz), "time": None, "local_at": None}
    return {
        "date": moment.date().isoformat(),
        "time": moment.strftime("%H:%M"),
        "local_at": moment.isoformat(),
    }


def _when(entry: dict[str, Any]) -> str:
    day = human_date(entry.get("date")) or "Undated"
    return f"{day}, {entry['time']}" if entry.get("time") else day


def dossier_json(case: dict[str, Any], view: dict[str, Any]) -> dict[str, Any]:
    """The dossier as plain JSON-ready data."""
    tz = zone(view.get("timezone"))
    facts = {key: _fact_value(case, key) for key, _ in _FACTS}
    facts["currency"] = case.get("currency")
    return {
        "case_id": case.get("id"),
        "as_of": view.get("as_of"),
        "timezone": view.get("timezone"),
        "facts": facts,
        "items": list(case.get("items") or ()),
        "policy": view.get("policy"),
        "who_refunds": view.get("who_refunds"),
        "deadline": view.get("deadline"),
        "days_left": view.get("days_left"),
        "window_state": view.get("window_state"),
        "escalation_deadline": view.get("escalation_deadline"),
        "follow_up_on": case.get("follow_up_on"),
        "clocks": list(view.get("clocks") or ()),
        "channels": list(view.get("channels") or ()),
        "contact_pages": list(view.get("contact_pages") or ()),
        "status_history": [
            {**change, **_local_fields(change.get("at"), tz)} for change in case.get("status_history") or ()
        ],
        "communications": [
            {**entry, **_local_fields(entry.get("at"), tz)}
            for entry in sorted(case.get("communications") or (), key=lambda e: e.get("at") or "")
        ],
        "refund": case.get("refund"),
        "renewal_rule": view.get("renewal_rule"),
        "proof_of_purchase": case.get("proof_of_purchase") if proof_of_purchase(case) else None,
        "notes": list(view.get("notes") or ()),
    }


def _md(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def _items_table(items: list[dict[str, Any]], currency: str | None) -> list[str]:
    out = ["## What was bought", "", "| Item | Variant | Quantity | Price |", "|---|---|--:|--:|"]
    for item in items:
        price = item.get("price")
        shown_price = f"{price} {currency}" if price and currency else price
        cells = (item.get("name"), item.get("variant"), quantity_text(item.get("quantity")), shown_price)
        out.append("| " + " | ".join(_md(cell) if cell else "" for cell in cells) + " |")
    return [*out, ""]


def _renewal_lines(renewal: dict[str, Any] | None) -> list[str]:
    """The rule for renewal charges, for a case that renews."""
    if not renewal:
        return []
    if not renewal.get("covered"):
        words = "a renewal charge is not refundable under this policy"
    elif renewal.get("window_days") is not None:
        words = f"a renewal charge has its own {renewal['window_days']}-day window"
    else:
        words = "renewal charges are covered"
    line = f"- **Renewals:** {words}."
    if renewal.get("note"):
        line += f" {_md(renewal['note'])}"
    if renewal.get("source_url"):
        line += f" Source: <{renewal['source_url']}>"
    return [line]


def dossier_markdown(case: dict[str, Any], view: dict[str, Any]) -> str:
    """The dossier as a Markdown document."""
    data = dossier_json(case, view)
    title = case.get("product") or case.get("order_number") or case.get("id") or "Refund case"
    out = [f"# Refund dossier: {_md(title)}", ""]
    if data["as_of"]:
        out += [f"Prepared on {human_date(data['as_of'])}. Times are in {data['timezone'] or 'UTC'}.", ""]

    out += ["## Facts", ""]
    for key, label in _FACTS:
        value = data["facts"].get(key)
        if value is not None and value != "":
            if key == "status":
                value = STATUS_NAMES.get(value, value).capitalize()  # "Refund requested", not "requested"
            shown = f"<{value}>" if key == "page_url" else _md(value)
            out.append(f"- **{label}:** {shown}")
    out.append("")

    proof = proof_of_purchase(case)
    if proof is not None:
        local = _local_fields(proof.get("at"), zone(view.get("timezone")))
        kind = "letter" if proof.get("channel") == "letter" else "email"
        out[-1:-1] = [
            f"- **Proof of purchase:** the {kind} of {_when(local)}: "
            f"“{_md(proof.get('summary') or '')}” (under Communications)"
        ]

    if data["items"]:
        out += _items_table(data["items"], case.get("currency"))

    policy = data["policy"] or {}
    if policy:
        out += ["## Refund policy", ""]
        name = policy.get("name") or policy.get("id")
        out.append(
            f"- **Rule:** {_md(name)}"
            + (" (an assumption, not a published policy)" if policy.get("is_default") else "")
        )
        if policy.get("window_days") is not None:
            out.append(f"- **Window:** {policy['window_days']} days")
        if policy.get("conditions"):
            out.append(f"- **Conditions:** {_md(policy['conditions'])}")
        if policy.get("source_url"):
            verified = "" if policy.get("verified") else " (unverified: secondary sources only)"
            out.append(
                f"- **Source:** <{policy['source_url']}>{verified}, checked on "
                f"{human_date(policy.get('checked_on')) or 'an unknown date'}"
            )
        if policy.get("overridden"):
            out.append(f"- **Your overrides:** {', '.join(policy['overridden'])}")
        out += _renewal_lines(data["renewal_rule"])
        out.append("")

    who = data["who_refunds"] or {}
    if who.get("why"):
        out += ["## Who refunds", "", _md(who["why"]), ""]

    out += ["## Deadlines", ""]
    if data["deadline"]:
        out.append(f"- **Refund deadline:** {human_date(data['deadline'])} ({data['window_state']})")
    if data["escalation_deadline"]:
        out.append(f"- **Next escalation deadline:** {human_date(data['escalation_deadline'])}")
    if data["follow_up_on"]:
        out.append(f"- **Follow up:** {human_date(data['follow_up_on'])}")
    for clock in data["clocks"]:
        line = (
            f"- {_md(clock['label'])}: from {human_date(clock['start'])} to {human_date(clock['deadline'])}"
        )
        if clock.get("source_url"):
            line += f"; source <{clock['source_url']}>"
        if clock.get("note"):
            line += f". {_md(clock['note'])}"
        out.append(line)
    if not data["deadline"] and not data["clocks"]:
        out.append("No deadline can be worked out yet.")
    out.append("")

    channel_lines = official_channel_lines(view, _md, lambda url: f"<{url}>")
    if channel_lines:
        out += ["## Official contact channels", "", *(f"- {line}" for line in channel_lines), ""]

    if data["status_history"]:
        out += ["## Status history", ""]
        for change in data["status_history"]:
            day = _when(change)
            to = STATUS_NAMES.get(change.get("to") or "", change.get("to") or "unknown")
            line = f"- {day}: {_md(to)}"
            if change.get("note"):
                line += f". {_md(change['note'])}"
            out.append(line)
        out.append("")

    if data["communications"]:
        out += ["## Communications", ""]
        for entry in data["communications"]:
            day = _when(entry)
            head = f"- {day}: {contact_label(entry.get('channel'), entry.get('direction'))}"
            if entry.get("contact"):
                head += f" ({_md(entry['contact'])})"
            if entry.get("summary"):
                head += f": {_md(entry['summary'])}"
            if entry.get("reference"):
                head += f". Reference: {_md(entry['reference'])}"
            if entry.get("id") and entry.get("id") == data["proof_of_purchase"]:
                head += ". **The proof of purchase.**"
            out.append(head)
            if entry.get("body"):
                out += [
                    "",
                    *(
                        "  > " + _md(line) if line.strip() else "  >"
                        for line in str(entry["body"]).splitlines()
                    ),
                ]
        out.append("")

    refund = data["refund"] or {}
    if refund:
        out += ["## Refund", ""]
        parts = [
            f"{refund.get('amount')}" if refund.get("amount") else None,
            f"on {human_date(refund.get('date'))}" if refund.get("date") else None,
            f"to {refund.get('method')}" if refund.get("method") else None,
        ]
        out += ["Refunded " + " ".join(_md(p) for p in parts if p) + ".", ""]
    return "\n".join(out).rstrip() + "\n"
