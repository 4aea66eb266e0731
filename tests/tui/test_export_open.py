"""The export dialog after a file is written: keys are commands (o, O, esc), not letters of the path;
after a failure the path is selected, so retyping replaces it; o / O open the file / its folder."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList

from tui.opener import opener_command
from tui.screens.forms import ExportScreen

from .conftest import TODAY
from .helpers import make_app, wait_for, wait_loaded


async def open_export(pilot) -> ExportScreen:
    await pilot.press("x")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen), message="the export dialog")
    await pilot.pause()
    return pilot.app.screen


async def export_csv(pilot) -> ExportScreen:
    form = await open_export(pilot)
    options = form.query_one("#field-format", OptionList)
    options.highlighted = [options.get_option_at_index(i).id for i in range(options.option_count)].index(
        "csv"
    )
    await pilot.pause()
    form.query_one("#field-path", Input).focus()  # as a user who looked at the path first
    await pilot.pause()
    await pilot.press("enter")
    await wait_for(pilot, lambda: form.written is not None, message="the file")
    await pilot.pause()
    return form


def recording_opener(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in for xdg-open: it writes the arguments it was given, one a line, to a file."""
    record = tmp_path / "opened.txt"
    script = tmp_path / "opener.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, record


async def test_after_an_export_the_next_key_is_not_added_to_the_path(demo_server, tmp_path):
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await export_csv(pilot)
        path = form.value("path")
        assert path == str(tmp_path / f"refunds-{TODAY.isoformat()}.csv")
        assert isinstance(app.focused, Button) and app.focused.id == "cancel"
        await pilot.press("s")
        assert form.value("path") == path
        assert app.screen is form
        # The keys are said on the dialog's border.
        assert "o open file" in str(form.query_one("#dialog").border_subtitle)
        await pilot.press("escape")
        assert app.screen is not form


async def test_after_a_failed_export_the_path_is_selected_so_typing_replaces_it(demo_server, tmp_path):
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_export(pilot)
        path_input = form.query_one("#field-path", Input)
        path_input.focus()
        await pilot.pause()
        path_input.value = str(tmp_path / "nowhere" / "x.md")
        await pilot.press("end")  # the cursor after the path typed, nothing selected
        assert path_input.selected_text == ""
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "no folder" in str(form.query_one("#error-path").render()))
        await pilot.pause()
        assert app.focused is path_input
        assert path_input.selected_text == str(tmp_path / "nowhere" / "x.md")
        await pilot.press(*"/tmp")
        assert path_input.value == "/tmp"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder nobody can write into: /proc")
async def test_a_failed_write_selects_the_path_too(demo_server):
    app = make_app(demo_server.data_dir, export_dir=Path("/proc"))  # no file can be made there, even by root
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_export(pilot)
        path_input = form.query_one("#field-path", Input)
        path_input.focus()
        await pilot.pause()
        await pilot.press("end")
        assert path_input.selected_text == ""
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "cannot write" in str(form.query_one("#error-path").render()))
        await pilot.pause()
        assert app.focused is path_input and path_input.selected_text == path_input.value


async def test_o_opens_the_file_and_shift_o_its_folder(demo_server, tmp_path, monkeypatch):
    script, record = recording_opener(tmp_path)
    monkeypatch.setenv("REFUNDS_OPENER", str(script))
    exports = tmp_path / "exports"
    exports.mkdir()
    app = make_app(demo_server.data_dir, export_dir=exports)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await export_csv(pilot)
        await pilot.press("o")
        await wait_for(
            pilot, lambda: record.exists() and record.read_text().count("\n") == 1, 5, "the opener to run"
        )
        assert record.read_text().splitlines() == [str(form.written)]
        assert f"Opened {form.written}" in str(form.query_one("#opened").render())
        await pilot.press("O")
        await wait_for(pilot, lambda: record.read_text().count("\n") == 2, 5, "the opener to run again")
        assert record.read_text().splitlines() == [str(form.written), str(exports)]
        assert app.screen is form


async def test_o_before_anything_is_written_opens_nothing(demo_server, tmp_path, monkeypatch):
    script, record = recording_opener(tmp_path)
    monkeypatch.setenv("REFUNDS_OPENER", str(script))
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await open_export(pilot)
        await pilot.press("o", "O")
        await pilot.pause(0.2)  # time for a (wrong) opener to run: waiting for nothing to happen
        assert not record.exists() and form.written is None


async def test_a_missing_opener_is_said_in_the_dialog(demo_server, tmp_path, monkeypatch):
    monkeypatch.setenv("REFUNDS_OPENER", str(tmp_path / "no-such-opener"))
    app = make_app(demo_server.data_dir, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        form = await export_csv(pilot)
        await pilot.press("O")
        await pilot.pause()
        line = str(form.query_one("#opened").render())
        assert "Cannot open it" in line and "no-such-opener" in line
        assert app.screen is form


def test_the_export_keys_have_ids_and_descriptions():
    keys = {b.key: b for b in ExportScreen.BINDINGS}
    assert (keys["o"].id, keys["o"].description) == ("export.open_file", "Open file")
    assert (keys["O"].id, keys["O"].description) == ("export.open_folder", "Open folder")


def test_each_system_has_its_opener():
    assert opener_command("linux", {}) == ["xdg-open"]
    assert opener_command("darwin", {}) == ["open"]
    assert opener_command("win32", {}) is None  # os.startfile
    assert opener_command("linux", {"REFUNDS_OPENER": "my-open --new"}) == ["my-open", "--new"]
    assert opener_command(sys.platform, {"REFUNDS_OPENER": "  "}) == opener_command(sys.platform, {})
