"""Build a debrief from a game's state: plain data the Markdown and HTML writers render."""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from game.content.runtime import Scenario
from game.debrief.country import Country, build_country
from game.engine.state import State
from game.numbers import capital_step, exact, formats, is_capital, is_zero, score, step, whole
from game.words import day, flag_change, link_words, move_line, plural, rough_day, season

LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
SKIP_TARGETS = ("roll:", "event:", "ending:", "news")


def plain(text: str, sc: Scenario | None = None) -> str:
    """Codex links [[id|words]] become their words; a bare [[id]] the words the game's screens show
    for it (the entry's name: [[balloon]] reads 'balloon', not 'Dynamic: the balloon'). Line breaks stay."""
    def sub(m: re.Match) -> str:
        return link_words(m.group(1).strip(), m.group(2) or None, sc.codex if sc is not None else {})

    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return LINK.sub(sub, text).strip()


_ITEM = re.compile(r"^\s*(?:(\d{1,3})[.)]|[-*\u2022])\s+(.*)$")


@dataclass
class Block:
    """A piece of a longer text: a paragraph (its lines kept) or a numbered or bulleted list."""

    kind: str  # p | ol | ul
    lines: list[str]
    start: int = 1  # the first number of a numbered list


def blocks(text: str) -> list[Block]:
    """A text's paragraphs (split at blank lines; single line breaks kept) and its lists: lines
    starting '1.' or '1)' make a numbered list, lines starting '-', '*' or '\u2022' a bulleted one;
    an indented line under an item continues it."""
    out: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text or ""):
        cur: Block | None = None
        for line in chunk.split("\n"):
            if not line.strip():
                continue
            m = _ITEM.match(line)
            if m:
                kind = "ol" if m.group(1) else "ul"
                if cur is None or cur.kind != kind:
                    cur = Block(kind, [], int(m.group(1)) if m.group(1) else 1)
                    out.append(cur)
                cur.lines.append(m.group(2).strip())
            elif cur is not None and cur.kind != "p" and line[:1].isspace():
                cur.lines[-1] += " " + line.strip()
            else:
                if cur is None or cur.kind != "p":
                    cur = Block("p", [])
                    out.append(cur)
                cur.lines.append(line.strip())
    return out


def linked(text: str) -> list[str]:
    return [m.group(1) for m in LINK.finditer(text or "")]


def num(x: float) -> str:
    """A value as the game's screens write it: the nearest whole number, a true minus (game/numbers.py)."""
    return whole(x)


def slot_label(sc: Scenario, name: str) -> str:
    """'Militia strength', 'South violence', 'Coalition cohesion'."""
    return sc.label_of(sc.slot(name))


def value_of(sc: Scenario, name: str, x: float) -> str:
    """The state number `name` as the game's screens write it: whole, political capital to a tenth rounded down."""
    return formats(sc, name)[0](x)


def turn_change(sc: Scenario, name: str, before: float, after: float) -> str:
    """A number's change over a turn as the turn report's net change writes it: political capital as the
    difference of the balances the status line showed (game.numbers.capital_step), any other number its
    change rounded, as the national picture's trend beside it."""
    return capital_step(before, after) if is_capital(sc, name) else formats(sc, name)[1](after - before)


# ---------------------------------------------------------------- the data


@dataclass
class Series:
    label: str
    values: list[float]
    good: str = "high"  # high | low | neutral
    style: int = 0  # its line style (charts.style): the place of its actor or region in the scenario's order


@dataclass
class Chart:
    id: str
    title: str
    series: list[Series]
    lo: float
    hi: float
    note: str = ""
    value: Callable[[float], str] = whole  # a value of the chart's number as the game writes it (game.numbers)


@dataclass
class Decision:
    event: str
    title: str
    option: str  # the option's text, or "" when not answered yet
    historical: str = ""  # the historical choice's text (the scenario's year), when it differs from the one made
    was_historical: bool = False
    invented: bool = False  # the event is invented for the game
    outcome: str = ""  # the chances the option took, as they fell: " → The troops hold? No (it had a 60% chance)"


@dataclass
class TurnEntry:
    turn: int
    date: str
    decisions: list[Decision] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # titles of the cards an answer before them made moot
    orders: list[str] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)
    shifts: list[str] = field(default_factory=list)  # net changes of the national metrics
    ending: str = ""


