"""The acceptance paths, by keyboard alone: a new user with a few captured cases sees which refund
closes first, opens it, logs a phone call with a reference number, marks it requested, copies
the request text and sees the follow-up date appear; and README's Trend Micro story end to end,
from the policy to the escalation, at 80x24 and 140x42."""

from __future__ import annotations

import pytest

from tui.screens.case_detail import CaseScreen
from tui.screens.forms import LogForm, TemplatesScreen

from ..support.captures import trend_micro_order
from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded

CAPTURES = [
    trend_micro_order(
        capture_id="c1", product="Maximum Security - 1 Year / 5 Devices", account_email="jordan@example.com"
    ),
    {
        "capture_id": "c2",
        "page_url": "https://www.bitdefender.com/checkout/thanks",
        "order_number": "BD-1",
        "order_date": "2026-10-30",
        "amount": "39.98",
        "currency": "EUR",
        "product": "Bitdefender Total Security",
        "merchant_name": "Bitdefender",
    },
    {
        "capture_id": "c3",
        "page_url": "https://www.avast.com/order-confirmation",
        "order_number": "AV-1",
        "order_date": "2026-11-10",
        "amount": "69.99",
        "currency": "USD",
        "product": "Avast One",
        "merchant_name": "Avast",
    },
]


async def test_a_new_user_works_the_first_case_by_keyboard(empty_server):
    for capture in CAPTURES:
        empty_server.call("POST", "/api/v1/captures", capture)
    app = make_app(empty_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        # Which refund closes first: the top row, and the header says how many close soon.
        first = rows_shown(app)[0]
        assert first["product"] == "Bitdefender Total Security" and first["days_left"] == 3
        assert "1 refund window closes within 7 days" in screen_text(app)

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        assert "Bitdefender" in screen_text(app) and "3 days left" in screen_text(app)

        # Log the phone call: phone and "I contacted them" are already chosen.
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm))
        await pilot.press("tab", "tab", "tab")  # channel -> direction -> when -> reference
        await pilot.press(*"BD-77")
        await pilot.press("tab", "tab")  # -> contact -> summary
        await pilot.press(*"Refund asked", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen), message="the form to close")

        case = empty_server.case(first["id"])
        assert case["status"] == "requested"
        assert case["communications"][-1]["reference"] == "BD-77"
        assert case["communications"][-1]["channel"] == "phone"

        # The request text, copied.
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TemplatesScreen) and app.screen.text)
        await pilot.press("1", "c")
        await wait_for(pilot, lambda: app.screen.kind == "request" and app.clipboard == app.screen.text)
        assert "BD-1" in app.clipboard
        await pilot.press("escape")

        # The follow-up date the server set is on screen.
        follow_up = case["follow_up_on"]
        assert follow_up is not None
        await wait_for(
            pilot, lambda: "Follow up" in screen_text(app) and "Refund requested" in screen_text(app)
        )
        from tui.formatting import long_date

        assert long_date(follow_up) in screen_text(app)


# README's story: a Trend Micro subscription sold by Digital River, regretted within 30 days.
TREND_MICRO_ORDER = trend_micro_order(
    capture_id="walk-1",
    product="Maximum Security - 1 Year / 5 Devices",
    account_email="jordan@example.com",
    payment_method="Visa ending 4242",
)


async def press_for(pilot, screen_type, *keys):
    """Press ``keys``; the screen of ``screen_type`` they open, once it is there."""
    await pilot.press(*keys)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type), message=screen_type.__name__)
    await pilot.pause()
    return pilot.app.screen


async def back_to(pilot, screen_type):
    await pilot.press("escape")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type), message=screen_type.__name__)
    await pilot.pause()


async def choose_status(pilot, app, status: str, note: str) -> None:
    from textual.widgets import OptionList

    from tui.screens.forms import StatusForm

    form = await press_for(pilot, StatusForm, "s")
    options = form.query_one("#field-status", OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    await pilot.press(*["down"] * ids.index(status), "enter")
    await pilot.press(*note)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: app.screen is not form, message=f"the move to {status}")
    await wait_for(pilot, lambda: app.screen.case["status"] == status, message=f"the case {status}")
    await pilot.pause()


def header(app) -> str:
    """The case screen's title and status lines (what matters in the case's status)."""
    return "\n".join(screen_text(app).splitlines()[:4])


