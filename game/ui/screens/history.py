"""History: every metric, actor stance and region's violence over the game, as sparklines."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from game.ui.text import clean, spark, whole
from game.ui.widgets import KeyBar

def series(session) -> list[tuple[str, str, list[float], float, float]]:
    """(group, label, values by turn, lowest and highest value the number can take) for the charts."""
    sc, st = session.sc, session.st
    out = []

    def add(group, label, i):
        slot = sc.slots[i]
        out.append((group, label, [row[i] for row in st.history], slot.lo, slot.hi))

    for m in sc.metrics.values():
        if not m.hidden:
            add("Metrics", clean(m.label), sc.index[m.id])
    for aid, a in sc.actors.items():
        i = sc.index.get(f"{aid}.stance")
        if i is not None and not a.player:
            add("Stance toward the government", clean(a.short), i)
    for rid, r in sc.regions.items():
        i = sc.index.get(f"region.{rid}.violence")
        if i is not None:
            add("Violence", clean(r.short_name), i)  # "Basra", not "Basra and the sout"
    return out


def chart(values: list[float], lo: float, hi: float, width: int) -> str:
    """One bar a column, the turns spread over the width, each bar's height on the number's whole
    range (lo..hi), so that rows compare: a change of 4 in 100 looks small, as it is."""
    if not values or width <= 0:
        return ""
    n = len(values)
    return spark([values[min(n - 1, c * n // width)] for c in range(width)], lo, hi, width)


class RangeChart(Widget):
    """A sparkline on a fixed scale (Textual's Sparkline scales each row to its own data)."""

    DEFAULT_CSS = "RangeChart { height: 1; color: $accent; }"

    def __init__(self, values: list[float], lo: float, hi: float, **kwargs):
        super().__init__(**kwargs)
        self.values, self.lo, self.hi = values, lo, hi

    def render(self) -> Text:
        return Text(chart(self.values, self.lo, self.hi, self.size.width))


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape,h,enter", "close", "Back")]

    def compose(self) -> ComposeResult:
        s = self.app.session
        with VerticalScroll(id="history-box"):
            yield Static(Text(f"History: the start, then the end of each turn (turns 0–{len(s.st.history) - 1}); "
                              "each chart spans all the values its number can take",
                              style="bold"), id="history-title")
            group = None
            for g, label, vals, lo, hi in series(s):
                if g != group:
                    group = g
                    yield Static(Text(g, style="bold underline"), classes="history-group")
                with Horizontal(classes="history-row"):
                    yield Label(Text(label[:18].ljust(18)), classes="history-label")
                    yield RangeChart(vals, lo, hi, classes="history-spark")
                    first, last = vals[0], vals[-1]
                    yield Label(Text(f"{whole(first):>4} → {whole(last):>4}  ({whole(min(vals))} to {whole(max(vals))})"),
                                classes="history-values")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()

    def action_close(self) -> None:
        self.app.pop_screen()