@dataclass
class Reaction:
    """One rule's doings for an actor over the game: every turn it fired and the net effect."""

    turns: list[int]
    kind: str  # reaction | move | order | option | dynamic ...
    source: str
    why: str
    effects: list[str]

    @property
    def turn(self) -> int:
        return self.turns[0]

    @property
    def when(self) -> str:
        """'Turn 3', or 'Turns 1–4, 7 (5 times)'."""
        if len(self.turns) == 1:
            return f"Turn {self.turns[0]}"
        return f"Turns {spans(self.turns)} ({len(self.turns)} times)"


def spans(turns: list[int]) -> str:
    """[1, 2, 3, 4, 7] -> '1–4, 7'."""
    out, ts = [], sorted(set(turns))
    i = 0
    while i < len(ts):
        j = i
        while j + 1 < len(ts) and ts[j + 1] == ts[j] + 1:
            j += 1
        out.append(str(ts[i]) if i == j else f"{ts[i]}\u2013{ts[j]}")
        i = j + 1
    return ", ".join(out)


@dataclass
class ActorSection:
    id: str
    name: str
    description: str
    attributes: list["Standing"]  # each attribute at the start and the end
    flags: list[str]
    reactions: list[Reaction]


@dataclass
class Standing:
    """A number at the start and now (or at the end), each as the game writes it, and the change between
    the two as written, so that the three add up ('60 → 63 (+3)' for 60.4 → 62.6: game.numbers.step)."""

    label: str
    start: str
    end: str
    change: str

    @classmethod
    def of(cls, sc: Scenario, name: str, label: str, start: float, end: float) -> "Standing":
        return cls(label, value_of(sc, name, start), value_of(sc, name, end), step(sc, name)(start, end))


@dataclass
class Condition:
    name: str
    label: str
    value: str


@dataclass
class EndingInfo:
    id: str
    title: str
    tone: str
    epilogue: str
    explain: str
    when: str
    score: float
    turn: int
    conditions: list[Condition]
    alternatives: list[tuple[str, bool]] = field(default_factory=list)  # (an 'or' branch of the rule, held at the end)
    missed: list = field(default_factory=list)  # the better endings judged at the end, with what they needed (missed.Missed)


@dataclass
class EventNote:
    id: str
    title: str
    turns: list[int]
    chosen: list[str]
    debrief: str
    prompt: str
    history: str
    historical_option: str
    invented: bool
    codex: list[tuple[str, str]]  # (title, body) of linked entries
    when: str = ""  # when it came in this game, beside the history: 'In your game: turn 10 (late July 2008)'

    def against_history(self, year: int) -> str:
        """Whether this game's choice was the one made in history, for the table of what really happened,
        so a pair sees at a glance where its story left it: 'as in 2008', 'not the choice of 2008', 'once as
        in 2008' (a card answered more than once, in both ways); '' when the card has no historical choice or
        was not answered."""
        if not (self.historical_option and self.chosen):
            return ""
        same = [c == self.historical_option or c.startswith(self.historical_option + " (\u00d7") for c in self.chosen]
        if all(same):
            return f"as in {year}"
        return f"once as in {year}" if any(same) else f"not the choice of {year}"

    @property
    def invented_note(self) -> str:
        """What the history column says about an invented event: the debrief's own sentence about it
        ('Partly invented for the game: ...') when it has one, else that it is invented; '' when the
        history says so itself or the event is not invented."""
        if not self.invented or "invented" in self.history.lower():
            return ""
        own = next((x.strip() for x in re.split(r"(?<=[.!?])\s+", self.debrief) if "invented" in x.lower()), "")
        return own or "This event is invented for the game."


