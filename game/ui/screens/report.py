"""The turn report: your decisions, the net changes, the actors' moves, and every change grouped by the
number it changed, with its cause and why."""

from __future__ import annotations

import time
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from game.engine.dangers import near as near_an_ending
from game.numbers import formats, is_zero, MINUS, step, whole
from game.ui.text import clean, day
from game.ui.widgets import (actor_name, is_number, KeyBar, moved_as_written, net_change_shown, PagesThrough, possessive,
                             short_region, slot_label, TextView)
from game.words import names_actor


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


def written_size(shown: str) -> float:
    """How large a change is as written ('−3' is 3, '+1.5' is 1.5, '±0' is 0): what the net changes are
    sorted by, so that they read largest first."""
    return 0.0 if is_zero(shown) else abs(float(shown.replace(MINUS, "-")))


def smaller(n: int, alone: bool = False) -> str:
    """The note that stands for a group's changes too small to show (each would read '±0' beside a reason
    that says something changed); `alone` when the group shows no other line: 'and 3 changes ...' under a
    heading with nothing above it to follow read as if a line were missing."""
    return f"{'' if alone else 'and '}{n} change{'s' if n > 1 else ''} too small to show"


def whose(session, c) -> str:
    """Who brought a change about, when the ledger's grouping no longer says it: 'the Kurds' move' (the
    government's own orders and choices, and the country's dynamics, say so in their cause already)."""
    if not c.actor or c.actor == session.player or c.cause not in ("reaction", "move"):
        return ""
    return f"{possessive(actor_name(session.sc, c.actor))} {c.cause}"


def ledger(session, report) -> list[tuple[str, list]]:
    """The turn's changes grouped by the number they changed, so that each number has one place in the
    report, the same place every turn: the national numbers, then each actor's, then each region's, in
    the scenario's order (the order of the panels); within a group, each number's changes in the order
    they happened, so its 'now' reads on down the page. (Grouped by who caused them, the same number
    came under two or three actors, its 'now' jumping between them.) Changes that are not numbers (an
    event card's marker, a flag, a chance, an ending) come last, in the order they happened."""
    sc = session.sc
    by_slot: dict[int, list] = {}
    other = []
    for c in report.changes:
        i = sc.index.get(c.target)
        if i is not None and is_number(sc, c.target) and sc.slots[i].kind != "builtin":
            by_slot.setdefault(i, []).append(c)
        elif not c.target.startswith("news"):
            other.append(c)
    groups: list[tuple[str, list]] = []
    for i in sorted(by_slot):
        slot = sc.slots[i]
        if slot.kind == "metric":
            head = "The national picture"
        elif slot.kind == "actor" and slot.owner in sc.actors:
            head = "The government (you)" if slot.owner == session.player else actor_name(sc, slot.owner, short=False)
        elif slot.kind == "region" and slot.owner in sc.regions:
            head = clean(sc.regions[slot.owner].name)
        else:
            head = "Other numbers"
        if not groups or groups[-1][0] != head:
            groups.append((head, []))
        groups[-1][1].extend(by_slot[i])
    if other:
        groups.append(("Cards, chances and conditions", other))
    return groups


def no_net_change(session, report, first: dict[str, float], last: dict[str, float]) -> list[str]:
    """The numbers the ledger shows changing this turn that end it as they began (+3 then −3): named under
    the net changes, which leave them out, as 'no net change' (a number the ledger moved twice and the net
    changes did not list read as if one of them were missing). In the panels' order."""
    sc = session.sc
    moved = moved_as_written(sc, report.changes)  # (the rule the national picture's '±0' follows too)
    out = []
    for name in sorted(moved & first.keys(), key=lambda n: sc.index[n]):
        slot = sc.slots[sc.index[name]]
        if slot.kind == "builtin" or name == "turn":
            continue
        if is_zero(net_change_shown(sc, name, first[name], last[name], moved)):
            out.append(slot_label(session, name))
    return out


