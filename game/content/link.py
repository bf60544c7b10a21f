"""Pass 2, link: ids resolved, expressions compiled, and the runtime objects the engine plays built, every
problem collected with its place.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from game.content import models as m
from game.content.files import KEY_OF_KIND, _Collector, _File, _Item
from game.content.runtime import Op, RAction, RDynamic, REnding, REvent, RMove, ROption, RReaction, RVariant, Scenario, Slot
from game.content.shape_errors import _CHANGE_KEYS, _EXPR_KEYS
from game.expr.compiler import Compiled, ExprError, aliased_hint, compile_expr, flag_name, names_fix, suggest, unaliased


LINK = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")


def _constructor(cls: type):
    """A faster stand-in for `cls(...)` for a frozen, slotted runtime dataclass (ROption, REvent, ...).

    A frozen dataclass's __init__ sets each field through object.__setattr__, a dear part of linking a
    large mod. This builds the same object, with the same signature and defaults, setting each slot
    through its descriptor. It is generated from the class's own fields (names and defaults only: no
    content is involved), so it follows any field added to the class; a class it cannot mirror (not a
    dataclass, factories, __post_init__, no slots) is returned as is.
    tests/content/test_check_mode.py checks that both ways build equal objects."""
    import dataclasses

    if not dataclasses.is_dataclass(cls):  # (Op is a named tuple, made in one step already)
        return cls
    fields = dataclasses.fields(cls)
    if ("__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__") or cls.__init__.__code__.co_filename != "<string>"  # not the generated __init__
            or any(f.default_factory is not dataclasses.MISSING or not f.init or f.kw_only or not f.name.isidentifier() for f in fields)):
        return cls
    env: dict = {"_new": object.__new__, "_cls": cls}
    params, body = [], []
    for i, f in enumerate(fields):
        env[f"_s{i}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            env[f"_d{i}"] = f.default
            params.append(f"{f.name}=_d{i}")
        body.append(f"    _s{i}(o, {f.name})")
    source = f"def make_{cls.__name__}({', '.join(params)}):\n    o = _new(_cls)\n" + "\n".join(body) + "\n    return o\n"
    exec(source, env)  # our own field names only (see above)
    return env[f"make_{cls.__name__}"]


_op = _constructor(Op)
# An add/set/multiply Op, the most common by far, made as the tuple it is (Op(...) runs a Python __new__ for
# its defaults): its first five fields, then the defaults of the rest
assert Op._fields[:5] == ("kind", "when", "why", "slot", "value")
_CHANGE_TAIL = tuple(Op._field_defaults[f] for f in Op._fields[5:])
_tuple_new = tuple.__new__
assert RReaction._fields[:6] == ("id", "actor", "why", "when", "chance", "ops")
_REACTION_TAIL = tuple(RReaction._field_defaults[f] for f in RReaction._fields[6:])  # (a card's reaction: the defaults)
_PLAIN_KEYS = frozenset({"id", "actor", "why", "add", "chance"})  # the keys of a reaction plain_reaction makes
_option = _constructor(ROption)
_event = _constructor(REvent)


def _codex_fix(name: str, ids, otherwise: str) -> str:
    """The fix for a codex id that is not there: the nearest id, or the one id that holds it as whole
    words ('sadr_city' for 'place_sadr_city'), or the ids when there are few. (Only on an error's path.)"""
    within = [i for i in ids if f"_{name}_" in f"_{i.replace('.', '_')}_"]  # 'capital' in 'place_capital_city'
    hint = suggest(name, ids) or (within[0] if len(within) == 1 else None)
    if hint:
        return f"did you mean '{hint}'?"
    return otherwise + (" (codex ids: " + ", ".join(sorted(ids)) + ")" if 0 < len(ids) <= 12 else "")


# references to ids that no entry has: the problem is the value written, so it is pointed at (an unknown state
# name in add = { tresury = 5 } is its key, and stays there)
_AT_VALUE = frozenset(("unknown-event", "unknown-actor", "unknown-action", "unknown-region", "unknown-ending",
                       "unknown-option", "unknown-metric", "unknown-difficulty", "unknown-codex"))


class _OptionIds:
    """event id -> its option ids, worked out for the events that are asked about (most never are)."""

    def __init__(self, events: dict[str, _Item]):
        self.events = events
        self.known: dict[str, set[str]] = {}

    def get(self, eid: str, default=None):
        found = self.known.get(eid)
        if found is None:
            it = self.events.get(eid)
            if it is None:
                return default
            found = self.known[eid] = {o.id for o in it.model.options}
        return found


def _likeness(a: str, b: str) -> float:
    """How alike two ids are: whole, or by their names after the namespace ('sadr.x' and 'iran.x')."""
    whole = difflib.SequenceMatcher(None, a, b).ratio()
    if "." in a and "." in b:
        return max(whole, difflib.SequenceMatcher(None, a.partition(".")[2], b.partition(".")[2]).ratio())
    return whole


def nearest_option_ref(ev: str, opt: str, events, options) -> str | None:
    """For 'event/option' naming no event: the nearest 'event/option' that exists. The events that
    have an option of that name come first; without a close one, the nearest of them still (an
    option reference names both, so a far event with that option beats a close one without it)."""
    having = [e for e in events if opt in options.get(e, ())]
    close = suggest(ev, events)
    if close is not None and (close in having or not having):
        opts = options.get(close, ())
        o = opt if opt in opts else suggest(opt, opts)
        return f"{close}/{o}" if o else close
    if having:
        best = max(having, key=lambda e: (_likeness(ev, e), e))
        if _likeness(ev, best) >= 0.3:
            return f"{best}/{opt}"
    return close


class _Symbols:
    def __init__(self, slots: list[Slot], ids: dict[str, set[str]]):
        self.by_name = {s.name: s.index for s in slots}
        self.ids = ids
        self.flags_read: list[str] = []
        self.fixes: dict[str, str] = {}

    def slot(self, name: str) -> int | None:
        return self.by_name.get(name)

    def names(self):
        return self.by_name.keys()

    def check_ref(self, kind: str, value: str) -> str | None:
        if kind == "flag":
            self.flags_read.append(value)
            return None
        if kind == "option":
            ev, slash, opt = value.partition("/")
            if not slash:
                return self._option_without_slash(value)
            if ev not in self.ids["event"]:
                hint = nearest_option_ref(ev, opt, self.ids["event"], self.ids["option"])
                return self._problem(f"unknown event '{ev}'", f"did you mean '{hint}'?" if hint else
                                     "write 'event.id/option_id': the id of an event of the scenario or a mod, a slash, one of its options")
            opts = self.ids["option"].get(ev, ())
            if opt not in opts:
                hint = suggest(opt, opts)
                return self._problem(f"event '{ev}' has no option '{opt}'",
                                     f"did you mean '{hint}'?" if hint else "its options: " + ", ".join(self._options(ev)))
            return None
        pool = self.ids.get(kind, set())
        if value not in pool:
            hint = suggest(value, pool)
            if hint:
                return self._problem(f"unknown {kind} '{value}'", f"did you mean '{hint}'?")
            some = sorted(pool)
            listed = ", ".join(some[:8]) + (", ..." if len(some) > 8 else "")
            return self._problem(f"unknown {kind} '{value}'", f"use the id of an {kind} of the scenario or a mod"
                                 + (f" ({listed})" if kind == "action" and some else ""))
        return None

    # (error paths only) the fix of each problem check_ref returned, by its message: the compiler passes
    # the message on, and the loader finds the fix here
    def _problem(self, message: str, fix: str) -> str:
        self.fixes[message] = fix
        return message

    def _options(self, ev: str) -> list[str]:
        it = self.ids["option"].events.get(ev) if isinstance(self.ids["option"], _OptionIds) else None
        return [o.id for o in it.model.options] if it is not None else sorted(self.ids["option"].get(ev, ()))

    def _option_without_slash(self, value: str) -> str:
        """An option reference without its slash: an event's id alone, or an option's id alone."""
        if value in self.ids["event"]:
            return self._problem(f"'{value}' is an event; an option is written 'event.id/option_id'",
                                 "write one of: " + ", ".join(f"'{value}/{o}'" for o in self._options(value)))
        having = [e for e in self.ids["event"] if value in self.ids["option"].get(e, ())]
        if having:
            shown = ", ".join(f"'{e}/{value}'" for e in sorted(having)[:3])
            return self._problem(f"unknown event '{value}'", f"an option is written 'event.id/option_id': did you mean {shown}?"
                                 if len(having) == 1 else f"an option is written 'event.id/option_id': one of {shown}")
        hint = suggest(value, self.ids["event"])
        return self._problem(f"unknown event '{value}'", "an option is written 'event.id/option_id'"
                             + (f": did you mean '{hint}/...'?" if hint else ""))


class _Linker:
    def __init__(self, scen: m.Scenario, scen_file: _File, items: list[_Item], col: _Collector, codegen: bool = True):
        self.scen = scen
        self.scen_file = scen_file
        self.col = col
        self.by_kind: dict[str, dict[str, _Item]] = {k: {} for k in KEY_OF_KIND}
        for it in items:
            self.by_kind[it.kind][it.id] = it
        self.plain: dict[str, Compiled] = {}  # source -> compiled, for expressions that name no alias
        self.cache: dict[tuple, dict[str, Compiled]] = {}  # aliases -> source -> compiled, for those that do
        self.codegen = codegen
        self.flag_reads: list[tuple[str, _Item, tuple]] = []
        self.flags_set: set[str] = set()
        self.chains_used: set[str] = set()  # events of [remove] chains_to that a chain or schedule effect led to
        self.build_slots()
        option_ids = _OptionIds(self.by_kind["event"])
        self.symbols = _Symbols(self.slots, {
            "event": set(self.by_kind["event"]), "action": set(self.by_kind["action"]), "option": option_ids,
        })

    # -- slots
    def build_slots(self):
        slots: list[Slot] = []

        def add(name, label, r, kind, owner, attr):
            slots.append(Slot(len(slots), name, label or attr, float(r.min), float(r.max), float(r.start), kind, owner, attr))

        slots.append(Slot(0, "turn", "Turn", 0.0, 10_000.0, 1.0, "builtin", None, "turn"))
        for mid, it in self.by_kind["metric"].items():
            add(mid, it.model.label, it.model, "metric", None, mid)
        for aid, it in self.by_kind["actor"].items():
            if aid in self.by_kind["metric"]:
                self.err(it, ("id",), f"actor id '{aid}' is also a metric id", "rename one of them", code="duplicate-id")
            for attr, r in it.model.attributes.items():
                add(f"{aid}.{attr}", r.label, r, "actor", aid, attr)
        for rid, it in self.by_kind["region"].items():
            for attr, r in it.model.attributes.items():
                add(f"region.{rid}.{attr}", r.label, r, "region", rid, attr)
        self.slots = slots
        self.index = {s.name: s.index for s in slots}

    def err(self, it: _Item, sub: tuple, message: str, fix: str = "", severity: str = "error", col_shift=None, code=""):
        if col_shift is None and code in _AT_VALUE and it.file is not None:
            # actor = "iranians": at "iranians", not at the line's first letter (only when reporting); an id
            # written as a key (a policy's options = { "e.id/opt" = 2 }) stays at the key
            off = it.file.locator().value_offset(it.path + sub)
            if off is not None and it.file.text[off] in "\"'":
                col_shift = 0
        self.col.add(it.file, it.path + sub, message, fix, severity, col_shift, code)

    # -- expressions
    def expr(self, it: _Item, sub: tuple, source, aliases=None) -> Compiled | None:
        if source is None:
            return None
        # aliases ('self', 'target') matter only to an expression that names one of them
        cache = self.plain
        if aliases:
            for a in aliases:
                if a in source:
                    cache = self.cache.setdefault(tuple(sorted(aliases.items())), {})
                    break
        found = cache.get(source)
        if found is not None:
            if found.refs:
                self.note_refs(found, it, sub)
            return found
        try:
            c = compile_expr(source, self.symbols, aliases, self.codegen)
        except ExprError as exc:
            for one in exc.errors:  # every error of the expression, each at its own column
                shift = None
                if one.col is not None:
                    shift = one.col + 1  # skip the opening quote
                message, fix = one.message, one.fix or self.symbols.fixes.get(one.message, "")
                fix = _expr_fix(message, source, one.col, fix)
                if message.startswith("expression contains a curly quote") and _in_single_quotes(it, sub):
                    fix = ("write a straight double quote \" in place of each curly one: the value is in single quotes "
                           "'...', which a ' would end (word processors curl quotes)")
                mt = _UNKNOWN_SELF.match(message)
                if mt is not None and not (aliases and "self" in aliases):
                    message, fix = self.self_outside(mt.group(1), "name")
                self.err(it, sub, f"in expression {source!r}: {message}", fix, col_shift=shift, code="expr")
            return None
        cache[source] = c
        if c.refs:
            self.note_refs(c, it, sub)
        return c

    def self_outside(self, written: str, what: str) -> tuple[str, str]:
        """(message, fix) for 'self.x' where 'self' means no actor (an event, a dynamic, an ending...)."""
        attr = written.partition(".")[2]
        actors = [s.owner for s in self.slots if s.kind == "actor" and s.attr == attr]
        example = f"'{actors[0]}.{attr}'" if actors else ""
        if len(actors) > 1:
            example += f" or '{actors[1]}.{attr}'"
        return (f"unknown {what} '{written}': 'self.' only works in an actor's rules (moves, and reactions with an actor), "
                f"and this rule belongs to no actor",
                f"write the actor's id instead of self: '<actor>.{attr or '<attribute>'}'" + (f", e.g. {example}" if example else ""))

    def note_refs(self, c: Compiled, it: _Item, sub: tuple):
        for kind, value in c.refs:
            if kind == "flag":
                self.flag_reads.append((value, it, sub))

    def number(self, it, sub, value, aliases=None):
        if isinstance(value, (int, float)):
            return float(value)
        return self.expr(it, sub, value, aliases)

    # -- effects
    def target_slot(self, it, sub, name: str, aliases, actor: str | None) -> int | None:
        written = name
        if aliases:
            name = unaliased(name, aliases)
        index = self.index
        idx = index.get(f"{actor}.{name}") if actor else None  # an actor's own attribute first
        if idx is None:
            idx = index.get(name)
        if idx is None and written.startswith("self.") and not (aliases and "self" in aliases):
            self.err(it, sub, *self.self_outside(written, "state name"), code="unknown-name")
            return None
        if idx is None:
            hint = None
            if actor and "." not in name:  # a short key names the actor's own attribute: suggest those first
                prefix = actor + "."
                hint = suggest(name, [n[len(prefix):] for n in index if n.startswith(prefix)])
            if written != name:  # 'target.x' or 'self.x': said as written (alike for every region), hint too
                hint = hint or aliased_hint(written, aliases, index)
            hint = hint or suggest(name, index)
            self.err(it, sub, f"unknown state name '{written}'", f"did you mean '{hint}'?" if hint else names_fix(index, turn=False), code="unknown-name")
            return None
        if idx == 0:
            self.err(it, sub, "'turn' cannot be changed by content", "remove this key", code="read-only")
            return None
        return idx

    def changes(self, out: list, it: _Item, sub: tuple, key: str, kind: str, table: dict, when, why, aliases, actor):
        """add/set/multiply tables: one Op per state name."""
        index = self.index
        own = actor + "." if actor else ""
        for name, value in table.items():
            # the usual name, through no alias ('self.x', 'target.x'): the actor's own attribute, else a state
            # name, as target_slot finds it; anything else (an alias, an unknown name, 'turn', which is slot 0)
            # goes to target_slot, which also says what is wrong
            slot = None
            if not aliases or name.partition(".")[0] not in aliases:
                slot = (own and index.get(own + name)) or index.get(name)
            if not slot:
                slot = self.target_slot(it, sub + (key, name), name, aliases, actor)
            val = float(value) if isinstance(value, (int, float)) else self.expr(it, sub + (key, name), value, aliases)
            if slot is not None and val is not None:
                out.append(_tuple_new(Op, (kind, when, why, slot, val) + _CHANGE_TAIL))  # = Op(kind, when, why, slot, val)

    def ops(self, it: _Item, sub: tuple, effects, aliases=None, actor=None) -> tuple[Op, ...]:
        out = []
        for i, e in enumerate(effects):
            p = sub + (i,)
            when = None if e.when is None else self.expr(it, p + ("when",), e.when, aliases)
            why = e.why
            t = type(e)
            if t is m.AddEffect:
                self.changes(out, it, p, "add", "add", e.add, when, why, aliases, actor)
            elif t is m.SetEffect:
                self.changes(out, it, p, "set", "set", e.set, when, why, aliases, actor)
            elif t is m.MultiplyEffect:
                self.changes(out, it, p, "multiply", "mul", e.multiply, when, why, aliases, actor)
            elif t is m.SetFlagEffect or t is m.ClearFlagEffect:
                setting = t is m.SetFlagEffect
                names = e.set_flag if setting else e.clear_flag
                for name in [names] if isinstance(names, str) else names:
                    name = flag_name(name, aliases)
                    if setting:
                        self.flags_set.add(name)
                    out.append(_op("flag" if setting else "unflag", when, why, name=name))
            elif t is m.ScheduleEffect:
                if e.schedule.event in self.col.chains_to:  # [remove] chains_to: a schedule effect is a chain too
                    self.chains_used.add(e.schedule.event)
                    continue
                if self.check_event(it, p + ("schedule", "event"), e.schedule.event):
                    out.append(_op("schedule", when, why, name=e.schedule.event, delay=e.schedule.delay, chance=e.schedule.chance))
            elif t is m.EndEffect:
                if e.end not in self.by_kind["ending"]:
                    hint = suggest(e.end, self.by_kind["ending"])
                    self.err(it, p + ("end",), f"unknown ending '{e.end}'",
                             f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(self.by_kind["ending"]), code="unknown-ending")
                else:
                    out.append(_op("end", when, why, name=e.end))
            elif t is m.NewsEffect:
                out.append(_op("news", when, why, name=e.news))
            elif t is m.RollEffect:
                chance = self.number(it, p + ("roll", "chance"), e.roll.chance, aliases)
                if isinstance(chance, float) and not 0 <= chance <= 1:
                    self.err(it, p + ("roll", "chance"), f"chance {chance:g} is outside 0..1", "write a probability such as 0.4", code="out-of-range")
                succ = self.ops(it, p + ("roll", "success"), e.roll.success, aliases, actor) if e.roll.success else ()
                fail = self.ops(it, p + ("roll", "failure"), e.roll.failure, aliases, actor) if e.roll.failure else ()
                if chance is not None:
                    out.append(_op("roll", when, why, name=e.roll.label, chance=chance, success=succ, failure=fail))
        return tuple(out)

    def check_event(self, it, sub, eid: str) -> bool:
        if eid in self.by_kind["event"]:
            return True
        hint = suggest(eid, self.by_kind["event"])
        if hint and difflib.SequenceMatcher(None, eid, hint).ratio() >= 0.85:  # a slip of the keyboard
            fix = f"did you mean '{hint}'?"
        else:  # nothing close: most likely a follow-up not written yet
            fix = (f"if it is an event still to write, add an [[event]] with id = \"{eid}\" (a follow-up is usually "
                   f"triggered_only = true)" + (f"; the nearest existing id is '{hint}'" if hint else ""))
        self.err(it, sub, f"unknown event '{eid}'", fix, code="unknown-event")
        return False

    def check_actor(self, it, sub, aid: str | None) -> bool:
        if aid is None or aid in self.by_kind["actor"]:
            return True
        hint = suggest(aid, self.by_kind["actor"])
        actors = list(self.by_kind["actor"])
        self.err(it, sub, f"unknown actor '{aid}'", f"did you mean '{hint}'?" if hint else
                 "use an actor id" + (": " + ", ".join(actors) if 0 < len(actors) <= 15 else ""), code="unknown-actor")
        return False

    def reaction(self, it, sub, r: m.Reaction, aliases=None, rid: str | None = None) -> RReaction | None:
        if not aliases and r.actor is not None:
            found = self.plain_reaction(r, rid)
            if found is not None:
                return found
        return self.reaction_in_full(it, sub, r, aliases, rid)

    def plain_reaction(self, r: m.Reaction, rid: str | None) -> RReaction | None:
        """The reaction most cards and orders have, made the short way: an actor's add = { name = number } with
        its why, and nothing else (no condition, flags, effects, or expression). None for any other, or if a
        name is not plainly a state name: reaction_in_full then makes it and says what is wrong. What both
        make is the same (tests/content/test_check_mode.py compares them for every reaction of the campaign)."""
        # (the keys written are among these: no condition, flags or effects, so those keep their defaults)
        if r.__class__ is not m.Reaction or not r.__pydantic_fields_set__ <= _PLAIN_KEYS:
            return None
        d = r.__dict__
        actor = d["actor"]
        chance = d["chance"]
        add = d["add"]
        if not add or chance.__class__ is not float or not 0.0 <= chance <= 1.0 or actor not in self.by_kind["actor"]:
            return None
        index = self.index
        own = actor + "."
        why = d["why"]
        ops = []
        for name, value in add.items():
            slot = index.get(own + name) or index.get(name)
            if not slot or name.startswith("self.") or not (value.__class__ is float or value.__class__ is int):
                return None
            ops.append(_tuple_new(Op, ("add", None, why, slot, float(value)) + _CHANGE_TAIL))
        return _tuple_new(RReaction, (rid or d["id"] or "", actor, why, None, chance, tuple(ops)) + _REACTION_TAIL)

    def reaction_in_full(self, it, sub, r: m.Reaction, aliases=None, rid: str | None = None) -> RReaction | None:
        actor = r.actor
        if actor is not None and actor not in self.by_kind["actor"] and not self.check_actor(it, sub + ("actor",), actor):
            return None
        al = dict(aliases) if aliases else {}
        if actor:
            al["self"] = actor
        ops = []
        why = r.why
        reported = len(self.col.problems)
        if r.add:
            self.changes(ops, it, sub, "add", "add", r.add, None, why, al, actor)
        if r.set:
            self.changes(ops, it, sub, "set", "set", r.set, None, why, al, actor)
        if r.multiply:
            self.changes(ops, it, sub, "multiply", "mul", r.multiply, None, why, al, actor)
        for name in [r.set_flag] if isinstance(r.set_flag, str) else r.set_flag:  # one flag, or a list
            name = flag_name(name, al)
            self.flags_set.add(name)
            ops.append(_op("flag", None, why, name=name))
        for name in [r.clear_flag] if isinstance(r.clear_flag, str) else r.clear_flag:
            ops.append(_op("unflag", None, why, name=flag_name(name, al)))
        if r.effects:
            ops.extend(self.ops(it, sub + ("effects",), r.effects, al, actor))
        when = None if r.when is None else self.expr(it, sub + ("when",), r.when, al)
        chance = self.number(it, sub + ("chance",), r.chance, al)
        if isinstance(chance, float) and not 0 <= chance <= 1:
            self.err(it, sub + ("chance",), f"chance {chance:g} is outside 0..1", "write a probability such as 0.5", code="out-of-range")
        if not ops and len(self.col.problems) == reported:  # (not when its changes were just reported as broken)
            self.err(it, sub, "reaction changes nothing", "add add/set/multiply/set_flag/effects", severity="warning", code="no-change")
        if type(r) is m.ReactionRule:
            return RReaction(rid or r.id or "", actor, why, when, chance if chance is not None else 1.0, tuple(ops),
                             r.cooldown_turns, r.max_fires, frozenset(r.on_target))
        return RReaction(rid or r.id or "", actor, why, when, chance if chance is not None else 1.0, tuple(ops))

    def check_unshaped(self, entries) -> None:
        """The expressions and state names of entries that failed validation, checked all the same,
        so that one run of validate reports them with the entry's other problems, not in a later
        round once the entry validates. Found by key (when, requires, weight, chance, score; the
        names and values of add/set/multiply), skipping whatever pydantic already reported."""
        regions = self.by_kind["region"]
        for kind, raw, f, path, layer, bad in entries:
            it = _Item(kind, None, f, path, layer)
            targets = raw.get("targets") if kind == "action" else None
            names = list(regions) if targets == "regions" else [t for t in targets if isinstance(t, str) and t in regions] if isinstance(targets, list) else []
            if isinstance(targets, str) and targets in regions:  # targets = "basra" (reported): read as ["basra"]
                names = [targets]
            for t in names or [None]:
                self.check_raw(it, (), raw, {"target": f"region.{t}"} if t else {}, None, bad)

    def check_raw(self, it: _Item, sub: tuple, node, aliases: dict, actor: str | None, bad: set[tuple]) -> None:
        if not isinstance(node, dict):
            if isinstance(node, list):
                for i, v in enumerate(node):
                    if isinstance(v, (dict, list)) and not _reported(sub + (i,), bad):
                        self.check_raw(it, sub + (i,), v, aliases, actor, bad)
            return
        if isinstance(node.get("actor"), str) and node["actor"] in self.by_kind["actor"]:
            actor = node["actor"]
            aliases = {**aliases, "self": actor}
        for key, value in node.items():
            p = sub + (key,)
            if _reported(p, bad):
                continue
            if key in _EXPR_KEYS and isinstance(value, str):
                self.expr(it, p, value, aliases or None)
            elif key in _CHANGE_KEYS and isinstance(value, dict):
                for name, v in value.items():
                    q = p + (name,)
                    if isinstance(name, str) and not _reported(q, bad):
                        self.target_slot(it, q, name, aliases or None, actor)
                        if isinstance(v, str):
                            self.expr(it, q, v, aliases or None)
            elif isinstance(value, (dict, list)):
                self.check_raw(it, p, value, aliases, actor, bad)

    def links(self, it, sub, text: str):
        if "[[" not in text:
            return
        for mt in LINK.finditer(text):
            target = mt.group(1).strip()
            if target not in self.by_kind["codex"]:
                self.err(it, sub, f"link [[{target}]] points at no codex entry",
                         _codex_fix(target, self.by_kind["codex"], "add the codex entry or remove the brackets"), severity="warning", code="unknown-codex")
                self._at_link(it, sub, mt.group(0))

    def _at_link(self, it: _Item, sub: tuple, written: str) -> None:
        """The problem just added, placed at the link itself: in a text of several lines the key's line
        is not where the link is. (Only on this warning's path.)"""
        f = it.file
        vline, vcol = f.locator().value_line_col(it.path + sub)
        if vline is None:
            return
        start = f.locator()._starts[vline - 1] + vcol - 1
        found = f.text.find(written, start)
        if found < 0:
            return
        line, col = f.locator().line_col_at(found)
        self.col.problems[-1] = dataclasses.replace(self.col.problems[-1], line=line, col=col)

    def codex_key(self, it: _Item) -> None:
        """A warning when an entry's `codex` key names no codex entry."""
        if it.model.codex and it.model.codex not in self.by_kind["codex"]:
            self.err(it, ("codex",), f"unknown codex entry '{it.model.codex}'",
                     _codex_fix(it.model.codex, self.by_kind["codex"], "add the entry or remove the key"), severity="warning", code="unknown-codex")

    def untargetable(self, it: _Item, r, bk) -> None:
        """A warning for each region of a rule's on_target that none of its on_action orders can target:
        the rule never fires for it."""
        orders = [bk["action"][a].model for a in r.on_action if a in bk["action"]]
        if not orders or any(o.targets == "regions" for o in orders):
            return
        can = {t for o in orders for t in o.targets}
        for i, t in enumerate(r.on_target):
            if t in bk["region"] and t not in can:
                names = ", ".join(f"'{o.id}'" for o in orders)
                self.err(it, ("on_target", i), f"no order it answers ({names}) can target '{t}': the rule never fires for it",
                         ("use a region those orders target: " + ", ".join(sorted(can))) if can else
                         "remove on_target: these orders target no region", severity="warning", code="never-targeted")

    # -- the whole scenario
    def link(self) -> Scenario:
        """The playable scenario from the shaped items, every reference checked (problems go to the collector):
        the scenario's own table, then actions, events, reactions, moves, dynamics, endings, codex and policies,
        in that order (the order their problems are reported in)."""
        s = self.scen
        bk = self.by_kind
        initial = self._link_scenario()
        actions = self._link_actions()
        events = self._link_events()
        on_action, on_option, on_event, state = self._link_reactions()
        moves = self._link_moves()
        dynamics = tuple(RDynamic(did, it.model, self.expr(it, ("when",), it.model.when), self.ops(it, ("effects",), it.model.effects))
                         for did, it in bk["dynamic"].items())
        endings = self._link_endings()
        self._check_codex_and_policies()
        return Scenario(
            policy_specs={k: v.model for k, v in bk["policy"].items()},
            flag_words={k: v.model for k, v in bk["flag"].items()},
            meta=s, root="", content_hash="", slots=self.slots, index=self.index,
            metrics={k: v.model for k, v in bk["metric"].items()},
            actors={k: v.model for k, v in bk["actor"].items()},
            regions={k: v.model for k, v in bk["region"].items()},
            actions=actions, events=events,
            on_action={k: tuple(v) for k, v in on_action.items()},
            on_option={k: tuple(v) for k, v in on_option.items()},
            on_event={k: tuple(v) for k, v in on_event.items()},
            state_reactions=tuple(state),
            moves={k: tuple(v) for k, v in moves.items()},
            dynamics=dynamics, endings=tuple(endings),
            codex={k: v.model for k, v in bk["codex"].items()},
            initial_flags=tuple(dict.fromkeys(initial)),
            capital_slot=self.index.get(s.capital, 0), turn_slot=0,
            sources={(k, i): (it.file.shown, it.path) for k, d in bk.items() for i, it in d.items()},
        )

    def _link_scenario(self) -> list[str]:
        """The scenario table's references, and the actors' patrons and flags; returns the flags set at the start."""
        s = self.scen
        bk = self.by_kind
        # scenario-level references
        sf = _Item("scenario", s, self.scen_file, ("scenario",), 0)
        if s.capital not in bk["metric"] and ("metric", s.capital) not in self.col.broken:  # (a broken one says why)
            hint = suggest(s.capital, bk["metric"])
            self.err(sf, ("capital",), f"capital metric '{s.capital}' is not defined",
                     f"did you mean capital = \"{hint}\"?" if hint else
                     "add a [[metric]] with that id or set capital = '<metric id>'", code="unknown-metric")
        for name in s.start:
            if name not in self.index:
                hint = suggest(name, self.index)
                self.err(sf, ("start", name), f"unknown state name '{name}'", f"did you mean '{hint}'?" if hint else "", code="unknown-name")
        for did, d in s.difficulty.items():
            for name in d.start:
                if name not in self.index:
                    hint = suggest(name, self.index)
                    self.err(sf, ("difficulty", did, "start", name), f"unknown state name '{name}'", f"did you mean '{hint}'?" if hint else "", code="unknown-name")
            self.flags_set.update(d.flags)
        if s.default_difficulty and s.default_difficulty not in s.difficulty:
            self.err(sf, ("default_difficulty",), f"no difficulty preset '{s.default_difficulty}'",
                     "use one of: " + ", ".join(s.difficulty) if s.difficulty else "add a [scenario.difficulty.<id>] table", code="unknown-difficulty")
        self.flags_set.update(s.flags)
        initial = list(s.flags)
        for aid, it in bk["actor"].items():
            if it.model.patron is not None:
                self.check_actor(it, ("patron",), it.model.patron)
            for fl in it.model.flags:
                initial.append(f"{aid}.{fl}")
                self.flags_set.add(f"{aid}.{fl}")
            self.codex_key(it)
        if not bk["metric"]:
            self.col.add(self.scen_file, ("scenario",), "the scenario defines no metrics", "add [[metric]] entries in metrics.toml", code="empty-scenario")
        return initial

    def _link_actions(self) -> dict[str, RAction]:
        """Each order, once per region it can target."""
        bk = self.by_kind
        actions = {}
        for aid, it in bk["action"].items():
            a: m.Action = it.model
            targets = list(bk["region"]) if a.targets == "regions" else list(a.targets)
            for i, t in enumerate(targets):
                if t not in bk["region"]:
                    hint = suggest(t, bk["region"])
                    self.err(it, ("targets", i) if a.targets != "regions" else ("targets",), f"unknown region '{t}'",
                             f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(bk["region"]), code="unknown-region")
            variants = {}
            for t in (targets or [None]):
                if t is not None and t not in bk["region"]:
                    continue
                al = {"target": f"region.{t}"} if t else None
                req = self.expr(it, ("requires",), a.requires, al)
                ops = self.ops(it, ("effects",), a.effects, al)
                reacts = tuple(rr for j, r in enumerate(a.reactions)
                               if (rr := self.reaction(it, ("reactions", j), r, al, f"{aid}.reaction{j + 1}")) is not None)
                variants[t] = RVariant(t, req, ops, reacts)
            actions[aid] = RAction(aid, a, variants)
        return actions

    def _link_events(self) -> dict:
        """Each card and its options, chains and weights; a loop of zero-delay chains is reported."""
        s = self.scen
        bk = self.by_kind
        events = {}
        zero_edges: dict[str, dict[str, tuple]] = {}  # event -> the events it brings on with no delay -> where
        dropped = self.col.chains_to  # [remove] chains_to
        chains_used = self.chains_used
        for eid, it in bk["event"].items():
            e: m.Event = it.model
            self.links(it, ("text",), e.text)
            opts = []
            seen = set()
            for j, o in enumerate(e.options):
                op = ("option", j)
                oid = o.id
                if oid in seen:
                    self.err(it, op + ("id",), f"duplicate option id '{oid}'", "give each option its own id", code="duplicate-id")
                seen.add(oid)
                chain = o.chain
                if chain is None:
                    chains = []
                else:
                    listed = isinstance(chain, list)
                    chains = chain if listed else ([chain] if chain else [])
                    kept = []
                    for k, ch in enumerate(chains):  # k counts every chain written, so that paths stay right
                        if ch.event in dropped:  # [remove] chains_to
                            chains_used.add(ch.event)
                            continue
                        kept.append(ch)
                        cp = op + ("chain",) + ((k,) if listed else ())
                        if self.check_event(it, cp + ("event",), ch.event) and ch.delay == 0:
                            zero_edges.setdefault(eid, {}).setdefault(ch.event, cp + ("delay",))
                    chains = kept
                if o.effects:
                    ops = self.ops(it, op + ("effects",), o.effects)
                    for k, eff in enumerate(o.effects):
                        if type(eff) is m.ScheduleEffect and eff.schedule.delay == 0 and eff.schedule.event not in dropped:
                            zero_edges.setdefault(eid, {}).setdefault(eff.schedule.event, op + ("effects", k, "schedule", "delay"))
                else:
                    ops = ()
                reacts = tuple(rr for k, r in enumerate(o.reactions)
                               if (rr := self.reaction(it, op + ("reactions", k), r, None, f"{eid}/{oid}.reaction{k + 1}")) is not None
                               ) if o.reactions else ()
                req = None if o.requires is None else self.expr(it, op + ("requires",), o.requires)
                opts.append(_option(oid, o, req, ops, reacts, tuple(chains)))
            if all(o.requires for o in e.options):
                self.err(it, ("option",), "every option has a requirement; the card could offer no choice",
                         "leave at least one option without 'requires'", code="no-free-option")
            if e.min_turn > e.max_turn:
                self.err(it, ("min_turn",), "min_turn is after max_turn", "swap them", code="range-order")
            mods = tuple((wm.factor, c) for k, wm in enumerate(e.weight_mods)
                         if (c := self.expr(it, ("weight_mods", k, "when"), wm.when)) is not None) if e.weight_mods else ()
            weight = e.weight
            weight = float(weight) if isinstance(weight, (int, float)) else self.expr(it, ("weight",), weight)
            when = None if e.when is None else self.expr(it, ("when",), e.when)
            events[eid] = _event(eid, e, when, weight if weight is not None else 0.0, mods,
                                 s.default_cooldown if e.cooldown_turns is None else e.cooldown_turns, tuple(opts))
        self.zero_delay_cycles(zero_edges)
        for eid in dropped.keys() - chains_used:
            f, path = dropped[eid]
            self.col.add(f, path, f"no chain or schedule effect leads to '{eid}': nothing to drop",
                         "check the event id, or take it out of chains_to", "warning", code="remove-id")
        return events

    def _link_reactions(self) -> tuple[dict[str, list], dict[str, list], dict[str, list], list]:
        """The reaction rules, by what sets them off: (on an order, on an option, on a card, on the state)."""
        bk = self.by_kind
        on_action: dict[str, list] = {}
        on_option: dict[str, list] = {}
        on_event: dict[str, list] = {}
        state = []
        for rid, it in bk["reaction"].items():
            r: m.ReactionRule = it.model
            rr = self.reaction(it, (), r, None, rid)
            for i, a in enumerate(r.on_action):
                if a not in bk["action"]:
                    hint = suggest(a, bk["action"])
                    self.err(it, ("on_action", i), f"unknown action '{a}'", f"did you mean '{hint}'?" if hint else "use an action id", code="unknown-action")
                elif rr:
                    on_action.setdefault(a, []).append(rr)
            for i, t in enumerate(r.on_target):
                if t not in bk["region"]:
                    hint = suggest(t, bk["region"])
                    self.err(it, ("on_target", i), f"unknown region '{t}'",
                             f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(bk["region"]), code="unknown-region")
            if r.on_target and not self.codegen:  # (validate and lint) a region none of its orders can target
                self.untargetable(it, r, bk)
            for i, o in enumerate(r.on_option):
                problem = self.symbols.check_ref("option", o)
                if problem:
                    fix = self.symbols.fixes.get(problem, "")
                    if "/" not in o and o in bk["event"]:
                        fix += f"; or on_event = [\"{o}\"] to react when the card is shown"
                    self.err(it, ("on_option", i), problem, fix, code="unknown-option")
                elif rr:
                    on_option.setdefault(o, []).append(rr)
            for i, ev in enumerate(r.on_event):
                if self.check_event(it, ("on_event", i), ev) and rr:
                    on_event.setdefault(ev, []).append(rr)
            if not (r.on_action or r.on_option or r.on_event):
                if r.when is None:
                    self.err(it, (), "a reaction with no trigger needs a 'when' condition",
                             "add on_action, on_option, on_event or when", code="no-trigger")
                elif rr:
                    state.append(rr)
        return on_action, on_option, on_event, state

    def _link_moves(self) -> dict[str, list]:
        """Each actor's own moves."""
        bk = self.by_kind
        moves: dict[str, list] = {aid: [] for aid in bk["actor"]}
        for mid, it in bk["move"].items():
            mv: m.Move = it.model
            if not self.check_actor(it, ("actor",), mv.actor):
                continue
            al = {"self": mv.actor}
            w = self.number(it, ("weight",), mv.weight, al)
            moves[mv.actor].append(RMove(mid, mv.actor, mv, self.expr(it, ("when",), mv.when, al),
                                         w if w is not None else 0.0, self.ops(it, ("effects",), mv.effects, al, mv.actor)))
        return moves

    def _link_endings(self) -> list[REnding]:
        """The endings, highest priority first."""
        bk = self.by_kind
        endings = []
        for eid, it in bk["ending"].items():
            sc = self.number(it, ("score",), it.model.score)
            endings.append(REnding(eid, it.model, self.expr(it, ("when",), it.model.when), sc if sc is not None else 0.0))
        endings.sort(key=lambda e: -e.model.priority)
        if endings and not any(e.model.when is None or e.model.at_end for e in endings):
            self.col.add(self.scen_file, ("scenario",), "no ending can close a game that reaches its last turn",
                         "add an [[ending]] with at_end = true and no 'when'", severity="warning", code="no-last-turn-ending")
        if not endings:
            self.col.add(self.scen_file, ("scenario",), "the scenario defines no endings", "add [[ending]] entries in endings.toml", code="empty-scenario")
        return endings

    def _check_codex_and_policies(self) -> None:
        """Checks that build nothing: a second player's side, codex keys and links, and the policies' names."""
        bk = self.by_kind
        if not self.codegen:  # (validate and lint) a second player's side, which the game ignores
            players = [it for it in bk["actor"].values() if it.model.player]
            for it in players[1:]:
                self.err(it, ("player",), f"'{players[0].id}' also says player = true: the game takes '{players[0].id}' "
                         f"as the player's side, not this actor",
                         "remove player = true from all but one actor", severity="warning", code="two-players")
        if not self.codegen:  # (validate and lint) the codex keys of metrics, regions and orders
            for kind in ("metric", "region", "action"):
                for it in bk[kind].values():
                    self.codex_key(it)

        for cid, it in bk["codex"].items():
            self.links(it, ("body",), it.model.body)
            for i, other in enumerate(it.model.see):
                if other not in bk["codex"]:
                    self.err(it, ("see", i), f"unknown codex entry '{other}'", _codex_fix(other, bk["codex"], "use a codex id"), severity="warning", code="unknown-codex")

        for pid, it in bk["policy"].items():
            for name in it.model.actions:
                if name not in bk["action"]:
                    hint = suggest(name, bk["action"])
                    self.err(it, ("actions", name), f"unknown action '{name}'", f"did you mean '{hint}'?" if hint else "use an action id", code="unknown-action")
            bare = None
            for name in it.model.options:
                if "/" in name and (problem := self.symbols.check_ref("option", name)):
                    self.err(it, ("options", name), problem, self.symbols.fixes.get(problem, "write 'event.id/option_id' or a bare option id"), code="unknown-option")
                elif "/" not in name and not self.codegen:  # (validate and lint only) a bare id no option has
                    if bare is None:
                        bare = {o.id for e in bk["event"].values() for o in e.model.options}
                    if name not in bare:
                        hint = suggest(name, bare)
                        self.err(it, ("options", name), f"no event has an option '{name}': this weight applies to nothing",
                                 f"did you mean '{hint}'?" if hint else "write an option's id, or 'event.id/option_id'",
                                 severity="warning", code="unknown-option")

    def zero_delay_cycles(self, edges: dict[str, dict[str, tuple]]):
        """A loop of chains (or schedules) of delay 0 would bring its cards on without end in one turn. It is
        reported at the delay of the link that closes it (the option's chain, or its schedule effect)."""
        state: dict[str, int] = {}
        for node in list(edges):
            if node not in state:
                self._visit(edges, state, node, [node])

    def _visit(self, edges: dict[str, dict[str, tuple]], state: dict[str, int], node: str, stack: list[str]) -> None:
        """zero_delay_cycles' depth-first walk from `node`. (A method, not a closure: a closure that calls itself
        is a reference cycle, and it held the linker, and so every parsed file, until the next full collection.)"""
        state[node] = 1
        for nxt, where in edges.get(node, {}).items():
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt]
                it = self.by_kind["event"][node]
                self.err(it, where, "chain of zero delay loops back: " + " -> ".join(cycle),
                         "give one link of the loop a delay of 1 or more", code="zero-delay-cycle")
            elif state.get(nxt) is None:
                self._visit(edges, state, nxt, stack + [nxt])
        state[node] = 2


