"""Apply compiled effects to the state, recording every change with its cause."""

from __future__ import annotations

from dataclasses import dataclass

from game.content.runtime import Op, Scenario
from game.engine.report import Change, News
from game.engine.state import State, View

MAX_ABS = 1e9


@dataclass(slots=True)
class Cause:
    """Who and what is behind a batch of changes."""

    cause: str  # order | option | reaction | move | dynamic | event | ending
    source: str  # rule id
    why: str
    actor: str = ""
    where: str = ""  # the region an order (or a reaction to it) was aimed at, for the report: "Basra"


def value_of(v, values, view) -> float:
    if isinstance(v, float):
        return v
    try:
        x = float(v.fn(values, view))
    except (ArithmeticError, TypeError, ValueError):
        return 0.0
    if x != x:
        return 0.0
    return max(-MAX_ABS, min(MAX_ABS, x))


def holds(cond, values, view) -> bool:
    if cond is None:
        return True
    try:
        return bool(cond.fn(values, view))
    except (ArithmeticError, TypeError, ValueError):
        return False


class Applier:
    """Runs ops against a state; every change lands in the current report."""

    def __init__(self, scenario: Scenario, state: State, view: View, scheduler):
        slots = scenario.__dict__.get("_slot_tables")  # per scenario, shared by its sessions
        if slots is None:
            slots = scenario.__dict__["_slot_tables"] = (
                [scenario.label_of(s) for s in scenario.slots], [s.name for s in scenario.slots],
                [s.lo for s in scenario.slots], [s.hi for s in scenario.slots],
                [s.owner if s.kind == "actor" else "" for s in scenario.slots])
        self.labels, self.names, self.lo, self.hi, self.owners = slots
        self.recording = True  # False in lean simulation: no change records or news, same outcome
        self.sc = scenario
        self.st = state
        self.view = view
        self.scheduler = scheduler  # (event id, delay, source) -> None
        self.fast_ops: dict | None = None  # id(ops) -> generated function (lean sessions; game/engine/fast.py)

    def owner(self, slot: int, cause: Cause) -> str:
        if cause.actor:
            return cause.actor
        return self.owners[slot]

    def set_value(self, slot: int, new: float, cause: Cause, why: str | None):
        lo = self.lo[slot]
        hi = self.hi[slot]
        if new < lo:
            new = lo
        elif new > hi:
            new = hi
        values = self.st.values
        old = values[slot]
        if -1e-9 < new - old < 1e-9:
            return
        values[slot] = new
        if self.recording:
            cur = self.st.current
            if cur is not None:
                cur.changes.append(Change(self.st.turn, self.names[slot], self.labels[slot], old, new, cause.cause,
                                          cause.source, why or cause.why, cause.actor or self.owners[slot], cause.where))

    def record(self, change: Change):
        if self.recording and self.st.current is not None:
            self.st.current.changes.append(change)

    def set_flag(self, name: str, on: bool, cause: Cause, why: str | None):
        flags = self.st.flags
        if on == (name in flags):
            return
        if on:
            flags[name] = self.st.turn
        else:
            del flags[name]
        if self.recording:
            owner, _, _ = name.partition(".")
            actor = cause.actor or (owner if owner in self.sc.actors else "")
            self.record(Change(self.st.turn, "flag:" + name, self.sc.flag_label(name), 0.0 if on else 1.0, 1.0 if on else 0.0,
                               cause.cause, cause.source, why or cause.why, actor, cause.where))

    def apply(self, ops: tuple[Op, ...], cause: Cause, lag: int = 0):
        if self.fast_ops is not None and not lag and not self.recording:
            fn = self.fast_ops.get(id(ops))
            if fn is not None:
                fn(self.st.values, self.view, self.st, cause, self.scheduler)
                return
        st = self.st
        values, view = st.values, self.view
        for op in ops:
            when = op.when
            if when is not None:
                try:
                    if not when.fn(values, view):
                        continue
                except (ArithmeticError, TypeError, ValueError):
                    continue
            k = op.kind
            if k == "add" or k == "set" or k == "mul":
                v = op.value
                amount = v if v.__class__ is float else value_of(v, values, view)
                if lag:
                    st.lagged.append([st.turn + lag, k, op.slot, amount, cause.cause, cause.source,
                                      op.why or cause.why, cause.actor])
                    continue
                slot = op.slot
                if k == "add":
                    self.set_value(slot, values[slot] + amount, cause, op.why)
                elif k == "set":
                    self.set_value(slot, amount, cause, op.why)
                else:
                    self.set_value(slot, values[slot] * amount, cause, op.why)
            elif k == "flag" or k == "unflag":
                self.set_flag(op.name, k == "flag", cause, op.why)
            elif k == "roll":
                p = value_of(op.chance, values, view)
                ok = st.rng.random() < p
                self.apply(op.success if ok else op.failure, cause, lag)
                if self.recording:
                    self.record(Change(st.turn, "roll:" + (op.name or "chance"), op.name or "chance", p, 1.0 if ok else 0.0,
                                       cause.cause, cause.source,
                                       (op.why or cause.why) + (" (it worked)" if ok else " (it failed)"), cause.actor, cause.where))
            elif k == "schedule":
                p = op.chance if isinstance(op.chance, float) else value_of(op.chance, values, view)
                if p >= 1.0 or st.rng.random() < p:
                    self.scheduler(op.name, op.delay, cause.source)
            elif k == "news":
                if self.recording:
                    st.news.append(News(st.turn, op.name, cause.cause))
            elif k == "end":
                if st.forced_ending is None:
                    st.forced_ending = op.name

    def numeric(self, kind: str, slot: int, amount: float, cause: Cause, why: str | None):
        old = self.st.values[slot]
        new = old + amount if kind == "add" else amount if kind == "set" else old * amount
        self.set_value(slot, new, cause, why)

