"""Checks beyond validity: content that loads but cannot do what its author meant.

`lint(path, mods)` first validates (errors stop it), then re-reads the merged entries with their
locations and looks for: flags read but never set, and set but never read; triggered-only events
nothing triggers; events, options and actions whose condition can never hold within the declared
ranges (game/expr/intervals.py); a requires_text with no requires to explain;
effects that always clamp; unreachable endings;
unused actors and metrics; duplicated text; and mods that override the same entry.

A finding is silenced on purpose with a comment naming its code, on the reported line, on the line
just above it, or on the entry's header line:

    when = "cohesion > 120"  # lint: ignore[never-holds]
    [[event]]  # lint: ignore[duplicate-text, flag-never-read]
    # lint: ignore-file[actor-unused]      (anywhere in a file: the whole file)

`# lint: ignore` without a code list silences every finding on that line.
"""

from __future__ import annotations

import ast
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import tomli

from game.content import loader
from game.content import models as m
from game.content.files import _Collector, _Item, _read_files, _shown
from game.content.layers import _merge, mod_namespace, near_id_problem, near_ids, reaction_collision
from game.content.link import _Symbols
from game.content.problems import Problem, dotted
from game.content.shape import _shape
from game.expr.compiler import ExprError, parse_checked, suggest
from game.expr.intervals import Intervals, truth
from game.words import joined, plural

INF = math.inf
CODES = {
    # code: (severity, what it means)
    "flag-never-set": ("warning", "a condition reads a flag that nothing sets"),
    "flag-never-read": ("note", "a flag is set but no condition reads it"),
    "never-triggered": ("warning", "a triggered-only event that no chain or schedule effect triggers within the game"),
    "never-eligible": ("warning", "an event whose condition or turn window can never hold"),
    "never-holds": ("warning", "an option's or action's requirement that can never hold within the declared ranges"),
    "always-clamps": ("warning", "an effect that always pushes its value past the range, so it is always clamped"),
    "ending-unreachable": ("warning", "an ending that no game can reach"),
    "actor-unused": ("note", "an actor whose numbers nothing reads or changes, with no moves or reactions"),
    "metric-unused": ("note", "a metric that nothing reads or changes"),
    "duplicate-text": ("note", "the same text in two places"),
    "mod-conflict": ("warning", "two mods override the same entry; the later one in load order wins"),
    "mod-override": ("note", "a mod replaces an entry of the scenario"),
    "mod-collision": ("warning", "a mod's reaction with the id of one of the scenario's that answers another actor or trigger "
                      "(a new rule under a used id?): it replaces that rule"),
    "mod-near-id": ("warning", "a mod's new entry whose id is a letter or two from one of the scenario's, or has its name "
                    "under another of the scenario's prefixes (meant to replace it?)"),
    "unknown-code": ("warning", "a '# lint: ignore[...]' comment names a code that does not exist, so it silences nothing"),
    "number-as-condition": ("warning", "a condition that is a number (e.g. 'turn + 2'), true whenever it is not 0"),
    "divide-by-zero": ("warning", "a division or remainder by a literal 0 (the game makes it 0)"),
    "requires-text-unused": ("warning", "an option's or action's requires_text without a requires condition: "
                             "it is always available, so the text is never shown"),
    "toml-1.1": ("warning", "TOML 1.1 syntax (trailing commas or line breaks in inline tables) that TOML 1.0 editors reject"),
    "flag-name": ("warning", "a flag set under a name that is no flag id: 'self.' where no actor is meant, spaces or capitals"),
    "why-missing": ("note", "an option's or order's change with no why: the turn report gives the choice's own words "
                    "as its reason"),
    "chain-window": ("note", "a chain or schedule effect can land a triggered_only event outside its min_turn..max_turn, "
                     "which limits only the draw: the chain brings it anyway"),
}
IGNORE = re.compile(r"#\s*lint:\s*ignore(-file)?(?:\[([^\]]*)\])?")


# ---------------------------------------------------------------- gathering


# findings that an event of an extended scenario (layer 0) gets when this scenario is shorter than it
_CANNOT_HAPPEN = frozenset(("never-eligible", "never-triggered"))


@dataclass
class Site:
    """One expression or effect target in the content, with where it is."""

    item: object  # an _Item (game/content/files.py)
    sub: tuple
    source: object  # str (expression) or float
    aliases: dict
    role: str  # when | requires | number | weight | chance | score


@dataclass
class Write:
    item: object
    sub: tuple
    kind: str  # add | set | mul
    slot: int | None
    value: object
    aliases: dict


@dataclass
class Finding:
    code: str
    file: str
    line: int | None
    col: int | None
    key: str
    message: str
    fix: str = ""
    header: int | None = None  # the entry's first line, for ignore comments

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    def problem(self) -> Problem:
        return Problem(self.file, self.line, self.col, self.key, self.message, self.fix, self.severity, self.code)


@dataclass
class Gathered:
    sites: list[Site] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    flag_sets: dict[str, list] = field(default_factory=dict)  # flag -> [(item, sub)]
    triggers: dict[str, set] = field(default_factory=dict)  # event id -> ids of what schedules it
    schedules: list = field(default_factory=list)  # (event id, scheduling item, delay), chains and schedule effects
    ends: set = field(default_factory=set)
    actors_acting: set = field(default_factory=set)


