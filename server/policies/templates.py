"""Letters filled in from a case and its log: the refund request, a follow-up, an escalation.

Each sentence is written only when its facts are known, so a sparse case gives a shorter
letter, never a placeholder. ``view`` is what ``compute`` returned for the case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .dates import human_date, local_date, parse_date, zone
from .refunder import vendor_name_guessed
from .timeline import (
    CHANNEL_NAMES,
    STATUS_NAMES,
    contacts,
    events,
    first_request,
    first_status_change,
    official_channel_lines,
)

TEMPLATE_KINDS = ("request", "follow_up", "escalation")
FORMATS = ("text", "markdown")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


class UnknownTemplateError(ValueError):
    """No template of that kind (the server answers 404)."""


@dataclass
class Letter:
    subject: str
    greeting: str
    paragraphs: list[str] = field(default_factory=list)
    list_title: str | None = None
    items: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    closing: str = "Kind regards,"

    def render(self, fmt: str) -> str:
        blocks: list[str] = []
        if fmt == "markdown":
            blocks.append(f"**Subject:** {self.subject}")
        else:
            blocks.append(f"Subject: {self.subject}")
        blocks.append(self.greeting)
        blocks.extend(p for p in self.paragraphs if p)
        if self.items:
            bullets = "\n".join(f"- {item}" for item in self.items)
            if self.list_title:
                title = f"**{self.list_title}**" if fmt == "markdown" else self.list_title
                blocks.append(f"{title}\n\n{bullets}" if fmt == "markdown" else f"{title}\n{bullets}")
            else:
                blocks.append(bullets)
        blocks.extend(p for p in self.after if p)
        blocks.append(self.closing)
        return "\n\n".join(blocks) + "\n"


def _clean(value: Any) -> str | None:
    """A value as one tidy line of text, or None when there is nothing to say."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _sentence(text: str) -> str:
    return text if text[-1:] in ".!?" else text + "."


class _Facts:
    """The case's facts, formatted once and escaped for the output format."""

    def __init__(self, case: dict[str, Any], view: dict[str, Any], fmt: str):
        self.case = case
        self.view = view
        self.markdown = fmt == "markdown"
        esc: Callable[[str], str] = (
            (lambda s: _MARKDOWN_SPECIAL.sub(r"\\\1", s)) if fmt == "markdown" else (lambda s: s)
        )

        def value(raw: Any) -> str | None:
            text = _clean(raw)
            return esc(text) if text else None

        self.value = value
        vendor = case.get("vendor") or {}
        seller = case.get("seller") or {}
        who = view.get("who_refunds") or {}
        policy = view.get("policy") or {}
        # A vendor known only by its page's address is no name to write to.
        named = None if vendor_name_guessed(case) else vendor.get("name")
        self.vendor = value(named) or (value(policy.get("vendor")) if not policy.get("is_default") else None)
        self.seller = value(seller.get("name"))
        self.refunder = value(who.get("name"))
        self.product = value(case.get("product"))
        self.plan = value(case.get("plan"))
        self.order_number = value(case.get("order_number"))
        self.order_date = human_date(case.get("order_date"))
        amount, currency = _clean(case.get("amount")), _clean(case.get("currency"))
        self.amount = value(f"{amount} {currency}" if amount and currency else amount)
        self.email = value(case.get("account_email"))
        self.payment = value(case.get("payment_method"))
        reason = _clean(case.get("reason"))
        self.reason = esc(_sentence(reason)) if reason else None
        self.deadline = human_date(view.get("deadline"))
        self.as_of = human_date(view.get("as_of"))
        self.window_days = policy.get("window_days")
        self.is_default = bool(policy.get("is_default"))
        self.state = view.get("window_state")

    def purchase(self) -> str:
        """``my purchase of X (order number N, placed on D, 49.95 USD)``."""
        thing = f"my purchase of {self.product}" if self.product else "my purchase"
        details = []
        if self.order_number:
            details.append(f"order number {self.order_number}")
        if self.order_date:
            details.append(f"placed on {self.order_date}")
        if self.amount:
            details.append(self.amount)
        return f"{thing} ({', '.join(details)})" if details else thing

    def greeting(self) -> str:
        return f"Dear {self.refunder} customer support," if self.refunder else "Dear customer support,"

    def sold_by(self) -> str | None:
        if self.refunder and self.vendor and self.refunder != self.vendor:
            source = self.case.get("purchase_source")
            if source == "app_store":
                return f"It was bought through {self.refunder}."
            if source == "reseller":
                return f"It was sold by {self.refunder} as the merchant of record for {self.vendor}."
            return f"It was sold by {self.refunder}."
        return None

    def order_subject(self) -> str:
        if self.order_number:
            return f"order {self.order_number}"
        if self.product:
            return self.product
        return "my recent order"

    def clock(self, clock_id: str | None) -> dict[str, Any] | None:
        for clock in self.view.get("clocks") or ():
            if clock.get("id") == clock_id:
                return clock
        return None


