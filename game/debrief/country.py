"""The country and its regions over a game: how each national number and each region's numbers moved,
the largest causes of those moves (the rule, why, and when), and where violence went when it was pushed
out of a region (the balloon: a rule set off by one region's fall that raises the others).

Built from the turn reports a save keeps (every change with its cause), as the in-game turn report
shows them turn by turn; numbers are written by game.numbers, as everywhere in the debrief."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from game.content.runtime import Scenario
from game.engine.state import State
from game.numbers import formats, is_zero

TOP = 3  # the largest causes shown for each number; the rest are counted in one line
MOST = 6  # ... or up to this many, while the rest together outweigh the smallest cause shown

SKIP = ("flag:", "event:", "ending:", "roll:", "news")
_TRIGGER = re.compile(r"change\(\s*(region\.[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)")


@dataclass
class Push:
    """One rule's net effect on one number over the game: every turn it moved it, and by how much in all."""

    turns: list[int]
    kind: str  # order | option | reaction | move | dynamic | event
    source: str  # the rule's id
    why: str
    change: str  # the net change, as written ('+6', '−13', '±0')
    size: float  # the net change, unrounded (for ordering)

    @property
    def when(self) -> str:
        from game.debrief.model import spans

        return f"turn {self.turns[0]}" if len(self.turns) == 1 else f"turns {spans(self.turns)}"


@dataclass
class Course:
    """A number over the game: start, end and change as written, and its largest causes."""

    name: str  # the state number's name: 'cohesion', 'region.basra.violence'
    label: str  # 'Coalition cohesion', 'Violence'
    start: str
    end: str
    change: str
    pushes: list[Push] = field(default_factory=list)  # the largest causes, largest first
    others: int = 0  # how many smaller causes are left out
    others_change: str = ""  # their net change together, as written
    others_most: str = ""  # when together they outweigh a cause shown: the largest of them alone, as written ('12')


@dataclass
class RegionCourse:
    id: str
    name: str
    short: str
    courses: list[Course]


@dataclass
class Displacement:
    """One firing of a rule that moves a region's trouble elsewhere: the fall that set it off (turn, size,
    causes) and where it turned up (each number it raised, as written)."""

    turn: int  # the turn its effects landed
    source: str  # the rule's id: 'balloon.basra'
    name: str  # the rule's name: 'Squeezed out of Basra'
    why: str
    origin: str  # the number whose fall set it off: 'Basra violence'
    origin_region: str  # its region's id
    fell_turn: int
    fell: str  # the fall as written: '−13'
    pushed_by: list[Push]  # what brought it down that turn, largest first
    pushed_rest: str  # the turn's other changes of it before the rule ran, together ('+2'; '' when none)
    landed: list[str]  # 'Heartland violence +5', 'Baghdad violence +2'
    landed_regions: list[str] = field(default_factory=list)  # the ids of the regions it raised


@dataclass
class Country:
    national: list[Course]
    regions: list[RegionCourse]
    moved: list[Displacement]  # in the order they landed
    moved_attr: str = ""  # the region number the displacements are about ('violence'), for the turn table
    moved_label: str = ""  # its label ('Violence')
    pending: list[tuple[int, str, str, list[str]]] = field(default_factory=list)
    # rules already set off whose effects land after the last turn played: (turn due, name, id, what they will raise)
    ended: bool = False  # the game is over: what was pending never lands
    moved_when: str = ""  # when the pushed-out trouble turns up: 'a turn later', 'the same turn'
    moved_group: str = ""  # the dynamic of the design the rules belong to: 'balloon'
    table_heads: list[str] = field(default_factory=list)  # the turn table's regions (short names)
    table: list[tuple[int, list[tuple[str, bool]]]] = field(default_factory=list)
    # (turn, in each region: its net change as written, and whether fighters pushed out of another turned up there)


