"""The class report: one view over a class's saves — endings, divergences, trajectories, notable games."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable
from pathlib import Path

from game.content.runtime import Scenario
from game.debrief.missed import NOT_FLAG
from game.debrief.model import Debrief, build, num, plain
from game.numbers import formats, score, whole
from game.engine.state import State
from game.errors import CeasefireError
from game.words import joined, plural

DETAILED = 8  # divergences shown in full; the rest in one line each

SECTIONS = [
    ("summary", "The class at a glance"),
    ("endings", "How the games ended"),
    ("divergences", "Where the class diverged, and what followed"),
    ("trajectories", "Average trajectories"),
    ("notable", "Notable games"),
    ("games", "Every game"),
]


@dataclass
class Game:
    label: str  # the students' name for the save, or 'game 6281e8' for a game known by its autosaves
    path: str
    debrief: Debrief
    state: State
    historical_share: float | None  # share of answered events where the historical choice was made
    # a 'what if' branch of another game of the report: the turn it was played again from. Its turns before
    # that are the other game's (replayed from its choices): its cards and orders count from this turn on
    own_from: int = 0
    branch_of: str = ""  # the label of that game

    @property
    def file(self) -> str:
        return Path(self.path).name

    @property
    def finished(self) -> bool:
        return self.debrief.ending is not None

    @property
    def ending(self) -> str:
        return self.debrief.ending.id if self.debrief.ending else ""

    @property
    def ending_title(self) -> str:
        return self.debrief.ending.title if self.debrief.ending else "Not finished"

    @property
    def score(self) -> float | None:
        return self.debrief.ending.score if self.debrief.ending else None

    @property
    def progress(self) -> str:
        """How far an unfinished game went, as its debrief and a comparison say it: 'not finished: 3 of 11
        turns played; turn 4 not resolved'."""
        return "not finished: " + self.debrief.progress

    @property
    def turns(self) -> str:
        """The turns it played, for the table of games: '11', or '3 of 11' for a game not finished."""
        d = self.debrief
        return str(d.turns_played) if self.finished else f"{d.turns_played} of {d.total_turns}"


@dataclass
class OptionOutcome:
    option: str
    text: str
    games: list[str]
    historical: bool
    endings: Counter
    mean_score: float | None
    after: list[tuple[str, float | None]]  # metric label -> mean final value of these games that finished
    unfinished: int = 0  # games behind this choice that have not ended (left out of the means)
    game_turns: list[list[int]] = field(default_factory=list)  # for each of `games`, the turns it made this choice

    def game_words(self, several_turns: bool) -> list[str]:
        """Each game behind this choice, with the turn it made it when the event came on different turns
        in different games ('game 034953 (turn 2)'), so answers from different turns are told apart."""
        if not several_turns:
            return list(self.games)
        return [f"{g} (turn{'s' if len(ts) > 1 else ''} {joined([str(t) for t in ts])})" if ts else g
                for g, ts in zip(self.games, self.game_turns + [[]] * (len(self.games) - len(self.game_turns)))]


