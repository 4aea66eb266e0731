"""What the catalog and the user say about a case, on its screen: the renewal rule when the case
renews; the proof of purchase, how to satisfy it and which logged email is it."""

from __future__ import annotations

from tui.screens.case_detail import CaseScreen

from ..support.captures import trend_micro_order
from .helpers import make_app, screen_text, wait_for, wait_loaded

TREND_MICRO = trend_micro_order(
    capture_id="r1", account_email="jordan@example.com", auto_renews=True, renewal_date="2027-11-20"
)


async def open_case(pilot) -> CaseScreen:
    app = pilot.app
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
    await pilot.pause()
    return app.screen


async def show_section(pilot, screen: CaseScreen, widget_id: str) -> None:
    screen.query_one("#body").scroll_to_widget(screen.query_one(widget_id), animate=False, top=True)
    await pilot.pause()


async def test_a_renewing_case_shows_the_catalogs_renewal_rule(empty_server):
    case = empty_server.call("POST", "/api/v1/captures", TREND_MICRO)["case"]
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        screen = await open_case(pilot)
        await show_section(pilot, screen, "#clocks")
        text = " ".join(screen_text(app).split())
        assert "Renewals (30 days from a renewal charge)" in text
        assert "Auto-renewal can charge up to 15 days before the subscription expires" in text
        # Known not to renew: the rule is not shown.
        empty_server.call("PATCH", f"/api/v1/cases/{case['id']}", {"auto_renews": False})
        await wait_for(pilot, lambda: screen.case.get("auto_renews") is False, message="the edit")
        await pilot.pause()
        await show_section(pilot, screen, "#clocks")
        assert "Renewals" not in screen_text(app)


async def focus_entry(pilot, screen: CaseScreen, summary: str) -> None:
    """Tab to the timeline entry with ``summary`` (as a user would)."""
    from tui.widgets.timeline import TimelineEntry

    for _ in range(30):
        focused = screen.focused
        if isinstance(focused, TimelineEntry) and focused.entry.get("summary") == summary:
            return
        await pilot.press("tab")
    raise AssertionError(f"no timeline entry {summary!r} to tab to")


async def test_m_marks_a_logged_email_as_the_proof_of_purchase(empty_server):
    case = empty_server.call("POST", "/api/v1/captures", TREND_MICRO)["case"]
    url = f"/api/v1/cases/{case['id']}"
    email = empty_server.call(
        "POST",
        f"{url}/communications",
        {
            "channel": "email",
            "direction": "inbound",
            "summary": "Your Trend Micro account",
            "at": "2026-11-20T15:00:00Z",
        },
    )["communication"]
    empty_server.call("POST", f"{url}/communications", {"channel": "chat", "summary": "Asked for a refund"})
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        screen = await open_case(pilot)
        await show_section(pilot, screen, "#checklist")
        text = " ".join(screen_text(app).split())
        assert (
            "✗ Proof of purchase" in text
            and "mark a logged email as the proof (m on it in the timeline)" in text
        )

        # On a chat: it cannot prove a purchase; nothing is sent.
        await focus_entry(pilot, screen, "Asked for a refund")
        await pilot.press("m")
        await pilot.pause()
        assert empty_server.case(case["id"])["proof_of_purchase"] is None

        await focus_entry(pilot, screen, "Your Trend Micro account")
        await pilot.press("m")
        await wait_for(pilot, lambda: screen.case.get("proof_of_purchase") == email["id"], message="the mark")
        assert empty_server.case(case["id"])["proof_of_purchase"] == email["id"]
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "✓ proof of purchase" in text, "the timeline says which email it is"
        await show_section(pilot, screen, "#checklist")
        assert "✓ Proof of purchase" in screen_text(app)
        dossier = empty_server.call("GET", f"{url}/dossier.json")
        assert dossier["proof_of_purchase"] == email["id"]

        # m again on it: no longer the proof.
        await focus_entry(pilot, screen, "Your Trend Micro account")
        await pilot.press("m")
        await wait_for(pilot, lambda: screen.case.get("proof_of_purchase") is None, message="the unmark")
        assert empty_server.case(case["id"])["proof_of_purchase"] is None
