"""`a` add a case by hand, `e` edit one: the facts of the purchase and the refund window."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from ... import purchase_sources
from .base import FormScreen
from .checks import MONEY_HINT, date_problem, is_date, is_money

# (form field, label, placeholder): one-line text fields, in the order shown.
TEXT_FIELDS = (
    ("vendor", "Vendor", "who makes it: Trend Micro"),
    ("vendor_domain", "Vendor site", "trendmicro.com"),
    ("seller", "Sold by", "if not the vendor: Digital River, App Store…"),
    ("product", "Product", "Maximum Security, 1 year"),
    ("plan", "Plan", "the plan or edition: Annual, 5 devices"),
    ("order_number", "Order #", "from the confirmation email"),
    ("order_date", "Order date", "YYYY-MM-DD"),
    ("delivery_date", "Delivered on", "YYYY-MM-DD (goods: starts some refund clocks)"),
    ("amount", "Amount", "49.95"),
    ("currency", "Currency", "USD"),
    ("account_email", "Account email", "the email you bought with"),
    ("payment_method", "Paid with", "Visa ending 4242, PayPal…"),
    ("statement_date", "Statement date", "YYYY-MM-DD: the card statement first showing it"),
    ("renewal_date", "Renews on", "YYYY-MM-DD"),
    ("page_url", "Order page", "https://…"),
)
# Every date the server's clocks count from, and the deadline override.
DATE_FIELDS = ("order_date", "delivery_date", "statement_date", "renewal_date", "deadline")
# Fields sent as they are (a blank one is sent as null: cleared).
PLAIN = (
    "product",
    "plan",
    "order_number",
    "order_date",
    "delivery_date",
    "amount",
    "currency",
    "account_email",
    "payment_method",
    "statement_date",
    "renewal_date",
    "page_url",
)
# Choices the clocks use: (field, label, options). A blank choice clears the field.
CHOICES = (
    ("plan_term", "Plan term", (("Monthly", "monthly"), ("Annual", "annual"), ("Other", "other"))),
    ("charge_type", "Charge", (("A new purchase", "new"), ("A renewal", "renewal"))),
    ("purchase_source", "Bought via", purchase_sources.CHOICES),
)
CHOICE_NAMES = tuple(name for name, _, _ in CHOICES)


class CaseFormScreen(FormScreen):
    FIELD_ALIASES = {
        "vendor.name": "vendor",
        "vendor.domain": "vendor_domain",
        "seller.name": "seller",
        "seller.domain": "seller",
        "policy.window_days": "window_days",
        "policy.deadline": "deadline",
        "policy": "deadline",
    }

    # The base form declares these as class attributes; this form's depend on the case.
    @property
    def SAVE_LABEL(self) -> str:  # type: ignore[override]
        return "Add case" if self.case is None else "Save"

    def title_text(self) -> str:
        return "Add a case by hand" if self.case is None else super().title_text()

    @property
    def TITLE(self) -> str:  # type: ignore[override]
        return "Edit"

    def initial(self) -> dict[str, str]:
        case = self.case or {}
        values = {name: str(case.get(name) or "") for name in PLAIN}
        values["vendor"] = (case.get("vendor") or {}).get("name") or ""
        values["vendor_domain"] = (case.get("vendor") or {}).get("domain") or ""
        values["seller"] = (case.get("seller") or {}).get("name") or ""
        values["reason"] = case.get("reason") or ""
        policy = case.get("policy") or {}
        overridden = policy.get("overridden")
        if isinstance(overridden, list):  # the policy as the server resolved it, and what the user set
            values["window_days"] = (
                str(policy.get("window_days") or "") if "window_days" in overridden else ""
            )
            values["deadline"] = str(case.get("deadline") or "") if "deadline" in overridden else ""
        else:  # an older server shows the stored overrides themselves
            values["window_days"] = str(policy.get("window_days") or "")
            values["deadline"] = str(policy.get("deadline") or "")
        return values

    def fields(self) -> ComposeResult:
        self.start = self.initial()
        case = self.case or {}
        for name, label, placeholder in TEXT_FIELDS:
            yield from self.field(label, Input(self.start[name], placeholder=placeholder, compact=True), name)
        for name, label, options in CHOICES:
            yield from self.field(
                label,
                Select(options, value=case.get(name) or Select.NULL, compact=True, prompt="choose…"),
                name,
            )
        yield Checkbox(
            "Renews automatically", value=bool(case.get("auto_renews")), id="field-auto_renews", compact=True
        )
        yield from self.field(
            "Reason",
            TextArea(self.start["reason"], soft_wrap=True, id="field-reason", compact=True),
            "reason",
        )
        if self.case is not None:
            yield Static(
                "Refund window — only to override the policy (blank: the policy decides)", classes="hint"
            )
            yield from self.field(
                "Window days", Input(self.start["window_days"], placeholder="30", compact=True), "window_days"
            )
            yield from self.field(
                "Deadline", Input(self.start["deadline"], placeholder="YYYY-MM-DD", compact=True), "deadline"
            )

    def validate(self) -> dict[str, str]:
        problems = {}
        if not self.value("vendor").strip() and not self.value("product").strip():
            problems["vendor"] = "name the vendor or the product"
        for name in DATE_FIELDS:
            if self.query(f"#field-{name}") and self.value(name).strip():
                if problem := date_problem(self.value(name)):
                    problems[name] = problem
        order_date = self.value("order_date").strip()
        if is_date(order_date):
            for name in ("delivery_date", "statement_date"):
                value = self.value(name).strip()
                if is_date(value) and value < order_date and name not in problems:
                    problems[name] = "is before the order date"
        amount = self.value("amount").strip()
        if amount and not is_money(amount):
            problems["amount"] = MONEY_HINT
        if amount and not self.value("currency").strip():
            problems["currency"] = "which currency? e.g. USD, EUR, GBP"
        if self.query("#field-window_days") and self.value("window_days").strip():
            if not self.value("window_days").strip().isdigit():
                problems["window_days"] = "a whole number of days"
        return problems

    def current(self) -> dict[str, str]:
        values = {name: self.value(name).strip() for name in self.start if self.query(f"#field-{name}")}
        values["reason"] = self.value("reason").rstrip()
        for name in CHOICE_NAMES:
            choice = self.query_one(f"#field-{name}", Select).value
            values[name] = choice if isinstance(choice, str) else ""
        return values

    def payload(self) -> dict[str, Any]:
        """Every filled field for a new case; only what changed for an edit (blank clears)."""
        now = self.current()
        start = {**self.start, **{name: (self.case or {}).get(name) or "" for name in CHOICE_NAMES}}
        adding = self.case is None

        def wanted(*names: str) -> bool:
            return (
                any(now.get(n) for n in names)
                if adding
                else any(now.get(n, "") != start.get(n, "") for n in names)
            )

        body: dict[str, Any] = {
            name: now[name] or None for name in (*PLAIN, "reason", *CHOICE_NAMES) if wanted(name)
        }
        if body.get("currency"):
            body["currency"] = body["currency"].upper()
        if wanted("vendor", "vendor_domain"):
            body["vendor"] = (
                {"name": now["vendor"], "domain": now["vendor_domain"] or None} if now["vendor"] else None
            )
        if wanted("seller"):
            body["seller"] = {"name": now["seller"]} if now["seller"] else None
        auto = self.query_one("#field-auto_renews", Checkbox).value
        if auto != bool((self.case or {}).get("auto_renews")):
            body["auto_renews"] = auto
        if not adding:
            policy: dict[str, Any] = {}
            if wanted("window_days"):
                policy["window_days"] = int(now["window_days"]) if now["window_days"] else None
            if wanted("deadline"):
                policy["deadline"] = now["deadline"] or None
            if policy:
                body["policy"] = policy
        return body

    async def save(self) -> Any:
        body = self.payload()
        if self.case is None:
            case = await self.api.create_case(body)
            self.case_arrived(case)
            self.notify("Case added.")
            return case
        if not body:
            self.notify("Nothing changed.")
            return self.case
        case = await self.api.patch_case(self.case["id"], body)
        self.case_arrived(case)
        self.notify("Saved.")
        return case