@dataclass
class Divergence:
    event: str
    title: str
    turns: list[int]
    options: list[OptionOutcome]
    prompt: str
    values: list[Callable[[float], str]] = field(default_factory=list)  # how each column of `after` is written
    invented: bool = False  # the event is invented for the game (the debriefs mark it so too)
    history: str = ""  # the choice made in history when no game of the class made it ('' when one did, or none is marked)
    unmarked: bool = False  # none of the card's choices is marked as the one made in history

    def history_words(self, then: str, year: str = "history", short: bool = False) -> str:
        """What history says beside the table of who chose what: the choice made then when no game of the class
        made it ('In 2008: Fly to Basra and direct the operation in person (no game of the class chose it).'),
        and for a card none of whose choices is marked as history's, that it offers no comparison, so the
        silence is not read as a gap ('2008 offers no comparison for this card: none of its choices is marked
        as the one made in 2008.'; `short`, for a row of a table: '2008 offers no comparison for this card.').
        `then`: 'in 2008' or 'at the time'; `year`: '2008', else history."""
        if self.unmarked:
            year = year if year[:1].isdigit() else "History"
            return f"{year} offers no comparison for this card" + (
                "." if short else f": none of its choices is marked as the one made {then}.")
        if not self.history:
            return ""
        return f"{then[0].upper() + then[1:]}: {self.history} (no game of the class chose it)."

    def after(self, o: OptionOutcome) -> list[str]:
        """An option's mean final numbers, each as the game writes that number ('—' when no game finished)."""
        fmts = self.values or [whole] * len(o.after)
        return ["\u2014" if v is None else fmt(v) for (_, v), fmt in zip(o.after, fmts)]

    @property
    def games(self) -> int:
        return len({g for o in self.options for g in o.games})

    @property
    def several_turns(self) -> bool:
        """Whether the event came on different turns (in different games, or again in one)."""
        return len(self.turns) > 1

    @property
    def when(self) -> str:
        """When the class met the event: 'turn 6', or 'turns 1, 2 and 3 — each game's turn beside its name'
        when games met it on different turns (their answers come from different moments of the game)."""
        if not self.several_turns:
            return f"turn {self.turns[0]}" if self.turns else ""
        return f"turns {joined([str(t) for t in self.turns])} — each game's turn beside its name"

    @property
    def spread(self) -> float:
        """How far apart the mean scores of the games behind each choice are."""
        scores = [o.mean_score for o in self.options if o.mean_score is not None]
        return max(scores) - min(scores) if len(scores) > 1 else 0.0


@dataclass
class Trajectory:
    id: str
    label: str
    lo: float
    hi: float
    mean: list[float]
    band: list[tuple[float, float]]
    value: Callable[[float], str] = whole  # a value of this number as the game writes it (game.numbers)


MISSED_INTRO = ("What stood between the class and a better ending: for each better ending, the games that ran to "
                "the last turn and fell short of it, and how often each of its conditions was not met.")


def unmet_words(words: str, n: int) -> str:
    """A condition of a better ending and the games where it failed, said without a double negative:
    'Public confidence at least 55: not met in 5 games'; a status that had to be over, "‘the Mehdi Army's
    ceasefire holds’ had to be over: it still held in 1 game" (not "not ‘…’: not met in 1")."""
    m = NOT_FLAG.match(words)
    if m:
        return f"{m.group(1)} had to be over: it still held in {plural(n, 'game')}"
    return f"{words}: not met in {plural(n, 'game')}"


@dataclass
class MissedByClass:
    """A better ending that games of the class missed, and how often each of its conditions failed."""

    title: str
    tone: str
    games: int  # the games that ran their course and fell short of it
    unmet: list[tuple[str, int]]  # (condition in words, games where it failed), most often failed first