def _ranked(sc: Scenario, name: str, changes: list) -> list[Push]:
    """Every cause of a number's changes over the game, each rule once with its net effect, largest first."""
    change_fmt = formats(sc, name)[1]
    groups: dict[tuple, Push] = {}
    for c in changes:
        key = (c.cause, c.source, c.why)
        p = groups.get(key)
        if p is None:
            from game.debrief.model import plain

            p = groups[key] = Push([], c.cause, c.source, plain(c.why, sc), "", 0.0)
        if not p.turns or p.turns[-1] != c.turn:
            p.turns.append(c.turn)
        p.size += c.after - c.before
    shown = []
    for p in groups.values():
        p.why = cause_why(sc, p)  # an order's name in front of its outcome's reason
        p.change = change_fmt(p.size)
        if not is_zero(p.change):
            shown.append(p)
    shown.sort(key=lambda p: (-abs(p.size), p.turns[0]))
    return shown


def _written(text: str) -> float:
    """A change as written ('+6', '−13', '±0') as a number."""
    from game.numbers import MINUS

    return float(text.replace(MINUS, "-").replace("±", ""))


def _course(sc: Scenario, name: str, label: str, first: list[float], last: list[float], changes: list) -> Course:
    from game.debrief.model import Standing

    i = sc.index[name]
    s = Standing.of(sc, name, label, first[i], last[i])
    value_fmt, change_fmt = formats(sc, name)
    shown = _ranked(sc, name, changes)
    # Many small causes can add up to more than the largest ones ('+79: 14 smaller causes' under causes of
    # −54, +16 and −15): then more are shown, and the line of the rest says how small each of them is.
    def outweighs(rest: list[Push], last: Push) -> bool:  # as written, as the reader compares them
        return abs(_written(change_fmt(sum(p.size for p in rest)))) > abs(_written(last.change))

    n = min(TOP, len(shown))
    while n < min(MOST, len(shown)) and outweighs(shown[n:], shown[n - 1]):
        n += 1
    top, rest = shown[:n], shown[n:]
    together = sum(p.size for p in rest)
    most = value_fmt(max(abs(p.size) for p in rest)) if rest and outweighs(rest, top[-1]) else ""
    return Course(name, label, s.start, s.end, s.change, top, len(rest), change_fmt(together) if rest else "", most)


def _displacing_rules(sc: Scenario) -> dict[str, tuple[object, str]]:
    """The rules that move trouble between regions: a dynamic set off by the change of a region's number
    (its `when` reads change(region.X.attr)); id -> (the dynamic, the number that sets it off)."""
    out = {}
    for d in sc.dynamics:
        m = _TRIGGER.search(str(d.model.when or ""))
        if m and m.group(1) in sc.index:
            out[d.id] = (d, m.group(1))
    return out


