"""Every case form, by keyboard, against a real server: what is saved, and errors kept in place."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta

import pyperclip
from textual.widgets import Input, OptionList, Select, TextArea

from tui.screens.case_detail import CaseScreen
from tui.screens.forms import (
    CaseFormScreen,
    ExportScreen,
    FollowUpForm,
    LogForm,
    NoteForm,
    StatusForm,
    TemplatesScreen,
)
from tui.widgets.timeline import TimelineEntry

from .conftest import TODAY
from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded


def by_product(server, text):
    return next(c for c in server.cases() if text in (c.get("product") or ""))


async def open_form(pilot, key, form_type, *, row=0):
    app = pilot.app
    for _ in range(row):
        await pilot.press("down")
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, form_type), message=form_type.__name__)
    await pilot.pause()
    return app.screen


async def submit_and_wait_closed(pilot, form):
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: pilot.app.screen is not form, message="the form to close")


async def test_note_is_saved_with_its_details(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "n", NoteForm)
        await pilot.press(*"Kept the box")
        form.query_one("#field-details", TextArea).text = "Unopened.\nReceipt in the drawer."
        await submit_and_wait_closed(pilot, form)
        avast = by_product(demo_server, "Avast")
        note = avast["communications"][-1]
        assert (note["channel"], note["direction"], note["summary"]) == ("note", "none", "Kept the box")
        assert note["body"] == "Unopened.\nReceipt in the drawer."


async def test_note_needs_a_line_and_says_so_in_place(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "n", NoteForm)
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "write the note" in str(form.query_one("#error-summary").render())
        assert form.query_one("#field-summary").has_class("-invalid")
        await pilot.press("escape")
        assert app.screen is not form
        assert by_product(demo_server, "Avast")["communications"] == []


async def test_log_a_phone_call_with_reference_marks_it_requested(demo_server):
    """The newcomer's path: the case closing first, a call logged, requested, follow-up set."""
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, CaseScreen)
        await wait_for(pilot, lambda: app.screen.case is not None)
        form = await open_form(pilot, "l", LogForm)
        assert form.query_one("#field-channel", Select).value == "phone"
        assert form.query_one("#mark-requested").value is True
        form.query_one("#field-reference", Input).focus()
        await pilot.press(*"AV-7781")
        form.query_one("#field-summary", Input).focus()
        await pilot.press(*"Asked for a refund")
        form.query_one("#field-transcript", TextArea).text = "Agent: done.\nMe: thanks."
        await submit_and_wait_closed(pilot, form)
        avast = by_product(demo_server, "Avast")
        call = avast["communications"][-1]
        assert (call["channel"], call["direction"], call["reference"]) == ("phone", "outbound", "AV-7781")
        assert call["body"] == "Agent: done.\nMe: thanks."
        assert avast["status"] == "requested"
        assert avast["follow_up_on"] == "2026-12-10"  # the server's rule: processing time + slack
        # The case screen shows it at once: status, follow-up, the call with its reference.
        await wait_for(
            pilot,
            lambda: any(
                entry.entry.get("reference") == "AV-7781" for entry in app.screen.query(TimelineEntry)
            ),
        )
        text = screen_text(app)
        assert "Refund requested" in text and "Follow up Thu 10 Dec 2026 (in 14 days)" in text


async def test_a_pasted_transcript_loses_its_invisible_controls_not_its_text(demo_server):
    # Bidi marks from a right-to-left email and a colour code from a terminal: the server
    # refuses them, so the TUI takes them out rather than failing the whole transcript.
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "l", LogForm, row=4)
        form.query_one("#field-summary", Input).focus()
        await pilot.press(*"Chat with support")
        form.query_one(
            "#field-transcript", TextArea
        ).text = "Agent: \u202b\u05e9\u05dc\u05d5\u05dd\u202c\nMe:\tthe \x1b[1mrefund\x1b[0m please"
        await submit_and_wait_closed(pilot, form)
        entry = by_product(demo_server, "Norton")["communications"][-1]
        assert entry["body"] == "Agent: \u05e9\u05dc\u05d5\u05dd\nMe:\tthe [1mrefund[0m please"