_ARGS = {"num": "x", "slot": "name", "flag": "'ns.flag'", "event": "'ns.event'", "action": "'action'", "option": "'ns.event/option'"}
_DANGLING = re.compile(r"(\band|\bor|\bnot|[-+*/%<>=!(,])\s*$")


_OP_AT = re.compile(r"(?:and|or)\b|==|!=|<=|>=|[*/%<>]")
_OP_BEFORE = re.compile(r"(\band|\bor|\bnot|==|!=|<=|>=|[-+*/%<>(])$")


def _unjoined(source: str, col: int | None) -> str | None:
    """What is wrong where Python says only 'invalid syntax' at `col`: two operators in a row
    ('and and'), or two values with nothing between them ('cohesion < 5 treasury > 3')."""
    text = source.strip()  # (the compiler's columns count from the stripped text)
    if col is None or not 0 < col < len(text):
        return None
    before, after = text[:col].rstrip(), text[col:]
    op_now, op_before = _OP_AT.match(after), _OP_BEFORE.search(before)
    if op_now is not None and op_before is not None:
        return (f"two operators in a row ('{op_before.group(1)} {op_now.group(0)}'): remove one, "
                "or put a value between them")
    value_now = re.match(r"[A-Za-z_][\w.]*|\d+(?:\.\d+)?", after)
    if op_now is not None or value_now is None or not before:
        return None
    last = before.split()[-1]
    q = '"' if "'" in text else "'"  # quote what holds quotes with the other kind
    if last == "not":
        return ("'not' goes before a condition, not between two: join them with 'and not' or 'or not' "
                f"(e.g. {q}{before[:-3].rstrip()} and not {after}{q})")
    example = "" if value_now.group(0)[0].isdigit() else f" (e.g. {q}{before} and {after}{q})"
    return f"nothing joins {q}{last}{q} and {q}{value_now.group(0)}{q}: put 'and', 'or' or an operator between them" + example


