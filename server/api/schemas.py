"""Every wire shape of the API in one place: what each route takes and what it answers.

The route table (server/routes.py) names these classes, the OpenAPI document is generated
from them (server/openapi.py), and tests/server/test_response_shapes.py checks every route's
real answers against the class it names. Request bodies are the domain's inputs
(server/domain/inputs.py: the domain validates with them); they are named here so that a
route's every shape is found in one module.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import msgspec
from msgspec import UNSET, Struct, UnsetType

from ..domain.documents import Case, Communication, Party
from ..domain.inputs import (
    CalendarFeedIn,
    CaptureIn,
    CaseIn,
    CasePatch,
    CommunicationIn,
    PairIn,
    ReminderDoneIn,
    ReminderSnoozeIn,
    SettingsPatch,
)
from ..domain.reminders import Reminder

__all__ = [
    "CalendarFeed",
    "CalendarFeedCreated",
    "CalendarFeedIn",
    "CalendarFeedList",
    "CalendarFeedWithUrl",
    "CaptureDifference",
    "CaptureIn",
    "CaptureResult",
    "CaseEnvelope",
    "CaseIn",
    "CaseList",
    "CasePatch",
    "CaseSummary",
    "CaseSummaryList",
    "CaseView",
    "ChecklistItem",
    "ClientInfo",
    "ClientList",
    "Clock",
    "CommunicationIn",
    "CommunicationResult",
    "Error",
    "ErrorDetail",
    "Export",
    "Health",
    "Letter",
    "ListedReminder",
    "OfficialParty",
    "OfficialTable",
    "OfficialVerdict",
    "PairIn",
    "Paired",
    "PairingCode",
    "PolicyMatch",
    "ReminderDoneIn",
    "ReminderList",
    "ReminderSnoozeIn",
    "ReminderState",
    "RenewalRule",
    "Revoked",
    "SUMMARY_FIELDS",
    "Settings",
    "SettingsEnvelope",
    "SettingsPatch",
    "StatusInfo",
    "StatusTable",
    "WhoRefunds",
]


# -- responses -----------------------------------------------------------------------------
class ErrorDetail(msgspec.Struct):
    code: str
    message: str
    fields: dict[str, str]


class Error(msgspec.Struct):
    error: ErrorDetail


class Health(msgspec.Struct):
    status: Literal["ok", "degraded"]
    service: str
    version: str
    today: date
    login_service: bool = False
    problem: str | UnsetType = UNSET  # only when degraded: what went wrong
    # Only with client_id and nonce: whether that client is paired, and the proof (null: not).
    paired: bool | UnsetType = UNSET
    proof: str | None | UnsetType = UNSET


class ClientInfo(msgspec.Struct):
    id: str
    name: str
    kind: str
    created_at: str


class Paired(msgspec.Struct):
    token: str
    client_id: str
    client: ClientInfo


class PairingCode(msgspec.Struct):
    code: str
    expires_at: str
    expires_in: int


class ClientList(msgspec.Struct):
    clients: list[ClientInfo]


class Revoked(msgspec.Struct):
    revoked: str


class CalendarFeed(msgspec.Struct):
    id: str
    name: str
    created_at: str


class CalendarFeedWithUrl(msgspec.Struct):
    """``url``: http://127.0.0.1:PORT/calendar/<secret>.ics, given once, at creation."""

    id: str
    name: str
    created_at: str
    url: str


class CalendarFeedCreated(msgspec.Struct):
    feed: CalendarFeedWithUrl


class CalendarFeedList(msgspec.Struct):
    feeds: list[CalendarFeed]


class Clock(msgspec.Struct):
    kind: Literal["refund", "escalation"]
    id: str
    label: str
    start: date
    deadline: date
    days_left: int
    open: bool
    source: str
    source_url: str | None = None
    verified: bool = True
    note: str | None = None
    evidence: str | UnsetType = UNSET  # a legal refund clock's: why the law applies (the buyer's region)
    # An escalation clock's: its day count is approximate; its start is estimated (the
    # order date stands in for the statement date).
    approximate: bool | UnsetType = UNSET
    estimated: bool | UnsetType = UNSET


class WhoRefunds(msgspec.Struct):
    """Who takes the refund request; ``name`` is null when that is not known yet (``why`` then
    says what to add)."""

    name: str | None
    domain: str | None
    why: str


class ChecklistItem(msgspec.Struct):
    id: str
    label: str
    present: bool
    hint: str | None  # what to add; null once present


class RenewalRule(msgspec.Struct):
    """What the case's rule says of renewal charges (given only when the case renews)."""

    rule: str
    covered: bool
    window_days: int | None
    note: str | None
    source_url: str | None


class CaseView(Case, kw_only=True):
    """A stored case plus the fields computed when it is read (see server/policies/clocks.py)."""

    # The resolved rule and which of its values the user overrode. msgspec lets a subclass
    # redefine a field (it keeps its place); mypy reads that as an incompatible override.
    policy: dict[str, Any] = {}  # type: ignore[assignment]
    clocks: list[Clock] = []
    deadline: date | None = None
    deadline_source: str | None = None
    days_left: int | None = None
    window_state: Literal["open", "closing", "expired", "unknown"] = "unknown"
    window_used: float | None = None
    escalation_deadline: date | None = None
    escalation_days_left: int | None = None
    escalation_clock: str | None = None
    buyer_region: dict[str, Any] | None = None
    who_refunds: WhoRefunds | None = None
    channels: list[dict[str, Any]] = []
    contact_pages: list[dict[str, Any]] = []  # [{party, url}]: where phone numbers are listed
    checklist: list[ChecklistItem] = []
    renewal_rule: RenewalRule | None = None
    notes: list[str] = []
    as_of: date | None = None
    timezone: str | None = None
    status_label: str = ""
    next_statuses: list[str] = []
    is_open: bool = True


