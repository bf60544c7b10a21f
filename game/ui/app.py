"""The Textual app (placeholder until the interface lands)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class CeasefireApp(App):
    TITLE = "Ceasefire"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Ceasefire — Iraq, spring 2008.\n\nThe interface is being built. Press q to quit.", id="title")
        yield Footer()


def run_app(args) -> int:
    CeasefireApp().run()
    return 0
