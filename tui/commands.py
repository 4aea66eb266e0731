"""The command palette (ctrl+p): every key of the current screen by name, the app's commands that
have no key (Calendar feeds), and every case by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from .api import ApiError, ServerUnreachable
from .cases import View
from .formatting import case_name, status_short

MAX_CASES = 20
# Commands with no key of their own: (name, help, the app's action).
APP_COMMANDS = (
    (
        "Calendar feeds",
        "Live calendar URLs for a calendar app to subscribe to: list, add, revoke",
        "calendar_feeds",
    ),
)

if TYPE_CHECKING:
    from .app import RefundsApp


class RefundCommands(Provider):
    """Commands for the keys bound on the screen under the palette, plus "Open case: …"."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        screen = self.screen
        commands: list[tuple[str, str, Callable[[], Any]]] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            if binding.id and binding.id.startswith("list.") or binding.action == "command_palette":
                continue
            name = binding.description
            if name in seen:
                continue
            seen.add(name)
            key_display = binding.key_display or self.app.get_key_display(binding)
            help_text = f"{binding.tooltip} · key {key_display}" if binding.tooltip else f"key {key_display}"
            # The action on the node that binds it, as node.run_action(action) runs it.
            commands.append((name, help_text, partial(self.app.run_action, binding.action, active.node)))
        app = self.app
        for name, help_text, action in APP_COMMANDS:
            if name not in seen and app.check_action(action, ()):
                commands.append((name, help_text, partial(app.run_action, action)))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)
        app = cast("RefundsApp", self.app)
        if len(query.strip()) < 2:
            return
        # Cases are found as the board's filter finds them (every word, anywhere, and what the
        # server finds by reference, email or communication), most urgent first: a fixed order,
        # where fuzzy scores would shuffle them.
        if app.api is not None and not app.index.searched_by_server(query):
            try:
                app.index.found_by_server(query, await app.api.search(query))
            except (ServerUnreachable, ApiError):
                pass  # the board's own matches are still offered
        for rank, row in enumerate(app.index.rows(View.ALL, query)[:MAX_CASES]):
            case = row.case
            name = f"Open case: {case_name(case)}"
            # The palette reads help as markup; an order number is the user's text.
            help_text = escape(f"{status_short(case['status'])} · order {case.get('order_number') or '—'}")
            yield Hit(
                0.5 - rank / 10_000,
                Content(name),
                partial(app.open_case, case["id"]),
                text=name,
                help=help_text,
            )