@dataclass
class Debrief:
    scenario: str
    scenario_name: str
    seed: int
    difficulty: str | None
    difficulty_label: str
    code: str
    turns_played: int
    total_turns: int
    finished: bool
    start_date: str
    last_date: str
    summary: str
    year: int = 0  # the year the scenario is set in (history_year): its history is that year's
    when: str = ""  # the season it is set in, for the page's footer: 'spring 2008' (words.season)
    turn: int = 0  # the turn the game is on (its last, if it ended)
    label: str = ""  # the game this debrief belongs to: its save's name, or 'game 6281e8' for autosaves
    file: str = ""  # the save file's name, when the debrief was made from one
    game_id: str = ""  # the save's game id, when made from one
    branch_of: tuple = ()  # (game id, turn) of the game this one is a 'what if' branch of, when it is one
    ending: EndingInfo | None = None
    timeline: list[TurnEntry] = field(default_factory=list)
    actors: list[ActorSection] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[EventNote] = field(default_factory=list)
    assumptions: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    standing: list[Standing] = field(default_factory=list)  # the national numbers at the start and now
    country: "Country | None" = None  # the national numbers and the regions: their courses and causes

    @property
    def progress(self) -> str:
        """How far an unfinished game went: '3 of 11 turns played; turn 4 not resolved'."""
        return progress(self.turns_played, self.turn, self.total_turns)

    @property
    def sections(self) -> list[tuple[str, str]]:
        """SECTIONS, with the ending's heading fitting a game that has not ended and the history's naming
        the scenario's year."""
        return [(sid, UNFINISHED_ENDING if sid == "ending" and not self.finished else title.format(year=self.year))
                for sid, title in SECTIONS if sid != "five" or self.five_minutes]

    @property
    def history_notes(self) -> list[EventNote]:
        return [n for n in self.notes if n.history or n.codex or n.historical_option]

    @property
    def five_minutes(self) -> list[EventNote]:
        """Three of this game's cards to talk through in a lesson's five-minute pair debrief, in the order they
        came: first those where the pair chose otherwise than in history (what the debrief question 'where did
        your game leave 2008?' turns on, and different for every pair), then those where it chose as in history,
        then cards history offers no comparison for; each with a discussion prompt. An eleven-turn game has
        some twenty cards, prompts and historical notes: more than a pair reads in five minutes."""
        def rank(n: EventNote) -> int:
            verdict = n.against_history(self.year)
            return 2 if not verdict else 1 if verdict.startswith("as in") else 0

        picked = sorted((n for n in self.notes if n.prompt and n.chosen), key=lambda n: (rank(n), n.turns[0]))[:3]
        return sorted(picked, key=lambda n: n.turns[0])

    @property
    def background(self) -> list[tuple[str, str]]:
        """The codex entries behind the events that happened, each once, in the order they came up."""
        out: dict[str, str] = {}
        for n in self.notes:
            for title, body in n.codex:
                out.setdefault(title, body)
        return list(out.items())


def five_minutes_intro(d: "Debrief") -> str:
    """What the five-minute debrief asks a pair to do (the lesson plan's pair debrief, in the debrief itself)."""
    ending = dict(d.sections)["ending"]
    n = len(d.five_minutes)
    these = "this choice of yours" if n == 1 else f"these {'two' if n == 2 else 'three'} of your choices"
    beside = f"beside the one made in {d.year}" if n == 1 else f"each beside the one made in {d.year} where there is one"
    return (f"For a lesson's pair debrief: read '{ending}' below, then talk through {these}, {beside}, and agree "
            f"on one decision you would change, and why. The rest of this debrief is for later: the timeline, the "
            f"actors' reactions, the country and the charts.")


RULES_NOTE = ("In brackets after each line: the kind of rule and its id in the scenario's files, "
              "for a teacher who wants to look the rule up.")

COUNTRY_INTRO = ("Each number of the country and of its regions, from the start to the end of the game, with the "
                 "largest causes of its changes: each rule once, with its net effect over the game and the turns "
                 "it acted. The in-game turn report lists every change, turn by turn.")


def moved_intro(k) -> str:
    """What the list of displacements shows: trouble pushed out of a region turning up in others."""
    word = k.moved_label.lower()
    group = f" (the model's {k.moved_group.replace('_', ' ')})" if k.moved_group else ""
    return (f"When {word} is pushed down in one region, part of it turns up in others {k.moved_when}{group}. "
            f"Each time that happened in this game: the fall that set it off, what caused the fall, and where "
            f"the {word} went. The fall counts what the turn's orders, cards, reactions and moves did (and effects "
            f"landing late from the turn before), not the turn's own dynamics (drift and the like) that ran after them; "
            f"the table below the list gives each turn's whole net change, so the two can differ.")