async def test_log_keeps_input_and_shows_the_server_error_next_to_the_field(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "l", LogForm)
        form.query_one("#field-when", Input).value = "2031-01-01 10:00"  # the server refuses the future
        form.query_one("#field-summary", Input).value = "Called"
        form.query_one("#field-reference", Input).value = "REF-1"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.query_one("#error-when").has_class("-shown"), message="the error")
        assert "future" in str(form.query_one("#error-when").render())
        assert app.screen is form
        assert form.query_one("#field-reference", Input).value == "REF-1"
        assert form.focused is form.query_one("#field-when")
        form.query_one("#field-when", Input).value = "2026-11-25 09:15"
        await submit_and_wait_closed(pilot, form)
        call = by_product(demo_server, "Avast")["communications"][-1]
        assert call["at"].startswith("2026-11-25T09:15")


async def test_log_with_a_bad_date_is_refused_before_sending(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "l", LogForm)
        form.query_one("#field-when", Input).value = "yesterday-ish"
        form.query_one("#field-summary", Input).value = "Called"
        await pilot.press("ctrl+s")
        assert "YYYY-MM-DD HH:MM" in str(form.query_one("#error-when").render())
        assert by_product(demo_server, "Avast")["communications"] == []


async def test_log_an_inbound_email_by_keyboard_leaves_the_status(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "l", LogForm)
        # Channel: open the list, pick "Email" (first), direction: "They contacted me".
        await pilot.press("enter", "home", "enter")
        assert form.query_one("#field-channel", Select).value == "email"
        await pilot.press("tab", "enter", "down", "enter")
        assert form.query_one("#field-direction", Select).value == "inbound"
        assert form.query_one("#mark-requested").value is False
        form.query_one("#field-summary", Input).value = "Order confirmation"
        await submit_and_wait_closed(pilot, form)
        avast = by_product(demo_server, "Avast")
        assert avast["status"] == "captured"
        assert avast["communications"][-1]["direction"] == "inbound"


async def test_status_offers_only_the_allowed_moves(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "s", StatusForm, row=3)  # Bitdefender, acknowledged
        options = form.query_one("#field-status", OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [
            "approved",
            "refunded",
            "denied",
        ]
        await pilot.press("enter")  # approved
        await pilot.press(*"They said yes")
        await submit_and_wait_closed(pilot, form)
        case = by_product(demo_server, "Bitdefender")
        assert case["status"] == "approved"
        assert case["status_history"][-1]["note"] == "They said yes"


async def test_refunded_asks_amount_date_and_method(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "s", StatusForm, row=4)  # Norton, requested
        assert not form.query_one("#row-refund_amount").display
        await pilot.press("down")  # refunded
        assert form.query_one("#row-refund_amount").display
        await pilot.press("enter")
        assert form.focused is form.query_one("#field-refund_amount")
        assert form.value("refund_amount") == "109.99"
        assert form.value("refund_date") == TODAY.isoformat()
        form.query_one("#field-refund_amount", Input).value = "109,99"
        await pilot.press("ctrl+s")
        assert "with a dot" in str(form.query_one("#error-refund_amount").render())
        form.query_one("#field-refund_amount", Input).value = "100.00"
        form.query_one("#field-refund_method", Input).value = "Mastercard"
        await pilot.press("ctrl+s")  # refunded is final: asks first
        await submit_and_wait_closed(pilot, form)
        case = by_product(demo_server, "Norton")
        assert case["status"] == "refunded"
        assert case["refund"] == {"amount": "100.00", "date": TODAY.isoformat(), "method": "Mastercard"}


async def test_a_final_status_takes_a_confirmation(demo_server):
    bitdefender = by_product(demo_server, "Bitdefender")
    demo_server.call("PATCH", f"/api/v1/cases/{bitdefender['id']}", {"status": "approved"})
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        row = [c["id"] for c in rows_shown(app)].index(bitdefender["id"])
        form = await open_form(pilot, "s", StatusForm, row=row)  # approved -> refunded only
        confirm = form.query_one("#confirm-final")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: confirm.has_class("-shown"), message="the confirmation")
        assert "Refunded is final: the case closes for good" in str(confirm.render())
        await pilot.pause(0.2)  # time for a (wrong) save to happen: waiting for nothing to happen
        assert app.screen is form
        assert by_product(demo_server, "Bitdefender")["status"] == "approved"
        await submit_and_wait_closed(pilot, form)
        assert by_product(demo_server, "Bitdefender")["status"] == "refunded"


