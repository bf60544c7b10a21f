"""The turn report: every change grouped by actor with its cause and why, and the actors' moves."""

from __future__ import annotations

import time
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from game.numbers import formats, is_zero, step
from game.ui.text import clean, day
from game.ui.widgets import actor_name, KeyBar, short_region, slot_label, TextView


def columns(width: int) -> int:
    """How many net changes go on one line of the report at this width."""
    return 2 if width >= 72 else 1


def change_of(sc, name: str) -> Callable[[float, float], str]:
    """How the report writes a change of `name` from one value to another: the difference of the two
    values as written (game.numbers.step), so that each line's change takes the value written before it
    to its 'now', and the net change the value before the turn to the one after. Political capital to a
    tenth ('6', '+7', 'now 13' for an income of 7.08: '+7.1' would make 13.1); any other number whole
    ('+1 (now 50)' for 49.4 → 49.7 is 49 → 50; its change rounded alone, '±0', left 49 and 50 unexplained,
    and two lines '+2 (now 50)' then '+1 (now 50)' could follow each other). The panels write a turn's
    change the same way (widgets.render_metrics)."""
    return step(sc, name)


def is_number(sc, target: str) -> bool:
    """Whether a ledger line is a change of a number (not a card's marker, a flag, a roll or an ending)."""
    return target in sc.index and not target.startswith(("flag:", "event:", "ending:", "roll:"))


def smaller(n: int) -> str:
    """The note that stands for a group's changes too small to show (each would read '±0' beside a reason
    that says something changed)."""
    return f"and {n} change{'s' if n > 1 else ''} too small to show"