SECTIONS = [
    ("summary", "The game at a glance"),
    ("five", "The five-minute debrief"),  # for the pair debrief of a lesson (docs/classroom.md)
    ("ending", "How it ended, and why"),  # "Where it stands, and why" for a game not finished
    ("timeline", "Timeline of decisions and events"),
    ("actors", "How each actor reacted, and why"),
    ("country", "The country and its regions: what moved them, and why"),
    ("charts", "The numbers over time"),
    ("notes", "Debrief notes and discussion prompts"),
    ("history", "What really happened in {year}"),  # the scenario's year: history_year
    ("assumptions", "The model's assumptions"),
]


UNFINISHED_ENDING = "Where it stands, and why"


def history_year(sc: Scenario) -> int:
    """The year a scenario is set in, which its history notes and historical choices belong to: the year of
    its start date ('What really happened in 2008'). The one place the debrief, the class report and the
    end screen take it from; a save's is that of the scenario it was played with."""
    return sc.meta.start_date.year


# ---------------------------------------------------------------- building


def _fmt_date(sc: Scenario, turn: int) -> str:
    """A turn's in-game date, as the game's screens give it ('29 July 2008')."""
    return day(sc.turn_date(turn), long=True)


def in_your_game(sc: Scenario, turns: list[int]) -> str:
    """When an event came in this game, beside what really happened: 'In your game: turn 10 (late July
    2008)', or 'turns 3 (early April 2008) and 9 (mid-July 2008)' for one that came again."""
    ts = list(dict.fromkeys(turns))
    if not ts:
        return ""
    parts = [f"{t} ({rough_day(sc.turn_date(t))})" for t in ts]
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"In your game: turn{'s' if len(ts) > 1 else ''} {said}"


def _class_code(sc: Scenario, st: State) -> str:
    from game.classroom.codes import CodeError, encode

    try:
        return encode(sc.id, st.seed, st.difficulty)  # as the game itself shows it
    except CodeError:
        return ""


def _option_text(sc: Scenario, eid: str, oid: str) -> str:
    ev = sc.events.get(eid)
    if ev is None:
        return oid
    opt = next((o for o in ev.options if o.id == oid), None)
    return plain(opt.model.text, sc) if opt else oid


def _historical(sc: Scenario, eid: str) -> str:
    ev = sc.events.get(eid)
    if ev is None:
        return ""
    return next((plain(o.model.text, sc) for o in ev.options if o.model.historical), "")


def _turn_reports(st: State) -> list:
    reps = list(st.reports)
    if st.current is not None and (not reps or reps[-1].turn != st.current.turn):
        reps.append(st.current)
    return reps


def _played(sc: Scenario, st: State, rep) -> list[tuple[str, str | None, str]]:
    """A turn's event cards in the order they were played: (event id, option chosen or None, title).

    The answers first, in the order given; then the cards that came but were not answered (a game left
    in its briefing), in the order they wait. The order cards came in is not the order they were played:
    a follow-up that comes at once goes to the front of the cards still waiting."""
    came = [(c.target[6:], c.label) for c in rep.changes if c.target.startswith("event:")]
    titles = dict(reversed(came))  # the title each card had when it came (the first, if it came twice)

    def title(eid: str) -> str:
        return titles.get(eid) or (sc.events[eid].model.title if eid in sc.events else eid)

    out: list[tuple[str, str | None, str]] = [(eid, oid, title(eid)) for eid, oid in rep.events]
    waiting = Counter(eid for eid, _ in came) - Counter(eid for eid, _ in rep.events)
    if waiting:
        order = [eid for eid, _ in came]
        if rep is st.current:  # this turn's cards not yet answered: in the order they will be shown
            queue = list(st.queue)
            order.sort(key=lambda eid: queue.index(eid) if eid in queue else len(queue))
        for eid in order:
            if waiting[eid] > 0:
                waiting[eid] -= 1
                out.append((eid, None, title(eid)))
    return out


