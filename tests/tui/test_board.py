"""The board: urgency order, views, the filter, opening a case, and the empty board."""

from __future__ import annotations

from tui.cases import View
from tui.screens.case_detail import CaseScreen
from tui.widgets.case_table import CaseTable
from tui.widgets.view_tabs import ViewTabs

from ..support.captures import trend_micro_order
from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded


def products(app) -> list[str]:
    return [case["product"] for case in rows_shown(app)]


async def test_open_cases_in_urgency_order(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        rows = rows_shown(app)
        # The deadlines that still matter by days left (the refund window until the refund is
        # asked for, the dispute deadline once refused), then follow-ups by date, then the rest.
        assert [r["status"] for r in rows] == [
            "captured",
            "captured",
            "denied",
            "acknowledged",
            "requested",
            "captured",
        ]
        assert [r["days_left"] for r in rows[:2]] == [2, 28]
        assert rows[3]["follow_up_on"] < rows[4]["follow_up_on"]
        assert rows[5]["days_left"] < 0
        assert all(r["is_open"] for r in rows)
        header = screen_text(app).splitlines()[1]
        assert "1 refund window closes within 7 days" in header, "Norton (asked, 5 days) is not closing"


async def test_views_switch_with_number_keys_and_arrows(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("4")
        assert [r["status"] for r in rows_shown(app)] == ["refunded"]
        await pilot.press("5")
        assert len(rows_shown(app)) == 7
        assert rows_shown(app)[-1]["status"] == "refunded"  # closed last
        await pilot.press("3")
        follow_ups = [r["follow_up_on"] for r in rows_shown(app)]
        assert follow_ups == sorted(follow_ups) and len(follow_ups) == 3
        await pilot.press("2")
        assert {r["product"] for r in rows_shown(app)} >= {"Avast One Individual - 1 year"}
        assert all(r["is_open"] for r in rows_shown(app))
        await pilot.press("right")
        assert app.screen.view is View.FOLLOW_UPS
        await pilot.press("left", "left")
        assert app.screen.view is View.OPEN
        assert app.screen.query_one(ViewTabs).counts[View.ALL] == 7


async def test_slash_filters_as_you_type_and_escape_clears(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"norton")
        assert products(app) == ["Norton 360 Deluxe - annual renewal"]
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        assert len(rows_shown(app)) == 6
        await pilot.press(*"digital")  # the seller's name finds the vendor's product
        assert products(app) == ["Maximum Security - 1 Year / 5 Devices"]
        await pilot.press("enter")  # back to the table, the filter stays
        assert isinstance(app.focused, CaseTable)
        assert products(app) == ["Maximum Security - 1 Year / 5 Devices"]
        await pilot.press("escape")
        assert len(rows_shown(app)) == 6
        await pilot.press("slash", *"zzz")
        assert rows_shown(app) == []
        assert "No cases match “zzz”" in screen_text(app)


async def test_enter_opens_the_highlighted_case_and_escape_comes_back(shared_demo_server):
    seen = []
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await wait_loaded(pilot)
        await pilot.press("down", "down", "down", "down", "enter")
        # The hook sees a message at each hop as it bubbles: count distinct messages.
        selected = list({id(m): m for m in seen if isinstance(m, CaseTable.Selected)}.values())
        assert len(selected) == 1
        norton = rows_shown_from_index(app)[4]
        assert selected[0].case_id == norton["id"]
        assert isinstance(app.screen, CaseScreen)
        await wait_for(pilot, lambda: app.screen.case is not None, message="the case")
        assert "Norton 360 Deluxe" in screen_text(app)
        assert "NRT-58213907" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, CaseScreen)
        assert app.screen.query_one(CaseTable).current_id == norton["id"]


def rows_shown_from_index(app):
    return [row.case for row in app.index.rows(View.OPEN)]


async def test_cursor_moves_by_page_and_to_the_ends(shared_demo_server):
    app = make_app(shared_demo_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        table = app.screen.query_one(CaseTable)
        await pilot.press("end")
        assert table.cursor == 5
        await pilot.press("home")
        assert table.cursor == 0
        await pilot.press("pagedown")
        assert table.cursor == 5
        await pilot.press("pageup", "j", "j", "k")
        assert table.cursor == 1


async def test_empty_board_says_how_to_start(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        text = screen_text(app)
        assert "No refund cases yet" in text
        assert "press p to pair" in text.replace("\n", " ") or "Press p" in text
        assert "Press a to add a case by hand" in text


def seed_search_cases(server) -> dict[str, str]:
    """Two cases; the Trend Micro one has a chat logged with the agent's reference."""
    trend = server.call(
        "POST", "/api/v1/captures", trend_micro_order(capture_id="s1", account_email="jordan@example.com")
    )["case"]
    other = server.call(
        "POST",
        "/api/v1/captures",
        {
            "capture_id": "s2",
            "page_url": "https://www.avast.com/order-confirmation",
            "order_number": "AV-1",
            "order_date": "2026-11-10",
            "amount": "69.99",
            "currency": "USD",
            "product": "Avast One",
            "merchant_name": "Avast",
        },
    )["case"]
    server.call(
        "POST",
        f"/api/v1/cases/{trend['id']}/communications",
        {
            "channel": "chat",
            "direction": "outbound",
            "summary": "Asked for the refund",
            "reference": "TM-CHAT-58213",
            "body": "Agent said the billing team calls back.",
        },
    )
    return {"trend": trend["id"], "other": other["id"]}


async def test_slash_finds_a_case_by_reference_email_and_communication_text(empty_server):
    ids = seed_search_cases(empty_server)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"TM-CHAT-58213")
        await wait_for(
            pilot,
            lambda: [r["id"] for r in rows_shown(app)] == [ids["trend"]],
            message="the case with that reference",
        )
        assert "No cases match" not in screen_text(app)
        for needle in ("jordan@example.com", "billing team", "16739482210"):
            await pilot.press("ctrl+a", "ctrl+k", *needle)
            await wait_for(
                pilot,
                lambda: [r["id"] for r in rows_shown(app)] == [ids["trend"]],
                message=f"the case found by {needle!r}",
            )
        await pilot.press("ctrl+a", "ctrl+k", *"TM-CHAT-00000")
        await wait_for(pilot, lambda: app.index.searched_by_server("TM-CHAT-00000"))
        await pilot.pause()
        assert rows_shown(app) == [] and "No cases match" in screen_text(app)


async def test_palette_opens_a_case_by_a_reference_logged_on_it(empty_server):
    from textual.command import CommandPalette

    ids = seed_search_cases(empty_server)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"TM-CHAT-58213")
        await wait_for(
            pilot, lambda: "Open case: Trend Micro" in screen_text(app), message="the case offered"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        assert app.screen.case["id"] == ids["trend"]