def _policy_sentence(f: _Facts) -> str | None:
    """Why the request is within its time, citing the clock that sets the deadline."""
    if not f.deadline or f.state == "expired":
        if f.state == "expired":
            return (
                "I understand the usual refund period has passed, and I ask you to consider "
                "this request all the same."
            )
        return None
    source = f.view.get("deadline_source")
    if source == "override":
        return f"I am making this request within the refund period, which runs until {f.deadline}."
    clock = f.clock(source) or {}
    if clock.get("source") == "law":
        start, end = parse_date(clock.get("start")), parse_date(clock.get("deadline"))
        period = (
            f"the {(end - start).days}-day cancellation period"
            if start and end
            else "the cancellation period"
        )
        return (
            f"I am exercising my statutory right to cancel this distance purchase within "
            f"{period}, which runs until {f.deadline}."
        )
    if f.is_default or not f.window_days:
        return None
    owner = f.vendor or f.refunder
    whose = (
        f"{owner}'s {f.window_days}-day refund policy" if owner else f"the {f.window_days}-day refund policy"
    )
    if f.case.get("charge_type") == "renewal":
        return (
            f"Under {whose}, a renewal charge can be refunded within that period, and I am "
            f"asking within it (it runs until {f.deadline})."
        )
    return (
        f"This purchase is covered by {whose}, and I am asking within that period (it runs "
        f"until {f.deadline})."
    )


def _refund_to(f: _Facts) -> str:
    method = f" ({f.payment})" if f.payment else ""
    return (
        f"Please refund the full amount to the original payment method{method} and confirm "
        f"by email once the refund has been issued."
    )


def _request(f: _Facts) -> Letter:
    letter = Letter(subject=f"Refund request, {f.order_subject()}", greeting=f.greeting())
    opening = [f"I am writing to request a full refund for {f.purchase()}."]
    for sentence in (
        f.sold_by(),
        f"The order was placed with the account {f.email}." if f.email else None,
        f"Reason for the refund: {f.reason}" if f.reason else None,
    ):
        if sentence:
            opening.append(sentence)
    letter.paragraphs.append(" ".join(opening))
    policy = _policy_sentence(f)
    if policy:
        letter.paragraphs.append(policy)
    ask = [_refund_to(f)]
    if f.case.get("auto_renews"):
        ask.append("Please also turn off automatic renewal for this subscription.")
    letter.paragraphs.append(" ".join(ask))
    letter.after.append("Thank you for your help.")
    return letter


_UNNAMED_OUTBOUND = {
    "email": "Email sent",
    "letter": "Letter sent",
    "chat": "Chat started",
    "phone": "Phone call made",
    "web_form": "Web form submitted",
}
_UNNAMED_INBOUND = {
    "email": "Email received",
    "letter": "Letter received",
    "chat": "Chat reply received",
    "phone": "Phone call received",
    "web_form": "Reply to a web form received",
}


