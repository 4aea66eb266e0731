"""The case service: reads and changes cases through the store, publishing each durable change.

Handlers stay thin: they decode the request, call one method here and encode the answer.
"""

from __future__ import annotations

import builtins
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import msgspec
from msgspec import UNSET, Struct, structs
from ulid import ULID

from .api.schemas import SUMMARY_FIELDS
from .domain import cases as rules
from .domain import search
from .domain import status as status_machine
from .domain.documents import Case, Party
from .domain.fields import FieldInvalid
from .domain.inputs import CaptureIn, CaseIn, CasePatch, CommunicationIn, SettingsPatch
from .domain.shapes import check_case_shape
from .errors import NotFound
from .events import EventHub
from .policies.business_days import holiday_subdivision
from .policies.dates import zone
from .policies.knowledge import PolicyKnowledge
from .storage import Store
from .wallclock import WallClock

CASES = "cases"
SETTINGS = "settings"
SETTINGS_KEY = "settings"

# A board row: these stored fields, the computed deadlines, and a few derived ones.
_COMPUTED_SUMMARY_FIELDS = ("deadline", "days_left", "window_state", "window_used", "escalation_deadline")
_STORED_SUMMARY_FIELDS = tuple(
    name
    for name in SUMMARY_FIELDS
    if name not in (*_COMPUTED_SUMMARY_FIELDS, "status_label", "is_open", "page_domain")
)

# Full case views kept computed (a capture's answer and its event share one; a board's rows
# are cached apart, and small).
VIEW_CACHE_SIZE = 2048

CAPTURE_INDEX = "capture_id"
ORDER_INDEX = "order"


def register_indexes(store: Store) -> None:
    store.add_index(CAPTURE_INDEX, CASES, rules.capture_ids_of)
    store.add_index(ORDER_INDEX, CASES, rules.order_key_of)
    # A snapshot holding a case not shaped like a Case (a damaged or hand-edited file) is
    # moved aside at start rather than served: it would fail requests later instead.
    store.add_validator(CASES, check_case_shape)
    store.add_validator(SETTINGS, _check_settings)


class _StoredSettings(Struct):
    id: str
    country: str | None = None
    region: str | None = None
    locale: str | None = None
    subdivision: str | None = None
    timezone: str | None = None
    name: str | None = None
    desktop_notifications: bool = True
    push_urls: list[str] = []


# The settings' one shape: the stored struct's fields and defaults (tests/server/test_parity.py
# holds SettingsPatch, the OpenAPI Settings and the TUI's settings screen to it).
DEFAULT_SETTINGS: dict[str, Any] = structs.asdict(_StoredSettings(id=SETTINGS_KEY))


def _check_settings(doc: dict[str, Any]) -> None:
    msgspec.convert(doc, _StoredSettings)


def new_id() -> str:
    return str(ULID())