def _timeline(sc: Scenario, st: State) -> list[TurnEntry]:
    visible = [m for m in sc.metrics.values() if not m.hidden]
    out = []
    for rep in _turn_reports(st):
        entry = TurnEntry(rep.turn, _fmt_date(sc, rep.turn))
        # the chances each decision took, as they fell (as the turn report gives them): luck told from choice
        rolls = rep.decision_rolls()

        def fell(key: tuple[str, str]) -> str:
            return "".join(f" → {c.roll_outcome()}" for c in rolls(key))

        for eid, oid, title in _played(sc, st, rep):  # in the order played, as the turn report lists them
            hist_id = next((o.id for o in sc.events[eid].options if o.model.historical), "") if eid in sc.events else ""
            text = _option_text(sc, eid, oid) if oid else ""
            entry.decisions.append(Decision(eid, title, text, _historical(sc, eid) if hist_id and oid != hist_id else "",
                                            bool(hist_id) and oid == hist_id,
                                            bool(eid in sc.events and sc.events[eid].model.invented),
                                            fell(("option", f"{eid}/{oid}")) if oid else ""))
        entry.set_aside = [sc.events[eid].model.title if eid in sc.events else eid for eid in rep.set_aside]
        for c in rep.changes:
            if c.target.startswith("ending:"):
                entry.ending = c.label
        for aid, target in rep.orders:
            a = sc.actions.get(aid)
            label = a.model.label if a else aid
            if target:
                label += f" ({sc.regions[target].short_name if target in sc.regions else target})"
            entry.orders.append(label + fell(("order", aid)))
        for actor, _mid, label in rep.moves:
            who = sc.actors[actor].short if actor in sc.actors else actor
            entry.moves.append(move_line(who, label))
        t = rep.turn
        if t < len(st.history):
            before, after = st.history[t - 1], st.history[t]
            for m in visible:
                i = sc.index[m.id]
                shown = turn_change(sc, m.id, before[i], after[i])
                if not is_zero(shown):
                    entry.shifts.append(f"{m.label} {shown}")
        out.append(entry)
    return out


def _actors(sc: Scenario, st: State) -> list[ActorSection]:
    first, last = st.history[0] if st.history else st.values, st.values
    changes = [c for rep in _turn_reports(st) for c in rep.changes]
    out = []
    for a in sc.actors.values():
        if a.player:
            continue
        attrs = []
        for name in a.attributes:
            key = f"{a.id}.{name}"
            if key in sc.index:
                i = sc.index[key]
                label = a.attributes[name].label or name
                attrs.append(Standing.of(sc, key, label, first[i], last[i]))
        flags = sorted(sc.flag_status(f) for f in st.flags if f.startswith(a.id + "."))
        groups: dict[tuple, tuple[Reaction, dict]] = {}
        for c in changes:
            if c.actor != a.id or c.target.startswith(SKIP_TARGETS):
                continue
            key = (c.cause, c.source, c.why)
            if key not in groups:
                groups[key] = (Reaction([], c.cause, c.source, plain(c.why, sc), []), {})
            r, net = groups[key]
            if not r.turns or r.turns[-1] != c.turn:
                r.turns.append(c.turn)
            if c.target.startswith("flag:"):
                net[c.target] = bool(c.after)  # a flag: where it ended up
            else:
                label, total = net.get(c.target, (c.label, 0.0))
                net[c.target] = (label, total + (c.after - c.before))
        reactions = []
        for r, net in groups.values():
            several = len(r.turns) > 1
            for target, v in net.items():
                if isinstance(v, bool):  # a flag, in the words the game's screens use ('Sadrists no longer: ceasefire')
                    r.effects.append(flag_change(sc.flag_label(target[5:]), v))
                elif abs(v[1]) >= 0.05:  # a sum of changes: whole, political capital to a tenth
                    r.effects.append(f"{v[0]} {formats(sc, target)[1](v[1])}" + (" in all" if several else ""))
            if not r.effects:
                r.effects.append("no net change")
            reactions.append(r)
        reactions.sort(key=lambda r: (r.turns[0], -len(r.turns)))
        out.append(ActorSection(a.id, a.name, plain(a.description, sc), attrs, flags, reactions))
    return out


