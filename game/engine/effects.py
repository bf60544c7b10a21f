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


def value_of(v, values, view) -> float:
    if isinstance(v, float):
        return v
    try:
        x = float(v.fn(values, view))
    except (OverflowError, TypeError, ValueError, ZeroDivisionError):
        return 0.0
    if x != x:
        return 0.0
    return max(-MAX_ABS, min(MAX_ABS, x))


def holds(cond, values, view) -> bool:
    if cond is None:
        return True
    try:
        return bool(cond.fn(values, view))
    except (OverflowError, TypeError, ValueError, ZeroDivisionError):
        return False


class Applier:
    """Runs ops against a state; every change lands in the current report."""

    def __init__(self, scenario: Scenario, state: State, view: View, scheduler):
        self.labels = [_label(scenario, s) for s in scenario.slots]
        self.sc = scenario
        self.st = state
        self.view = view
        self.scheduler = scheduler  # (event id, delay, source) -> None

    def owner(self, slot: int, cause: Cause) -> str:
        if cause.actor:
            return cause.actor
        s = self.sc.slots[slot]
        return s.owner if s.kind == "actor" else ""

    def set_value(self, slot: int, new: float, cause: Cause, why: str | None):
        s = self.sc.slots[slot]
        values = self.st.values
        new = s.lo if new < s.lo else s.hi if new > s.hi else new
        old = values[slot]
        if abs(new - old) < 1e-9:
            return
        values[slot] = new
        cur = self.st.current
        if cur is not None:
            cur.changes.append(Change(self.st.turn, s.name, self.labels[slot], old, new, cause.cause, cause.source,
                                      why or cause.why, cause.actor or (s.owner if s.kind == "actor" else "")))

    def record(self, change: Change):
        if self.st.current is not None:
            self.st.current.changes.append(change)

    def set_flag(self, name: str, on: bool, cause: Cause, why: str | None):
        flags = self.st.flags
        if on == (name in flags):
            return
        if on:
            flags[name] = self.st.turn
        else:
            del flags[name]
        owner, _, _ = name.partition(".")
        actor = cause.actor or (owner if owner in self.sc.actors else "")
        self.record(Change(self.st.turn, "flag:" + name, name, 0.0 if on else 1.0, 1.0 if on else 0.0,
                           cause.cause, cause.source, why or cause.why, actor))

    def apply(self, ops: tuple[Op, ...], cause: Cause, lag: int = 0):
        values, view, rng = self.st.values, self.view, self.st.rng
        for op in ops:
            if op.when is not None and not holds(op.when, values, view):
                continue
            k = op.kind
            if k in ("add", "set", "mul"):
                amount = value_of(op.value, values, view)
                if lag:
                    self.st.lagged.append([self.st.turn + lag, k, op.slot, amount, cause.cause, cause.source,
                                           op.why or cause.why, cause.actor])
                    continue
                self.numeric(k, op.slot, amount, cause, op.why)
            elif k == "flag" or k == "unflag":
                self.set_flag(op.name, k == "flag", cause, op.why)
            elif k == "roll":
                p = value_of(op.chance, values, view)
                ok = rng.random() < p
                self.apply(op.success if ok else op.failure, cause, lag)
                self.record(Change(self.st.turn, "roll:" + (op.name or "chance"), op.name or "chance", p, 1.0 if ok else 0.0,
                                   cause.cause, cause.source, (op.why or cause.why) + (" (it worked)" if ok else " (it failed)"),
                                   cause.actor))
            elif k == "schedule":
                p = op.chance if isinstance(op.chance, float) else value_of(op.chance, values, view)
                if p >= 1.0 or rng.random() < p:
                    self.scheduler(op.name, op.delay, cause.source)
            elif k == "news":
                self.st.news.append(News(self.st.turn, op.name, cause.cause))
            elif k == "end":
                if self.st.forced_ending is None:
                    self.st.forced_ending = op.name

    def numeric(self, kind: str, slot: int, amount: float, cause: Cause, why: str | None):
        old = self.st.values[slot]
        new = old + amount if kind == "add" else amount if kind == "set" else old * amount
        self.set_value(slot, new, cause, why)


def _label(sc: Scenario, s) -> str:
    if s.kind == "metric":
        return s.label
    if s.kind == "actor":
        return f"{sc.actors[s.owner].short} {s.label.lower() if s.label else s.attr}"
    if s.kind == "region":
        return f"{sc.regions[s.owner].name} {s.label.lower() if s.label else s.attr}"
    return s.label
