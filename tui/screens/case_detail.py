"""One case: the facts, what was bought, who refunds, every clock, how to reach them, what is
missing, and the timeline of every status change and contact. The case keys (l s f t n e x,
d archive, r restore) work here too; settings saved anywhere reload the case (what is computed
from them changes)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from .. import case_sections, contacts
from ..api import ApiError, ServerUnreachable
from ..formatting import case_name
from ..widgets.banner import ConnectionBanner
from ..widgets.footer import KeysFooter
from ..widgets.timeline import TimelineEntry, timeline_entries
from .case_actions import CaseActions, archive_bindings, case_bindings

# What can prove the purchase (as the server accepts it).
PROOF_CHANNELS = ("email", "letter")
TIMELINE_TITLE = "Timeline (newest first · enter shows the full text)"
# From this width on, the timeline gets its own column beside the facts.
WIDE_FROM = 110


class CaseScreen(CaseActions, Screen):
    CSS_PATH = "case_detail.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", id="case.back"),
        *case_bindings(show_all=True),
        Binding("x", "export_case", "Export", id="case.export"),
        Binding(
            "y",
            "copy_number",
            "Copy number",
            show=False,
            id="case.copy_number",
            tooltip="Copy the first official phone number (or the official contact page)",
        ),
        Binding(
            "m",
            "mark_proof",
            "Mark as proof",
            show=False,
            tooltip="The email or letter under the cursor in the timeline proves the purchase "
            "(m again: no longer)",
            id="case.mark_proof",
        ),
        *archive_bindings(),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case: dict[str, Any] | None = None
        self._leave_when_archived = False  # archived from here: back to the board once done
        self._verdicts: dict[tuple[str, str], dict[str, Any]] = {}  # contact checks, by target
        self._timeline_shown: tuple[bool, str, list[dict[str, Any]]] | None = None

    def compose(self) -> ComposeResult:
        yield ConnectionBanner()
        yield Static(id="title")
        yield Static(id="window")
        with Horizontal(id="columns"):
            with VerticalScroll(id="body"):
                yield from self._sections()
            # On a wide terminal the timeline has a column of its own.
            with VerticalScroll(id="side"):
                yield Static(TIMELINE_TITLE, classes="section-title")
                yield Vertical(id="timeline-wide", classes="timeline")
        yield KeysFooter(compact=True)

    def _sections(self) -> ComposeResult:
        yield Static("Loading…", id="loading")
        yield Static("Facts", classes="section-title")
        yield Static(id="facts", classes="section")
        yield Static("What was bought", id="items-title", classes="section-title")
        yield Static(id="items", classes="section")
        yield Static("Who refunds", classes="section-title")
        yield Static(id="who", classes="section")
        yield Static("Deadlines", classes="section-title")
        yield Static(id="clocks", classes="section")
        yield Static("How to reach them", classes="section-title")
        yield Static(id="channels", classes="section")
        yield Static("Checklist for the request", classes="section-title")
        yield Static(id="checklist", classes="section")
        yield Static(TIMELINE_TITLE, classes="section-title narrow-only")
        yield Vertical(id="timeline-narrow", classes="timeline narrow-only")

    def on_mount(self) -> None:
        self.app.case_signal.subscribe(self, self.case_arrived)
        self.app.chrome_signal.subscribe(self, lambda _: self.reload_if_back())
        self.app.settings_signal.subscribe(self, lambda _: self.load())
        self.query_one("#body").focus()
        self.set_class(True, "-loading")
        cached = self.app.index.get(self.case_id)
        if cached is not None:
            self.query_one("#title", Static).update(self._title(cached))
        self.load()

    @work(group="load-case", exclusive=True)
    async def load(self) -> None:
        try:
            case = await self.app.connected_api.get_case(self.case_id)
        except ServerUnreachable:
            self.query_one("#loading", Static).update(
                "The server does not answer; this refreshes when it is back."
            )
            return
        except ApiError as exc:
            self.query_one("#loading", Static).update(Text(str(exc)))
            return
        self.show_case(case)

    def reload_if_back(self) -> None:
        from ..chrome import Link

        if self.app.chrome.link is Link.ONLINE and self.case is None:
            self.load()

    def case_arrived(self, case: dict[str, Any]) -> None:
        if case.get("id") == self.case_id:
            self.show_case(case)

    def current_case_id(self) -> str | None:
        return self.case_id if self.case is not None else None

    def current_case(self) -> dict[str, Any] | None:
        return self.case

    def archive_confirmed(self, case_id: str) -> None:
        self._leave_when_archived = True
        super().archive_confirmed(case_id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export_case(self) -> None:
        from .forms.export import ExportScreen

        if self.case is not None:
            self.app.push_screen(ExportScreen(self.case))

    def action_mark_proof(self) -> None:
        entry = self.focused.entry if isinstance(self.focused, TimelineEntry) else None
        if self.case is None:
            return
        if entry is None or entry.get("kind") != "contact" or entry.get("channel") not in PROOF_CHANNELS:
            self.notify(
                "Pick an email or letter in the timeline (↑ ↓), then m.",
                title="Proof of purchase",
                severity="warning",
            )
            return
        marked = entry.get("id") == self.case.get("proof_of_purchase")
        self.save_proof(None if marked else entry["id"])

    @work(group="proof", exclusive=True)
    async def save_proof(self, communication_id: str | None) -> None:
        case = await self.app.ask_server(
            lambda api: api.patch_case(self.case_id, {"proof_of_purchase": communication_id})
        )
        if case is None:
            return
        self.app.case_arrived(case)
        self.notify(
            "Marked as the proof of purchase."
            if communication_id
            else "No longer marked as the proof of purchase."
        )

    # -- drawing -------------------------------------------------------------------------
    @staticmethod
    def _title(case: dict[str, Any]) -> Text:
        title = Text(f" {case_name(case)}", style="bold")
        if case.get("order_number"):
            title.append(f"  order {case['order_number']}", style="dim")
        return title

    def show_case(self, case: dict[str, Any]) -> None:
        if case.get("archived_at") and self._leave_when_archived:
            self._leave_when_archived = False
            if self.app.screen is self:
                self.app.pop_screen()  # it is on no view now: back to the board
                return
        self.case = case
        today = self.app.today
        tones = case_sections.theme_tones(self.app.theme_variables)
        self.set_class(False, "-loading")
        self.query_one("#title", Static).update(self._title(case))
        zone = self.app.zone
        self.query_one("#window", Static).update(case_sections.window_line(case, today, tones, zone))
        self.query_one("#facts", Static).update(case_sections.facts_table(case, tones))
        bought = case_sections.items(case)
        self.set_class(bought is None, "-no-items")
        self.query_one("#items", Static).update(bought or "")
        self.query_one("#who", Static).update(case_sections.who_refunds(case))
        self.query_one("#clocks", Static).update(case_sections.clocks(case, today, tones, zone))
        self.query_one("#channels", Static).update(case_sections.channels(case))
        self.query_one("#checklist", Static).update(case_sections.checklist(case, tones))
        self._show_timeline(case)
        self.refresh_bindings()

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE_FROM
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            if self.case is not None:
                self._show_timeline(self.case)

    def _show_timeline(self, case: dict[str, Any]) -> None:
        wide = self.has_class("-wide")
        timeline = self.query_one("#timeline-wide" if wide else "#timeline-narrow", Vertical)
        other = self.query_one("#timeline-narrow" if wide else "#timeline-wide", Vertical)
        wanted = (wide, str(self.app.zone), timeline_entries(case))
        if wanted == self._timeline_shown:
            # The same case arriving again (the save's answer, then its live event) keeps the
            # entries, and with them the focus a key pressed in between acts on.
            return
        self._timeline_shown = wanted
        shown = list(self.query(TimelineEntry))
        expanded = {entry.key for entry in shown if entry.expanded}
        focused = self.focused.key if isinstance(self.focused, TimelineEntry) else None
        entries = [TimelineEntry(entry, zone=self.app.zone) for entry in wanted[2]]
        for entry in entries:
            entry.set_reactive(TimelineEntry.expanded, entry.key in expanded)
        with self.app.batch_update():
            other.remove_children()
            timeline.remove_children()
            if entries:
                timeline.mount_all(entries)
            else:
                timeline.mount(
                    Static(
                        "Nothing yet. Log each contact with l: channel, time, reference "
                        "number, what was said.",
                        classes="hint",
                    )
                )
        if focused is not None:
            for entry in entries:
                if entry.key == focused:
                    self.call_after_refresh(entry.focus)
        self._check_contacts(case, entries)

    @work(exclusive=True, group="contact-checks")
    async def _check_contacts(self, case: dict[str, Any], entries: list[TimelineEntry]) -> None:
        """Flags each logged contact whose URL or email domain is not an official one."""
        for widget in entries:
            target = (
                contacts.contact_target(widget.entry.get("contact"))
                if widget.entry.get("kind") == "contact"
                else None
            )
            if target is None:
                continue
            verdict = self._verdicts.get(target)
            if verdict is None:
                try:
                    verdict = await self.app.connected_api.official(**{target[0]: target[1]})
                except (ApiError, ServerUnreachable):
                    continue  # a contact the server cannot judge (or no server): no warning
                self._verdicts[target] = verdict
            widget.warning = contacts.contact_warning(verdict, case)

    async def action_copy_number(self) -> None:
        case = self.case or {}
        phone = contacts.first_phone(case)
        if phone is not None:
            await self.app.copy_out(phone["phone"], f"{phone.get('party')}'s number")
            return
        pages = case.get("contact_pages") or []
        if not pages:
            self.notify(
                "No official phone number or contact page is known for this case.", severity="warning"
            )
            return
        await self.app.copy_out(
            pages[0]["url"], f"{pages[0].get('party')}'s official contact page (no number is listed)"
        )