class _Walker:
    def __init__(self, sc, items, dropped=frozenset()):
        self.sc = sc
        self.g = Gathered()
        self.items = items
        self.dropped = dropped  # [remove] chains_to: chains to these events are not in the game

    def slot_of(self, name: str, aliases, actor) -> int | None:
        head, _, rest = name.partition(".")
        if aliases and head in aliases:
            name = aliases[head] + ("." + rest if rest else "")
        if actor and f"{actor}.{name}" in self.sc.index:
            name = f"{actor}.{name}"
        return self.sc.index.get(name)

    def flag(self, name, aliases) -> str:
        head, _, rest = name.partition(".")
        if aliases and head in aliases and rest and not aliases[head].startswith("region."):
            return aliases[head] + "." + rest
        return name

    def expr(self, it, sub, source, aliases, role):
        if source is not None:
            self.g.sites.append(Site(it, sub, source, dict(aliases or {}), role))

    def effects(self, it, sub, effects, aliases, actor):
        for i, e in enumerate(effects):
            p = sub + (i,)
            self.expr(it, p + ("when",), e.when, aliases, "when")
            if isinstance(e, (m.AddEffect, m.SetEffect, m.MultiplyEffect)):
                key = "add" if isinstance(e, m.AddEffect) else "set" if isinstance(e, m.SetEffect) else "multiply"
                for name, value in getattr(e, key).items():
                    self.write(it, p + (key, name), key, name, value, aliases, actor)
            elif isinstance(e, (m.SetFlagEffect, m.ClearFlagEffect)):
                if isinstance(e, m.SetFlagEffect):
                    names = [e.set_flag] if isinstance(e.set_flag, str) else e.set_flag
                    for n in names:
                        self.g.flag_sets.setdefault(self.flag(n, aliases), []).append((it, p + ("set_flag",)))
            elif isinstance(e, m.ScheduleEffect):
                if e.schedule.event in self.dropped:  # [remove] chains_to drops schedule effects too
                    continue
                self.g.triggers.setdefault(e.schedule.event, set()).add(it.id)
                self.g.schedules.append((e.schedule.event, it, e.schedule.delay))
            elif isinstance(e, m.EndEffect):
                self.g.ends.add(e.end)
            elif isinstance(e, m.RollEffect):
                self.expr(it, p + ("roll", "chance"), e.roll.chance, aliases, "chance")
                self.effects(it, p + ("roll", "success"), e.roll.success, aliases, actor)
                self.effects(it, p + ("roll", "failure"), e.roll.failure, aliases, actor)

    def write(self, it, sub, key, name, value, aliases, actor):
        kind = {"add": "add", "set": "set", "multiply": "mul"}[key]
        self.g.writes.append(Write(it, sub, kind, self.slot_of(name, aliases, actor), value, dict(aliases or {})))
        self.expr(it, sub, value, aliases, "number")

    def reaction(self, it, sub, r: m.Reaction, aliases):
        al = dict(aliases or {})
        if r.actor:
            al["self"] = r.actor
            self.g.actors_acting.add(r.actor)
        for key in ("add", "set", "multiply"):
            for name, value in getattr(r, key).items():
                self.write(it, sub + (key, name), key, name, value, al, r.actor)
        for n in [r.set_flag] if isinstance(r.set_flag, str) else r.set_flag:
            self.g.flag_sets.setdefault(self.flag(n, al), []).append((it, sub + ("set_flag",)))
        self.effects(it, sub + ("effects",), r.effects, al, r.actor)
        self.expr(it, sub + ("when",), r.when, al, "when")
        self.expr(it, sub + ("chance",), r.chance, al, "chance")

    def walk(self) -> Gathered:
        sc = self.sc
        for it in self.items:
            mod = it.model
            if it.kind == "action":
                targets = list(sc.regions) if mod.targets == "regions" else list(mod.targets)
                for t in targets or [None]:
                    al = {"target": f"region.{t}"} if t else {}
                    self.expr(it, ("requires",), mod.requires, al, "requires")
                    self.effects(it, ("effects",), mod.effects, al, None)
                    for j, r in enumerate(mod.reactions):
                        self.reaction(it, ("reactions", j), r, al)
            elif it.kind == "event":
                self.expr(it, ("when",), mod.when, {}, "when")
                self.expr(it, ("weight",), mod.weight, {}, "weight")
                for k, wm in enumerate(mod.weight_mods):
                    self.expr(it, ("weight_mods", k, "when"), wm.when, {}, "when")
                for j, o in enumerate(mod.options):
                    op = ("option", j)
                    self.expr(it, op + ("requires",), o.requires, {}, "requires")
                    self.effects(it, op + ("effects",), o.effects, {}, None)
                    for k, r in enumerate(o.reactions):
                        self.reaction(it, op + ("reactions", k), r, {})
                    chains = o.chain if isinstance(o.chain, list) else ([o.chain] if o.chain else [])
                    for ch in chains:
                        if ch.event in self.dropped:
                            continue
                        self.g.triggers.setdefault(ch.event, set()).add(it.id)
                        self.g.schedules.append((ch.event, it, ch.delay))
            elif it.kind == "reaction":
                self.reaction(it, (), mod, {})
            elif it.kind == "move":
                al = {"self": mod.actor}
                self.g.actors_acting.add(mod.actor)
                self.expr(it, ("when",), mod.when, al, "when")
                self.expr(it, ("weight",), mod.weight, al, "weight")
                self.effects(it, ("effects",), mod.effects, al, mod.actor)
            elif it.kind == "dynamic":
                self.expr(it, ("when",), mod.when, {}, "when")
                self.effects(it, ("effects",), mod.effects, {}, None)
            elif it.kind == "ending":
                self.expr(it, ("when",), mod.when, {}, "when")
                self.expr(it, ("score",), mod.score, {}, "score")
        return self.g