class CaseService:
    def __init__(self, store: Store, events: EventHub, knowledge: PolicyKnowledge, clock: WallClock) -> None:
        self.store = store
        self.events = events
        self.knowledge = knowledge
        self.clock = clock
        self.today: Callable[[], date] = clock.today
        # case id -> (the stored document it was computed from, the day, the view / the row).
        # Full views are large (clocks, channels, checklist): only the most recent are kept.
        self._views: OrderedDict[str, tuple[dict[str, Any], date, dict[str, Any]]] = OrderedDict()
        self._rows: dict[str, tuple[dict[str, Any], date, dict[str, Any]]] = {}
        # case id -> (the stored document, its search text): a query scans only changed cases' texts.
        self._search_texts: dict[str, tuple[dict[str, Any], str]] = {}

    def now(self) -> datetime:
        """This moment, to the second (cases are stamped with it)."""
        return self.clock.now().replace(microsecond=0)

    # ---------------------------------------------------------------- views
    def view(self, doc: dict[str, Any], today: date | None = None) -> dict[str, Any]:
        """The stored case plus what is computed from it (deadline, days left, next statuses)."""
        today = today or self.today()
        cached = self._views.get(doc["id"])
        if cached is not None and cached[0] is doc and cached[1] == today:
            return cached[2]
        status = doc["status"]
        view = {
            **doc,
            **self.knowledge.computed(doc, today),
            "status_label": status_machine.label(status),
            "next_statuses": list(status_machine.allowed_next(status)),
            "is_open": status_machine.is_open(status) and doc.get("archived_at") is None,
        }
        self._views[doc["id"]] = (doc, today, view)
        self._views.move_to_end(doc["id"])
        if len(self._views) > VIEW_CACHE_SIZE:
            self._views.popitem(last=False)
        return view

    def summary(self, doc: dict[str, Any], today: date | None = None) -> dict[str, Any]:
        """A board row (CaseSummary): computes only the deadlines, unless the view is at hand."""
        today = today or self.today()
        cached = self._rows.get(doc["id"])
        if cached is not None and cached[0] is doc and cached[1] == today:
            return cached[2]
        full = self._views.get(doc["id"])
        computed = (
            full[2]
            if full is not None and full[0] is doc and full[1] == today
            else self.knowledge.deadlines(doc, today)
        )
        status = doc["status"]
        row = {
            **{k: doc.get(k) for k in _STORED_SUMMARY_FIELDS},
            **{k: computed.get(k) for k in _COMPUTED_SUMMARY_FIELDS},
            "status_label": status_machine.label(status),
            "is_open": status_machine.is_open(status) and doc.get("archived_at") is None,
            "page_domain": self.knowledge.page_domain(doc.get("page_url")),
        }
        self._rows[doc["id"]] = (doc, today, row)
        return row

    def forget_views(self) -> None:
        """Computed fields depend on settings and policies: drop them when those change."""
        self._views.clear()
        self._rows.clear()

    def _publish(self, event_type: str, doc: dict[str, Any], **why: str) -> dict[str, Any]:
        view = self.view(doc)
        self.events.publish(event_type, case=view, **why)
        return view

    # ---------------------------------------------------------------- reads
    def get(self, case_id: str) -> dict[str, Any]:
        return self.view(self.stored(case_id))

    def stored(self, case_id: str) -> dict[str, Any]:
        """The stored document alone (without computed fields)."""
        doc = self.store.get(CASES, case_id)
        if doc is None:
            raise NotFound(f"No case with id {case_id!r}.", code="case_not_found")
        return doc

    def list(
        self,
        *,
        statuses: Iterable[str] = (),
        q: str | None = None,
        due_within: int | None = None,
        archived: str = "exclude",
        domain: str | None = None,
        summary: bool = False,
    ) -> list[dict[str, Any]]:
        today = self.today()
        wanted = set(statuses)
        words = search.query_words(q)
        domain = domain.lower().lstrip(".") if domain else None
        horizon = today + timedelta(days=due_within) if due_within is not None else None
        out = []
        for doc in self.store.all(CASES):
            is_archived = doc.get("archived_at") is not None
            if (archived == "exclude" and is_archived) or (archived == "only" and not is_archived):
                continue
            if wanted and doc["status"] not in wanted:
                continue
            if words and not search.matches(self._search_text(doc), words):
                continue
            if domain and not self._matches_domain(doc, domain):
                continue
            view = self.summary(doc, today) if summary else self.view(doc, today)
            if horizon is not None and not _due(view, today, horizon):
                continue
            out.append(view)
        out.sort(key=lambda v: v["id"])
        return out

    def _search_text(self, doc: dict[str, Any]) -> str:
        cached = self._search_texts.get(doc["id"])
        if cached is not None and cached[0] is doc:
            return cached[1]
        text = search.search_text(doc)
        self._search_texts[doc["id"]] = (doc, text)
        return text

    def _matches_domain(self, doc: dict[str, Any], domain: str) -> bool:
        """``domain`` (a site the user is on) is the vendor's, the seller's or the order page's."""
        candidates = [(doc.get(p) or {}).get("domain") for p in ("vendor", "seller")]
        candidates.append(self.knowledge.page_domain(doc.get("page_url")))
        return any(c and (domain == c or domain.endswith("." + c)) for c in candidates)

    # ---------------------------------------------------------------- writes
    # builtins.list: in this class `list` is the method that lists cases.
    async def capture(self, capture: CaptureIn) -> tuple[dict[str, Any], str, builtins.list[dict[str, Any]]]:
        """A new case, a merge into the same order's case, or (same capture_id) the case as is;
        with the facts a merged capture states differently from the case (which keeps its own)."""
        for _ in range(3):
            case_id = self.store.lookup(CAPTURE_INDEX, capture.capture_id)
            if case_id is None:
                break
            await self.store.wait_durable(CASES, case_id)
            doc = self.store.get(CASES, case_id)
            if doc is not None:
                return self.view(doc), "unchanged", []
            # The write that held this capture failed; the capture is new after all.
        now, today = self.now(), self.today()
        resolved = self.knowledge.resolve(
            url=capture.page_url,
            product=capture.product,
            merchant=capture.merchant_name,
            seller=capture.seller_name,
        )
        existing_id = self.store.lookup(ORDER_INDEX, rules.order_key(resolved.vendor, capture.order_number))
        # The order index holds the latest state: a key it names is a stored case.
        existing_doc = self.store.latest(CASES, existing_id) if existing_id is not None else None
        if existing_doc is not None:
            existing = rules.from_document(existing_doc)
            case = rules.merge_capture(existing, capture, now=now, today=today)
            differences = rules.capture_differences(existing, capture)
            result, event = "merged", "case.updated"
        else:
            case = rules.new_case_from_capture(
                capture,
                case_id=new_id(),
                now=now,
                today=today,
                vendor=resolved.vendor,
                seller=resolved.seller,
                purchase_source=resolved.purchase_source,
                rule_id=resolved.rule_id,
            )
            differences = []
            result, event = "created", "case.created"
        doc = await self._save(case)
        # Said in the event too: a merge is otherwise a case.updated like any edit.
        return self._publish(event, doc, cause="capture", result=result), result, differences

    async def create(self, data: CaseIn) -> dict[str, Any]:
        vendor = data.vendor if isinstance(data.vendor, Party) else None
        seller = data.seller if isinstance(data.seller, Party) else None
        resolved = self.knowledge.resolve(
            url=data.page_url if isinstance(data.page_url, str) else None,
            product=data.product if isinstance(data.product, str) else None,
            merchant=vendor.name if vendor else None,
            seller=seller.name if seller else None,
        )
        defaults = {
            "vendor": resolved.vendor,
            "seller": resolved.seller,
            "purchase_source": resolved.purchase_source,
        }
        case = rules.new_case_by_hand(
            data,
            case_id=new_id(),
            now=self.now(),
            today=self.today(),
            rule_id=resolved.rule_id,
            defaults=defaults,
        )
        doc = await self._save(case)
        return self._publish("case.created", doc)

    async def patch(self, case_id: str, patch: CasePatch, *, check_only: bool = False) -> dict[str, Any]:
        """Apply ``patch``; ``check_only``: every check the save makes, nothing written (the case
        as it is comes back; a problem raises as the save would)."""
        case = self._latest(case_id)
        updated = rules.apply_patch(
            case, patch, now=self.now(), today=self.today(), follow_up_rule=self._follow_up_rule
        )
        if check_only:
            if updated is not case:
                check_case_shape(rules.to_document(structs.replace(updated, revision=updated.revision + 1)))
            return self.get(case_id)
        if updated is case:
            return self.get(case_id)
        if (updated.vendor, updated.seller, updated.page_url) != (case.vendor, case.seller, case.page_url):
            # Who sold it decides which rule applies: match again from the edited facts.
            resolved = self.knowledge.resolve(
                url=updated.page_url,
                product=updated.product,
                merchant=updated.vendor.name if updated.vendor else None,
                seller=updated.seller.name if updated.seller else None,
            )
            updated = structs.replace(
                updated, policy=structs.replace(updated.policy, rule_id=resolved.rule_id)
            )
        doc = await self._save(updated)
        return self._publish("case.updated", doc)

    async def archive(self, case_id: str) -> dict[str, Any]:
        case = self._latest(case_id)
        if case.archived_at is not None:
            return self.get(case_id)
        now = self.now()
        doc = await self._save(structs.replace(case, archived_at=now, updated_at=now))
        return self._publish("case.deleted", doc)

    async def log(self, case_id: str, entry: CommunicationIn) -> tuple[dict[str, Any], dict[str, Any], bool]:
        """Log a communication; (case, communication, created). A repeated communication_id
        answers the entry already logged, without a write."""
        case = self._latest(case_id)
        if entry.communication_id is not UNSET and rules.find_communication(case, entry.communication_id):
            await self.store.wait_durable(CASES, case_id)
            doc = self.stored(case_id)
            existing = next(c for c in doc["communications"] if c["id"] == entry.communication_id)
            return self.view(doc), existing, False
        now = self.now()
        updated, comm = rules.add_communication(
            case, entry, comm_id=new_id(), now=now, local_tz=self.user_zone()
        )
        doc = await self._save(updated)
        view = self._publish("case.updated", doc)
        return view, next(c for c in doc["communications"] if c["id"] == comm.id), True

    def user_zone(self) -> tzinfo:
        """The zone a time given without an offset is read in: the settings' time zone (the
        one letters and dossiers use), else this machine's."""
        name = self.settings().get("timezone")
        return zone(name) if name else self.clock.local_zone()

    def _follow_up_rule(self, case: Case, new_status: str, on: date) -> date | None:
        return self.knowledge.follow_up(rules.to_document(case), new_status, on)

    def _latest(self, case_id: str) -> Case:
        doc = self.store.latest(CASES, case_id)
        if doc is None:
            raise NotFound(f"No case with id {case_id!r}.", code="case_not_found")
        return rules.from_document(doc)

    async def _save(self, case: Case) -> dict[str, Any]:
        doc = rules.to_document(structs.replace(case, revision=case.revision + 1))
        # What the next start checks, checked before it is written (~2 us): a bug that built a
        # malformed case fails this request instead of the next start.
        check_case_shape(doc)
        await self.store.write([(CASES, case.id, doc)])
        return doc

    # ---------------------------------------------------------------- settings
    def settings(self) -> dict[str, Any]:
        # Settings saved before a field existed have its default.
        return {**DEFAULT_SETTINGS, **(self.store.get(SETTINGS, SETTINGS_KEY) or {})}

    async def update_settings(self, patch: SettingsPatch) -> dict[str, Any]:
        current = self.store.latest(SETTINGS, SETTINGS_KEY) or DEFAULT_SETTINGS
        changes = {
            name: (value.upper() if isinstance(value, str) and name in ("country", "region") else value)
            for name in SettingsPatch.__struct_fields__
            if (value := getattr(patch, name)) is not UNSET
        }
        updated = {**DEFAULT_SETTINGS, **current, **changes}
        if "push_urls" in changes:
            from .notify.push import valid_push_url

            for url in changes["push_urls"]:
                if not valid_push_url(url):
                    raise FieldInvalid(
                        "push_urls",
                        f"{url.split(':', 1)[0]!r} is not a push service apprise "
                        "knows (for example ntfy://ntfy.sh/my-topic or tgram://BOT_TOKEN/CHAT_ID)",
                    )
        if updated.get("subdivision") and ("subdivision" in changes or "country" in changes):
            # A subdivision the holiday calendar does not know would silently drop every
            # holiday, national ones too: refused, with the ones that would do.
            try:
                updated["subdivision"] = holiday_subdivision(updated.get("country"), updated["subdivision"])
            except ValueError as exc:
                raise FieldInvalid("subdivision", str(exc)) from None
        await self.store.write([(SETTINGS, SETTINGS_KEY, updated)])
        self.forget_views()
        self.events.publish("settings.updated", settings=updated)
        return updated


def _due(view: dict[str, Any], today: date, horizon: date) -> bool:
    """Due: an open case whose refund deadline is coming up, or whose follow-up is due."""
    if not view["is_open"]:
        return False
    deadline = view.get("deadline")
    if deadline and today.isoformat() <= deadline <= horizon.isoformat():
        return True
    follow_up = view.get("follow_up_on")
    return bool(follow_up and follow_up <= horizon.isoformat())