class Letter(msgspec.Struct):
    kind: Literal["request", "follow_up", "escalation"]
    format: Literal["text", "markdown"]
    text: str


class PolicyMatch(msgspec.Struct):
    match: dict[str, Any]
    order_date: date
    policy: dict[str, Any]
    clocks: list[Clock]
    deadline: date | None
    deadline_source: str | None
    days_left: int | None
    window_state: str
    window_used: float | None
    escalation_deadline: date | None
    who_refunds: WhoRefunds | None
    channels: list[dict[str, Any]]
    contact_pages: list[dict[str, Any]]
    notes: list[str]


class OfficialParty(msgspec.Struct):
    """A catalog party as the look-alike guard sees it (server/policies/lookalike.py)."""

    id: str
    name: str
    kind: str
    brands: list[str]
    brand_is_common_word: bool
    official_domains: list[str]  # registrable domains: its own and its merchants of record's
    own_domains: list[str]  # its own among them
    contact_page: str | None
    channels: list[dict[str, Any]]


class OfficialTable(msgspec.Struct):
    parties: list[OfficialParty]


class OfficialVerdict(msgspec.Struct):
    """Whether a URL's or email address's domain is a catalog party's own, or borrows its brand."""

    domain: str | None
    official: bool
    lookalike: bool
    party: OfficialParty | None


class CaseEnvelope(msgspec.Struct):
    """``checked``: only in the answer to PATCH with check=true (the edit was checked, not saved)."""

    case: CaseView
    checked: bool | UnsetType = UNSET


class CaptureDifference(msgspec.Struct):
    """A fact a merged capture states otherwise than the case. ``kept``: the value the case has
    now: its own ("case"), or the capture's for the line items, which a capture listing them
    replaces ("capture")."""

    field: str
    case: Any
    capture: Any
    kept: Literal["case", "capture"]


class CaptureResult(msgspec.Struct):
    """``differences``: for result "merged", each capture field (but page_url, page_title and
    order_number) that both the case and the capture give, and that differ (amounts compared as
    decimals, text ignoring spacing and letter case, items line by line). Empty when created or
    unchanged."""

    case: CaseView
    result: Literal["created", "merged", "unchanged"]
    differences: list[CaptureDifference]


class CaseList(msgspec.Struct):
    cases: list[CaseView]
    total: int


class CommunicationResult(msgspec.Struct):
    case: CaseView
    communication: Communication


class StatusInfo(msgspec.Struct):
    status: str
    label: str
    next: list[str]
    open: bool


class StatusTable(msgspec.Struct):
    """``short``: each status's short name (a board's column); ``help``: what moving to it
    means, a line; ``disputing``: the statuses in which the charge is disputed (after a
    refusal: the dispute deadline is the one that matters, no follow-ups); ``closing_days``: a
    deadline at most this many days away is closing (``window_state``)."""

    statuses: list[StatusInfo]
    short: dict[str, str]
    help: dict[str, str]
    disputing: list[str]
    closing_days: int


class Settings(msgspec.Struct):
    id: str
    country: str | None
    region: str | None
    locale: str | None
    subdivision: str | None = None
    timezone: str | None = None
    name: str | None = None
    desktop_notifications: bool = True
    push_urls: list[str] = []


class SettingsEnvelope(msgspec.Struct):
    settings: Settings


class Export(msgspec.Struct):
    exported_at: str
    version: str
    cases: list[CaseView]


class ListedReminder(Reminder, frozen=True, kw_only=True):
    """A reminder and what became of it: the channels it was sent on, whether late."""

    sent: list[str] = []
    late: bool = False
    snoozed_until: date | None = None


class ReminderList(msgspec.Struct):
    """``as_of``: the day the reminders were worked out for (the user's today)."""

    reminders: list[ListedReminder]
    as_of: date


class ReminderState(msgspec.Struct):
    reminder_id: str
    snoozed_until: date | None = None
    done_at: str | None = None


class CaseSummary(Struct):
    """The fields a board shows (GET /api/v1/cases?view=summary)."""

    id: str
    status: str
    status_label: str
    vendor: Party | None
    seller: Party | None
    product: str | None
    order_number: str | None
    order_date: date | None
    amount: str | None
    currency: str | None
    deadline: date | None
    days_left: int | None
    window_state: str
    window_used: float | None
    escalation_deadline: date | None
    follow_up_on: date | None
    is_open: bool
    archived_at: str | None
    updated_at: str
    revision: int
    page_domain: (
        str | None
    )  # the shop's site (page_url's registrable domain, else its host), None for mailboxes


SUMMARY_FIELDS = tuple(CaseSummary.__struct_fields__)


class CaseSummaryList(msgspec.Struct):
    """GET /api/v1/cases?view=summary."""

    cases: list[CaseSummary]
    total: int
