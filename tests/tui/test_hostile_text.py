"""Text from web pages and servers is shown as text: never read as markup, never a crash."""

from __future__ import annotations

from textual.command import CommandPalette

from tui.screens.case_detail import CaseScreen

from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded, wait_palette_settled

HOSTILE = "[b]Free[/b] [/] [link=https://evil.example]prize[/link] $(rm -rf) [@click=app.quit]x[/]"


async def test_markup_in_a_captured_page_is_shown_literally(empty_server):
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        empty_server.call(
            "POST",
            "/api/v1/captures",
            {
                "capture_id": "hostile-1",
                "page_url": "https://shop.example/thanks",
                "order_number": "[/]",
                "order_date": "2026-11-20",
                "product": HOSTILE,
                "merchant_name": "[red]Shop[/red]",
                "reason": "[/b] closing tag",
                "amount": "1.00",
                "currency": "USD",
            },
        )
        await wait_for(pilot, lambda: len(rows_shown(app)) == 1, 2, "the capture")
        case_id = rows_shown(app)[0]["id"]
        empty_server.call(
            "POST",
            f"/api/v1/cases/{case_id}/communications",
            {
                "channel": "chat",
                "summary": HOSTILE,
                "reference": "[/]",
                "contact": "[b]",
                "body": "line [/]\n[@click=app.quit]",
            },
        )
        await pilot.pause()
        assert "[b]Free[/b]" in screen_text(app)
        assert any("[b]Free[/b]" in n.message for n in app._notifications)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        await pilot.pause()
        assert "[red]Shop[/red]" in screen_text(app)
        from tui.widgets.timeline import TimelineEntry

        chat = next(e for e in app.screen.query(TimelineEntry) if e.entry.get("channel") == "chat")
        chat.focus()
        await pilot.press("enter")  # the transcript, expanded
        await pilot.pause()
        assert "[@click=app.quit]" in screen_text(app)
        for key in ("l", "s", "f", "t", "e", "x", "n"):
            before = app.screen
            await pilot.press(key)
            await wait_for(pilot, lambda: app.screen is not before, 2, f"the form of {key}")  # noqa: B023 - awaited in this iteration
            await pilot.pause()  # the form drawn, hostile text and all
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is before, 2, "back")  # noqa: B023 - awaited in this iteration
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"free")
        await wait_palette_settled(pilot, matches=False)
        assert app.is_running