# ---------------------------------------------------------------- the checks


class Linter:
    def __init__(self, sc, items: list, layered: list, scen_file, mods: list[str], files: list = (),
                 dropped=frozenset()):
        self.files = list(files)
        self.sc = sc
        self.items = items
        self.layered = layered
        self.scen_file = scen_file
        self.mods = mods
        self.findings: list[Finding] = []
        ids = {"event": set(sc.events), "action": set(sc.actions),
               "option": {eid: {o.id for o in ev.options} for eid, ev in sc.events.items()}}
        self.symbols = _Symbols(sc.slots, ids)
        ranges = {s.index: (s.lo, s.hi) for s in sc.slots}
        ranges[sc.turn_slot] = (1.0, float(sc.meta.turns))
        self.ranges = ranges
        self.iv = Intervals(ranges)
        self.g = _Walker(sc, items, dropped).walk()
        self.parsed: dict = {}

    def add(self, code, it, sub, message, fix=""):
        if it.layer == 0 and code in _CANNOT_HAPPEN and it.kind == "event" and self.sc.meta.extends:
            fix = self.remove_fix(it)
        f = it.file
        line, col = f.locate(tuple(it.path) + tuple(sub))
        header, _ = f.locate(tuple(it.path))
        self.findings.append(Finding(code, f.shown, line, col, dotted(tuple(it.path) + tuple(sub)), message, fix, header))

    def remove_fix(self, it) -> str:
        """The fix for an event of the scenario this one extends that cannot happen here (its turn comes
        after this scenario's last): the base's files are not this scenario's to edit, so leave it out."""
        eid = it.id
        chained = bool(self.g.triggers.get(eid, set()) - {eid})
        return (f"it is {self.sc.meta.extends}'s (the scenario this one extends), not this scenario's to edit: leave it "
                f"out with [remove] event = [\"{eid}\"] in a file of this scenario (one [remove] table, one list for all)"
                + (f" and chains_to = [\"{eid}\"] (the cards that lead to it keep everything but that chain)" if chained else ""))

    def parse(self, site: Site):
        key = (site.source, tuple(sorted(site.aliases.items())))
        if key not in self.parsed:
            try:
                self.parsed[key] = parse_checked(site.source, self.symbols, site.aliases)
            except ExprError:
                self.parsed[key] = None
        return self.parsed[key]

    def interval(self, site: Site):
        if isinstance(site.source, (int, float)):
            return (float(site.source), float(site.source))
        got = self.parse(site)
        return None if got is None else self.iv.eval(got[0], {})

    def ranges_read(self, site: Site) -> str:
        """': treasury runs 0..100, turn 1..24' for the values an expression reads (for a finding's fix)."""
        got = self.parse(site)
        if got is None:
            return ""
        said = [f"turn runs 1..{self.sc.meta.turns}" if s.name == "turn" else f"{s.name} runs {s.lo:g}..{s.hi:g}"
                for s in (self.sc.slots[i] for i in sorted(got[1])[:4])]
        return (": " + ", ".join(said)) if said else ""

    def run(self) -> list[Finding]:
        self.flags()
        self.triggered()
        self.chain_windows()
        self.conditions()
        self.shapes()
        self.requires_texts()
        self.whys()
        self.clamps()
        self.endings()
        self.unused()
        self.duplicates()
        self.mod_layers()
        self.toml_version()
        return self.findings

    # -- files that only TOML 1.1 parsers read
    def toml_version(self):
        import tomllib

        for f in self.files:
            try:
                tomllib.loads(f.text)
            except tomllib.TOMLDecodeError as exc:
                mt = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
                line, col = (int(mt.group(1)), int(mt.group(2))) if mt else (None, None)
                self.findings.append(Finding(
                    "toml-1.1", f.shown, line, col, "",
                    "the game reads this file, but TOML 1.0 tools (Taplo, Even Better TOML, Python's tomllib) "
                    "cannot: their parser stops here (" + _lower_first(str(exc).split(" (at line")[0]) + ")",
                    "remove trailing commas and line breaks inside { inline tables }; use [[tables]] for long entries"))

    # -- flags
    def flags(self):
        sc = self.sc
        initial = set(sc.initial_flags) | set(sc.meta.flags)
        for d in sc.meta.difficulty.values():
            initial.update(d.flags)
        set_flags = initial | set(self.g.flag_sets)
        read: dict[str, list] = {}
        for site in self.g.sites:
            if not isinstance(site.source, str):
                continue
            got = self.parse(site)
            if got is None:
                continue
            for kind, name in got[2]:
                if kind == "flag":
                    name = _Walker(sc, []).flag(name, site.aliases)
                    read.setdefault(name, []).append(site)
        for name, sites in sorted(read.items()):
            if name in set_flags or name.startswith("difficulty."):
                continue
            hint = suggest(name, set_flags)
            for site in sites:
                self.add("flag-never-set", site.item, site.sub, f"flag '{name}' is read here but nothing sets it",
                         f"did you mean '{hint}'?" if hint else "set it with { set_flag = '...' } somewhere, or remove the test")
        for name, where in sorted(self.g.flag_sets.items()):
            it, sub = where[0]
            if name.startswith("self."):  # set_flag = "self.x" in an event, a dynamic, an order: no actor is meant
                self.add("flag-name", it, sub, f"'self.' names no actor here: this sets a flag called '{name}'",
                         f"write the actor's id: '<actor>.{name[5:]}' ('self.' works only in an actor's moves and reactions)")
            elif re.fullmatch(m.RULE_ID, name) is None:
                fixed = re.sub(r"[^a-z0-9_.]+", "_", name.lower()).strip("_.")
                self.add("flag-name", it, sub, f"flag '{name}' is not written as an id (lower-case letters, digits, "
                         "underscores, dots): [[flag]] words cannot be given to it", f"write '{fixed}', here and where it is read")
        where_set = dict(self.g.flag_sets)
        for it in self.items:
            if it.kind == "actor":
                for i, fl in enumerate(it.model.flags):
                    where_set.setdefault(f"{it.id}.{fl}", []).append((it, ("flags", i)))
        if self.scen_file is not None:
            sf = _Item("scenario", sc.meta, self.scen_file, ("scenario",), 1)
            for i, fl in enumerate(sc.meta.flags):
                where_set.setdefault(fl, []).append((sf, ("flags", i)))
        for name, where in sorted(where_set.items()):
            if name not in read:
                it, sub = where[0]
                self.add("flag-never-read", it, sub, f"flag '{name}' is set but no condition reads it",
                         "test it with flag('...') somewhere, or stop setting it")

    # -- events nothing triggers
    def triggered(self):
        known = None  # the turns each event can fire on, worked out when first needed
        for it in self.items:
            if it.kind != "event" or not it.model.triggered_only:
                continue
            sources = self.g.triggers.get(it.id, set()) - {it.id}
            if not sources:
                self.add("never-triggered", it, ("triggered_only",),
                         f"event '{it.id}' is triggered_only but no chain or schedule effect leads to it",
                         "add chain = { event = '" + it.id + "' } to an option, or drop triggered_only")
                continue
            if known is None:
                known = self.fire_turns()
            if it.id not in known:  # every chain to it lands after the last turn
                turns = int(self.sc.meta.turns)
                by = list(dict.fromkeys(f"{src.kind} '{src.id}', delay {d}" for t, src, d in self.g.schedules
                                        if t == it.id and src.id != it.id))
                self.add("never-triggered", it, ("triggered_only",),
                         f"event '{it.id}' is triggered_only and every chain or schedule effect that leads to it lands "
                         f"after the last turn ({turns}): " + "; ".join(by[:3]) + (f" and {len(by) - 3} more" if len(by) > 3 else ""),
                         f"shorten the delay, so that the follow-up comes by turn {turns}")

    # -- chains that land outside their event's turn window
    @staticmethod
    def _landing(known: dict, src, delay: int, turns: int) -> tuple[int, int] | None:
        """The turns (first, last) on which a chain or schedule effect of `src` lands, if any: an
        event's from the turns it fires on (`known`); an order's, reaction's, move's or dynamic's from any."""
        at = known.get(src.id) if src.kind == "event" else (1, turns)
        if at is None or at[0] + delay > turns:
            return None
        return at[0] + delay, min(at[1] + delay, turns)

    def fire_turns(self) -> dict[str, tuple[int, int]]:
        """The turns on which each event can fire, as (first, last): its draw window, its on_turn, and
        where the chains and schedule effects leading to it land (an order, a reaction, a move or a
        dynamic can schedule on any turn). Worked out to a fixed point; chains only widen it."""
        turns = int(self.sc.meta.turns)
        events = {it.id: it.model for it in self.items if it.kind == "event"}
        known: dict[str, tuple[int, int]] = {}
        for eid, e in events.items():
            if e.on_turn is not None:
                if e.on_turn <= turns:
                    known[eid] = (e.on_turn, e.on_turn)
            elif not e.triggered_only and e.min_turn <= min(e.max_turn, turns):
                known[eid] = (e.min_turn, min(e.max_turn, turns))
        for _ in range(turns + 1):  # each pass widens an interval by at least a turn, or nothing changes
            changed = False
            for target, src, delay in self.g.schedules:
                landing = self._landing(known, src, delay, turns) if target in events else None
                if landing is None:
                    continue
                lo, hi = landing
                old = known.get(target)
                new = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
                if new != old:
                    known[target] = new
                    changed = True
            if not changed:
                break
        return known

    def chain_windows(self):
        turns = int(self.sc.meta.turns)
        by_target: dict[str, list] = {}
        for target, src, delay in self.g.schedules:
            by_target.setdefault(target, []).append((src, delay))
        # only triggered_only events: their window does nothing at all, so a window on one is a
        # misunderstanding; an event that is also drawn may mean its window for the draw alone (a
        # choice can bring it early), which the docs say and lint leaves be
        windowed = [it for it in self.items if it.kind == "event" and it.model.triggered_only and it.id in by_target
                    and (it.model.min_turn > 1 or it.model.max_turn < turns)]
        if not windowed:
            return
        known = self.fire_turns()
        slot = self.sc.turn_slot
        for it in windowed:
            e = it.model
            lo_w, hi_w = e.min_turn, min(e.max_turn, turns)
            parsed = self.parse(Site(it, ("when",), e.when, {}, "when")) if e.when else None
            outside, sources = [], []
            for src, delay in by_target[it.id]:
                landing = self._landing(known, src, delay, turns)
                if landing is None:
                    continue
                lo, hi = landing
                parts = [(lo, min(hi, lo_w - 1))] if lo < lo_w else []
                parts += [(max(lo, hi_w + 1), hi)] if hi > hi_w else []
                if parsed is not None:  # a `when` that cannot hold on those turns guards the window already
                    parts = [pt for pt in parts if truth(self.iv.eval(parsed[0], {slot: (float(pt[0]), float(pt[1]))})) is not False]
                if parts:
                    outside += parts
                    src_line, _ = src.file.locate(tuple(src.path))
                    where = f"{src.kind} '{src.id}'" + (f" ({src.file.shown}:{src_line})" if src.file is not it.file else "")
                    said = f"{where}, delay {delay}"
                    if said not in sources:
                        sources.append(said)
            if not outside:
                continue
            first, last = min(pt[0] for pt in outside), max(pt[1] for pt in outside)
            key = ("min_turn",) if first < lo_w else ("max_turn",)
            landing = f"turn {first}" if first == last else f"turns {first}..{last}"
            cond = f"turn >= {lo_w} and turn <= {hi_w}" if hi_w < turns else f"turn >= {lo_w}"
            if lo_w <= 1:
                cond = f"turn <= {hi_w}"
            when = f"{cond} and ({e.when})" if e.when else cond
            by = "; ".join(sources[:2]) + (f" and {len(sources) - 2} more" if len(sources) > 2 else "")
            self.add("chain-window", it, key,
                     f"event '{it.id}' can be scheduled on {landing}, outside its window {lo_w}..{hi_w}, by {by}: "
                     f"min_turn and max_turn limit only the draw, which a triggered_only event is never in: the chain brings it anyway",
                     f"if the follow-up must stay in turns {lo_w}..{hi_w}, put the window in its condition, "
                     f"when = \"{when}\" (a follow-up whose condition fails is dropped); or change the delay")

    # -- conditions that can never hold
    def conditions(self):
        turns = self.sc.meta.turns
        seen = set()
        for site in self.g.sites:
            if site.role not in ("when", "requires") or not isinstance(site.source, str):
                continue
            k = (id(site.item), site.sub)
            iv = self.interval(site)
            if iv is None or truth(iv) is not False or k in seen:
                continue
            seen.add(k)
            it = site.item
            if it.kind == "ending":
                continue  # reported by endings()
            fix = "check the numbers against each value's min..max" + self.ranges_read(site)
            if site.role == "requires":
                what = "option" if it.kind == "event" else "order"
                self.add("never-holds", it, site.sub, f"this {what}'s requirement {site.source!r} can never hold within the declared ranges",
                         fix)
            elif it.kind == "event" and site.sub == ("when",):
                self.add("never-eligible", it, site.sub, f"the event's condition {site.source!r} can never hold within the declared ranges",
                         fix)
            else:
                self.add("never-holds", it, site.sub, f"condition {site.source!r} can never hold within the declared ranges",
                         fix)
        for it in self.items:
            if it.kind != "event":
                continue
            e = it.model
            if not e.triggered_only and e.on_turn is None:
                w = self.interval(Site(it, ("weight",), e.weight, {}, "weight"))
                if w is not None and w[1] <= 0:
                    self.add("never-eligible", it, ("weight",), f"the event's weight {e.weight!r} is never above 0, so it is never drawn",
                             "give it a positive weight, or make it triggered_only")
                    continue
            if e.on_turn is not None and e.on_turn > turns:
                self.add("never-eligible", it, ("on_turn",), f"on_turn {e.on_turn} is after the last turn ({turns})", f"use a turn from 1 to {turns}")
            elif not e.triggered_only and e.on_turn is None and e.min_turn > turns:
                self.add("never-eligible", it, ("min_turn",), f"min_turn {e.min_turn} is after the last turn ({turns})", f"use a turn from 1 to {turns}")

    # -- expressions whose shape is a mistake
    def shapes(self):
        seen = set()
        for site in self.g.sites:
            if not isinstance(site.source, str) or ("/" not in site.source and "%" not in site.source
                                                    and site.role not in ("when", "requires")):
                continue
            k = (id(site.item), site.sub)
            if k in seen:
                continue
            seen.add(k)
            try:
                tree = ast.parse(site.source.strip(), mode="eval").body
            except (SyntaxError, ValueError, RecursionError):
                continue
            if site.role in ("when", "requires") and _numeric(tree):
                self.add("number-as-condition", site.item, site.sub,
                         f"condition {site.source!r} is a number, not a test: it holds whenever it is not 0",
                         "compare it with something, e.g. " + repr(site.source.strip() + " > 5"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod))
                        and isinstance(node.right, ast.Constant) and type(node.right.value) in (int, float)
                        and node.right.value == 0):
                    self.add("divide-by-zero", site.item, site.sub,
                             f"{site.source!r} divides by 0 (the game makes any division by 0 give 0)",
                             "divide by another number, or remove the division")
                    break

    # -- a reason for being unavailable, on something that is always available
    def requires_texts(self):
        for it in self.items:
            if it.kind == "action":
                parts = [((), it.model, f"action '{it.id}'", "the order")]
            elif it.kind == "event":
                parts = [(("option", j), o, f"option '{o.id}' of event '{it.id}'", "the option")
                         for j, o in enumerate(it.model.options)]
            else:
                continue
            for sub, model, what, shown in parts:
                if model.requires_text and model.requires is None:
                    self.add("requires-text-unused", it, sub + ("requires_text",),
                             f"{what} has requires_text but no requires condition, so {shown} is always available "
                             "and the text is never shown",
                             "add a requires condition, or remove requires_text")

    # -- changes the turn report cannot explain
    def whys(self):
        """A note for an option's or order's add/set/multiply without a why: the turn report then gives
        the choice's own words as the reason, which say what was chosen, not why the numbers moved."""
        for it in self.items:
            if it.kind == "action":
                parts = [(("effects",), it.model.effects, f"order '{it.id}'", it.model.label)]
            elif it.kind == "event":
                parts = [(("option", j, "effects"), o.effects, f"option '{o.id}' of event '{it.id}'", o.text)
                         for j, o in enumerate(it.model.options)]
            else:
                continue
            for sub, effects, what, words in parts:
                self._whys(it, sub, effects, what, words)

    def _whys(self, it, sub: tuple, effects, what: str, words: str):
        for k, e in enumerate(effects):
            t = type(e)
            if t is m.RollEffect:
                for side in ("success", "failure"):
                    self._whys(it, sub + (k, "roll", side), getattr(e.roll, side), what, words)
            elif (t is m.AddEffect or t is m.SetEffect or t is m.MultiplyEffect) and not e.why:
                table = e.add if t is m.AddEffect else e.set if t is m.SetEffect else e.multiply
                shown = words if len(words) <= 60 else words[:59] + "\u2026"
                self.add("why-missing", it, sub + (k,),
                         f"{what} changes {joined(list(table))} with no why: the turn report will give "
                         f"'{shown}' as the reason",
                         'add why = "..." to the effect: a sentence saying why these numbers move')

    # -- effects that always clamp
    def clamps(self):
        seen = set()
        for w in self.g.writes:
            if w.slot is None or w.slot == self.sc.turn_slot:
                continue
            s = self.sc.slots[w.slot]
            site = Site(w.item, w.sub, w.value, w.aliases, "number")
            iv = self.interval(site)
            if iv is None:
                continue
            width = s.hi - s.lo
            msg = None
            if w.kind == "add" and (iv[0] > width or iv[1] < -width):
                msg = f"adding {_fmt(iv)} to {s.name} (range {s.lo:g}..{s.hi:g}) always ends at the {'top' if iv[0] > 0 else 'bottom'} of its range"
                fix = f"an amount between {-width:g} and {width:g} keeps the change meaningful; use set to pin the value"
            elif w.kind == "set" and (iv[0] > s.hi or iv[1] < s.lo):
                msg = f"setting {s.name} to {_fmt(iv)} is always clamped to {s.hi:g}" if iv[0] > s.hi else \
                    f"setting {s.name} to {_fmt(iv)} is always clamped to {s.lo:g}"
                fix = f"set a value within {s.lo:g}..{s.hi:g}"
            elif w.kind == "mul" and s.lo >= 0 and iv[1] < 0:
                msg = f"multiplying {s.name} (range {s.lo:g}..{s.hi:g}) by {_fmt(iv)} always clamps it to {s.lo:g}"
                fix = "use a factor of 0 or more"
            k = (id(w.item), w.sub)
            if msg and k not in seen:
                seen.add(k)
                self.add("always-clamps", w.item, w.sub, msg, fix)

    # -- endings
    def endings(self):
        ends = self.g.ends
        order = sorted((it for it in self.items if it.kind == "ending"), key=lambda it: -it.model.priority)
        catch_all = None
        for it in order:
            e = it.model
            reason = None
            if e.when is not None:
                iv = self.interval(Site(it, ("when",), e.when, {}, "when"))
                if iv is not None and truth(iv) is False:
                    reason = f"its condition {e.when!r} can never hold within the declared ranges"
            final_only = e.at_end or e.when is None
            if reason is None and final_only and catch_all is not None and catch_all.model.priority > e.priority:
                reason = f"ending '{catch_all.id}' has a higher priority and always holds, so it always wins on the last turn"
            if reason and it.id not in ends:
                self.add("ending-unreachable", it, ("when",) if e.when is not None else ("priority",),
                         f"ending '{it.id}' can never be reached: {reason}",
                         "loosen its condition, raise its priority, or end the game with { end = '" + it.id + "' }")
            always = e.when is None
            if not always:
                iv = self.interval(Site(it, ("when",), e.when, {}, "when"))
                always = iv is not None and truth(iv) is True
            if always and final_only and catch_all is None:
                catch_all = it

    # -- unused actors and metrics
    def unused(self):
        sc = self.sc
        reads: set[int] = set()
        read_flag_owners = set()
        for site in self.g.sites:
            if isinstance(site.source, str) and (got := self.parse(site)) is not None:
                reads |= got[1]
                read_flag_owners |= {n.split(".")[0] for k, n in got[2] if k == "flag"}
        touched = reads | {w.slot for w in self.g.writes if w.slot is not None}
        patrons = {a.patron for a in sc.actors.values() if a.patron}
        by_id = {(it.kind, it.id): it for it in self.items}
        for aid, actor in sc.actors.items():
            if actor.player:
                continue
            slots = {sc.index[f"{aid}.{a}"] for a in actor.attributes}
            if slots & touched or aid in self.g.actors_acting or aid in patrons or aid in read_flag_owners:
                continue
            self.add("actor-unused", by_id[("actor", aid)], ("id",),
                     f"actor '{aid}' is never used: no rule reads or changes its numbers, and it has no moves or reactions",
                     "give it moves or reactions, refer to it in conditions, or remove it")
        for mid in sc.metrics:
            if sc.index[mid] in touched or mid == sc.meta.capital:
                continue
            self.add("metric-unused", by_id[("metric", mid)], ("id",), f"metric '{mid}' is never read or changed by any rule",
                     "use it in a condition or an effect, or remove it")

    # -- duplicated text
    def duplicates(self):
        seen: dict[str, tuple] = {}
        fields = {"event": ("title", "text", "debrief", "history", "prompt"), "action": ("label", "description"),
                  "codex": ("body",), "move": ("why", "label"), "dynamic": ("why",), "ending": ("title", "epilogue"),
                  "reaction": ("why",)}
        for it in self.items:
            texts = [((f,), getattr(it.model, f, "")) for f in fields.get(it.kind, ())]
            if it.kind == "event":
                texts += [(("option", j, "text"), o.text) for j, o in enumerate(it.model.options)]
            for sub, text in texts:
                norm = " ".join(str(text or "").lower().split())
                if len(norm) < 24:
                    continue
                first = seen.get(norm)
                if first is None:
                    seen[norm] = (it, sub)
                    continue
                fit, fsub = first
                line, _ = fit.file.locate(tuple(fit.path) + tuple(fsub))
                self.add("duplicate-text", it, sub, f"the same text as {fit.kind} '{fit.id}' ({fit.file.shown}:{line})",
                         "write it afresh, or silence with # lint: ignore[duplicate-text] if the repeat is meant")

    # -- mods
    def mod_layers(self):
        by_key: dict[tuple, list] = {}
        for it in self.layered:
            by_key.setdefault((it.kind, it.id), []).append(it)
        for (kind, iid), its in by_key.items():
            layers = sorted({it.layer for it in its})
            if len(layers) < 2 or max(layers) < 2:
                continue
            winner = max(its, key=lambda it: it.layer)
            mod_layers = [it for it in its if it.layer >= 2]
            if len({it.layer for it in mod_layers}) >= 2:
                names = ", ".join(f"{_shown(Path(self.mods[it.layer - 2]))}"
                                  for it in sorted(mod_layers, key=lambda it: it.layer))
                self.add("mod-conflict", winner, ("id",), f"{kind} '{iid}' is overridden by several mods ({names}); "
                         f"the last in load order wins ({_shown(Path(self.mods[winner.layer - 2]))})",
                         "merge the two changes into one mod, or change the load order on purpose")
            else:
                base = max((it for it in its if it.layer < winner.layer), key=lambda it: it.layer)
                line, _ = base.file.locate(tuple(base.path))
                said = reaction_collision(base, winner, mod_namespace(self.layered, winner.layer)) if kind == "reaction" and base.layer < 2 else None
                if said is not None:  # a new rule under a used id, most likely: a warning, not the override note
                    self.add("mod-collision", winner, ("id",), *said)
                else:
                    self.add("mod-override", winner, ("id",), f"replaces {kind} '{iid}' from {base.file.shown}:{line}")
        for it, close in near_ids(self.layered):
            self.add("mod-near-id", it, ("id",), *near_id_problem(it, close))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _numeric(node) -> bool:
    """An expression whose value is plainly a number: arithmetic, a number, a negated one."""
    if isinstance(node, ast.BinOp):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return True
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _fmt(iv) -> str:
    lo, hi = iv
    return f"{lo:g}" if lo == hi else f"{lo:g}..{hi:g}"


