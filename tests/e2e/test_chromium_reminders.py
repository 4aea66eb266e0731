"""What is due reaches the user in the browser: the extension asks the real server for its
reminders (the hourly "reminders" alarm, run here through the worker's debug hook), shows one
notification per reminder once, counts what is due today on the toolbar button, and a click
on a notification opens the settings on the case. Read through the service worker
(chrome.notifications.getAll, chrome.action.getBadgeText)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from server.wallclock import system_clock

from .harness import pair_through_options, wait_for
from .orders import TREND_MICRO_SHOP, trend_micro

pytestmark = pytest.mark.browser

CHECK = "() => globalThis.refundTrackerDebug.checkReminders()"
NOTIFICATIONS = "async () => Object.keys(await chrome.notifications.getAll()).sort()"


async def capture(server, website, number: str, order_date) -> dict:
    """The Trend Micro order again, under another order number and ordered on ``order_date``."""
    return await server.capture(trend_micro(website, order_number=number, order_date=order_date.isoformat()))


async def cases_due_in(server, website, *days_left: int) -> list[dict]:
    """One case per entry whose refund deadline is that many days after the server's today.

    The server's day comes from the program's clock (server/wallclock.py: the real date, or
    REFUNDS_TODAY's), not from the machine's: the window is learnt from a first case ordered
    that day, and the others are ordered so many days before."""
    today = system_clock().today()
    probe = await capture(server, website, "16739480000", today)
    window = probe["days_left"]
    assert window > 14, probe  # far enough away to be due for nothing yet
    made = []
    for i, left in enumerate(days_left):
        case = await capture(server, website, f"1673948221{i}", today - timedelta(days=window - left))
        assert case["days_left"] == left, case
        made.append(case)
    return made


async def test_each_due_reminder_is_notified_once_and_counted_on_the_badge(chromium, server, website):
    await pair_through_options(chromium, server)
    # Today's last day, one in 3 days (its 3-day step has begun), one in 10 days (its 7-day
    # step begins in 3 days: nothing yet), one in 30 days (the probe).
    today_case, soon_case, later_case = await cases_due_in(server, website, 0, 3, 10)
    status, body = await server.api("GET", "/api/v1/reminders?within=14")
    assert status == 200, body
    due = {r["case_id"]: r for r in body["reminders"] if r["days_left"] <= r.get("days_before", 0)}
    assert set(due) == {today_case["id"], soon_case["id"]}, body
    expected = sorted(f"reminder:{r['id']}" for r in due.values())

    first = await chromium.evaluate_in_worker(CHECK)
    assert "error" not in first, first
    assert await chromium.evaluate_in_worker(NOTIFICATIONS) == expected
    # The global badge: what is due today (the last day to ask), not what is due in 3 days.
    assert await chromium.badge() == "1"
    title = await chromium.evaluate_in_worker("() => chrome.action.getTitle({})")
    assert "1 reminder due today" in title

    # The alarm again (or a browser start): nothing new, nothing shown twice.
    second = await chromium.evaluate_in_worker(CHECK)
    assert second["shown"] == [], second
    assert await chromium.evaluate_in_worker(NOTIFICATIONS) == expected
    shown = await chromium.evaluate_in_worker(
        "async () => (await chrome.storage.local.get('reminders_shown')).reminders_shown"
    )
    assert sorted(f"reminder:{i}" for i in shown) == expected
    assert later_case["id"] not in {v["case_id"] for v in shown.values()}
    alarm = await chromium.evaluate_in_worker("() => chrome.alarms.get('reminders')")
    assert alarm is not None and alarm["periodInMinutes"] == 60

    # A click on today's notification: the settings on that case, the notification gone.
    notification = f"reminder:{due[today_case['id']]['id']}"
    await chromium.evaluate_in_worker("(id) => globalThis.refundTrackerDebug.openReminder(id)", notification)
    target = chromium.page_url(f"src/options/options.html#case={today_case['id']}")
    options = await wait_for(lambda: _page_at(chromium, target), what="the settings on the case")
    await options.get_by_role("heading", name="Due now").wait_for()
    current = options.locator("#reminders-list li[aria-current='true']")
    await current.wait_for()
    assert await current.get_attribute("data-case-id") == today_case["id"]
    assert "last day to ask for a refund" in await current.inner_text()
    assert await options.evaluate("document.activeElement.dataset.caseId") == today_case["id"]
    assert await options.locator("#reminders-list li").count() == 2
    assert await chromium.evaluate_in_worker(NOTIFICATIONS) == [n for n in expected if n != notification]

    # A tab on the shop's site keeps its own badge (the days left there) over the global count.
    shop = await chromium.open(website.url(TREND_MICRO_SHOP))
    popup, tab_id = await chromium.open_popup_for(shop)
    await popup.get_by_role("heading", name="Open cases on this site").wait_for()
    assert await wait_for(lambda: _badge_is(chromium, tab_id, "0d"), what="the site's badge on its tab")
    assert await chromium.badge() == "1"


async def test_a_server_that_is_down_shows_nothing_and_says_nothing(chromium, server, website):
    await pair_through_options(chromium, server)
    await server.stop()
    answer = await chromium.evaluate_in_worker(CHECK)
    assert answer["shown"] == [] and answer["error"]["kind"] == "offline", answer
    assert await chromium.evaluate_in_worker(NOTIFICATIONS) == []
    assert await chromium.badge() == ""

    # Back, with a case whose last day is today: the next check shows it.
    await server.start()
    [case] = await cases_due_in(server, website, 0)
    answer = await chromium.evaluate_in_worker(CHECK)
    assert len(answer["shown"]) == 1 and answer["shown"][0].startswith(f"{case['id']}."), answer
    assert len(await chromium.evaluate_in_worker(NOTIFICATIONS)) == 1
    assert await chromium.badge() == "1"

    # Unpaired: the reminders go from the badge (and nothing is asked for).
    options = await chromium.open_extension_page("src/options/options.html")
    await options.get_by_role("button", name="Unpair this browser").click()
    await options.get_by_text("Unpaired").wait_for()
    assert await wait_for(lambda: _badge_is(chromium, None, ""), what="the badge to clear after unpairing")


async def _page_at(chromium, url):
    for page in chromium.context.pages:
        if page.url == url:
            return page
    return None


async def _badge_is(chromium, tab_id, text):
    return await chromium.badge(tab_id) == text