@pytest.mark.parametrize("size", [(80, 24), (140, 42)], ids=["80x24", "140x42"])
async def test_the_trend_micro_walkthrough_from_policy_to_escalation(empty_server, tmp_path, size):
    """Policy → gather → contact → monitor → follow up with a reference → document → deny and
    escalate, by keyboard, as README tells it."""
    from datetime import date

    from tui.formatting import long_date
    from tui.screens.board import BoardScreen
    from tui.screens.calendar import CalendarScreen
    from tui.screens.forms import CaseFormScreen, ExportScreen

    empty_server.call("POST", "/api/v1/captures", TREND_MICRO_ORDER)  # what the extension sends
    app = make_app(empty_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)

        # Policy: the case says who refunds, under which rule, until when.
        case = empty_server.cases()[0]
        assert case["deadline"] == "2026-12-20" and case["who_refunds"]["name"] == "Digital River"
        screen = await press_for(pilot, CaseScreen, "enter")
        await wait_for(pilot, lambda: screen.case is not None)
        assert f"Refund window {long_date('2026-12-20')}" in header(app)
        assert "Digital River" in screen_text(app)

        # Gather: the checklist wants a reason; e adds it.
        assert any(item["id"] == "reason" and not item["present"] for item in screen.case["checklist"])
        form = await press_for(pilot, CaseFormScreen, "e")
        form.query_one("#field-reason").focus()
        await pilot.press(*"Bought the wrong edition; not used.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, message="the edit to close")
        await wait_for(pilot, lambda: screen.case.get("reason") == "Bought the wrong edition; not used.")

        # Contact: the request text, copied, then the chat logged with the agent's reference;
        # logging it marks the refund requested and sets a follow-up date.
        letters = await press_for(pilot, TemplatesScreen, "t")
        await wait_for(pilot, lambda: letters.text, message="the request text")
        await pilot.press("c")
        assert "16739482210" in app.clipboard and "jordan@example.com" in app.clipboard
        await back_to(pilot, CaseScreen)
        log = await press_for(pilot, LogForm, "l")
        await pilot.press("enter")  # the channel list opens on Phone call
        await pilot.press("down", "enter")  # Chat
        await pilot.pause()
        assert log.value("channel") == "chat"
        log.query_one("#field-reference").focus()
        await pilot.press(*"TM-CHAT-58213")
        log.query_one("#field-summary").focus()
        await pilot.press(*"Asked Digital River for a refund")
        log.query_one("#field-transcript").focus()
        await pilot.press(*"Agent: I have forwarded your refund request.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, message="the log form to close")
        await wait_for(pilot, lambda: screen.case["status"] == "requested")
        follow_up = screen.case["follow_up_on"]
        assert follow_up and f"Follow up {long_date(follow_up)}" in header(app)

        # Monitor: the board's Follow-ups view and the calendar show the date to check back.
        await back_to(pilot, BoardScreen)
        await pilot.press("3")
        await wait_for(pilot, lambda: [r["id"] for r in rows_shown(app)] == [case["id"]])
        calendar = await press_for(pilot, CalendarScreen, "c")
        assert calendar.chart.items[0].follow_up == date.fromisoformat(follow_up)
        await back_to(pilot, BoardScreen)
        await pilot.press("1")

        # Follow up with a reference: an agent calls back quoting the chat's reference; / finds
        # the case by it, and the follow-up letter quotes it.
        await pilot.press("slash", *"TM-CHAT-58213")
        await wait_for(pilot, lambda: [r["id"] for r in rows_shown(app)] == [case["id"]])
        await pilot.press("enter")  # back to the table, filtered
        screen = await press_for(pilot, CaseScreen, "enter")
        await wait_for(pilot, lambda: screen.case is not None)
        log = await press_for(pilot, LogForm, "l")
        log.query_one("#field-direction").focus()
        await pilot.press("enter", "down", "enter")  # They contacted me
        await pilot.pause()
        assert log.value("direction") == "inbound"
        log.query_one("#field-reference").focus()
        await pilot.press(*"TM-CALL-2201")
        log.query_one("#field-summary").focus()
        await pilot.press(*"Agent quoting TM-CHAT-58213: refund refused")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, message="the call to be logged")
        await wait_for(pilot, lambda: len(screen.case["communications"]) == 2)
        assert screen.case["status"] == "requested", "an inbound call leaves the status"
        letters = await press_for(pilot, TemplatesScreen, "t")
        await pilot.press("2")
        await wait_for(
            pilot,
            lambda: letters.kind == "follow_up" and "TM-CHAT-58213" in (letters.text or ""),
            message="the follow-up text quoting the reference",
        )
        await back_to(pilot, CaseScreen)

        # Document: the dossier, exported from the case, holds the facts and every contact.
        export = await press_for(pilot, ExportScreen, "x")
        assert export.chosen == "dossier_md"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: export.written is not None, message="the dossier")
        dossier = export.written.read_text()
        for needle in (
            "16739482210",
            "TM-CHAT-58213",
            "TM-CALL-2201",
            "Digital River",
            "Bought the wrong edition",
            "**Follow up:**",
        ):
            assert needle in dossier, needle
        if app.screen is export:
            await back_to(pilot, CaseScreen)

        # Deny: the case now leads with the last day to dispute the charge.
        await choose_status(pilot, app, "denied", "Licence was activated")
        dispute_by = screen.case["escalation_deadline"]
        assert f"Dispute the charge by {long_date(dispute_by)}" in header(app)
        assert "Refund window" not in header(app)
        letters = await press_for(pilot, TemplatesScreen, "t")
        await pilot.press("3")
        await wait_for(
            pilot, lambda: letters.kind == "escalation" and letters.text, message="the escalation text"
        )
        await pilot.press("c")
        assert "16739482210" in app.clipboard
        await back_to(pilot, CaseScreen)

        # Escalate: disputed with the card issuer; the follow-up waits for its decision.
        await choose_status(pilot, app, "escalated", "Dispute filed with my bank")
        decision = screen.case["follow_up_on"]
        assert decision and decision > follow_up
        text = header(app)
        assert "Disputed with your card issuer on" in text and "Escalate by" not in text
        assert f"Issuer's decision: follow up {long_date(decision)}" in text
        assert "days left" not in text
        stored = empty_server.case(case["id"])
        assert [change["to"] for change in stored["status_history"]] == [
            "captured",
            "requested",
            "denied",
            "escalated",
        ]
        assert [c["reference"] for c in stored["communications"]] == ["TM-CHAT-58213", "TM-CALL-2201"]