# ---------------------------------------------------------------- ignore comments


def _ignores(text: str) -> tuple[dict[int, set | None], set | None]:
    """Per-line ignored codes (None = all) and the file-wide ones."""
    lines: dict[int, set | None] = {}
    whole: set | None = set()
    for i, line in enumerate(text.splitlines(), start=1):
        for mt in IGNORE.finditer(line):
            codes = None if mt.group(2) is None else {c.strip() for c in mt.group(2).split(",") if c.strip()}
            if mt.group(1):
                whole = None if codes is None or whole is None else whole | codes
            else:
                prev = lines.get(i, set())
                lines[i] = None if codes is None or prev is None else prev | codes
                if line.lstrip().startswith("#"):  # a comment line covers the line below it
                    nxt = lines.get(i + 1, set())
                    lines[i + 1] = None if codes is None or nxt is None else nxt | codes
    return lines, whole


def _silenced(f: Finding, cache: dict[str, tuple]) -> bool:
    if f.file not in cache:
        try:
            cache[f.file] = _ignores(Path(f.file).read_text("utf-8-sig"))
        except OSError:
            cache[f.file] = ({}, set())
    lines, whole = cache[f.file]
    if whole is None or f.code in whole:
        return True
    for ln in (f.line, f.header):
        if ln is None or ln not in lines:
            continue
        codes = lines[ln]
        if codes is None or f.code in codes:
            return True
    return False