def _charts(sc: Scenario, st: State) -> list[Chart]:
    hist = st.history or [st.values]
    col = lambda i: [row[i] for row in hist]  # noqa: E731
    charts = []
    for m in sc.metrics.values():
        if m.hidden:
            continue
        i = sc.index[m.id]
        charts.append(Chart("metric-" + m.id, m.label, [Series(m.label, col(i), m.good)], m.min, m.max,
                            plain(m.description, sc), formats(sc, m.id)[0]))
    # region attributes: one chart per attribute, a line per region
    # each region and each actor keeps one line style in every chart (charts.style): its place in the scenario
    region_style = {rid: k for k, rid in enumerate(sc.regions)}
    actor_style = {a.id: k for k, a in enumerate(x for x in sc.actors.values() if not x.player)}
    attrs: dict[str, list] = {}
    for r in sc.regions.values():
        for name, rng in r.attributes.items():
            attrs.setdefault(name, []).append((r, rng))
    for name, items in attrs.items():
        series = [Series(r.name, col(sc.index[f"region.{r.id}.{name}"]), "low" if name == "violence" else "high",
                         region_style[r.id]) for r, _ in items]
        label = items[0][1].label or name
        charts.append(Chart("region-" + name, f"{label} by region", series,
                            min(x.min for _, x in items), max(x.max for _, x in items)))
    # actor attributes shared by several actors (stance, strength...), and the rest per attribute
    by_attr: dict[str, list] = {}
    for a in sc.actors.values():
        if a.player:
            continue
        for name, rng in a.attributes.items():
            by_attr.setdefault(name, []).append((a, rng))
    for name, items in by_attr.items():
        series = [Series(a.short, col(sc.index[f"{a.id}.{name}"]), "neutral", actor_style[a.id]) for a, _ in items]
        label = items[0][1].label or name
        title = f"{label}" + (" of the actors" if len(items) > 1 else f": {items[0][0].name}")
        charts.append(Chart("actor-" + name, title, series, min(x.min for _, x in items), max(x.max for _, x in items)))
    return charts


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_FLAG = re.compile(r"flag\(\s*['\"]([^'\"]+)['\"]\s*\)")


def _conditions(sc: Scenario, st: State, when: str) -> list[Condition]:
    out, seen = [], set()
    for m in _WORD.finditer(when or ""):
        name = m.group(0)
        if name.startswith("self.") or name in seen or name == "turn":
            continue
        if name in sc.index:
            seen.add(name)
            s = sc.slots[sc.index[name]]
            out.append(Condition(name, slot_label(sc, name), value_of(sc, name, st.values[s.index])))
    for m in _FLAG.finditer(when or ""):
        name = m.group(1)
        if name not in seen:
            seen.add(name)
            label = sc.flag_label(name)  # a row of a table: it starts with a capital
            out.append(Condition(f"flag('{name}')", label[:1].upper() + label[1:], "yes" if name in st.flags else "no"))
    return out


def _alternatives(sc: Scenario, st: State, when: str) -> list[tuple[str, bool]]:
    """The branches of the rule's 'or' (itself, or one of the conditions it joins with 'and'), each
    with whether it held at the end: a value in the table may miss one branch because another held.
    Empty when the rule has no 'or', or a branch is too intricate to say in words (the table alone)."""
    from game.debrief.missed import rule_clauses

    out = []
    for c in rule_clauses(sc, st, when) or ():
        for branch in c.branches:
            if not all(b.said for b in branch):
                return []
            out.append((" and ".join(b.words for b in branch), all(b.held for b in branch)))
    return out


_OP_WORDS = {"Lt": "below", "LtE": "at most", "Gt": "above", "GtE": "at least", "Eq": "equal to", "NotEq": "not"}


def _in_words(node, sc: Scenario) -> str | None:
    """A condition as a teacher reads it aloud: 'not ‘Sadrists: ceasefire’ and Sadrists strength below 45'.
    None for anything but names, numbers, comparisons, flag() and and/or/not."""
    if isinstance(node, ast.BoolOp):
        parts = [_in_words(v, sc) for v in node.values]
        if None in parts:
            return None
        joined = (" and " if isinstance(node.op, ast.And) else " or ").join(parts)
        return f"({joined})" if isinstance(node.op, ast.Or) else joined
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _in_words(node.operand, sc)
        if inner is None:
            return None
        return f"not {inner}" if _is_flag(node.operand) else f"not ({inner})"
    if _is_flag(node):
        return f"\u2018{sc.flag_label(node.args[0].value)}\u2019"
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, right = _operand(node.left, sc), _operand(node.comparators[0], sc)
        op = _OP_WORDS.get(type(node.ops[0]).__name__)
        return None if None in (left, right, op) else f"{left} {op} {right}"
    return None


def _is_flag(node) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "flag"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))


