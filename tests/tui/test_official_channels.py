"""The case screen's official channels: the settings country's first, each with its source,
"Phone: see <official contact page>" where no number is listed, `y` copies the number; the log
form offers the official number for a call; a logged contact on a domain that is not official
is flagged on its timeline entry (GET /api/v1/policies/official)."""

from __future__ import annotations

from tui.screens.case_detail import CaseScreen
from tui.screens.forms import LogForm
from tui.widgets.timeline import TimelineEntry

from ..support.captures import trend_micro_order
from .helpers import make_app, screen_text, wait_for, wait_loaded

TREND = trend_micro_order(capture_id="t1")
BITDEFENDER = {
    "capture_id": "b1",
    "page_url": "https://www.bitdefender.com/checkout/thanks",
    "order_number": "BD-1",
    "order_date": "2026-11-20",
    "amount": "39.98",
    "currency": "USD",
    "product": "Bitdefender Total Security",
    "merchant_name": "Bitdefender",
}


def channels_text(screen: CaseScreen) -> str:
    """What the screen's "How to reach them" section says, unwrapped."""
    import io

    from rich.console import Console

    from tui import case_sections

    console = Console(width=400, record=True, file=io.StringIO())
    console.print(case_sections.channels(screen.case))
    return console.export_text()


async def open_case(app, pilot, case_id: str) -> CaseScreen:
    await wait_loaded(pilot)
    await app.push_screen(CaseScreen(case_id))
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
    await pilot.pause()
    return app.screen


async def test_trend_micro_shows_its_official_contact_page_for_phone(empty_server):
    case = empty_server.call("POST", "/api/v1/captures", TREND)["case"]
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(140, 90)) as pilot:
        await open_case(app, pilot, case["id"])
        text = channels_text(app.screen)
        assert "official contact page" in screen_text(app)
        lines = [line.split() for line in text.splitlines()]
        assert [
            "Phone",
            "see",
            "https://helpcenter.trendmicro.com/en-us/trend-micro-account/",
            "(Trend",
            "Micro's",
            "official",
            "contact",
            "page)",
        ] in lines
        assert "source: https://helpcenter.trendmicro.com/en-us/article/TMKA-14487" in text
        assert "1800" not in text  # nothing from the look-alike sites
        # No number listed: `y` copies the official contact page of who refunds (Digital River).
        await pilot.press("y")
        await wait_for(pilot, lambda: app.system_copy.texts)
        assert app.system_copy.texts == [case["contact_pages"][0]["url"]]
        assert case["contact_pages"][0]["party"] == "Digital River"


async def test_the_settings_countrys_number_comes_first_and_y_copies_it(empty_server):
    empty_server.call("PATCH", "/api/v1/settings", {"country": "US"})
    case = empty_server.call("POST", "/api/v1/captures", BITDEFENDER)["case"]
    assert case["channels"][0]["kind"] == "phone"  # the US line first for a US user
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(140, 90)) as pilot:
        await open_case(app, pilot, case["id"])
        text = channels_text(app.screen)
        assert "+1 800 804 4602" in screen_text(app)
        assert "source: https://www.bitdefender.com/scripts/avangate/box/config/templates/" in text
        assert "checked 2026-12-02" in text
        await pilot.press("y")
        await wait_for(pilot, lambda: app.system_copy.texts)
        assert app.system_copy.texts == ["+1 800 804 4602"]

        # Logging a call offers the number used.
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm))
        await pilot.pause()
        assert app.screen.value("contact") == "+1 800 804 4602 (Bitdefender)"
        await pilot.press("escape")


async def test_elsewhere_the_us_line_comes_after_the_others(empty_server):
    empty_server.call("PATCH", "/api/v1/settings", {"country": "DE"})
    case = empty_server.call("POST", "/api/v1/captures", BITDEFENDER)["case"]
    kinds = [c["kind"] for c in case["channels"]]
    assert kinds[-2:] == ["phone", "email"] and kinds[0] == "support_page"


async def test_a_contact_on_a_lookalike_domain_is_flagged_on_the_timeline(empty_server):
    case = empty_server.call("POST", "/api/v1/captures", TREND)["case"]
    path = f"/api/v1/cases/{case['id']}/communications"
    empty_server.call(
        "POST",
        path,
        {
            "channel": "email",
            "summary": "They offered a refund by phone",
            "direction": "inbound",
            "contact": "help@trendmicrocustomersupport.com",
        },
    )
    empty_server.call(
        "POST",
        path,
        {
            "channel": "chat",
            "summary": "Asked for a refund",
            "contact": "Alex, https://helpcenter.trendmicro.com/en-us/",
        },
    )
    empty_server.call("POST", path, {"channel": "phone", "summary": "Called", "contact": "Sam"})
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(140, 90)) as pilot:
        screen = await open_case(app, pilot, case["id"])
        entries = {
            e.entry.get("summary"): e for e in screen.query(TimelineEntry) if e.entry["kind"] == "contact"
        }
        await wait_for(pilot, lambda: entries["They offered a refund by phone"].warning)
        assert entries["They offered a refund by phone"].warning.startswith(
            "⚠ trendmicrocustomersupport.com is not Trend Micro's: it only uses the name"
        )
        await pilot.pause(0.2)  # time for a (wrong) warning on the others: waiting for nothing to happen
        assert entries["Asked for a refund"].warning is None
        assert entries["Called"].warning is None
        assert "⚠ trendmicrocustomersupport.com is not Trend Micro's" in screen_text(app)