def _unknown_codes(files) -> list[Finding]:
    """A misspelt code in an ignore comment would silence nothing, without a word: say so."""
    out = []
    for f in files:
        if "lint:" not in f.text:
            continue
        for i, line in enumerate(f.text.splitlines(), start=1):
            for mt in IGNORE.finditer(line):
                if mt.group(2) is None:
                    continue
                for code in (c.strip() for c in mt.group(2).split(",")):
                    if code and code not in CODES:
                        hint = suggest(code, CODES)
                        out.append(Finding("unknown-code", f.shown, i, mt.start(2) + line[mt.start(2):].index(code) + 1, "",
                                           f"no lint code '{code}': this ignore comment silences nothing",
                                           f"did you mean '{hint}'?" if hint else "codes: " + ", ".join(CODES), i))
    return out


# ---------------------------------------------------------------- entry point


@dataclass
class LintResult:
    errors: list[Problem]  # validation errors: lint did not run
    findings: list[Problem]
    silenced: int = 0
    scenario: str = ""  # the id of the scenario linted
    mods: tuple[str, ...] = ()  # the mods linted with it, in load order

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.findings if p.severity == "warning"]


def _folders(path, mods) -> tuple[Path, list[tuple[Path, int]]]:
    root = loader.resolve_scenario(path)
    folders: list[tuple[Path, int]] = []
    try:
        base_id = tomli.loads((root / "scenario.toml").read_text("utf-8-sig")).get("scenario", {}).get("extends")
    except (tomli.TOMLDecodeError, UnicodeDecodeError, OSError):
        base_id = None
    if isinstance(base_id, str) and (root.parent / base_id / "scenario.toml").is_file():
        folders.append((root.parent / base_id, 0))
    folders.append((root, 1))
    for i, mod in enumerate(mods):
        folders.append((Path(mod), 2 + i))
    return root, folders