async def test_choosing_another_status_withdraws_the_confirmation(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "s", StatusForm, row=4)  # Norton, requested
        await pilot.press("down", "ctrl+s")  # refunded: asks first
        await wait_for(pilot, lambda: form.query_one("#confirm-final").has_class("-shown"))
        await pilot.press("down")  # denied: not final, the warning goes
        assert not form.query_one("#confirm-final").has_class("-shown")
        await pilot.press("up")  # refunded again: asks again
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)  # time for a (wrong) save to happen: waiting for nothing to happen
        assert app.screen is form
        assert by_product(demo_server, "Norton")["status"] == "requested"


async def test_a_final_status_is_confirmed_only_once_the_rest_of_the_form_is_valid(demo_server):
    """Refunded asks for a second ctrl+s, but not before the server found the form valid: an
    amount above what was paid is said first, and once fixed the confirmation is still asked."""
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "s", StatusForm, row=4)  # Norton, requested, 109.99 paid
        confirm = form.query_one("#confirm-final")
        await pilot.press("down", "enter")  # refunded; the amount field
        amount = form.query_one("#field-refund_amount", Input)
        amount.value = "1099.90"
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: "more than" in str(form.query_one("#error-refund_amount").render()),
            message="the server's word on the amount",
        )
        assert not confirm.has_class("-shown")
        assert by_product(demo_server, "Norton")["status"] == "requested"
        amount.value = "109.99"
        await pilot.press("ctrl+s")  # valid now: asks first, does not save
        await wait_for(pilot, lambda: confirm.has_class("-shown"), message="the confirmation")
        await pilot.pause(0.2)  # time for a (wrong) save to happen: waiting for nothing to happen
        assert app.screen is form
        assert by_product(demo_server, "Norton")["status"] == "requested"
        await submit_and_wait_closed(pilot, form)
        case = by_product(demo_server, "Norton")
        assert case["status"] == "refunded" and case["refund"]["amount"] == "109.99"


async def test_a_confirmed_final_status_is_asked_again_after_an_edit(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "s", StatusForm, row=4)  # Norton, requested
        confirm = form.query_one("#confirm-final")
        await pilot.press("down", "ctrl+s")
        await wait_for(pilot, lambda: confirm.has_class("-shown"), message="the confirmation")
        form.query_one("#field-refund_amount", Input).value = "5000.00"  # edited after the warning
        await pilot.pause()
        assert not confirm.has_class("-shown")
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: "more than" in str(form.query_one("#error-refund_amount").render()),
            message="the server's word on the amount",
        )
        await pilot.pause(0.2)  # time for a (wrong) confirmation or save: waiting for nothing to happen
        assert app.screen is form and not confirm.has_class("-shown")
        assert by_product(demo_server, "Norton")["status"] == "requested"


async def test_status_conflict_from_another_client_is_shown(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "s", StatusForm)  # Avast: captured -> requested | kept
        avast = by_product(demo_server, "Avast")
        demo_server.call("PATCH", f"/api/v1/cases/{avast['id']}", {"status": "kept"})
        await pilot.press("ctrl+s")  # "requested" is no longer allowed from "kept"
        await wait_for(pilot, lambda: form.query_one("#error-status").has_class("-shown"), message="409")
        assert "allowed" in str(form.query_one("#error-status").render())
        assert app.screen is form