def build_country(sc: Scenario, st: State, reports: list) -> Country:
    first, last = (st.history[0] if st.history else st.values), st.values
    by_target: dict[str, list] = {}
    for rep in reports:
        for c in rep.changes:
            if not c.target.startswith(SKIP) and c.target in sc.index:
                by_target.setdefault(c.target, []).append(c)

    national = [_course(sc, m.id, m.label, first, last, by_target.get(m.id, []))
                for m in sc.metrics.values() if not m.hidden and m.id in sc.index]
    regions = []
    for r in sc.regions.values():
        courses = []
        for attr, rng in r.attributes.items():
            name = f"region.{r.id}.{attr}"
            if name in sc.index:
                courses.append(_course(sc, name, rng.label or attr, first, last, by_target.get(name, [])))
        regions.append(RegionCourse(r.id, r.name, r.short_name, courses))

    rules = _displacing_rules(sc)
    lagged = {d.id for d in sc.dynamics if d.model.lag}
    by_turn = {rep.turn: rep for rep in reports}
    moved: list[Displacement] = []
    for rep in reports:
        fired: dict[str, list] = {}
        for c in rep.changes:
            if c.cause == "dynamic" and c.source in rules and not c.target.startswith(SKIP) and c.target in sc.index:
                fired.setdefault(c.source, []).append(c)
        for rid, cs in fired.items():
            d, trigger = rules[rid]
            fell_turn = rep.turn - d.model.lag
            # what brought the number down on that turn, before the turn's own dynamics ran (the fall the rule
            # measured): the decisions, reactions, moves and effects that landed then
            src = by_turn.get(fell_turn)
            before = [c for c in (src.changes if src else []) if c.target == trigger
                      and (c.cause != "dynamic" or c.source in lagged)]
            fell = sum(c.after - c.before for c in before)
            change_fmt = formats(sc, trigger)[1]
            top = _ranked(sc, trigger, [c for c in before if c.after < c.before])[:TOP]
            rest = fell - sum(p.size for p in top)
            rest_words = change_fmt(rest) if top and not is_zero(change_fmt(rest)) else ""  # all add up to the fall
            landed: dict[str, float] = {}
            for c in cs:
                landed[c.target] = landed.get(c.target, 0.0) + (c.after - c.before)
            landed_words = [f"{sc.label_of(sc.slot(t))} {formats(sc, t)[1](v)}" for t, v in landed.items()
                            if not is_zero(formats(sc, t)[1](v))]
            from game.debrief.model import plain

            slot = sc.slot(trigger)
            moved.append(Displacement(rep.turn, rid, d.model.name, plain(d.model.why, sc), sc.label_of(slot),
                                      slot.owner or "", fell_turn, change_fmt(fell),
                                      top, rest_words, landed_words,
                                      [sc.slot(t).owner for t, v in landed.items() if sc.slot(t).kind == "region"
                                       and not is_zero(formats(sc, t)[1](v))]))

    out = Country(national, regions, moved, ended=getattr(st, "phase", "") == "ended")
    due: dict[tuple[int, str], dict[str, float]] = {}
    for due_turn, kind, slot, amount, cause, source, *_ in getattr(st, "lagged", None) or ():
        if kind == "add" and cause == "dynamic" and source in rules and 0 <= slot < len(sc.slots):
            target = sc.slots[slot].name
            got = due.setdefault((int(due_turn), source), {})
            got[target] = got.get(target, 0.0) + float(amount)
    for (due_turn, source), raised in sorted(due.items()):
        words = [f"{sc.label_of(sc.slot(t))} {formats(sc, t)[1](v)}" for t, v in raised.items()
                 if not is_zero(formats(sc, t)[1](v))]
        out.pending.append((due_turn, rules[source][0].model.name, source, words))
    attrs = [sc.slot(t).attr for _, t in rules.values()]
    if attrs:  # the scenario moves trouble between regions (whether or not it happened in this game)
        attr = max(sorted(set(attrs)), key=attrs.count)  # the number the rules move about: violence
        out.moved_attr = attr
        labels = [rng.label for r in sc.regions.values() for a, rng in r.attributes.items() if a == attr and rng.label]
        out.moved_label = labels[0] if labels else attr
        lags = {d.model.lag for d, _ in rules.values()}
        out.moved_when = {0: "the same turn", 1: "a turn later"}.get(lags.pop(), "some turns later") if len(lags) == 1 \
            else "a turn or more later"
        groups = {d.model.group for d, _ in rules.values() if d.model.group}
        out.moved_group = groups.pop() if len(groups) == 1 else ""
    if moved and attrs:
        attr = out.moved_attr
        out.table_heads = [r.short_name for r in sc.regions.values() if f"region.{r.id}.{attr}" in sc.index]
        for t in range(1, len(st.history)):
            before, after = st.history[t - 1], st.history[t]
            cells = []
            came = {rid for m in moved if m.turn == t for rid in m.landed_regions}
            for r in sc.regions.values():
                name = f"region.{r.id}.{attr}"
                if name in sc.index:
                    i = sc.index[name]
                    cells.append((formats(sc, name)[1](after[i] - before[i]), r.id in came))
            out.table.append((t, cells))
    return out


def cause_why(sc: Scenario, p: Push) -> str:
    """Why a rule moved a number, with the order's name in front when it was an order ('Operation with US
    air support: with American air cover the militias give ground…'): the reason alone does not say
    which of the player's orders it was."""
    why = p.why.strip()
    if p.kind == "order" and p.source in sc.actions:
        label = sc.actions[p.source].model.label
        if not why.lower().startswith(label.lower()) and not why.lower().startswith("the cost of"):
            return f"{label}: {why[:1].lower()}{why[1:]}" if why else label
    return why or p.source