def render_report(session, report, width: int = 80) -> Text:
    sc = session.sc
    t = Text()
    date = session.date(report.turn)
    t.append(f"Turn {report.turn} · {day(date, long=True)}: what happened and why\n", style="bold")
    if report.events or report.orders:
        t.append("\nYour decisions\n", style="bold underline")
        # each decision's own chances, as they fell (the ledger below has them too, far down)
        rolls = report.decision_rolls()

        def outcome(key: tuple[str, str]) -> None:
            for c in rolls(key):
                t.append(f"    → {clean(c.roll_outcome())}\n", style="bold" if c.after else "bold yellow")

        for eid, oid in report.events:
            ev = sc.events.get(eid)
            if ev is None:
                continue
            opt = next((o for o in ev.options if o.id == oid), None)
            t.append(f"  {clean(ev.model.title)}: ")
            t.append(clean(opt.model.text if opt else oid) + "\n", style="italic")
            outcome(("option", f"{eid}/{oid}"))
        for aid, target in report.orders:
            a = sc.actions.get(aid)
            where = f" ({short_region(sc, target)})" if target and target in sc.regions else ""
            t.append(f"  Order: {clean(a.model.label if a else aid)}{where}\n")
            outcome(("order", aid))
    net = report.net()
    first: dict[str, float] = {}  # each number before the turn's first change of it, and after its last
    last: dict[str, float] = {}
    for c in report.changes:
        first.setdefault(c.target, c.before)
        last[c.target] = c.after
    rows = []
    for name, d in net.items():
        if name not in sc.index:
            continue
        shown = change_of(sc, name)(first[name], last[name])  # as the panels write it: whole, capital to a tenth
        if is_zero(shown):
            continue
        slot = sc.slots[sc.index[name]]
        if slot.kind == "builtin" or name == "turn":
            continue
        rows.append((slot.kind != "metric", -abs(d), slot_label(session, name), shown))
    if rows:
        rows.sort()
        t.append("\nNet change this turn (national numbers first, then the largest)\n", style="bold underline")
        per_line = columns(width)
        # as wide as the line allows (2 indent, 3 between cells, 2 spare): 29 at 80 columns; longer is cut with …
        w = max(12, min(34, (width - 7 - 3 * (per_line - 1)) // per_line - 6))
        cells = [f"{label if len(label) <= w else label[:w - 1] + '…':<{w}} {d:>6}" for _, _, label, d in rows]
        for i in range(0, len(cells), per_line):
            t.append("  " + "   ".join(cells[i:i + per_line]) + "\n")
    if report.moves:
        t.append("\nWhat the others did\n", style="bold underline")
        for aid, _mid, label in report.moves:
            t.append(f"  {actor_name(sc, aid)}: ", style="bold")
            t.append(clean(label) + "\n")
    groups = report.by_actor()
    if groups:
        t.append("\nEvery change, by actor, in the order it happened (cause and why)\n", style="bold underline")
        t.append("Actors in order of their first change; 'now' is the value right after it.\n",
                 style="dim")
        # by when each actor first changed a value (a card's marker, a flag or a news line is none): your
        # choices, the reactions and moves they set off, then the country's own dynamics; so a value's
        # 'now' reads forward down the page. Actors that changed no value come last.
        first: dict[str, int] = {}
        for i, c in enumerate(report.changes):
            if c.target in sc.index:
                first.setdefault(c.actor, i)
        order = sorted(groups, key=lambda aid: (first.get(aid, len(report.changes)), aid != session.player))
        for aid in order:
            name = "The government (you)" if aid == session.player else actor_name(sc, aid, short=False)
            t.append(f"\n{name}\n", style="bold")
            hidden = 0  # changes of a number that leave it as written: no line of '±0' beside a reason
            for c in groups[aid]:
                value, change = formats(sc, c.target)[0], change_of(sc, c.target)
                if not is_number(sc, c.target):
                    mark = "•"
                elif is_zero(change(c.before, c.after)):
                    hidden += 1
                    continue
                else:
                    mark = "▲" if c.delta > 0 else "▼"
                t.append(f"  {mark} {clean(c.sentence(value, change))}\n")
            if hidden:
                t.append(f"  · {smaller(hidden)}\n", style="dim")
    if not groups and not report.moves:
        t.append("\nA quiet turn: nothing changed.\n", style="dim")
    t.rstrip()
    return t


class ReportScreen(Screen[None]):
    """The turn report. One instance is kept and given each new report (see CeasefireApp.report_screen)."""

    BINDINGS = [
        Binding("enter,escape,space", "close", "Continue"),
        Binding("h", "app.history", "History"),
    ]

    def __init__(self, report, started: float | None = None, then: Callable[[], None] | None = None):
        super().__init__()
        self.report = report
        self.started = started
        self.then = then
        self._width = 0  # the width the report was laid out for

    def compose(self) -> ComposeResult:
        yield TextView(id="report")
        yield KeyBar()

    def set_report(self, report, started: float | None = None, then: Callable[[], None] | None = None) -> None:
        """Show another report; `started` (perf_counter of the key press) times it, `then` runs once it is painted."""
        self.report = report
        self.started = started
        self.then = then
        if self.is_mounted:
            self.draw()

    def on_mount(self) -> None:
        self.draw()

    def draw(self, home: bool = True) -> None:
        s = self.app.session
        self._width = self.size.width or self.app.size.width or 80
        view = self.query_one("#report", TextView)
        # laid out for the width the text really has (the screen's, less the scroll bar and padding):
        # laid out for the screen's, the net-change columns wrapped, each number under its name
        inner = min(w for w in (view.scrollable_content_region.width, self._width - 3, 10_000) if w > 0)  # (the view's may lag a resize)
        t = render_report(s, self.report, inner + 2)  # (render_report keeps 2 columns spare)
        if s.ended and s.st.reports and self.report is s.st.reports[-1]:
            t.append("\n\nThe game is over. Enter shows how it ended.", style="bold")
        view.update(t, home=home)
        view.focus()

    def on_resize(self, event) -> None:
        if self._width and columns(event.size.width) != columns(self._width):
            self.draw(home=False)  # the net changes in one column or two

    def on_screen_resume(self) -> None:
        if self.started is not None or self.then is not None:
            self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        """The report is on the screen: record how long it took, then run what waited for it (the autosave)."""
        if self.started is not None:
            self.app.report_painted_at = time.perf_counter()
            self.app.report_painted_cpu = time.process_time()
            self.app.last_report_ms = (self.app.report_painted_at - self.started) * 1000.0
            self.started = None
        then, self.then = self.then, None
        if then is not None:
            self.call_later(then)

    def action_close(self) -> None:
        self.dismiss(None)
