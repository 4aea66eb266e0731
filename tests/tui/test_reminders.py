"""The Reminders view (R), the settings' notification fields and the calendar feeds screen, against
a real server: what is listed is what the server says is due, and every key changes the server."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from datetime import timedelta

import msgspec
from textual.command import CommandPalette
from textual.widgets import Checkbox, TextArea

from server.domain.reminders import Reminder
from server.keys import REMINDERS
from server.notify.push import push_text
from tui.commands import RefundCommands
from tui.screens.board import BoardScreen
from tui.screens.case_detail import CaseScreen
from tui.screens.forms.feeds import FeedsScreen, RevokeFeedConfirm
from tui.screens.forms.settings import PUSH_EXAMPLE, PUSH_PREFIX, SettingsForm
from tui.screens.reminders import RemindersScreen
from tui.widgets.reminder_list import ReminderList, sent_text, when_text

from .helpers import make_app, screen_text, wait_for, wait_loaded, wait_palette_settled


def due(server, within: int = 14) -> list[dict]:
    return server.call("GET", f"/api/v1/reminders?within={within}")["reminders"]


def record(server, reminder_id: str) -> dict | None:
    """What the server's ledger holds for a reminder (snoozed until, done at, sent on)."""
    return server.server.app[REMINDERS].record(reminder_id)


def on_server(server, coroutine):
    """Run ``coroutine`` on the server's own loop (its store is written there)."""
    return asyncio.run_coroutine_threadsafe(coroutine, server._loop).result(10)


def listed(app) -> list[dict]:
    return list(app.screen.query_one(ReminderList).reminders)


async def open_reminders(pilot) -> RemindersScreen:
    await pilot.press("R")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RemindersScreen), message="the reminders")
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.loaded, message="the reminders loaded")
    await pilot.pause()
    return screen


def test_when_reads_from_the_servers_days_left():
    assert [when_text(d) for d in (0, 1, 5, -1, -3)] == [
        "today",
        "tomorrow",
        "in 5 days",
        "1 day overdue",
        "3 days overdue",
    ]
    assert sent_text({"sent": []}) == "" and sent_text({"sent": ["desktop"]}) == "sent"
    assert sent_text({"sent": ["desktop", "push"], "late": True}) == "sent late"


def test_the_settings_say_exactly_what_a_push_sends():
    title, body = push_text("Trend Micro 16739482210", "3 days left to ask for a refund (Digital River)")
    assert title.startswith(PUSH_PREFIX)
    assert f"{title} — {body}" == PUSH_EXAMPLE


async def test_reminders_are_listed_in_date_order_and_snooze_and_done_reach_the_server(demo_server):
    expected = due(demo_server)
    assert [r["title"] for r in expected] == [
        "Avast AVS-20417755",
        "Adobe AD0194455182",
        "Bitdefender 240981177",
        "Norton NRT-1180552",
    ]
    today = demo_server.today
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await open_reminders(pilot)
        assert [r["id"] for r in listed(app)] == [r["id"] for r in expected]
        text = screen_text(app)
        assert "4 reminders due in the next 14 days, as of Thu 26 Nov 2026" in text
        assert "in 2 days" in text and "in 13 days" in text
        assert "2 days left to ask for a refund (Avast)" in text
        assert "last day to ask for a refund (Avast) on Sat 28 Nov 2026 · not sent yet" in text

        # z: one day. Off the list here and on the server, until tomorrow.
        avast, adobe, bitdefender = expected[:3]
        await pilot.press("z")
        await wait_for(pilot, lambda: avast["id"] not in [r["id"] for r in listed(app)], message="the snooze")
        assert record(demo_server, avast["id"])["snoozed_until"] == (today + timedelta(days=1)).isoformat()
        assert avast["id"] not in [r["id"] for r in due(demo_server)]
        assert any(
            n.title == "Snoozed"
            and "Avast AVS-20417755: snoozed for 1 day, back on Fri 27 Nov 2026" in n.message
            for n in app._notifications
        )

        # Z (shift+z): three days, on the one now under the cursor.
        assert listed(app)[0]["id"] == adobe["id"]
        await pilot.press("Z")
        await wait_for(pilot, lambda: adobe["id"] not in [r["id"] for r in listed(app)], message="the snooze")
        assert record(demo_server, adobe["id"])["snoozed_until"] == (today + timedelta(days=3)).isoformat()

        # x: done, for good.
        await pilot.press("x")
        await wait_for(
            pilot,
            lambda: bitdefender["id"] not in [r["id"] for r in listed(app)],
            message="the done one to go",
        )
        assert record(demo_server, bitdefender["id"])["done_at"]
        assert [r["title"] for r in due(demo_server)] == ["Norton NRT-1180552"]
        assert "1 reminder due in the next 14 days" in screen_text(app)
        assert any(n.title == "Reminder done" for n in app._notifications)

        # Enter opens the case; Esc comes back to the list, Esc again to the board.
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen), message="the case")
        assert app.screen.case_id == expected[3]["case_id"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, RemindersScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))