def _in_single_quotes(it: _Item, sub: tuple) -> bool:
    """Whether the value at `sub` is written as a TOML literal string in single quotes (not a triple-quoted one)."""
    if it.file is None:
        return False
    off = it.file.locator().value_offset(it.path + sub)
    text = it.file.text
    return off is not None and text.startswith("'", off) and not text.startswith("'" * 3, off)


def _expr_fix(message: str, source: str, col: int | None, fix: str) -> str:
    """A fix for an expression error that the compiler words without one (or with only the general
    'check brackets, quotes and operators'): what to write instead. Runs only for expressions in error."""
    from game.expr.functions import FUNCTIONS

    general = fix == "check brackets, quotes and operators"
    if fix and not general:
        return fix
    if message.startswith("syntax error: unterminated string") or message.startswith("syntax error: unterminated triple"):
        return "a text in the expression is never closed: end it with the same quote it starts with, e.g. flag('ns.flag')"
    if message == "syntax error" or general:
        stripped = source.rstrip()
        if re.search(r"\d\s*%(?!\s*[\w(])", stripped):
            return "'%' is the remainder of a division: write plain numbers (40, not 40%)"
        if (end := _DANGLING.search(stripped)) is not None:
            return f"the expression ends with '{end.group(1)}': add what should follow it, or remove it"
        if message == "syntax error" and (joined := _unjoined(source, col)) is not None:
            return joined
        opened, closed = stripped.count("("), stripped.count(")")
        if opened > closed:
            return f"close each '(' with a ')' ({opened} '(' but {closed} ')')"
        if closed > opened:
            return f"remove the extra ')', or add the '(' it closes ({opened} '(' but {closed} ')')"
        return fix or "check brackets, quotes and operators"
    mt = re.match(r"(\w+)\(\) (?:needs a quoted \w+ name|takes )", message)
    if mt is not None and mt.group(1) in FUNCTIONS:
        spec = FUNCTIONS[mt.group(1)]
        if "needs a quoted" in message and col is not None:
            written = re.match(r"[\w.]+", source[col:])
            if written is not None:
                return f"put the name in quotes: {spec.name}('{written.group(0)}')"
        return f"write it as {spec.name}({', '.join(_ARGS.get(k, k) for k in spec.params)})" + (
            f", the last {spec.optional} optional" if spec.optional else "") + f": {spec.doc}"
    if message.startswith("text is only allowed"):
        quoted = re.match(r"(['\"])(.*?)\1", source[col:]) if col is not None else None
        if quoted is not None and re.fullmatch(r"-?\d+(\.\d+)?", quoted.group(2)):  # trust < '45'
            return f"remove the quotes from a number ({quoted.group(2)}, not {quoted.group(0)})"
        if quoted is not None and re.fullmatch(r"[a-z_][a-z0-9_.]*", quoted.group(2)):
            name = quoted.group(2)
            return f"remove the quotes from a name ({name}, not {quoted.group(0)}), or pass the text to a function such as flag({quoted.group(0)})"
        return "remove the quotes from a name (cohesion, not 'cohesion'), or pass the text to a function such as flag('name')"
    if message.startswith(("operator ", "that comparison is not allowed")) or "is not allowed in expressions" in message:
        return "use + - * / %, comparisons (< <= > >= == !=), and, or, not, x if c else y, and the listed functions"
    if "is not allowed; " in message:  # 'is' is not allowed; use ==
        rest = message.split("is not allowed; ", 1)[1]
        return "write " + rest[4:] + " instead" if rest.startswith("use ") else rest
    if message.startswith("number ") and "out of bounds" in message:
        return "write a smaller number"
    if message.startswith(("attributes are only allowed", "only the listed functions")):
        return "write a state name such as sadrists.stance, or call a listed function by its name, such as flag('x')"
    if "takes no keyword arguments" in message:
        return "pass the arguments by position, e.g. taken('offensive', 3)"
    if "names with double underscores" in message:
        return "rename it without double underscores"
    if message.startswith(("literal ", "expression cannot be parsed")):
        return "write numbers, names in plain letters, and text only in quotes inside a function"
    if "name is too long" in message:
        return "use the id as the content defines it (at most 120 characters)"
    return fix or "see the expression functions and names in docs/modding.md"


def _reported(path: tuple, bad: set[tuple]) -> bool:
    """Whether `path` lies at or under one that pydantic already reported."""
    return any(path[:len(b)] == b for b in bad)


_UNKNOWN_SELF = re.compile(r"unknown name '(self\.[^']*)'$")