def lint(path: str | os.PathLike, mods: list | tuple = ()) -> LintResult:
    """Validate, then lint a scenario and its mods."""
    sc, problems = loader.check(path, list(mods), codegen=False)  # check mode: lint reads the rules, never runs them
    if sc is None:
        return LintResult([p for p in problems if p.severity == "error"], [])
    root, folders = _folders(path, mods)
    col = _Collector()
    _, files = _read_files(folders, col)
    _, layered, removes = _shape(files, col, root / "scenario.toml")
    merged = _merge(list(layered), removes, col)
    scen_file = next((f for f, _ in files if f.path.resolve() == (root / "scenario.toml").resolve()), None)
    findings = Linter(sc, merged, layered, scen_file, [str(x) for x in mods], [f for f, _ in files],
                      frozenset(col.chains_to)).run()
    findings += _unknown_codes([f for f, _ in files])
    cache: dict = {}
    kept = [f for f in findings if not _silenced(f, cache)]
    rank = {"warning": 0, "note": 1}
    kept.sort(key=lambda f: (rank[f.severity], f.file, f.line or 0, f.col or 0, f.code))
    return LintResult([], [f.problem() for f in kept], len(findings) - len(kept), sc.id, tuple(sc.mods))


def cli_lint(args) -> int:
    """`ceasefire lint [PATH] [--mod DIR]... [--json] [--strict] [--no-notes]`."""
    import json
    import sys

    result = lint(args.path or "basra_2008", args.mod)
    shown = [p for p in result.findings if not (args.no_notes and p.severity == "note")]
    notes = sum(1 for p in result.findings if p.severity == "note")
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    if args.json:
        print(json.dumps({"ok": not failed, "errors": len(result.errors), "warnings": len(result.warnings),
                          "notes": notes, "infos": notes,  # "infos": the old name of "notes", kept for scripts
                          "silenced": result.silenced,
                          "problems": [p.to_json() for p in result.errors + shown]}, indent=2))
        return 1 if failed else 0
    if result.errors:
        for p in sorted(result.errors, key=lambda p: (p.file, p.line or 0, p.col or 0)):  # in file order, as validate
            print(p.format())
        print(f"{plural(len(result.errors), 'error')}: fix {'it' if len(result.errors) == 1 else 'them'} "
              "(see `ceasefire validate`) before linting", file=sys.stderr)
        return 1
    for p in shown:
        print(p.format(show_code=True))
    # named as validate names it: which scenario, and which mods (several are linted in turn in a modder's shell)
    print(f"lint: {result.scenario}: {plural(len(result.warnings), 'warning')}, {plural(notes, 'note')}, "
          f"{result.silenced} silenced"
          + (f"; mods, in load order: {', '.join(Path(m).name for m in result.mods)}" if result.mods else "")
          + ("; --strict: warnings fail" if args.strict and result.warnings else ""))
    return 1 if failed else 0
