"""History: every metric, actor stance and region's violence over the game, as sparklines."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from game.numbers import formats, whole
from game.ui.text import clean, own_span, spark
from game.ui.widgets import KeyBar

def series(session) -> list[tuple[str, str, list[float], float, float]]:
    """(group, label, values by turn, lowest and highest value the number can take, the number's value
    format) for the charts."""
    sc, st = session.sc, session.st
    out = []

    def add(group, label, i):
        slot = sc.slots[i]
        out.append((group, label, [row[i] for row in st.history], slot.lo, slot.hi, formats(sc, slot.name)[0]))

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
    """One bar a column, the turns spread over the width, on the values' own span (lowest to highest,
    with a tenth of it to spare at each end), so that 45 → 55 climbs from the lowest block to the highest
    instead of drawing as one unbroken row of the same block on a 0..100 scale. The span is at least a
    tenth of the number's whole range (lo..hi), so that a drift of a point or two (58 → 60 on 0..100, a
    stance of 0 → −1 on −100..100) shows as the small step it is, not floor to ceiling; values that do not
    change draw a flat line at half height."""
    if not values or width <= 0:
        return ""
    n = len(values)
    bottom, top = own_span(values, lo, hi)  # (as the main screen's trends)
    span = (top - bottom) * 1.2
    middle = (bottom + top) / 2
    return spark([values[min(n - 1, c * n // width)] for c in range(width)], middle - span / 2, middle + span / 2, width)


def values_text(values: list[float], num=whole) -> str:
    """First → last (lowest to highest), each as the panels write that number (`num`: whole, or political
    capital to a tenth; see game.numbers). A change of a fraction of a point draws flat beside them
    (the chart's span is at least a tenth of the number's range), so '55 → 55' never sits by a step."""
    least, most = min(values), max(values)
    return f"{num(values[0]):>4} → {num(values[-1]):>4}  ({num(least)} to {num(most)})"


class RangeChart(Widget):
    """A sparkline on its values' own span (see chart)."""

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
            title = Text(f"History of turns 0–{len(s.st.history) - 1} (0 is the start, each other the end of that turn)\n",
                         style="bold")
            title.append("Each chart runs from its lowest value to its highest (both in brackets); a change of less than a tenth of the number's range draws as a small step.", style="dim")
            yield Static(title, id="history-title")
            group = None
            for g, label, vals, lo, hi, num in series(s):
                if g != group:
                    group = g
                    yield Static(Text(g, style="bold underline"), classes="history-group")
                with Horizontal(classes="history-row"):
                    yield Label(Text(label[:18].ljust(18)), classes="history-label")
                    yield RangeChart(vals, lo, hi, classes="history-spark")
                    yield Label(Text(values_text(vals, num)), classes="history-values")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()

    def action_close(self) -> None:
        self.app.pop_screen()