async def test_follow_up_set_relative_and_cleared(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "f", FollowUpForm)
        await pilot.press(*"+3")
        assert "Sun 29 Nov 2026" in str(form.query_one("#date-preview").render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not form)
        assert by_product(demo_server, "Avast")["follow_up_on"] == (TODAY + timedelta(days=3)).isoformat()
        assert any(n.message == "Follow up on Sun 29 Nov 2026." for n in app._notifications), (
            "the date as the screens write it"
        )
        await wait_for(pilot, lambda: rows_shown(app)[0]["follow_up_on"] is not None)
        form = await open_form(pilot, "f", FollowUpForm)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.screen is not form)
        assert by_product(demo_server, "Avast")["follow_up_on"] is None


async def test_follow_up_in_the_past_is_refused(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "f", FollowUpForm)
        await pilot.press(*"2026-11-01", "enter")
        assert "in the past" in str(form.query_one("#error-date").render())
        form.query_one("#field-date", Input).value = "+3"
        await pilot.pause()
        assert not form.query_one("#error-date").has_class("-shown"), "a valid date clears the error"
        await pilot.press("ctrl+a", *"garbage", "enter")
        assert app.screen is form


async def test_add_a_case_by_hand(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "a", CaseFormScreen)
        values = {
            "vendor": "Kaspersky",
            "product": "Kaspersky Plus",
            "order_number": "KS-1",
            "order_date": "2026-11-20",
            "amount": "29.99",
            "currency": "eur",
            "account_email": "jordan@example.com",
        }
        for name, value in values.items():
            form.query_one(f"#field-{name}", Input).value = value
        await submit_and_wait_closed(pilot, form)
        case = by_product(demo_server, "Kaspersky Plus")
        assert case["vendor"]["name"] == "Kaspersky" and case["currency"] == "EUR"
        assert case["captured_from"] == "manual"
        await wait_for(pilot, lambda: any(r["product"] == "Kaspersky Plus" for r in rows_shown(app)))
        # The new case is the one under the cursor.
        from tui.widgets.case_table import CaseTable

        await wait_for(pilot, lambda: app.screen.query_one(CaseTable).current_id == case["id"])


async def test_case_form_shows_server_errors_by_field_and_keeps_input(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "a", CaseFormScreen)
        form.query_one("#field-vendor", Input).value = "Kaspersky"
        form.query_one("#field-account_email", Input).value = "not an email"
        form.query_one("#field-amount", Input).value = "10"
        form.query_one("#field-currency", Input).value = "XYZ"
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: form.query("#error-account_email.-shown") or form.query("#error-currency.-shown"),
            message="server errors",
        )
        shown = {e.id for e in form.query(".field-error.-shown")}
        assert shown & {"error-account_email", "error-currency"}
        assert form.query_one("#field-account_email", Input).value == "not an email"
        assert app.screen is form


async def test_case_form_checks_dates_and_money_in_place(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "a", CaseFormScreen)
        form.query_one("#field-order_date", Input).value = "20/11/2026"
        form.query_one("#field-amount", Input).value = "$10"
        await pilot.press("ctrl+s")
        shown = {e.id for e in form.query(".field-error.-shown")}
        assert shown == {"error-vendor", "error-order_date", "error-amount", "error-currency"}


