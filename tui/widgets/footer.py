"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever the bindings may have changed (every
focus change, every cursor move that refreshes them); on a busy board that is most of the
cost of a keystroke.

What does not fit the width is left out, the last keys first; Help and Quit always stay
(at 80 columns the case screen has more keys than room).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Shown whatever the width: how to learn every other key, and how to leave.
ALWAYS_SHOWN = frozenset({"app.help", "app.quit"})
# The command palette's key, docked right with its border: "▏^p palette".
PALETTE_CELLS = 1


class KeysFooter(Footer):
    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = tuple(
                (key, active.binding.description, active.enabled)
                for key, active in screen.active_bindings.items()
                if active.binding.show
            )
            if self._bindings_ready and shown == getattr(self, "_shown", None):
                return
            self._shown = shown
        super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != getattr(self, "_width", None):
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active_bindings = self.screen.active_bindings
        by_action: dict[str, tuple] = {}
        for _, binding, enabled, tooltip in active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        keys = list(by_action.values())
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        self._width = self.size.width or self.app.size.width
        room = self._width
        if palette is not None:
            room -= PALETTE_CELLS + self._cells(palette.binding) - 1
        for binding, enabled, tooltip in self._fitting(keys, room):
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None:
            yield FooterKey(
                palette.binding.key,
                self.app.get_key_display(palette.binding),
                palette.binding.description,
                palette.binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=palette.binding.tooltip or palette.binding.description,
            )

    def _cells(self, binding) -> int:
        """The cells a key takes in the compact footer: "l Log" and the space after it."""
        description = binding.description
        described = 1 + cell_len(description) if description else 0
        return cell_len(self.app.get_key_display(binding)) + described + 1

    def _fitting(self, keys: list[tuple], room: int) -> list[tuple]:
        """``keys`` without the last ones that do not fit in ``room`` (never Help or Quit)."""
        kept = list(keys)
        width = sum(self._cells(binding) for binding, _, _ in kept)
        for item in reversed(keys):
            if width <= room:
                break
            if item[0].id in ALWAYS_SHOWN:
                continue
            kept.remove(item)
            width -= self._cells(item[0])
        return kept