@dataclass
class ClassReport:
    scenario: str
    scenario_name: str
    worlds: list[tuple[str, int]]  # (class code or seed text, number of games)
    games: list[Game]
    endings: list[tuple[str, str, str, int]]  # id, title, tone, count (unfinished last)
    first_split: tuple[int, list[tuple[str, int]]] | None  # turn, [(what was done, games)]
    divergences: list[Divergence]
    orders: list[tuple[str, int, int]]  # action label, times ordered, games that used it
    trajectories: list[Trajectory]
    notable: list[tuple[str, str, str]]  # (why notable, game label, detail)
    missed: list[MissedByClass] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # saves that could not be read (damaged): a problem
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # routine remarks (earlier saves left out)
    ignored: list[str] = field(default_factory=list)  # files that are not saves at all, left out

    @property
    def year(self) -> int | None:
        """The year the class's games are set in (each debrief's, from its scenario: history_year); None when
        they are set in different years (copies of a scenario with different start dates), or there are none."""
        return class_year(self.games)

    @property
    def historical(self) -> str:
        """What the historical choices are called beside the class's own: '2008' (the year the games are set
        in: '2008 choices', tagged '2008'), 'historical' when the games are set in different years."""
        return str(self.year) if self.year is not None else "historical"

    def ending_score(self, ending: str) -> float | None:
        """The mean score of the games that reached an ending (None when none did, or for '': not finished)."""
        scores = [g.score for g in self.games if g.ending == ending and ending and g.score is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def then(self) -> str:
        """When the historical choices were made: 'in 2008', or 'at the time' (games set in different years)."""
        return f"in {self.year}" if self.year is not None else "at the time"

    @property
    def tag_note(self) -> str:
        """What the mark beside a choice in the tables of who chose what means ('' when no choice there
        carries one): 'A choice marked 2008 is the one made in 2008.'"""
        if not any(o.historical for d in self.divergences[:DETAILED] for o in d.options):
            return ""
        return f"A choice marked {self.historical} is the one made {self.then}."

    def history_line(self, d: Divergence, short: bool = False) -> str:
        """What history says beside a card the class split on ('' when a game of the class made its choice)."""
        return d.history_words(self.then, self.historical, short)

    @property
    def branch_note(self) -> str:
        """How the class's 'what if' branches are counted where choices are counted ('' when there are none)."""
        if not any(g.own_from for g in self.games):
            return ""
        return ("A 'what if' branch counts from the turn it was played again from: on the turns before, its "
                "choices are those of the game it came from, counted once, under that game.")

    @property
    def share_note(self) -> str:
        """What the table of games' column of historical choices counts."""
        return (f"{self.historical[0].upper() + self.historical[1:]} choices: how often a game made the choice made "
                f"{self.then}, on the cards it answered that have one (— if it answered none).")

    @property
    def when(self) -> str:
        """The season the games are set in ('spring 2008'), for the page's footer; '' if not all the same."""
        seasons = {g.debrief.when for g in self.games}
        return seasons.pop() if len(seasons) == 1 else ""

    @property
    def unfinished(self) -> int:
        return sum(1 for g in self.games if not g.finished)


# ---------------------------------------------------------------- building


def class_year(games: list[Game]) -> int | None:
    """The year a class's games are set in (each debrief's: history_year); None when they are set in
    different years (copies of a scenario with different start dates), or there are no games."""
    years = {g.debrief.year for g in games}
    return years.pop() if len(years) == 1 else None


def _historical_share(sc: Scenario, st: State) -> float | None:
    hist = made = 0
    for rep in st.reports:
        for eid, oid in rep.events:
            ev = sc.events.get(eid)
            if ev is None or not any(o.model.historical for o in ev.options):
                continue
            hist += 1
            made += any(o.id == oid and o.model.historical for o in ev.options)
    return made / hist if hist else None


def _choice_stream(st: State) -> list[tuple[int, str]]:
    out = []
    for turn, ch in enumerate(st.choices, 1):
        for eid, oid in ch.get("events", []):
            out.append((turn, f"event:{eid}/{oid}"))
        for aid, target in ch.get("orders", []):
            out.append((turn, f"order:{aid}" + (f"@{target}" if target else "")))
        out.append((turn, "end of orders"))
    return out


def _describe_choice(sc: Scenario, key: str) -> str:
    if key.startswith("event:"):
        eid, oid = key[6:].split("/", 1)
        ev = sc.events.get(eid)
        if ev is None:
            return key
        opt = next((o for o in ev.options if o.id == oid), None)
        invented = " (invented for the game)" if ev.model.invented else ""
        return f"{ev.model.title}{invented}: {plain(opt.model.text, sc) if opt else oid}"
    if key.startswith("order:"):
        aid, _, target = key[6:].partition("@")
        a = sc.actions.get(aid)
        label = a.model.label if a else aid
        if target:
            label += f" ({sc.regions[target].short_name if target in sc.regions else target})"
        return f"order: {label}"
    return "no (further) orders"


def _first_split(sc: Scenario, games: list[Game]) -> tuple[int, list[tuple[str, int]]] | None:
    """The first point where games of one world stopped making the same choices."""
    streams = [_choice_stream(g.state) for g in games]
    if len(streams) < 2:
        return None
    i = 0
    while True:
        items = [s[i] if i < len(s) else None for s in streams]
        if any(x is None for x in items) or len({x for x in items}) > 1:
            break
        i += 1
    present = [x for x in items if x is not None]
    if not present:
        return None
    turn = min(t for t, _ in present)
    # a branch's choice on a turn it replays from the game it came from is that game's, counted once
    counts = Counter(_describe_choice(sc, x[1]) for x, g in zip(items, games) if x is not None and x[0] >= g.own_from)
    if any(x is None for x in items):
        counts["(the game was saved or ended here)"] += sum(1 for x in items if x is None)
    return turn, counts.most_common()


def _divergences(sc: Scenario, games: list[Game]) -> list[Divergence]:
    visible = [m for m in sc.metrics.values() if not m.hidden]
    by_event: dict[str, dict[str, list[Game]]] = {}
    turns: dict[str, set] = {}
    chose_on: dict[tuple[int, str, str], list[int]] = {}  # (game, event, option) -> the turns it chose so
    for k, g in enumerate(games):
        for rep in g.state.reports:
            if rep.turn < g.own_from:  # the game it branched from answered these cards: counted under it
                continue
            for eid, oid in rep.events:
                turns.setdefault(eid, set()).add(rep.turn)
                key = (k, eid, oid)
                if key not in chose_on:
                    by_event.setdefault(eid, {}).setdefault(oid, []).append(g)
                chose_on.setdefault(key, [])
                if rep.turn not in chose_on[key]:
                    chose_on[key].append(rep.turn)
    index = {id(g): k for k, g in enumerate(games)}
    out = []
    for eid, options in by_event.items():
        if len(options) < 2 or eid not in sc.events:
            continue
        ev = sc.events[eid]
        outcomes = []
        for opt in ev.options:
            gs = options.get(opt.id)
            if not gs:
                continue
            scores = [g.score for g in gs if g.score is not None]
            done = [g for g in gs if g.finished]  # an unfinished game's numbers are not final: left out
            after = []
            for m in visible[:6]:
                i = sc.index[m.id]
                after.append((m.label, sum(g.state.values[i] for g in done) / len(done) if done else None))
            outcomes.append(OptionOutcome(opt.id, plain(opt.model.text, sc), [g.label for g in gs], opt.model.historical,
                                          Counter(g.ending_title for g in gs),
                                          sum(scores) / len(scores) if scores else None, after, len(gs) - len(done),
                                          [chose_on[(index[id(g)], eid, opt.id)] for g in gs]))
        history = "" if any(o.historical for o in outcomes) else next(
            (plain(opt.model.text, sc) for opt in ev.options if opt.model.historical), "")
        out.append(Divergence(eid, ev.model.title, sorted(turns[eid]), outcomes, plain(ev.model.prompt, sc),
                              [formats(sc, m.id)[0] for m in visible[:6]], bool(ev.model.invented), history,
                              not any(opt.model.historical for opt in ev.options)))
    # the divergences most worth discussing first: those most of the class met, whose outcomes differed most
    out.sort(key=lambda d: (-d.games, -d.spread, min(d.turns), d.title))
    return out


def _missed(sc: Scenario, games: list[Game]) -> list[MissedByClass]:
    """For each better ending the class fell short of (judged at the last turn), the conditions that
    failed and in how many games: what a class most often lacked, to discuss."""
    fell_short: dict[str, int] = Counter()
    failed: dict[str, Counter] = {}
    for g in games:
        for m in (g.debrief.ending.missed if g.debrief.ending else ()):
            fell_short[m.id] += 1
            failed.setdefault(m.id, Counter()).update(c.words for c in m.unmet)
    out = []
    for e in sc.endings:  # best first
        if e.id in fell_short:
            out.append(MissedByClass(e.model.title, e.model.tone, fell_short[e.id], failed[e.id].most_common()))
    return out


def _orders(sc: Scenario, games: list[Game]) -> list[tuple[str, int, int]]:
    times: Counter = Counter()
    users: Counter = Counter()
    for g in games:
        used = set()
        for aid, turns in g.state.taken.items():
            turns = [t for t in turns if t >= g.own_from]  # (a branch's earlier orders are its origin's)
            if turns:
                times[aid] += len(turns)
                used.add(aid)
        users.update(used)
    return [(sc.actions[a].model.label if a in sc.actions else a, n, users[a]) for a, n in times.most_common()]


def _trajectories(sc: Scenario, games: list[Game]) -> list[Trajectory]:
    out = []
    length = max(len(g.state.history) for g in games)
    for m in sc.metrics.values():
        if m.hidden:
            continue
        i = sc.index[m.id]
        mean, band = [], []
        for t in range(length):
            # a branch's turns before it was played again are its first game's numbers: counted once, under it
            vals = [g.state.history[t][i] for g in games if g.own_from <= t < len(g.state.history)]
            mean.append(sum(vals) / len(vals))
            band.append((min(vals), max(vals)))
        out.append(Trajectory(m.id, m.label, m.min, m.max, mean, band, formats(sc, m.id)[0]))
    return out


def _notable(sc: Scenario, games: list[Game]) -> list[tuple[str, str, str]]:
    out = []
    done = [g for g in games if g.score is not None]
    if done:
        best = max(done, key=lambda g: g.score)
        worst = min(done, key=lambda g: g.score)
        out.append(("Highest score", best.label, f"{best.ending_title}, score {score(best.score)}"))
        if worst is not best:
            out.append(("Lowest score", worst.label, f"{worst.ending_title}, score {score(worst.score)}"))
        short = min(done, key=lambda g: g.debrief.turns_played)
        if short.debrief.turns_played < sc.meta.turns:
            out.append(("Shortest game", short.label, f"ended on turn {short.debrief.turns_played}: {short.ending_title}"))
    common = Counter(g.ending for g in done)
    if len(common) > 1:
        least = min(common.values())
        rare = [eid for eid, n in common.items() if n == least]
        titles = list(dict.fromkeys(g.ending_title for g in done if g.ending in rare))
        who = ", ".join(g.label for g in done if g.ending in rare)
        share = f"{least} of {plural(len(done), 'finished game')}"
        if len(rare) == 1:
            out.append(("Rarest ending", who, f"{titles[0]} ({share})"))
        elif len(rare) < len(common):
            out.append((f"Rarest endings (a tie of {len(rare)})", who, f"{' / '.join(titles)} ({share} each)"))
        else:
            out.append(("Rarest ending", "a tie", f"every ending reached came up equally often ({share} each): "
                                                  f"{' / '.join(titles)}"))
    shares = [g for g in games if g.historical_share is not None]
    # closest to and furthest from history among the games that ran their course, when some did: a game
    # left after one turn and two cards is '0% of historical choices' on too little to compare
    shares = [g for g in shares if g.finished] or shares
    if shares:
        year = class_year(games)
        then = f"the choices of {year}" if year is not None else "the historical choices"
        h = max(shares, key=lambda g: g.historical_share)
        out.append((f"Closest to {then}", h.label,
                    f"{h.historical_share:.0%} of historical choices made; {h.ending_title}"))
        lo = min(shares, key=lambda g: g.historical_share)
        if lo is not h:
            out.append((f"Furthest from {then}", lo.label,
                        f"{lo.historical_share:.0%} of historical choices made; {lo.ending_title}"))
    unfinished = [g for g in games if g.score is None]
    if unfinished:
        out.append(("Not finished", ", ".join(f"{g.label} ({g.debrief.progress})" for g in unfinished),
                    "debriefs cover the turns played"))
    return out


def build_report(entries: list[tuple[str, str, Scenario, State]], skipped: list[str] | None = None,
                 branches: dict[str, tuple[str, int]] | None = None) -> ClassReport:
    """entries: (label, path, scenario, state) of each game of the class; branches: label -> (the label of
    the game it is a 'what if' branch of, the turn it was played again from)."""
    if not entries:
        raise CeasefireError("no readable saves to report on")
    # the class's scenario: the one most games were played in (then most finished, then first met), not
    # whichever file came first: a stray game of another scenario in the folder must not push the class out
    played: dict[str, list] = {}
    for i, (_label, _path, scn, st) in enumerate(entries):
        n = played.setdefault(scn.id, [0, 0, -i, scn])
        n[0] += 1
        n[1] += st.phase == "ended"
    sc = max(played.values(), key=lambda n: n[:3])[3]
    from game.words import shell_arg

    warnings = []
    games = []
    for label, path, scn, st in entries:
        if scn.id != sc.id:
            # (it said only "X is a game of 'a', not 'b'; left out": which file, and why 'b' is the class's?)
            warnings.append(f"{label} ({Path(path).name}) is a game of '{scn.id}', not of '{sc.id}', the scenario this report is "
                            f"about (the one most of the games were played in); left out (a report of its own: ceasefire class-report {shell_arg(path)})")
            continue
        d = build(scn, st, label)
        games.append(Game(label, path, d, st, _historical_share(scn, st)))
    present = {g.label for g in games}
    for g in games:
        origin, turn = (branches or {}).get(g.label, ("", 0))
        if origin in present and origin != g.label:
            g.own_from, g.branch_of = turn, origin
    worlds = Counter((g.debrief.code or f"seed {g.debrief.seed}") for g in games)
    if len(worlds) > 1:
        warnings.append("the games were not all played in the same world (different class codes); "
                        "divergences compare games that started differently")
    counts = Counter(g.ending for g in games if g.ending)
    tones = ["best", "good", "mixed", "bad", "worst"]
    ordered = sorted(sc.endings, key=lambda e: tones.index(e.model.tone) if e.model.tone in tones else 2)
    endings = [(e.id, e.model.title, e.model.tone, counts.get(e.id, 0)) for e in ordered]
    unfinished = sum(1 for g in games if not g.ending)
    if unfinished:
        endings.append(("", "Not finished", "", unfinished))
    first = _first_split(sc, games) if len(worlds) == 1 else None
    divergences = _divergences(sc, games)
    if first:  # the card where the class first split is named at the top: its table comes first too
        turn, counts = first
        titles = {what.split(": ", 1)[0] for what, _ in counts}
        at = next((i for i, d in enumerate(divergences) if d.title in titles and turn in d.turns), None)
        if at:
            divergences.insert(0, divergences.pop(at))
    return ClassReport(
        scenario=sc.id, scenario_name=sc.meta.name, worlds=worlds.most_common(), games=games, endings=endings,
        first_split=first,
        divergences=divergences, orders=_orders(sc, games), trajectories=_trajectories(sc, games),
        notable=_notable(sc, games), missed=_missed(sc, games), skipped=list(skipped or []), warnings=warnings,
    )


def _progress(sf, path) -> tuple:
    """How far a save of a game got: finished first, then the later turn, then the newer save; at a
    tie, the save its players named over the autosave."""
    from game.debrief.model import is_autosave

    return (bool(sf.state.get("ending")), sf.turn, sf.saved_at, not is_autosave(path))


def from_saves(paths: list[str]) -> ClassReport:
    """Read each save (files that are not saves are left out with a note, unreadable saves are skipped
    and listed), keep the furthest save of each game (a game leaves several autosaves), load each
    scenario once, and build the report. A game is named by its players' name for a save of it, else
    'game 6281e8' (its id, as in its autosaves' file names)."""
    from game.debrief.model import game_name, is_autosave, load_scenario_of, state_of
    from game.saves.savefile import read

    best: dict[str, tuple] = {}
    named: dict[str, tuple] = {}  # game -> (progress, name) of the furthest save its players named
    skipped: list[str] = []
    ignored: list[str] = []
    order: list[str] = []
    for p in paths:
        try:
            sf = read(p)
        except CeasefireError as exc:  # a file that is no save at all is left out; a damaged save, skipped
            (ignored if "not a Ceasefire save" in str(exc) else skipped).append(str(exc))
            continue
        gid = getattr(sf, "game_id", "") or f"file:{p}"
        prog = _progress(sf, p)
        if not is_autosave(p) and (gid not in named or prog > named[gid][0]):
            named[gid] = (prog, game_name(p))
        if gid not in best:
            order.append(gid)
            best[gid] = (sf, p, 0)
        else:
            old, old_p, dropped = best[gid]
            best[gid] = (sf, p, dropped + 1) if prog > _progress(old, old_p) else (old, old_p, dropped + 1)
    cache: dict = {}
    entries = []
    labels: Counter = Counter()
    label_of: dict[str, str] = {}
    branches: list[tuple] = []
    unnamed: set[str] = set()
    older = 0
    for gid in order:
        sf, p, dropped = best[gid]
        older += dropped
        try:
            key = (sf.scenario, sf.scenario_path, tuple(sf.mods))
            if key not in cache:
                cache[key] = load_scenario_of(sf, p)
            sc = cache[key]
            st, _mended = state_of(sf, sc, str(p))
        except CeasefireError as exc:
            skipped.append(str(exc))
            continue
        label = named[gid][1] if gid in named else game_name(p, sf.game_id)
        labels[label] += 1
        if labels[label] > 1:
            label = f"{label} ({labels[label]})"
        if gid not in named:
            unnamed.add(label)
        entries.append((label, str(p), sc, st))
        label_of[gid] = label
        if len(getattr(sf, "branch_of", ())) == 2:
            branches.append((label, str(sf.branch_of[0]), int(sf.branch_of[1])))
    if not entries:
        raise CeasefireError("none of the files is a readable save: " + "; ".join(skipped + ignored))
    # the games in the order a teacher looks them up: the names students gave, A to Z, then the games known
    # only by their autosaves ('game 6281e8'); not the order of the files (a named game's autosaves come first)
    entries.sort(key=lambda e: (e[0] in unnamed, e[0].casefold(), e[0]))
    rep = build_report(entries, skipped, {label: (label_of.get(origin, ""), turn) for label, origin, turn in branches})
    rep.ignored = ignored
    own = {g.label: g for g in rep.games}
    for label, origin, turn in branches:  # a 'what if' counts as a game; the teacher is told which it is
        g = own.get(label)
        if g is not None and g.own_from:
            rep.notes.append(f"'{label}' is a branch of '{g.branch_of}', played again from turn {turn}; it counts as a "
                             f"game of its own (its ending, score and numbers), but its cards and orders count from turn "
                             f"{turn} on: before that they are those of '{g.branch_of}', counted once, under it")
        else:
            of = f"'{label_of[origin]}'" if origin in label_of else "a game that is not among these saves"
            rep.notes.append(f"'{label}' is a branch of {of}, played again from turn {turn}; it counts as a game of its own")
    if older:
        rep.notes.append(f"{plural(older, 'earlier save')} of the same games {'was' if older == 1 else 'were'} "
                         "left out; each game counts once, at its furthest save")
    return rep


def render(rep: ClassReport, fmt: str = "md") -> str:
    if fmt == "html":
        from game.classroom.report_html import to_html

        return to_html(rep)
    from game.classroom.report_md import to_markdown

    return to_markdown(rep)


SCORES_NOTE = ("A game's score is its ending's own rule applied to the numbers at the end of the game (each rule is "
               "in the game's codex, under 'How a game ends'): scores compare games that reached the same ending; "
               "across endings, the ending itself says more.")

MEANS_NOTE = ("Mean scores and mean final numbers count finished games only: an unfinished game's numbers are not "
              "final. Unfinished games count under games and endings.")


def fmt_score(x: float | None) -> str:
    """A score, or a mean of scores, to a tenth: '29.3', '35.0', '−2.5'."""
    return "—" if x is None else score(x)  # (score rounds to a tenth)


__all__ = ["ClassReport", "SECTIONS", "unmet_words", "MEANS_NOTE", "SCORES_NOTE", "build_report", "from_saves", "render", "num", "fmt_score"]


def debrief_hint(rep: "ClassReport", code: Callable[[str], str]) -> str:
    """The line under the table of games: how to get a game's own debrief, with the command for one
    game written out (a teacher at the projector copies it and changes the name); `code` marks a command
    up (HTML <code>, Markdown backticks). Its words are escaped by the caller's `code` only."""
    from game.words import shell_arg
    from game.debrief.model import is_autosave

    said = "Each game's own debrief: " + code("ceasefire debrief SAVE --out debrief.html")
    if rep.games:  # the first game its players saved under their names, else the first
        first = next((g for g in rep.games if not is_autosave(g.path)), rep.games[0])
        said += (", e.g. " + code(f"ceasefire debrief {shell_arg(first.path)} --out {shell_arg(Path(first.path).stem + '.html')}")
                 + ". A pair that pressed d on the end screen has it already, NAME.debrief.html beside its save")
    return said + "."