def render_report(session, report, width: int = 80) -> Text:
    sc = session.sc
    t = Text()
    date = session.date(report.turn)
    t.append(f"Turn {report.turn} · {day(date, long=True)}: what happened and why\n", style="bold")
    st = session.st
    if st.phase != "ended" and st.reports and report is st.reports[-1]:  # (not on a past turn's report)
        close = near_an_ending(sc, st.values)
        if close:  # first: the numbers marked '!' in the national picture, and what their levels do
            t.append("\nClose to an ending\n", style="bold underline")
            for n in close:
                t.append(f"  ! {clean(n.sentence(whole))}\n", style="bold yellow")
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
        for eid in report.set_aside:  # drawn or due for the turn, and made moot by an answer before it
            ev = sc.events.get(eid)
            t.append(f"  Set aside unseen: {clean(ev.model.title if ev else eid)} (your answers this turn made it moot)\n",
                     style="dim")
    net = report.net()
    first: dict[str, float] = {}  # each number before the turn's first change of it, and after its last
    last: dict[str, float] = {}
    for c in report.changes:
        first.setdefault(c.target, c.before)
        last[c.target] = c.after
    rows = []
    moved = moved_as_written(sc, report.changes)
    for name, d in net.items():
        if name not in sc.index:
            continue
        # as the panels write it (one rule: whole, capital to a tenth); '±0' ones are named below the rows
        shown = net_change_shown(sc, name, first[name], last[name], moved)
        if not shown or is_zero(shown):
            continue
        slot = sc.slots[sc.index[name]]
        if slot.kind == "builtin" or name == "turn":
            continue
        # largest first as written ('+2' came above '−3' when sorted by the raw 2.51 and 2.41)
        rows.append((slot.kind != "metric", -written_size(shown), -abs(d), slot_label(session, name), shown))
    washed = no_net_change(session, report, first, last)
    if rows or washed:
        rows.sort()
        # (from where the turn began: the cards' changes, seen on the main screen as they were chosen, count too)
        t.append("\nNet change this turn, card choices included (national numbers first)\n", style="bold underline")
        per_line = columns(width)
        # as wide as the line allows (2 indent, 3 between cells, 2 spare): 29 at 80 columns; longer is cut with …
        w = max(12, min(34, (width - 7 - 3 * (per_line - 1)) // per_line - 6))
        cells = [f"{label if len(label) <= w else label[:w - 1] + '…':<{w}} {d:>6}" for *_, label, d in rows]
        for i in range(0, len(cells), per_line):
            t.append("  " + "   ".join(cells[i:i + per_line]) + "\n")
        if washed:
            t.append(f"  No net change: {', '.join(washed)}\n", style="dim")
    if report.moves:
        t.append("\nWhat the others did\n", style="bold underline")
        for aid, _mid, label in report.moves:
            who, label = actor_name(sc, aid), clean(label)
            named = names_actor(who, label)
            if named:  # 'The Kurds back the state's authority', not 'Kurds: The Kurds ...'
                t.append("  " + label[:named], style="bold")
                t.append(label[named:] + "\n")
            else:
                t.append(f"  {who}: ", style="bold")
                t.append(label + "\n")
    groups = ledger(session, report)
    if groups:
        t.append("\nEvery change, each number in one place (cause and why)\n", style="bold underline")
        t.append("The numbers in the same order every turn; each one's changes in the order they happened, "
                 "'now' being its value right after.\n", style="dim")
        for head, changes in groups:
            t.append(f"\n{head}\n", style="bold")
            hidden = 0  # changes of a number that leave it as written: no line of '±0' beside a reason
            shown = 0
            for c in changes:
                value, change = formats(sc, c.target)[0], change_of(sc, c.target)
                if not is_number(sc, c.target):
                    mark = "•"
                elif is_zero(change(c.before, c.after)):
                    hidden += 1
                    continue
                else:
                    mark = "▲" if c.delta > 0 else "▼"
                line = c.sentence(value, change)
                who, cause = whose(session, c), c.rule()
                if who and line.endswith(cause):  # '(Kurds' move kurds.budget)': whose, now the group does not say
                    line = line[:-len(cause)] + c.rule(who)
                    cause = c.rule(who)
                line = clean(line)
                # the rule's id, for a teacher who looks it up, dim after the sentence a student reads: in plain
                # type '(option basra.charge_of_knights/lead_from_basra)' read as part of the sentence
                said, rule = (line[:-len(clean(cause))], clean(cause)) if line.endswith(clean(cause)) else (line, "")
                t.append(f"  {mark} {said}")
                t.append(f"{rule}\n", style="dim")
                shown += 1
            if hidden:
                t.append(f"  · {smaller(hidden, alone=not shown)}\n", style="dim")
    if not groups and not report.moves:
        t.append("\nA quiet turn: nothing changed.\n", style="dim")
    t.rstrip()
    return t


class ReportScreen(PagesThrough, Screen[None]):
    """The turn report. One instance is kept and given each new report (see CeasefireApp.report_screen)."""

    SCROLLER = "#report"
    BINDINGS = [
        Binding("enter,escape,space", "close", "Continue"),
        *PagesThrough.PAGE_BINDINGS,
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
        self.pages_changed()

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
