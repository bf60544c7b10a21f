"""History: every metric, actor stance and region's violence over the game, as sparklines."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static

from game.ui.text import clean, num
from game.ui.widgets import KeyBar


def series(session) -> list[tuple[str, str, list[float]]]:
    """(group, label, values by turn) for the charts."""
    sc, st = session.sc, session.st
    out = []
    for m in sc.metrics.values():
        if not m.hidden:
            i = sc.index[m.id]
            out.append(("Metrics", clean(m.label), [row[i] for row in st.history]))
    for aid, a in sc.actors.items():
        i = sc.index.get(f"{aid}.stance")
        if i is not None and not a.player:
            out.append(("Stance toward the government", clean(a.short), [row[i] for row in st.history]))
    for rid, r in sc.regions.items():
        i = sc.index.get(f"region.{rid}.violence")
        if i is not None:
            out.append(("Violence", clean(r.name), [row[i] for row in st.history]))
    return out


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape,h,enter", "close", "Back")]

    def compose(self) -> ComposeResult:
        s = self.app.session
        with VerticalScroll(id="history-box"):
            yield Static(Text(f"History: start and the end of each turn (turns 0–{len(s.st.history) - 1})",
                              style="bold"), id="history-title")
            group = None
            for g, label, vals in series(s):
                if g != group:
                    group = g
                    yield Static(Text(g, style="bold underline"), classes="history-group")
                with Horizontal(classes="history-row"):
                    yield Label(Text(label[:18].ljust(18)), classes="history-label")
                    yield Sparkline(vals, classes="history-spark")
                    first, last = vals[0], vals[-1]
                    yield Label(Text(f"{num(first):>4} → {num(last):>4}  ({num(min(vals))}–{num(max(vals))})"),
                                classes="history-values")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()

    def action_close(self) -> None:
        self.app.pop_screen()
