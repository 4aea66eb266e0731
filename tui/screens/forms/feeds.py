"""The command palette's "Calendar feeds": the live calendar URLs a calendar app subscribes to.

Listed by name and date (the server never lists their URLs); `n` makes one and shows its URL
this once, with `c` to copy it; `d` revokes the highlighted one, after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...api import ApiError, ServerUnreachable
from ...formatting import long_date

if TYPE_CHECKING:
    from textual import getters

    from ...app import RefundsApp

INTRO = (
    "A calendar app (Thunderbird, GNOME, Apple or Outlook calendars) subscribes to a feed's "
    "secret URL and shows every open case's deadlines and follow-ups, with alarms, as they "
    "change. Anyone who has the URL can read those dates, vendors and order numbers (no "
    "amounts, e-mail addresses or letters): make one per app, revoke one you no longer use."
)
EMPTY = "No calendar feeds. n makes one."


class FeedsScreen(ModalScreen[None]):
    if TYPE_CHECKING:  # for the type checker only: the app of these screens is a RefundsApp
        app = getters.app(RefundsApp)

    CSS_PATH = "feeds.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", id="feeds.back"),
        Binding("n", "new", "New feed", tooltip="Make a feed and show its URL (once)", id="feeds.new"),
        Binding(
            "d,delete",
            "revoke",
            "Revoke",
            key_display="d",
            tooltip="Turn the highlighted feed's URL off (asks first)",
            id="feeds.revoke",
        ),
        Binding("c", "copy_url", "Copy URL", tooltip="Copy the new feed's URL", id="feeds.copy"),
    ]

    # The URL of the feed made here, shown this once (the server never lists it again).
    new_url: reactive[str | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[dict[str, Any]] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Calendar feeds"
            dialog.border_subtitle = "n new · d revoke · esc back"
            yield Static(INTRO, id="intro")
            yield OptionList(id="feeds")
            with Horizontal(id="name-row"):
                yield Label("Name", id="name-label")
                yield Input(
                    placeholder="which calendar app: Thunderbird, phone…",
                    id="name",
                    max_length=100,
                    compact=True,
                )
            yield Static(id="new-url")
            yield Static(id="problem")

    def on_mount(self) -> None:
        self.query_one("#name", Input).cursor_blink = self.app.cursor_blink
        self.query_one("#feeds", OptionList).focus()
        self.load()

    # -- the list ------------------------------------------------------------------------
    @work(group="feeds-load", exclusive=True)
    async def load(self, select: str | None = None) -> None:
        try:
            feeds = await self.app.connected_api.calendar_feeds()
        except ServerUnreachable:
            self.say("The server does not answer; try again when it is back.")
            return
        except ApiError as exc:
            self.say(f"Could not list the feeds: {exc}")
            return
        self.show_feeds(feeds, select)

    def show_feeds(self, feeds: list[dict[str, Any]], select: str | None = None) -> None:
        self.loaded = True
        self.feeds = feeds
        listing = self.query_one("#feeds", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        if feeds:
            listing.add_options(Option(self._line(feed), id=feed["id"]) for feed in feeds)
            wanted = next((i for i, f in enumerate(feeds) if f["id"] == select), None)
            listing.highlighted = wanted if wanted is not None else min(highlighted or 0, len(feeds) - 1)
        else:
            listing.add_option(Option(Text(EMPTY, style="italic"), id="-empty", disabled=True))
        self.refresh_bindings()

    @staticmethod
    def _line(feed: dict[str, Any]) -> Text:
        line = Text(feed.get("name") or "Calendar", style="bold")
        line.append(f"  made {long_date(feed.get('created_at'))}", style="dim")
        return line

    def current_feed(self) -> dict[str, Any] | None:
        listing = self.query_one("#feeds", OptionList)
        if not self.feeds or listing.highlighted is None or listing.highlighted >= len(self.feeds):
            return None
        return self.feeds[listing.highlighted]

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        self.refresh_bindings()

    def say(self, text: str) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(Text(text))
        problem.set_class(bool(text), "-shown")

    # -- a new feed ----------------------------------------------------------------------
    def action_new(self) -> None:
        """Ask for a name (Enter makes the feed; an empty name is "Calendar")."""
        self.add_class("-naming")
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def name_given(self, event: Input.Submitted) -> None:
        event.stop()
        self.create(event.value.strip() or None)

    @work(group="feeds-write", exclusive=True)
    async def create(self, name: str | None) -> None:
        try:
            feed = await self.app.connected_api.create_calendar_feed(name)
        except ServerUnreachable:
            self.say("The server does not answer; try again when it is back.")
            return
        except ApiError as exc:
            self.say(str(exc))
            return
        self.say("")
        name_input = self.query_one("#name", Input)
        name_input.value = ""
        self.remove_class("-naming")
        self.new_url = feed["url"]
        self.query_one("#feeds", OptionList).focus()
        self.load(select=feed["id"])

    def watch_new_url(self, url: str | None) -> None:
        box = self.query_one("#new-url", Static)
        box.set_class(url is not None, "-shown")
        if url is not None:
            text = Text("Subscribe to this URL in your calendar app. It is shown only now:\n", style="bold")
            text.append(url, style="underline")
            text.append("\nc copies it.", style="dim")
            box.update(text)
        self.refresh_bindings()

    def action_copy_url(self) -> None:
        if self.new_url:
            self.copy_out(self.new_url)

    @work(group="feeds-copy", exclusive=True)
    async def copy_out(self, url: str) -> None:
        await self.app.copy_out(url, "the feed's URL")

    # -- revoking ------------------------------------------------------------------------
    def action_revoke(self) -> None:
        feed = self.current_feed()
        if feed is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.revoke(feed)

        self.app.push_screen(RevokeFeedConfirm(feed), callback=confirmed)

    @work(group="feeds-write", exclusive=True)
    async def revoke(self, feed: dict[str, Any]) -> None:
        try:
            await self.app.connected_api.revoke_calendar_feed(feed["id"])
        except ServerUnreachable:
            self.say("The server does not answer; try again when it is back.")
            return
        except ApiError as exc:
            self.say(str(exc))
        else:
            self.notify(
                f"Revoked “{feed.get('name')}”: its URL no longer answers.", title="Calendar feed revoked"
            )
        self.load()

    # -- keys ----------------------------------------------------------------------------
    def action_back(self) -> None:
        if self.has_class("-naming"):
            self.remove_class("-naming")
            self.query_one("#name", Input).value = ""
            self.query_one("#feeds", OptionList).focus()
            return
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "revoke":
            return True if self.current_feed() is not None else None
        if action == "copy_url":
            return bool(self.new_url)
        return True


class RevokeFeedConfirm(ModalScreen[bool]):
    """Dismissed with True when the user confirms; Enter (or y) revokes, Esc (or n) keeps it."""

    CSS_PATH = "feeds.tcss"

    BINDINGS = [
        Binding("escape,n", "cancel", "Cancel", id="revoke_feed.cancel"),
        Binding("y", "confirm", "Revoke", id="revoke_feed.confirm"),
    ]

    def __init__(self, feed: dict[str, Any]) -> None:
        super().__init__()
        self.feed = feed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Revoke this calendar feed?"
            dialog.border_subtitle = "enter revoke · esc cancel"
            yield Static(Text(self.feed.get("name") or "Calendar"), id="what")
            yield Static(Text(f"made {long_date(self.feed.get('created_at'))}"), id="facts")
            yield Static(
                "Calendars subscribed to it stop updating: its URL answers nothing from now "
                "on. Your cases are not touched; n on the list makes a new feed.",
                id="explain",
            )
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Revoke", id="revoke", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#revoke", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#revoke")
    def revoke_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