def _contact_line(f: _Facts, entry: dict[str, Any], view: dict[str, Any]) -> str:
    day = human_date(local_date(entry.get("at"), zone(view.get("timezone"))))
    channel = entry.get("channel") or ""
    name = CHANNEL_NAMES.get(channel, "Contact")
    party = f.value(entry.get("contact")) or f.refunder or f.vendor
    inbound = entry.get("direction") == "inbound"
    if party:
        preposition = "with" if channel == "chat" else "from" if inbound else "to"
        what = f"{name} {preposition} {party}"
    else:
        what = (_UNNAMED_INBOUND if inbound else _UNNAMED_OUTBOUND).get(channel, f"{name}")
    head = f"{day}: {what}" if day else what
    summary = f.value(entry.get("summary"))
    line = f"{head}: {_sentence(summary)}" if summary else _sentence(head)
    reference = f.value(entry.get("reference"))
    if reference:
        line = f"{line} Reference {reference}."
    return line


def _follow_up(f: _Facts) -> Letter:
    letter = Letter(subject=f"Follow-up on my refund request, {f.order_subject()}", greeting=f.greeting())
    letter.paragraphs.append(f"I am writing to follow up on my request for a refund for {f.purchase()}.")
    logged = contacts(f.case)
    if logged:
        letter.list_title = "My earlier contacts about this request:"
        letter.items = [_contact_line(f, entry, f.view) for entry in logged]
        references = [f.value(e.get("reference")) for e in logged if _clean(e.get("reference"))]
        if references:
            letter.after.append(f"Please quote reference {references[-1]} when you reply.")
    else:
        requested = human_date(first_request(f.case, f.view))
        letter.paragraphs.append(
            f"I asked for the refund on {requested} and have not received it yet."
            if requested
            else "I have not yet received the refund."
        )
    days = (f.view.get("policy") or {}).get("processing_business_days") or {}
    if days.get("max") and not f.is_default:  # the default's processing time is a guess
        span = f"{days['min']} to {days['max']}" if days.get("min") else f"up to {days['max']}"
        due = parse_date(f.case.get("follow_up_on"))
        today = parse_date(f.view.get("as_of"))
        passed = due is not None and today is not None and today >= due
        letter.after.insert(
            0,
            f"Refunds are normally processed within {span} business days"
            + (", and that time has now passed." if passed else "."),
        )
    amount = f" of {f.amount}" if f.amount else ""
    method = f" ({f.payment})" if f.payment else ""
    letter.after.append(
        f"Please let me know when the refund{amount} will be issued to the original payment method{method}."
    )
    return letter


def _timeline_line(f: _Facts, event, view: dict[str, Any]) -> str | None:
    day = human_date(event.day)
    prefix = f"{day}: " if day else ""
    if event.kind == "order":
        what = f"Order {f.order_number} placed" if f.order_number else "Order placed"
        details = [d for d in (f.product, f.amount) if d]
        if details:
            what += f" ({', '.join(details)})"
        return _sentence(prefix + what)
    if event.kind == "contact":
        if event.data.get("channel") == "note" or event.data.get("direction") == "none":
            return None
        return _contact_line(f, event.data, view)
    if event.kind == "status":
        name = STATUS_NAMES.get(event.data.get("to") or "", None)
        if not name:
            return None
        note = f.value(event.data.get("note"))
        line = prefix + name[0].upper() + name[1:]
        return _sentence(f"{line}: {note}" if note else line)
    if event.kind == "refund":
        amount = f.value(event.data.get("amount"))
        return _sentence(prefix + (f"Refund of {amount} received" if amount else "Refund received"))
    return None


