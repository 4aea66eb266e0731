"""The edit form holds every fact the server's clocks count from (plan, plan term, charge,
delivery and statement dates), and checks fields as they are typed and left, with messages that
say what is wrong."""

from __future__ import annotations

from textual.widgets import Select

from tui.screens.forms import CaseFormScreen

from .helpers import make_app, wait_for, wait_loaded


def by_product(server, text):
    return next(c for c in server.cases() if text in (c.get("product") or ""))


async def open_edit(pilot, row: int) -> CaseFormScreen:
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CaseFormScreen), message="the edit form")
    await pilot.pause()
    return pilot.app.screen


async def type_into(pilot, form, name: str, text: str) -> None:
    form.query_one(f"#field-{name}").focus()
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k", *text)


def error_of(form, name: str) -> str | None:
    error = form.query_one(f"#error-{name}")
    return str(error.render()) if error.has_class("-shown") else None


async def test_every_clock_input_is_editable(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        before = by_product(demo_server, "Maximum Security")
        assert before["statement_date"] is None
        form = await open_edit(pilot, row=1)
        for name in ("plan", "delivery_date", "statement_date", "plan_term", "charge_type"):
            assert form.query(f"#field-{name}"), f"no {name} field"
        await type_into(pilot, form, "plan", "Annual, 5 devices")
        await type_into(pilot, form, "statement_date", "2026-11-25")
        await type_into(pilot, form, "delivery_date", "2026-11-24")
        form.query_one("#field-plan_term", Select).value = "annual"
        form.query_one("#field-charge_type", Select).value = "renewal"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
        after = by_product(demo_server, "Maximum Security")
        assert (
            after["plan"],
            after["statement_date"],
            after["delivery_date"],
            after["plan_term"],
            after["charge_type"],
        ) == ("Annual, 5 devices", "2026-11-25", "2026-11-24", "annual", "renewal")
        # The statement date is what the card-dispute clocks count from: no estimate any more.
        assert not any("Add the statement date" in (clock.get("note") or "") for clock in after["clocks"])

        # Cleared again: a blank field and a blank choice send null.
        form = await open_edit(pilot, row=0)
        assert form.value("statement_date") == "2026-11-25"
        await type_into(pilot, form, "statement_date", "")
        form.query_one("#field-charge_type", Select).clear()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, message="the form to close")
        after = by_product(demo_server, "Maximum Security")
        assert after["statement_date"] is None and after["charge_type"] is None


async def test_a_statement_before_the_order_is_refused_in_place(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_edit(pilot, row=1)
        await type_into(pilot, form, "statement_date", "2026-01-02")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "is before the order date" in error_of(form, "statement_date")
        assert by_product(demo_server, "Maximum Security")["statement_date"] is None


async def test_dates_are_checked_as_typed_with_a_precise_message(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_edit(pilot, row=1)
        await type_into(pilot, form, "renewal_date", "2027-02-30")
        assert error_of(form, "renewal_date") is None, "not while typing a first time"
        await pilot.press("tab")  # leaving the field checks it
        await pilot.pause()
        assert error_of(form, "renewal_date") == "↑ not a date (February has 28 days in 2027)"
        assert app.screen is form, "nothing was saved"
        # Fixed: the error goes at once, without leaving the field or saving.
        form.query_one("#field-renewal_date").focus()
        await pilot.press("end", "backspace", "backspace", "2")
        await pilot.pause()
        assert error_of(form, "renewal_date") == "↑ write the date as YYYY-MM-DD, e.g. 2026-11-20"
        await pilot.press("8")
        await pilot.pause()
        assert form.value("renewal_date") == "2027-02-28"
        assert error_of(form, "renewal_date") is None
        # Made wrong again while the error shows: the message follows the value.
        await type_into(pilot, form, "amount", "$10")
        await pilot.press("tab")
        await pilot.pause()
        assert error_of(form, "amount").startswith("↑ write the amount with a dot")
        form.query_one("#field-amount").focus()
        await pilot.press("home", "delete")
        await pilot.pause()
        assert error_of(form, "amount") is None


async def test_a_follow_up_date_that_is_none_says_why(demo_server):
    from tui.screens.forms import FollowUpForm

    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm), message="the follow-up form")
        form = app.screen
        await type_into(pilot, form, "date", "2027-02-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(form, "date") == "↑ not a date (February has 28 days in 2027)"
        assert app.screen is form
