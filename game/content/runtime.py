"""Linked, immutable runtime objects built from validated models: what the engine plays."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from game.content import models as m
from game.expr.compiler import Compiled


@dataclass(frozen=True, slots=True)
class Slot:
    """One number of the state: a metric, an actor's or a region's attribute."""

    index: int
    name: str
    label: str
    lo: float
    hi: float
    start: float
    kind: str  # "metric" | "actor" | "region" | "builtin"
    owner: str | None  # actor or region id
    attr: str


# ---- compiled effects ("ops"); the engine applies them


class Op(NamedTuple):
    """A compiled effect. kind: add|set|mul|flag|unflag|schedule|end|news|roll.

    A named tuple, not a frozen dataclass as the other runtime objects are: a large mod links tens of
    thousands of these, and a tuple is made in one step where a frozen dataclass sets each field in turn
    (bench/bench_modding.py). It is as immutable and read the same way (op.kind, op.slot...)."""

    kind: str
    when: Compiled | None = None
    why: str | None = None
    slot: int = -1
    value: Any = None  # float or Compiled
    name: str = ""  # flag, event id, ending id or news text
    delay: int = 0
    chance: Any = 1.0  # float or Compiled
    success: tuple["Op", ...] = ()
    failure: tuple["Op", ...] = ()


class RReaction(NamedTuple):
    """A linked reaction. A named tuple, as Op is: a campaign links some 600, most of them in one step
    (link._Linker.plain_reaction); it is as immutable and read the same way (r.id, r.ops...)."""

    id: str
    actor: str | None
    why: str
    when: Compiled | None
    chance: Any
    ops: tuple[Op, ...]
    cooldown: int = 0
    max_fires: int = 0
    targets: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ROption:
    id: str
    model: m.Option
    requires: Compiled | None
    ops: tuple[Op, ...]
    reactions: tuple[RReaction, ...]
    chains: tuple[m.Chain, ...]


@dataclass(frozen=True, slots=True)
class REvent:
    id: str
    model: m.Event
    when: Compiled | None
    weight: Any
    weight_mods: tuple[tuple[float, Compiled], ...]
    cooldown: int
    options: tuple[ROption, ...]


@dataclass(frozen=True, slots=True)
class RVariant:
    """An action compiled for one target (or for none)."""

    target: str | None
    requires: Compiled | None
    ops: tuple[Op, ...]
    reactions: tuple[RReaction, ...]


@dataclass(frozen=True, slots=True)
class RAction:
    id: str
    model: m.Action
    variants: dict  # target (str | None) -> RVariant


@dataclass(frozen=True, slots=True)
class RMove:
    id: str
    actor: str
    model: m.Move
    when: Compiled | None
    weight: Any
    ops: tuple[Op, ...]


@dataclass(frozen=True, slots=True)
class RDynamic:
    id: str
    model: m.Dynamic
    when: Compiled | None
    ops: tuple[Op, ...]


@dataclass(frozen=True, slots=True)
class REnding:
    id: str
    model: m.Ending
    when: Compiled | None
    score: Any


@dataclass
class Scenario:
    """A loaded scenario, ready to play. Treat as read-only."""

    meta: m.Scenario
    root: str
    content_hash: str
    slots: list[Slot]
    index: dict[str, int]
    metrics: dict[str, m.Metric]
    actors: dict[str, m.Actor]
    regions: dict[str, m.Region]
    actions: dict[str, RAction]
    events: dict[str, REvent]
    on_action: dict[str, tuple[RReaction, ...]]
    on_option: dict[str, tuple[RReaction, ...]]
    on_event: dict[str, tuple[RReaction, ...]]
    state_reactions: tuple[RReaction, ...]
    moves: dict[str, tuple[RMove, ...]]  # by actor, in actor order
    dynamics: tuple[RDynamic, ...]
    endings: tuple[REnding, ...]  # by priority, highest first
    codex: dict[str, m.CodexEntry]
    initial_flags: tuple[str, ...]
    capital_slot: int
    turn_slot: int
    warnings: list = field(default_factory=list)
    sources: dict = field(default_factory=dict)  # (kind, id) -> (file, the entry's path in it, e.g. ("event", 3))
    mods: tuple[str, ...] = ()
    policy_specs: dict = field(default_factory=dict)  # id -> models.PolicySpec
    flag_words: dict = field(default_factory=dict)  # flag -> models.Flag: its words ([[flag]] entries)

    @property
    def policies(self) -> dict:
        from game.sim.policies import ScriptedPolicy

        return {pid: ScriptedPolicy(pid, dict(p.actions), dict(p.options), p.orders_per_turn, p.historical)
                for pid, p in self.policy_specs.items()}

    @property
    def id(self) -> str:
        return self.meta.id

    def slot(self, name: str) -> Slot:
        return self.slots[self.index[name]]

    def turn_date(self, turn: int):
        """The in-game date of a turn: turn 1 is the start date, each turn `turn_days` later (the one
        place it is worked out: the game's screens and the debrief both ask here)."""
        import datetime as dt

        return self.meta.start_date + dt.timedelta(days=(turn - 1) * self.meta.turn_days)

    def flag_label(self, name: str) -> str:
        """A flag in words: its [[flag]] label when the content gives one; else words made from its id,
        'Sadrists: truce extended' for 'sadrists.truce_extended' (an actor's flag), 'offensive begun' for
        'basra.offensive_begun'."""
        words = self.flag_words.get(name)
        if words is not None:
            return words.label
        owner, _, rest = name.partition(".")
        words = (rest or owner).replace("_", " ")
        if rest and owner in self.actors:
            return f"{self.actors[owner].short}: {words}"
        return words

    def flag_status(self, name: str) -> str:
        """An actor's flag as a tag under the actor: its [[flag]] short words, or the words of its id
        ('truce extended')."""
        words = self.flag_words.get(name)
        return (words.short if words is not None else "") or name.split(".", 1)[-1].replace("_", " ")

    def label_of(self, s: Slot) -> str:
        """How reports name a state number: 'Coalition cohesion', 'Sadrists stance', 'Basra violence'."""
        attr = s.label.lower() if s.label else s.attr
        if s.kind == "actor" and s.owner in self.actors:
            return f"{self.actors[s.owner].short} {attr}"
        if s.kind == "region" and s.owner in self.regions:
            return f"{self.regions[s.owner].short_name} {attr}"
        return s.label or s.name

    def start_values(self, difficulty: str | None) -> list[float]:
        values = [s.start for s in self.slots]
        overrides = dict(self.meta.start)
        preset = self.meta.difficulty.get(difficulty or "") if difficulty else None
        if preset:
            overrides.update(preset.start)
        for name, v in overrides.items():
            s = self.slots[self.index[name]]
            values[s.index] = min(s.hi, max(s.lo, float(v)))
        return values
