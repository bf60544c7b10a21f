"""Developer mode (`ceasefire play --dev`): a console for modders that stays open for several commands."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from game.dev import HELP
from game.ui.widgets import KeyBar

LOG_LINES = 8  # the last commands and what they did


class ConsoleScreen(ModalScreen[None]):
    """Type a command (fire EVENT, set NAME VALUE, ...); Enter runs it and the console stays open, with
    what each command did above the line (a typo is corrected in place); Escape closes it.

    `run(line)` carries out a command and returns (ok, what happened)."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, run: Callable[[str], tuple[bool, str]]):
        super().__init__()
        self.run = run
        self.log_lines: list[tuple[str, bool, str]] = []  # (command, ok, what happened)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="console"):
            yield Label("Developer console (Esc closes)", classes="dialog-title")
            yield Static(Text(HELP, style="dim"), id="console-help")
            with VerticalScroll(id="console-log-box"):  # its last lines in sight; the input line below it
                yield Static("", id="console-log")
            yield Input(placeholder="e.g. fire sadr.truce_collapse", id="console-input")
        yield KeyBar()  # its own keys: the game's showed through, and typed here they are letters

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        line = event.value.strip()
        if not line:
            return
        ok, message = self.run(line)
        self.log_lines = (self.log_lines + [(line, ok, message)])[-LOG_LINES:]
        log = Text()
        for command, good, said in self.log_lines:
            log.append(f"> {command}\n", style="bold")
            log.append(said + "\n", style="" if good else "yellow")
        if not self.log_lines[-1][1]:
            log.append("(the line below keeps it to correct; ctrl+u clears it)\n", style="dim")
        log.rstrip()
        self.query_one("#console-log", Static).update(log)
        self.call_after_refresh(lambda: self.query_one("#console-log-box").scroll_end(animate=False, immediate=True))
        box = self.query_one(Input)
        box.value = "" if ok else line  # a command that failed stays, to be corrected (ctrl+u clears it)
        box.cursor_position = len(box.value)

    def action_close(self) -> None:
        self.dismiss(None)