async def test_a_reminder_sent_late_says_so_and_a_case_change_updates_the_list(demo_server):
    first = due(demo_server)[0]
    ledger = demo_server.server.app[REMINDERS]
    fields = {k: v for k, v in first.items() if k in Reminder.__struct_fields__}
    reminder = msgspec.convert(fields, Reminder)
    on_server(demo_server, ledger.mark_sent(reminder, "desktop", demo_server.clock.now(), late=True))
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await open_reminders(pilot)
        assert listed(app)[0]["id"] == first["id"] and "sent late" in screen_text(app)
        detail = str(app.screen.query_one("#detail").render())
        assert "sent late (desktop): the server was not running when it was due" in detail
        # Asked for the refund elsewhere: its deadline reminder is no longer due, here at once.
        demo_server.call("PATCH", f"/api/v1/cases/{first['case_id']}", {"status": "requested"})
        await wait_for(
            pilot,
            lambda: first["id"] not in [r["id"] for r in listed(app)],
            3.0,
            "the list to follow the case",
        )


async def test_nothing_due_says_when_reminders_come(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        screen = await open_reminders(pilot)
        assert "Nothing is due in the next 14 days" in screen_text(app)
        assert screen.check_action("snooze", (1,)) is None and screen.check_action("done", ()) is None


async def test_the_palette_offers_reminders_and_calendar_feeds(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        names = {name for name, _, _ in RefundCommands(app.screen)._commands()}
        assert {"Reminders", "Calendar feeds"} <= names
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"reminders")
        await wait_palette_settled(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RemindersScreen), message="the reminders")


# -- settings: desktop and push --------------------------------------------------------------
async def open_settings(pilot) -> SettingsForm:
    await pilot.press("comma")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SettingsForm), message="the settings")
    await pilot.pause()
    return pilot.app.screen


def settings_of(server) -> dict:
    return server.call("GET", "/api/v1/settings")["settings"]


