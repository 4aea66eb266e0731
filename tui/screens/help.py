"""`?`: every key, and the refund workflow in five lines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = """\
[b]Board[/b]
  ↑ ↓ / j k   move          enter   open the case
  1 … 6       Open · Due soon · Follow-ups · Closed · All · Archived
  ← →         the next / previous view
  /           filter as you type (esc clears)
  c           calendar of the next 60 days

[b]A case[/b] (on the board: the highlighted one)
  l   log an email, call, chat or letter — reference number, transcript
  s   change the status (only the allowed moves are offered)
  f   set or clear the follow-up date
  t   the request / follow-up / escalation text, copied with c
  n   add a note           e   edit the facts
  x   export (this case's dossier, or every case as CSV / JSON / calendar)
      then o opens the file, O its folder
  d   archive it (asks first; nothing is deleted)
  r   restore it (an archived case: 6 lists them)

[b]Anywhere[/b]
  a   add a case by hand   p   pair a browser (shows a code)
  R   reminders: what is due (z snooze a day, Z 3 days, x done)
  ,   settings: country and holidays, region, time zone, notifications
  ctrl+p "Calendar feeds": URLs for a calendar app (n new, d revoke)
  ctrl+p  every command by name        ?  this help
  esc     back out of anything         q  quit"""

WORKFLOW = """\
[b]Getting your money back[/b]
  1. Gather the order number, the account email and your reason (the case's checklist).
  2. Ask before the deadline: web form, phone or chat. Log it with [b]l[/b] and mark it
     [b]requested[/b] with [b]s[/b]; a follow-up date is set for you.
  3. Watch for the confirmation and the refund; log each answer with its reference number.
  4. No refund by the follow-up date? Send the follow-up text ([b]t[/b]) quoting the reference.
  5. Denied? Escalate to your card issuer (chargeback) with the dossier ([b]x[/b])."""


class HelpScreen(ModalScreen):
    CSS_PATH = "help.tcss"

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc closes"
            yield Static(KEYS)
            yield Static(WORKFLOW)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