async def test_edit_sends_only_what_changed(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        before = by_product(demo_server, "Maximum Security")
        form = await open_form(pilot, "e", CaseFormScreen, row=1)
        assert form.value("order_number") == "16739482210"
        form.query_one("#field-reason", TextArea).text = "Does not run on my laptop."
        form.query_one("#field-payment_method", Input).value = ""
        form.query_one("#field-window_days", Input).value = "40"
        await submit_and_wait_closed(pilot, form)
        after = by_product(demo_server, "Maximum Security")
        assert after["reason"] == "Does not run on my laptop."
        assert after["payment_method"] is None
        assert after["deadline"] == (date(2026, 11, 24) + timedelta(days=40)).isoformat()
        assert {k: after[k] for k in ("order_number", "amount", "vendor", "seller")} == {
            k: before[k] for k in ("order_number", "amount", "vendor", "seller")
        }


async def test_texts_copy_the_request_to_the_clipboard(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "t", TemplatesScreen, row=1)  # Trend Micro, captured
        await wait_for(pilot, lambda: form.text, message="the text")
        assert form.kind == "request"
        assert "set your name in settings (,)" in screen_text(app), "no name set: the letters are unsigned"
        await pilot.press("c")
        assert "16739482210" in app.clipboard
        assert app.clipboard == form.text
        await wait_for(pilot, lambda: app.system_copy.texts == [form.text], message="the system clipboard")
        await pilot.press("2")
        await wait_for(
            pilot,
            lambda: form.kind == "follow_up" and "Follow-up" in form.text or "follow" in form.text.lower(),
            message="the follow-up text",
        )
        await pilot.press("escape")
        assert app.screen is not form


async def test_texts_warn_when_the_letter_comes_too_early(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        products = [c.get("product") or "" for c in rows_shown(app)]
        row = next(i for i, p in enumerate(products) if "Trend Micro" in p or "Maximum Security" in p)
        form = await open_form(pilot, "t", TemplatesScreen, row=row)  # captured: not asked yet
        await wait_for(pilot, lambda: form.text, message="the text")
        assert "Not asked yet" not in screen_text(app)
        await pilot.press("2")
        await wait_for(
            pilot,
            lambda: "Not asked yet: send the request first (1)" in screen_text(app),
            message="the warning",
        )
        assert "set your name in settings (,)" in screen_text(app), "the unsigned hint stays"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not form)
        for _ in range(row):
            await pilot.press("up")
        row = next(i for i, p in enumerate(products) if "Norton" in p)
        form = await open_form(pilot, "t", TemplatesScreen, row=row)  # requested
        await pilot.press("3")
        await wait_for(
            pilot,
            lambda: "Escalate once they refuse or stop answering" in screen_text(app),
            message="the escalation warning",
        )


async def test_texts_say_so_when_only_the_terminal_got_them(demo_server):
    def no_clipboard_tool(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism")

    app = make_app(demo_server.data_dir, system_copy=no_clipboard_tool)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "t", TemplatesScreen, row=1)
        await wait_for(pilot, lambda: form.text, message="the text")
        await pilot.press("c")
        await wait_for(
            pilot, lambda: any("OSC 52" in n.message for n in app._notifications), message="the notification"
        )
        assert app.clipboard == form.text  # sent by OSC 52 all the same
        assert not any(n.title == "Copied" for n in app._notifications)


async def export_as(pilot, format_id):
    """Open the export form, choose ``format_id``, export; the form, once the file is written."""
    form = await open_form(pilot, "x", ExportScreen)
    options = form.query_one("#field-format", OptionList)
    options.highlighted = [options.get_option_at_index(i).id for i in range(options.option_count)].index(
        format_id
    )
    await pilot.pause()
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: form.written is not None, message=f"the {format_id} file")
    return form


async def test_export_all_cases_as_csv_to_a_private_file(demo_server, tmp_path):
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "x", ExportScreen)
        options = form.query_one("#field-format", OptionList)
        csv_index = [options.get_option_at_index(i).id for i in range(options.option_count)].index("csv")
        options.highlighted = csv_index
        await pilot.pause()
        assert form.value("path") == str(tmp_path / f"refunds-{TODAY.isoformat()}.csv")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.written is not None, message="the file")
        assert form.written == tmp_path / f"refunds-{TODAY.isoformat()}.csv"
        assert stat.S_IMODE(os.stat(form.written).st_mode) == 0o600
        assert form.written.read_text().startswith("id,status,vendor")
        assert str(form.written) in str(form.query_one("#written").render())
        await pilot.press("ctrl+s")  # again: a new name, never overwritten
        await wait_for(pilot, lambda: form.written.name.endswith("-2.csv"), message="a second file")
        form.query_one("#field-format").focus()
        await pilot.press("down")  # another format: the line named the file of the last one
        assert "Wrote" not in str(form.query_one("#written").render())