def _escalation(f: _Facts) -> Letter:
    charged_by = f.refunder or f.seller or (None if f.case.get("purchase_source") == "isp" else f.vendor)
    subject = "Dispute of a charge"
    if charged_by:
        subject += f" from {charged_by}"
    if f.order_date:
        subject += f" dated {f.order_date}"
    letter = Letter(subject=subject, greeting="Dear Sir or Madam,")
    charge = "I am disputing a charge"
    if f.amount:
        charge += f" of {f.amount}"
    if charged_by:
        charge += f" from {charged_by}"
    if f.order_date:
        charge += f" dated {f.order_date}"
    if f.payment:
        charge += f" on my {f.payment}"
    opening = [charge + "."]
    if f.product:
        what = f"The charge is for {f.product}"
        if f.order_number:
            what += f" (order number {f.order_number})"
        if f.vendor and charged_by and f.vendor != charged_by:
            what += f", sold on behalf of {f.vendor}"
        opening.append(what + ".")
    elif f.order_number:
        opening.append(f"The order number is {f.order_number}.")
    letter.paragraphs.append(" ".join(opening))

    requested = first_request(f.case, f.view)
    denied = first_status_change(f.case, "denied", f.view)
    story = []
    if requested:
        within = ""
        deadline = parse_date(f.view.get("deadline"))
        if deadline is not None and requested <= deadline and f.window_days and not f.is_default:
            whose = f"{f.vendor}'s " if f.vendor else "the "
            within = f", within {whose}{f.window_days}-day refund period"
        story.append(f"I asked the merchant for a refund on {human_date(requested)}{within}.")
    if denied:
        story.append(f"The request was denied on {human_date(denied)}.")
    elif f.case.get("status") != "refunded":
        story.append(
            f"As of {f.as_of} I have not received the refund."
            if f.as_of
            else "I have not received the refund."
        )
    if story:
        letter.paragraphs.append(" ".join(story))

    lines = [line for event in events(f.case, f.view) if (line := _timeline_line(f, event, f.view))]
    logged = contacts(f.case)
    if logged and logged[-1].get("direction") == "outbound" and not denied and f.as_of:
        lines.append(f"{f.as_of}: No answer received to my last message.")
    if lines:
        letter.list_title = "Timeline:"
        letter.items = lines
    proof = any(
        item.get("id") == "proof_of_purchase" and item.get("present")
        for item in f.view.get("checklist") or ()
    )
    evidence = "the order confirmation" if proof else "the order details"
    letter.after.append(
        f"I ask you to reverse this charge. I can provide {evidence} and copies of "
        "my correspondence with the merchant."
    )
    # Where the merchant can be reached, from its own pages: the issuer may contact it too.
    markdown = f.markdown
    channel_lines = official_channel_lines(
        f.view, lambda text: f.value(text) or "", (lambda url: f"<{url}>") if markdown else (lambda url: url)
    )
    if channel_lines:
        bullets = "\n".join(f"- {line}" for line in channel_lines)
        title = "The merchant's official contact channels (from its own website):"
        letter.after.append(f"**{title}**\n\n{bullets}" if markdown else f"{title}\n{bullets}")
    return letter


_BUILDERS = {"request": _request, "follow_up": _follow_up, "escalation": _escalation}


def render_template(
    kind: str, case: dict[str, Any], view: dict[str, Any], fmt: str = "text", signer: str | None = None
) -> str:
    """The letter of ``kind`` (request, follow_up, escalation) as text or markdown, signed
    by ``signer`` (the user's name from the settings) when there is one.

    Raises UnknownTemplateError (a ValueError) for an unknown kind or format.
    """
    builder = _BUILDERS.get(kind)
    if builder is None:
        raise UnknownTemplateError(f"no template {kind!r}; known: {', '.join(TEMPLATE_KINDS)}")
    if fmt not in FORMATS:
        raise UnknownTemplateError(f"no format {fmt!r}; known: {', '.join(FORMATS)}")
    facts = _Facts(case, view, fmt)
    letter = builder(facts)
    name = facts.value(signer)
    if name:
        letter.closing += ("  \n" if fmt == "markdown" else "\n") + name  # markdown: a hard break
    return letter.render(fmt)