def _operand(node, sc: Scenario) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return exact(node.value)  # a threshold as the rule gives it ('at least 39.5', not 'at least 40')
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, (int, float)) and not isinstance(node.operand.value, bool)):
        return exact(-node.operand.value)
    name = ast.unparse(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
    if name == "turn":
        return "the turn"
    return slot_label(sc, name) if name in sc.index else None


def _ending(sc: Scenario, st: State) -> EndingInfo | None:
    if not st.ending:
        return None
    e = next((x for x in sc.endings if x.id == st.ending), None)
    if e is None:
        return EndingInfo(st.ending, st.ending, "mixed", "", "", "", st.score, st.turn, [])
    when = e.model.when or ""
    conds = _conditions(sc, st, when)
    if st.forced_ending:  # an effect ended the game: say which choice did
        src = _forced_source(sc, st)
        if src:
            conds.insert(0, Condition("forced", "Ended by", src))
    alts = [] if st.forced_ending else _alternatives(sc, st, when)
    from game.debrief.missed import missed_endings

    return EndingInfo(e.id, e.model.title, e.model.tone, plain(e.model.epilogue, sc), plain(e.model.explain, sc),
                      when, st.score, st.turn, conds, alts, missed_endings(sc, st))


def _forced_source(sc: Scenario, st: State) -> str:
    """The choice that ended the game directly (an option with an `end` effect)."""
    rep = st.reports[-1] if st.reports else None
    if rep is None or not rep.events:
        return ""
    eid, oid = rep.events[-1]
    title = sc.events[eid].model.title if eid in sc.events else eid
    return f"'{_option_text(sc, eid, oid)}' on '{title}'"


def _notes(sc: Scenario, st: State) -> list[EventNote]:
    order: dict[str, list[int]] = {}  # each event, first played first (by turn, then within the turn)
    chosen: dict[str, list[str]] = {}
    for rep in _turn_reports(st):
        for eid, oid, _title in _played(sc, st, rep):
            order.setdefault(eid, []).append(rep.turn)
            if oid is not None:
                chosen.setdefault(eid, []).append(_option_text(sc, eid, oid))
    chosen = {eid: [t if texts.count(t) == 1 else f"{t} (\u00d7{texts.count(t)})" for t in dict.fromkeys(texts)]
              for eid, texts in chosen.items()}
    out = []
    for eid, turns in order.items():
        ev = sc.events.get(eid)
        if ev is None:
            continue
        m = ev.model
        # the codex entries behind what really happened: those the history links, the terms and people the
        # event's own text links, and an entry named after the event
        refs = linked(m.history) + [x for x in linked(m.text) if x in sc.codex and sc.codex[x].category in
                                    ("term", "person")] + [eid.replace(".", "_")]
        codex = []
        for ref in refs:
            if ref and ref in sc.codex and (sc.codex[ref].title, plain(sc.codex[ref].body, sc)) not in codex:
                codex.append((sc.codex[ref].title, plain(sc.codex[ref].body, sc)))
        out.append(EventNote(eid, m.title, turns, chosen.get(eid, []), plain(m.debrief, sc), plain(m.prompt, sc),
                             plain(m.history, sc), _historical(sc, eid), m.invented, codex, in_your_game(sc, turns)))
    return out


def progress(played: int, turn: int, total: int) -> str:
    """How far an unfinished game went, said one way by the debrief, the comparison and the class report:
    '3 of 11 turns played; turn 4 not resolved' (the turn it was saved in: its events may be answered,
    its orders not given; a replay counts it among the turns it replays)."""
    return f"{played} of {plural(total, 'turn')} played; turn {turn} not resolved"


def build(sc: Scenario, st: State, label: str = "") -> Debrief:
    """Everything a debrief shows, from a game's state (finished or not)."""
    total = sc.meta.turns
    finished = st.phase == "ended"
    played = len(st.history) - 1 if st.history else 0
    diff = st.difficulty
    diff_label = sc.meta.difficulty[diff].label if diff and diff in sc.meta.difficulty else (diff or "default")
    last_turn = st.turn
    warnings = []
    if st.scenario != sc.id:
        warnings.append(f"the save is for scenario '{st.scenario}', shown with '{sc.id}'")
    edits = [(t, what) for t, tc in enumerate(st.choices or (), 1) for what in (tc.get("dev") or ())]
    if edits:  # a teacher should know when a game's numbers were set by hand, not played
        shown = "; ".join(f"turn {t}: {what}" for t, what in edits[:5]) + ("; …" if len(edits) > 5 else "")
        warnings.append(f"developer mode changed this game {plural(len(edits), 'time')} ({shown}), so from turn "
                        f"{edits[0][0]} on its numbers are not what its choices alone would give")
    if finished:
        e = next((x for x in sc.endings if x.id == st.ending), None)
        summary = f"Ended on turn {last_turn} of {total}: {e.model.title if e else st.ending} (score {score(st.score)})."
    else:
        summary = f"Not finished: {progress(played, last_turn, total)}."
    d = Debrief(
        scenario=sc.id, scenario_name=sc.meta.name, seed=st.seed, difficulty=diff, difficulty_label=diff_label,
        code=_class_code(sc, st), turns_played=played, total_turns=total, finished=finished,
        start_date=_fmt_date(sc, 1), last_date=_fmt_date(sc, last_turn), summary=summary, turn=last_turn, label=label,
        warnings=warnings, year=history_year(sc), when=season(sc.meta.start_date),
    )
    d.ending = _ending(sc, st)
    d.timeline = _timeline(sc, st)
    d.actors = _actors(sc, st)
    d.country = build_country(sc, st, _turn_reports(st))
    d.charts = _charts(sc, st)
    d.notes = _notes(sc, st)
    d.assumptions = [(c.title, plain(c.body, sc)) for c in sc.codex.values() if c.category == "assumption"]
    first = st.history[0] if st.history else st.values
    d.standing = [Standing.of(sc, m.id, m.label, first[sc.index[m.id]], st.values[sc.index[m.id]])
                  for m in sc.metrics.values() if not m.hidden]
    return d


def state_of(sf, sc: Scenario, path: str = "save") -> tuple[State, list[str]]:
    """The save's state matched to the scenario as it is now (values by name), and what had to be mended."""
    from game.saves.savefile import restore_checked

    session, warnings = restore_checked(sf, sc, path)
    return session.st, warnings


_AUTOSAVE_NAME = re.compile(r"^(?:autosave|quicksave)-(?P<key>.+)-t(?P<turn>\d+)$")


def is_autosave(path) -> bool:
    """A file the game named by itself, not its players: an autosave ('autosave-basra_short-2008-6281e8-t11.json',
    or 'autosave.json') or a quick save (ctrl+s: 'quicksave-basra_short-2008-6281e8-t04.json')."""
    from pathlib import Path

    stem = Path(path).stem
    return stem == "autosave" or bool(_AUTOSAVE_NAME.match(stem))


def game_name(path, game_id: str = "") -> str:
    """What to call a saved game: the name its players gave the save, or for an autosave 'game 6281e8'
    (the game's id: the same for every save of one game)."""
    from pathlib import Path

    stem = Path(path).stem
    if not is_autosave(path):
        return stem
    m = _AUTOSAVE_NAME.match(stem)
    gid = game_id or (m.group("key").rsplit("-", 1)[-1] if m else "")
    return f"game {gid}" if gid else stem


def from_save(path: str, scenario: Scenario | None = None, mods=()) -> Debrief:
    """The debrief of a save file; loads its scenario unless one is given (with `mods` in place of the save's
    own, if given: `debrief SAVE --mod DIR`, where a moved mod is now)."""
    from pathlib import Path

    from game.saves.savefile import read

    sf = read(path)  # (a file that is no save at all is named as such: savefile.not_a_save)
    sc = scenario or load_scenario_of(sf, path, mods)
    st, mended = state_of(sf, sc, str(path))
    d = build(sc, st, label=game_name(path, sf.game_id))
    d.file = Path(path).name
    d.game_id = str(sf.game_id or "")
    if len(getattr(sf, "branch_of", ()) or ()) == 2:
        d.branch_of = (str(sf.branch_of[0]), int(sf.branch_of[1]))
    if sf.content_hash != sc.content_hash:
        d.warnings.append("the scenario's content has changed since this game was played; labels and notes are today's")
    d.warnings += mended
    return d


def load_scenario_of(sf, path, mods=()) -> Scenario:
    """The scenario the save at `path` was played with, with its mods, or `mods` in their place (savefile.source_of
    says where from; SaveError if a mod or the scenario is gone, saying what to put back)."""
    from game.content import loader
    from game.saves.savefile import source_of

    return loader.load(*source_of(sf, path, mods))