async def test_export_never_writes_through_a_link_planted_where_it_writes(demo_server, tmp_path):
    """A link at the suggested name, or at any temp name beside it, is never followed."""
    exports = tmp_path / "exports"
    exports.mkdir()
    victim = exports / "victim.txt"
    victim.write_text("keep me")
    name = f"refunds-{TODAY.isoformat()}.csv"
    (exports / name).symlink_to(exports / "elsewhere.csv")  # dangling: nothing there yet
    (exports / f".{name}.tmp").symlink_to(victim)  # where earlier versions put their temp file
    app = make_app(demo_server.data_dir, export_dir=exports)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await export_as(pilot, "csv")
    assert form.written == exports / f"refunds-{TODAY.isoformat()}-2.csv"
    assert not form.written.is_symlink() and stat.S_IMODE(os.stat(form.written).st_mode) == 0o600
    assert victim.read_text() == "keep me"
    assert (exports / name).is_symlink() and not (exports / "elsewhere.csv").exists()
    assert sorted(p.name for p in exports.iterdir()) == sorted(
        [f".{name}.tmp", name, form.written.name, "victim.txt"]
    ), "no temp file left behind"


async def test_export_refuses_a_missing_folder(demo_server, tmp_path):
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "x", ExportScreen)
        form.query_one("#field-path", Input).value = str(tmp_path / "nowhere" / "x.md")
        await pilot.press("ctrl+s")
        assert "no folder" in str(form.query_one("#error-path").render())


async def test_a_note_saved_twice_is_logged_once(demo_server):
    """A save whose answer was lost is repeated with the same id: the server keeps one entry."""
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_form(pilot, "n", NoteForm)
        form.query_one("#field-summary", Input).value = "Called the bank"
        avast = by_product(demo_server, "Avast")
        # The first attempt reached the server, but its answer never came back.
        demo_server.call(
            "POST",
            f"/api/v1/cases/{avast['id']}/communications",
            {
                "channel": "note",
                "direction": "none",
                "summary": "Called the bank",
                "communication_id": form.communication_id,
            },
        )
        await submit_and_wait_closed(pilot, form)
        notes = by_product(demo_server, "Avast")["communications"]
        assert [n["summary"] for n in notes] == ["Called the bank"]


async def test_edit_shows_and_clears_a_window_override(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        trend = by_product(demo_server, "Maximum Security")
        demo_server.call("PATCH", f"/api/v1/cases/{trend['id']}", {"policy": {"window_days": 45}})
        form = await open_form(pilot, "e", CaseFormScreen, row=1)
        assert form.value("window_days") == "45" and form.value("deadline") == ""
        form.query_one("#field-window_days", Input).value = ""
        await submit_and_wait_closed(pilot, form)
        assert by_product(demo_server, "Maximum Security")["deadline"] == "2026-12-24"  # the policy's again


async def test_export_a_case_dossier_from_the_case_screen(demo_server, tmp_path):
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # Norton
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        form = await open_form(pilot, "x", ExportScreen)
        assert form.chosen == "dossier_md"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.written is not None, message="the dossier")
        assert form.written.name == f"refund-dossier-NRT-1180552-{TODAY.isoformat()}.md"
        text = form.written.read_text()
        assert "NRT-1180552" in text and "NRT-58213907" in text  # the order and the call's reference
        assert stat.S_IMODE(os.stat(form.written).st_mode) == 0o600


async def test_export_the_calendar_file(demo_server, tmp_path):
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await export_as(pilot, "ics")
        assert form.written.suffix == ".ics" and "BEGIN:VCALENDAR" in form.written.read_text()
