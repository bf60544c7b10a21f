"""The whole state of a game, and its lossless JSON form."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from game.engine.report import Change, News, TurnReport

NEVER = 999


# How this engine deals a turn's cards. A save keeps its game's rule, so that its choices replay as they were made.
# 1: the cards one choice brings on the same turn (a chain or schedule of delay 0) each went ahead of the
#    cards waiting, so two came in reverse order (saves before this field);
# 2: they come in the order written;
# 3: each card is dealt when it comes up, not all when the turn begins: its reactions happen then, after
#    the answers before it, and a card that an answer before it made moot (its condition no longer holds,
#    or it has come as often as it may) is set aside unseen.
RULES = 3


@dataclass
class State:
    """Everything that changes during a game. Plain data; the session changes it."""

    scenario: str
    seed: int
    difficulty: str | None
    values: list[float]
    turn: int = 1
    phase: str = "briefing"  # briefing | orders | ended
    flags: dict[str, int] = field(default_factory=dict)  # flag -> turn set
    fired: dict[str, int] = field(default_factory=dict)  # event -> times fired
    last_fired: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)  # "event/option" -> times chosen
    taken: dict[str, list[int]] = field(default_factory=dict)  # action -> turns ordered
    ready: dict[str, int] = field(default_factory=dict)  # "move:x" / "reaction:x" / "action:x" -> first turn available
    fires: dict[str, int] = field(default_factory=dict)  # reaction -> times fired
    scheduled: list[list] = field(default_factory=list)  # [due turn, event id, priority, source]
    lagged: list[list] = field(default_factory=list)  # [due turn, kind, slot, value, cause, source, why, actor]
    queue: list[str] = field(default_factory=list)  # event cards dealt and waiting for a choice
    coming: list[str] = field(default_factory=list)  # (rule 3) this turn's cards still to be dealt, in order
    history: list[list[float]] = field(default_factory=list)  # values at the end of each turn; [0] = start
    news: list[News] = field(default_factory=list)
    reports: list[TurnReport] = field(default_factory=list)
    current: TurnReport | None = None
    choices: list[dict] = field(default_factory=list)  # per turn: {"events": [[id, opt]], "orders": [[id, target]]}
    ending: str | None = None
    forced_ending: str | None = None
    score: float = 0.0
    rng: random.Random = field(default_factory=random.Random)
    rules: int = RULES  # see RULES

    def to_json(self) -> dict:
        version, internal, gauss = self.rng.getstate()
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "values": self.values,
            "turn": self.turn,
            "phase": self.phase,
            "flags": self.flags,
            "fired": self.fired,
            "last_fired": self.last_fired,
            "chosen": self.chosen,
            "taken": self.taken,
            "ready": self.ready,
            "fires": self.fires,
            "scheduled": self.scheduled,
            "lagged": self.lagged,
            "queue": self.queue,
            "coming": self.coming,
            "history": self.history,
            "news": [n.to_json() for n in self.news],
            "reports": [r.to_json() for r in self.reports],
            "current": self.current.to_json() if self.current else None,
            "choices": self.choices,
            "ending": self.ending,
            "forced_ending": self.forced_ending,
            "rules": self.rules,
            "score": self.score,
            "rng": [version, list(internal), gauss],
        }

    @classmethod
    def from_json(cls, d: dict) -> "State":
        rng = random.Random()
        version, internal, gauss = d["rng"]
        rng.setstate((version, tuple(internal), gauss))
        return cls(
            scenario=d["scenario"],
            seed=d["seed"],
            difficulty=d["difficulty"],
            values=[float(v) for v in d["values"]],
            turn=d["turn"],
            phase=d["phase"],
            flags=dict(d["flags"]),
            fired=dict(d["fired"]),
            last_fired=dict(d["last_fired"]),
            chosen=dict(d["chosen"]),
            taken={k: list(v) for k, v in d["taken"].items()},
            ready=dict(d["ready"]),
            fires=dict(d["fires"]),
            scheduled=[list(x) for x in d["scheduled"]],
            lagged=[list(x) for x in d["lagged"]],
            queue=list(d["queue"]),
            coming=list(d.get("coming", ())),  # (none before rule 3)
            history=[[float(v) for v in row] for row in d["history"]],
            news=[News(*n) for n in d["news"]],
            reports=[TurnReport.from_json(r) for r in d["reports"]],
            current=TurnReport.from_json(d["current"]) if d.get("current") else None,
            choices=[dict(c) for c in d["choices"]],
            ending=d["ending"],
            forced_ending=d.get("forced_ending"),
            score=d["score"],
            rng=rng,
            rules=d.get("rules", 1),  # a save from before the field: the first rule
        )


class View:
    """What expressions may ask of the state besides plain values (the X of compiled code)."""

    __slots__ = ("s",)

    def __init__(self, state: State):
        self.s = state

    def flag(self, name: str) -> bool:
        return name in self.s.flags

    def flag_age(self, name: str) -> int:
        t = self.s.flags.get(name)
        return NEVER if t is None else self.s.turn - t

    def fired(self, event: str) -> int:
        return self.s.fired.get(event, 0)

    def turns_since(self, event: str) -> int:
        t = self.s.last_fired.get(event)
        return NEVER if t is None else self.s.turn - t

    def chose(self, option: str) -> bool:
        return option in self.s.chosen

    def taken(self, action: str, n: float = 1) -> int:
        turns = self.s.taken.get(action)
        if not turns:
            return 0
        since = self.s.turn - int(n)
        # turns are appended in order, so count back from the newest
        count = 0
        for t in reversed(turns):
            if t <= since:
                break
            count += 1
        return count

    def _past(self, slot: int, n: float) -> float:
        h = self.s.history
        if not h:
            return self.s.values[slot]
        i = len(h) - (int(n) if n > 1 else 1)  # n turns back, at least 1 (NaN counts as 1)
        return h[i if i > 0 else 0][slot]

    def prev(self, slot: int, n: float = 1) -> float:
        return self._past(slot, n)

    def change(self, slot: int, n: float = 1) -> float:
        return self.s.values[slot] - self._past(slot, n)


__all__ = ["State", "View", "Change", "NEVER"]
