"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever the bindings may have changed (every
focus change, every cursor move that refreshes them); on a busy board that is most of the
cost of a keystroke.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = tuple((key, active.binding.description, active.enabled)
                          for key, active in screen.active_bindings.items() if active.binding.show)
            if self._bindings_ready and shown == getattr(self, "_shown", None):
                return
            self._shown = shown
        super().bindings_changed(screen)
