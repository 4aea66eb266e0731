"""`n` add a note and `l` log a contact: both become entries of the case's communication log."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone, tzinfo
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, TextArea

from ... import contacts
from ...formatting import CHANNEL_LABELS, long_date
from .base import CaseForm
from .checks import date_problem

WHEN_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
DIRECTIONS = (
    ("I contacted them", "outbound"),
    ("They contacted me", "inbound"),
    ("Neither (a note)", "none"),
)


def parse_when(text: str, zone: tzinfo | None = None) -> datetime | None:
    """`2026-11-26 14:05` (or a date alone) in the user's time zone ``zone`` (else this
    computer's); None if unreadable or if that zone skips the time (a clock moved forward)."""
    text = text.strip()
    for fmt in WHEN_FORMATS:
        try:
            wall = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if zone is None:
            return wall.astimezone()
        moment = wall.replace(tzinfo=zone)
        if moment.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != wall:
            return None  # 02:30 on the night the clocks jump from 02:00 to 03:00
        return moment
    return None


def when_problem(text: str, zone: tzinfo) -> str | None:
    """Why ``text`` is not a time to log (None when it is one)."""
    if parse_when(text, zone) is not None:
        return None
    for fmt in WHEN_FORMATS:
        try:
            datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        return (
            f"there is no such time in {zone_label(zone)}: the clocks skip it (they moved forward that night)"
        )
    day = text.strip()[:10]
    if len(day) == 10 and day.count("-") == 2 and (problem := date_problem(day)):
        return problem  # "2026-02-30 10:00": say why the date is none
    return "write it as YYYY-MM-DD HH:MM (24-hour), or leave it as now"


def zone_label(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or zone.tzname(None) or "UTC"


def new_communication_id() -> str:
    """Made once per form: a save repeated after a lost answer cannot log the entry twice."""
    return f"tui-{uuid.uuid4().hex}"


class NoteForm(CaseForm):
    """A note to self: what happened, what to remember."""

    TITLE = "Add a note"
    FIELD_ALIASES = {"body": "details"}
    FROM_SUMMARY = True  # a note needs only the case's id and name

    def __init__(self, case: dict[str, Any]) -> None:
        super().__init__(case)
        self.communication_id = new_communication_id()

    def fields(self) -> ComposeResult:
        yield from self.field(
            "Note", Input(placeholder="one line: what to remember", compact=True), "summary"
        )
        yield from self.field(
            "Details", TextArea(soft_wrap=True, id="field-details", compact=True), "details"
        )

    def validate(self) -> dict[str, str]:
        return {} if self.value("summary").strip() else {"summary": "write the note (one line)"}

    async def save(self) -> Any:
        entry: dict[str, Any] = {
            "channel": "note",
            "direction": "none",
            "communication_id": self.communication_id,
            "summary": self.value("summary").strip(),
        }
        if self.value("details").strip():
            entry["body"] = self.value("details")
        case = await self.api.log_communication(self.case["id"], entry)
        self.case_arrived(case)
        self.notify("Note added.")
        return case


class LogForm(CaseForm):
    """An email, call, chat, web form or letter: when, who, the reference number, what was said."""

    TITLE = "Log a contact"
    FIELD_ALIASES = {"at": "when", "body": "transcript"}
    logged: dict[str, Any] | None = None

    def __init__(self, case: dict[str, Any]) -> None:
        super().__init__(case)
        self.communication_id = new_communication_id()

    def fields(self) -> ComposeResult:
        channels = [(label, key) for key, label in CHANNEL_LABELS.items() if key != "note"]
        # Now, in the user's time zone (the settings'): what they read on their own clock.
        self.zone = self.app.zone
        self.default_when = self.app.clock.now().astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
        yield from self.field(
            "Channel", Select(channels, value="phone", allow_blank=False, compact=True), "channel"
        )
        yield from self.field(
            "Direction",
            Select(DIRECTIONS[:2], value="outbound", allow_blank=False, compact=True),
            "direction",
        )
        when = Input(self.default_when, placeholder="YYYY-MM-DD HH:MM", compact=True)
        when.tooltip = f"Your time, in {zone_label(self.zone)} (the settings' time zone)"
        yield from self.field("When", when, "when")
        yield from self.field(
            "Reference", Input(placeholder="ticket / case / confirmation number", compact=True), "reference"
        )
        yield from self.field(
            "Contact", Input(placeholder="agent name, address or number", compact=True), "contact"
        )
        yield from self.field(
            "Summary", Input(placeholder="one line: what was asked or agreed", compact=True), "summary"
        )
        yield from self.field(
            "Transcript", TextArea(soft_wrap=True, id="field-transcript", compact=True), "transcript"
        )
        if "requested" in (self.case or {}).get("next_statuses", ()):
            yield Checkbox(
                "Also mark it “Refund requested” (sets a follow-up date)",
                value=True,
                id="mark-requested",
                compact=True,
            )

    def validate(self) -> dict[str, str]:
        problems = {}
        if not self.value("summary").strip():
            problems["summary"] = "say in one line what was asked or agreed"
        when = self.value("when").strip()
        if when and when != self.default_when and (problem := when_problem(when, self.zone)):
            problems["when"] = problem
        return problems

    def on_mount(self) -> None:
        super().on_mount()
        self._suggested = ""
        self._suggest_contact(self.value("channel"))

    @on(Select.Changed, "#field-channel")
    def channel_changed(self, event: Select.Changed) -> None:
        self._suggest_contact(str(event.value))

    def _suggest_contact(self, channel: str) -> None:
        """Offers the official number / address for the channel in Contact, unless the user
        typed something of their own there."""
        box = self.query_one("#field-contact", Input)
        if box.value.strip() not in ("", self._suggested):
            return
        self._suggested = contacts.suggested_contact(self.case, channel)
        box.value = self._suggested

    @on(Select.Changed, "#field-direction")
    def direction_changed(self, event: Select.Changed) -> None:
        for box in self.query("#mark-requested").results(Checkbox):
            box.value = event.value == "outbound"

    def entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "channel": self.value("channel"),
            "direction": self.value("direction"),
            "summary": self.value("summary").strip(),
            "communication_id": self.communication_id,
        }
        when = self.value("when").strip()
        if when and when != self.default_when:
            moment = parse_when(when, self.zone)
            assert moment is not None
            entry["at"] = moment.astimezone(timezone.utc).isoformat()  # stored as UTC
        for name in ("reference", "contact"):
            if self.value(name).strip():
                entry[name] = self.value(name).strip()
        if self.value("transcript").strip():
            entry["body"] = self.value("transcript")
        return entry

    async def save(self) -> Any:
        from ...api import ApiError

        if self.logged is None:  # a retry after a failed status change must not log twice
            self.logged = await self.api.log_communication(self.case["id"], self.entry())
            self.case_arrived(self.logged)
        case = self.logged
        if not any(box.value for box in self.query("#mark-requested").results(Checkbox)):
            self.notify("Logged.")
            return case
        note = f"{CHANNEL_LABELS.get(self.value('channel'), '')}: {self.value('summary').strip()}"
        try:
            case = await self.api.patch_case(case["id"], {"status": "requested", "status_note": note[:4000]})
        except ApiError as exc:
            self.notify(f"Logged; the status did not change: {exc}", severity="warning", timeout=8)
            return case
        self.case_arrived(case)
        follow_up = case.get("follow_up_on")
        self.notify(
            f"Logged and marked requested. Follow up on {long_date(follow_up)}."
            if follow_up
            else "Logged and marked requested."
        )
        return case