async def test_desktop_off_and_push_urls_are_saved(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        form = await open_settings(pilot)
        checkbox = form.query_one("#field-desktop_notifications", Checkbox)
        assert checkbox.value is True
        form.query_one("#field-push_urls", TextArea).scroll_visible(animate=False)
        await pilot.pause()
        assert "Push is off unless a URL is given" in screen_text(app)
        said = str(form.query_one("#help-push_urls").render())
        assert (
            "Refund Tracker: Trend Micro 16739482210 — 3 days left to ask for a refund (Digital River)"
            in said
        )
        assert "Nothing else" in said
        checkbox.focus()
        await pilot.press("space")
        assert checkbox.value is False
        form.query_one(
            "#field-push_urls", TextArea
        ).text = "ntfy://ntfy.sh/my-refunds\n\njson://localhost:9\n"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
        saved = settings_of(empty_server)
        assert saved["desktop_notifications"] is False
        assert saved["push_urls"] == ["ntfy://ntfy.sh/my-refunds", "json://localhost:9"]
        assert any("desktop notifications off, push to 2 URLs" in n.message for n in app._notifications)
        # Shown as saved when opened again.
        form = await open_settings(pilot)
        assert form.query_one("#field-desktop_notifications", Checkbox).value is False
        assert form.push_urls() == ["ntfy://ntfy.sh/my-refunds", "json://localhost:9"]


async def test_a_url_apprise_does_not_know_is_refused_in_place_and_nothing_is_saved(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        form = await open_settings(pilot)
        form.query_one("#field-country").value = "DE"
        urls = form.query_one("#field-push_urls", TextArea)
        urls.text = "ntfy://ntfy.sh/my-refunds\nfoo://nowhere"
        await pilot.press("ctrl+s")
        error = form.query_one("#error-push_urls")
        await wait_for(pilot, lambda: error.has_class("-shown"), message="the server's answer")
        assert "'foo' is not a push service apprise knows" in str(error.render())
        assert urls.has_class("-invalid") and form.focused is urls
        assert app.screen is form and urls.text == "ntfy://ntfy.sh/my-refunds\nfoo://nowhere"
        saved = settings_of(empty_server)
        assert saved["push_urls"] == [] and saved["country"] is None, "nothing saved"
        # Six URLs: refused before anything is sent.
        urls.text = "\n".join(f"ntfy://ntfy.sh/topic-{n}" for n in range(6))
        await pilot.pause()
        assert not error.has_class("-shown"), "a change takes the error away"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "at most 5 URLs" in str(error.render()) and error.has_class("-shown")
        assert settings_of(empty_server)["push_urls"] == []
        urls.text = "ntfy://ntfy.sh/my-refunds"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
        assert settings_of(empty_server)["push_urls"] == ["ntfy://ntfy.sh/my-refunds"]
        assert settings_of(empty_server)["country"] == "DE"


# -- calendar feeds --------------------------------------------------------------------------
def feeds_of(server) -> list[dict]:
    return server.call("GET", "/api/v1/calendar-feeds")["feeds"]


def read_url(url: str) -> bytes:
    """What a calendar app gets from the feed's URL (no token, no Origin)."""
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.read()


async def test_a_feed_is_made_shown_once_copied_and_revoked_after_asking(empty_server):
    clipboard_texts: list[str] = []
    app = make_app(empty_server.data_dir, system_copy=clipboard_texts.append)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"calendar feeds")
        await wait_palette_settled(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedsScreen), message="the feeds")
        screen = app.screen
        await wait_for(pilot, lambda: screen.loaded)
        assert "No calendar feeds. n makes one." in screen_text(app)
        assert screen.check_action("revoke", ()) is None

        await pilot.press("n", *"Thunderbird", "enter")
        await wait_for(pilot, lambda: screen.new_url is not None and screen.feeds, message="the new feed")
        [feed] = feeds_of(empty_server)
        assert feed["name"] == "Thunderbird" and "url" not in feed
        url = screen.new_url
        assert url.startswith(f"{empty_server.url}/calendar/") and url.endswith(".ics")
        text = screen_text(app)
        assert "It is shown only now" in text and "Thunderbird  made Thu 26 Nov 2026" in text
        # The feed serves a calendar, without a token.
        assert (await asyncio.to_thread(read_url, url)).startswith(b"BEGIN:VCALENDAR")

        await pilot.press("c")
        await wait_for(pilot, lambda: clipboard_texts == [url], message="the copy")

        # d asks first; Esc keeps it.
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, RevokeFeedConfirm), message="the question")
        assert "Thunderbird" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert len(feeds_of(empty_server)) == 1
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, RevokeFeedConfirm), message="the question")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and not screen.feeds, message="the revoke")
        assert feeds_of(empty_server) == []
        assert any(n.title == "Calendar feed revoked" for n in app._notifications)
        try:
            await asyncio.to_thread(read_url, url)
            raise AssertionError("a revoked feed still answers")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
