"""Archive (asks first) and restore, from the board and the case screen; archived cases leave the
other views live, also when another client archives them."""

from __future__ import annotations

from tui.cases import View
from tui.screens.board import BoardScreen
from tui.screens.case_detail import CaseScreen
from tui.screens.forms.archive import ArchiveConfirm
from tui.widgets.view_tabs import ViewTabs

from .helpers import make_app, rows_shown, screen_text, wait_for, wait_loaded


def by_product(server, text, archived="include"):
    cases = server.call("GET", f"/api/v1/cases?archived={archived}")["cases"]
    return next(c for c in cases if text in (c.get("product") or ""))


def ids_shown(app) -> list[str]:
    return [case["id"] for case in rows_shown(app)]


async def test_archive_asks_first_and_restore_brings_it_back(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_loaded(pilot)
        avast = by_product(demo_server, "Avast")
        assert ids_shown(app)[0] == avast["id"]
        # Esc leaves it as it is.
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveConfirm), message="the question")
        assert "Avast One" in screen_text(app) and "still open: 2 days left" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert by_product(demo_server, "Avast")["archived_at"] is None
        # Enter archives: the row leaves the board, the server keeps the case.
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveConfirm), message="the question")
        await pilot.press("enter")
        await wait_for(pilot, lambda: avast["id"] not in ids_shown(app), message="the row to go")
        assert by_product(demo_server, "Avast")["archived_at"] is not None
        assert any("Archived" in n.title for n in app._notifications)
        await pilot.press("5")
        assert avast["id"] not in ids_shown(app)
        # 6: the archived cases, where r restores.
        await pilot.press("6")
        await wait_for(pilot, lambda: ids_shown(app) == [avast["id"]], message="the archived view")
        assert app.screen.query_one(ViewTabs).counts[View.ARCHIVED] == 1
        assert "r restores it" in screen_text(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: ids_shown(app) == [], message="the restored case to leave Archived")
        assert by_product(demo_server, "Avast")["archived_at"] is None
        await pilot.press("1")
        assert ids_shown(app)[0] == avast["id"]


async def test_archive_from_the_case_screen_goes_back_to_the_board(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("down", "enter")  # Norton
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        norton_id = app.screen.case_id
        assert app.screen.check_action("restore", ()) is False  # not archived: nothing to restore
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveConfirm))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), message="the board")
        await wait_for(pilot, lambda: norton_id not in ids_shown(app))
        assert demo_server.case(norton_id)["archived_at"] is not None
        # Opened from Archived, the case says so; r restores it there and then.
        await pilot.press("6")
        await wait_for(pilot, lambda: ids_shown(app) == [norton_id])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None)
        assert "archived · r restores" in screen_text(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen.case.get("archived_at") is None, message="the restore")
        await wait_for(pilot, lambda: "archived · r restores" not in screen_text(app))
        assert demo_server.case(norton_id)["archived_at"] is None
        await pilot.press("escape")
        await wait_for(pilot, lambda: ids_shown(app) == [], message="Archived to be empty")


async def test_archived_by_another_client_leaves_and_joins_views_live(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        bitdefender = by_product(demo_server, "Bitdefender")
        assert bitdefender["id"] in ids_shown(app)
        demo_server.call("DELETE", f"/api/v1/cases/{bitdefender['id']}")
        await wait_for(pilot, lambda: bitdefender["id"] not in ids_shown(app), 1.0, "the row to go live")
        await pilot.press("6")
        await wait_for(pilot, lambda: ids_shown(app) == [bitdefender["id"]], message="the archived view")
        # Once Archived is loaded, it follows the events both ways.
        adobe = by_product(demo_server, "Creative Cloud")
        demo_server.call("DELETE", f"/api/v1/cases/{adobe['id']}")
        await wait_for(
            pilot,
            lambda: set(ids_shown(app)) == {bitdefender["id"], adobe["id"]},
            1.0,
            "the second archived case",
        )
        demo_server.call("PATCH", f"/api/v1/cases/{bitdefender['id']}", {"archived": False})
        await wait_for(pilot, lambda: ids_shown(app) == [adobe["id"]], 1.0, "the restore from elsewhere")
        await pilot.press("1")
        assert bitdefender["id"] in ids_shown(app) and adobe["id"] not in ids_shown(app)


async def test_the_archive_key_is_offered_only_where_it_applies(demo_server):
    app = make_app(demo_server.data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        board = app.screen
        assert board.check_action("archive", ()) is True and board.check_action("restore", ()) is False
        await pilot.press("6")
        await wait_for(pilot, lambda: app.index.archived_loaded)
        await pilot.pause()
        assert board.check_action("archive", ()) is False and board.check_action("restore", ()) is False
        await pilot.press("d")  # nothing to archive here: no question
        await pilot.pause()
        assert app.screen is board
