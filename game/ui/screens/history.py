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
from game.ui.text import as_written, clean, own_span, spark
from game.ui.widgets import KeyBar, NeedsRoom, PagesThrough, TooSmall

def series(session) -> list[tuple[str, str, list[float], object]]:
    """(group, label, values by turn, the number's value format) for the charts."""
    sc, st = session.sc, session.st
    out = []

    def add(group, label, i):
        slot = sc.slots[i]
        out.append((group, label, [row[i] for row in st.history], formats(sc, slot.name)[0]))

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


def chart(values: list[float], width: int, num=whole) -> str:
    """One bar a column, each turn as many columns as the others (what is left of the width stays blank), the
    values as the bracket beside the chart writes them (`num`), on their own span (see text.own_span, as the
    main screen's trends): while they keep within 7 points of each other each point is one step of height (58 → 60 on 0..100, or a stance of 0 → −1, is
    a step of two blocks or one, not floor to ceiling, nor flat) and values that do not change draw a flat
    line at half height; values further apart run from the lowest block to near the highest (a tenth of
    their span to spare at each end), so that 45 → 55 climbs instead of drawing as one unbroken row of the
    same block on a 0..100 scale."""
    if not values or width <= 0:
        return ""
    drawn = [as_written(v, num) for v in values]
    n = len(drawn)
    bottom, top = own_span(drawn, spare=0.2)
    per = width // n
    if per >= 1:  # every turn as wide as the others (spread over the whole width, some took a column more)
        return spark([v for v in drawn for _ in range(per)], bottom, top, per * n).ljust(width)
    return spark([drawn[min(n - 1, c * n // width)] for c in range(width)], bottom, top, width)


def values_text(values: list[float], num=whole) -> str:
    """First → last (lowest to highest), each as the panels write that number (`num`: whole, or political
    capital to a tenth; see game.numbers). The chart beside them draws the numbers so written, so '55 → 55'
    never sits by a step; a number that never moved as written says so, not '(65 to 65)'."""
    least, most = num(min(values)), num(max(values))
    return f"{num(values[0]):>4} → {num(values[-1]):>4}  " + ("(no change)" if least == most else f"({least} to {most})")


def ruler(turns: int, width: int) -> str:
    """The turn under each chart's columns, as chart lays them out ('0    1    2 ...' at 80 columns early in a
    game; every 2nd, 5th or 10th turn when the numbers would touch): the charts had no axis, and a player
    could not tell which of the 60 bars of a 12-turn row was turn 7."""
    if turns <= 0 or width <= 0:
        return ""
    per = width // turns

    def column(t: int) -> int | None:  # the first column chart gives turn t, if any
        if per >= 1:
            return t * per
        c = -(-t * width // turns)
        return c if c < width and c * turns // width == t else None

    room = per if per >= 1 else width / turns  # columns a turn
    step = next((k for k in (1, 2, 5, 10, 20, 50, 100) if k * room >= len(str(turns - 1)) + 1), turns)
    out = [" "] * width
    for t in range(0, turns, step):
        col, label = column(t), str(t)
        if col is not None and col + len(label) <= width:
            out[col:col + len(label)] = label
    return "".join(out)


class TurnRuler(Widget):
    """The turns under the charts' columns (see ruler)."""

    DEFAULT_CSS = "TurnRuler { height: 1; color: $text-muted; }"

    def __init__(self, turns: int, **kwargs):
        super().__init__(**kwargs)
        self.turns = turns

    def render(self) -> Text:
        return Text(ruler(self.turns, self.size.width))


class RangeChart(Widget):
    """A sparkline on its values' own span (see chart); `num` writes its number (whole, or capital's tenth)."""

    DEFAULT_CSS = "RangeChart { height: 1; color: $accent; }"

    def __init__(self, values: list[float], num=whole, **kwargs):
        super().__init__(**kwargs)
        self.values, self.num = values, num

    def render(self) -> Text:
        return Text(chart(self.values, self.size.width, self.num))


class HistoryScreen(NeedsRoom, PagesThrough, Screen):
    """The charts; below 80x24 (where they shrank to a few columns), a message instead (NeedsRoom)."""

    SCROLLER = "#history-box"
    BINDINGS = [Binding("escape,h,enter", "close", "Back"), *PagesThrough.PAGE_BINDINGS]

    def compose(self) -> ComposeResult:
        s = self.app.session
        with VerticalScroll(id="history-box", classes="needs-room"):
            title = Text(f"History of turns 0–{len(s.st.history) - 1} (0 is the start, each other the end of that turn)\n",
                         style="bold")
            title.append("A row is one number, turn by turn. Within 7 points each step is one point (flat: "
                         "no change); a wider move runs from its lowest (▁) to its highest (▇), in brackets.",
                         style="dim")
            yield Static(title, id="history-title")
            with Horizontal(classes="history-ruler"):  # not a .history-row: it charts no number
                yield Label(Text("turn".ljust(18)), classes="history-label")
                yield TurnRuler(len(s.st.history), classes="history-spark")
                yield Label(Text(""), classes="history-values")
            group = None
            for g, label, vals, num in series(s):
                if g != group:
                    group = g
                    yield Static(Text(g, style="bold underline"), classes="history-group")
                with Horizontal(classes="history-row"):
                    yield Label(Text(label[:18].ljust(18)), classes="history-label")
                    yield RangeChart(vals, num, classes="history-spark")
                    yield Label(Text(values_text(vals, num)), classes="history-values")
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()

    def action_close(self) -> None:
        self.app.pop_screen()
