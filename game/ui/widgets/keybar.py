"""The key bar: the keys that work now, in one line at the foot of the screen."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget


class KeyBar(Widget):
    """The footer: the keys that work now, drawn as one line.

    Looks and clicks like Textual's compact Footer, but redraws one line when the bindings change
    instead of composing a widget for each key (which cost tens of milliseconds on every screen switch)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover", "keybar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 1fr;
        color: $footer-foreground; background: $footer-background;
        text-wrap: nowrap; text-overflow: clip;
        .keybar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .keybar--description { color: $footer-description-foreground; background: $footer-description-background; }
        .keybar--hover { color: $footer-key-foreground; background: $block-hover-background; }
        .keybar--palette { color: $foreground 20%; }
    }
    """

    def __init__(self, **kw):
        super().__init__(**kw)
        self._spans: list[tuple[int, int, str, bool]] = []  # (x0, x1, key, enabled)
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()

    def _items(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str] | None]:
        """(key, shown key, description, enabled) of each action shown, as the Footer groups them; and the
        command palette's (key, shown key, description) if it can be opened."""
        app = self.app
        screen = self.screen
        active = screen.active_bindings
        # a screen may show a key its own way now (the card: "1-3" for three options)
        own = getattr(screen, "key_display", None)
        # and describe it as things stand now (the codex's Tab: "To the list" or "To the text")
        said = getattr(screen, "key_description", None)
        seen: dict[str, tuple[str, str, str, bool]] = {}
        if getattr(screen, "KEYBAR_OWN_KEYS", False):
            # the screen's own keys, even one a focused widget takes over for itself: the new-game dialog's
            # Enter starts, though the Start button (which has the focus) hides its own Enter binding
            for binding in type(screen).BINDINGS:  # (in the order the screen gives them)
                if isinstance(binding, Binding):
                    taken = active.get(binding.key)
                    if taken is not None and taken.node is not screen and (
                            taken.binding.show or type(taken.node).__name__ == "SelectOverlay"):
                        # a focused widget's own use of the key is what the key does: in the open scenario
                        # list (a Select's overlay) Enter picks a scenario and Escape closes the list (the bar
                        # said "⏎ Start" and "esc Back" beside the list's own "esc Dismiss menu")
                        continue
                    if binding.show and binding.action not in seen:
                        shown = (own(binding) if own else None) or app.get_key_display(binding)
                        on = "." in binding.action or screen.check_action(binding.action, ()) is not False
                        description = (said(binding) if said else None) or binding.description
                        seen[binding.action] = (binding.key, shown, description, on)
        for _node, binding, enabled, _tip in active.values():
            if binding.show and binding.action not in seen:
                shown = (own(binding) if own else None) or app.get_key_display(binding)
                description = (said(binding) if said else None) or binding.description
                seen[binding.action] = (binding.key, shown, description, enabled)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and (p := active.get(app.COMMAND_PALETTE_BINDING)) is not None:
            palette = (p.binding.key, app.get_key_display(p.binding), p.binding.description)
        return list(seen.values()), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        desc_style = self.get_component_rich_style("keybar--description")
        hover_style = self.get_component_rich_style("keybar--hover")
        items, palette = self._items()
        width = self.size.width

        def build(short: dict) -> list[tuple[Text, str, bool]]:
            out = []
            for key, shown, description, enabled in items:
                item = Text()
                item.append(shown, style=key_style)
                description = short.get(key, description)
                if description:
                    item.append(" " + description, style=desc_style)
                if not enabled:
                    item.stylize("dim")
                out.append((item, key, enabled))
            return out

        def length(parts) -> int:
            return sum(item.cell_len + 1 for item, _, _ in parts) - 1  # (no space after the last)

        parts = build({})
        # Short of room, a screen's shorter words for some keys come in first ('n New' for 'n New game'), so
        # that every key shows: the end screen's bar ran past 80 columns and cut 'c Codex'
        short = getattr(self.screen, "KEYBAR_SHORT", None)
        if short and length(parts) > width:
            parts = build(short)
        tail = None
        if palette is not None:
            key, shown, description = palette
            tail = Text("▏", style=self.get_component_rich_style("keybar--palette"))
            tail.append(shown, style=key_style)
            tail.append(" " + description + " ", style=desc_style)
        keys_len = length(parts)
        if tail is not None and keys_len + 1 + tail.cell_len > width:
            tail = None  # short of room, the game's own keys come first
        # Short of room, a screen's spare keys give way first (in the order it gives them), rather than
        # whichever keys come last: with --dev at 80 columns the developer's F5 and ':' came last and were
        # cut, while 'w Save now' (ctrl+s and s save too) kept its place. Only as many as the room needs.
        for spare in getattr(self.screen, "KEYBAR_SPARE", ()):
            if keys_len <= width:
                break
            for i, (item, key, _enabled) in enumerate(parts):
                if key == spare:
                    keys_len -= item.cell_len + 1
                    del parts[i]
                    break
        room = width - (tail.cell_len if tail is not None else 0)
        out = Text(no_wrap=True, end="")
        spans: list[tuple[int, int, str, bool]] = []
        for item, key, enabled in parts:
            if out.cell_len + item.cell_len > room:
                break  # whole keys only
            if self._hover == len(spans):
                item.stylize(hover_style)
            spans.append((out.cell_len, out.cell_len + item.cell_len, key, enabled))
            out.append_text(item)
            out.append(" ")
        if tail is not None:
            out.append(" " * max(0, room - out.cell_len))
            spans.append((room + 1, width, palette[0], True))
            out.append_text(tail)
        self._spans = spans
        return out

    def _at(self, x: int) -> int | None:
        for i, (a, b, _key, _enabled) in enumerate(self._spans):
            if a <= x < b:
                return i
        return None

    def on_mouse_move(self, event) -> None:
        i = self._at(event.x)
        if i != self._hover:
            self._hover = i
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event) -> None:
        i = self._at(event.x)
        if i is None:
            return
        _a, _b, key, enabled = self._spans[i]
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
