"""Developer mode (`ceasefire play --dev`): a one-line console for modders."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from game.dev import HELP


class ConsoleScreen(ModalScreen[str | None]):
    """Type a command (fire EVENT, set NAME VALUE, ...); Enter runs it, Escape closes."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="console"):
            yield Label("Developer console", classes="dialog-title")
            yield Static(Text(HELP, style="dim"), id="console-help")
            yield Input(placeholder="e.g. fire sadr.truce_collapse", id="console-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_close(self) -> None:
        self.dismiss(None)
