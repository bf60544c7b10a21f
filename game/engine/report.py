"""What happened and why: changes with their causes, turn reports and previews."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable

from game.words import flag_change


@dataclass(slots=True)
class Change:
    """One change of state and the rule that caused it."""

    turn: int
    target: str  # slot name ("sadrists.stance") or "flag:<name>" or "event:<id>" or "news"
    label: str
    before: float
    after: float
    cause: str  # order | option | reaction | move | dynamic | event | ending | start
    source: str  # the rule's id, e.g. "reaction supreme_council.protests_raid"
    why: str
    actor: str  # whose change this is, for grouping ("" = the country)
    where: str = ""  # the region of the order behind it ("Basra"), so that one order given in two regions reads apart

    def shown_why(self) -> str:
        """The reason, less an order's region at its end ('Raid militia strongholds (South)'): rule() says it."""
        why, where = self.why, self.where
        if where and why.endswith(f" ({where})"):
            return why[:-len(where) - 3]
        return why

    def rule(self, who: str = "") -> str:
        """The cause as reports show it: '(order offensive, Basra)', '(reaction sadrists.x)'; `who` in place
        of the kind of cause, e.g. "(Kurds' move kurds.budget)"."""
        return f"({who or self.cause} {self.source}{', ' + self.where if self.where else ''})"

    @property
    def delta(self) -> float:
        return self.after - self.before

    def roll_outcome(self) -> str:
        """A chance's result: 'The troops hold? No (it had a 60% chance)' (the label says what success is)."""
        label = self.label if self.label != "chance" else "the gamble pays off"
        share = f"{self.before:.0%}"
        article = "an" if share.startswith(("8", "11%", "18%")) else "a"  # an 8%, an 11%, an 80%..89%, an 18%
        return f"{label[:1].upper()}{label[1:]}? {'Yes' if self.after else 'No'} (it had {article} {share} chance)"

    def sentence(self, value: Callable[[float], str] | None = None,
                 change: Callable[[float, float], str] | None = None) -> str:
        """E.g. 'Coalition cohesion −8: the Supreme Council protests (reaction x)'. The interface passes
        its own number formats (`value` for the 'now'; `change`, given the values before and after, for
        the signed change: game.numbers), so the ledger writes numbers as its panels do; without them,
        whole or to a tenth."""
        if self.target.startswith("roll:"):
            head = self.roll_outcome()
        elif self.target.startswith("event:"):  # its why is only "the event occurred": the card's title says it
            return f"Event card: {self.label} {self.rule()}"
        elif self.target.startswith("ending:"):
            head = f"Ending: {self.label}"
        elif self.target.startswith("flag:"):  # 'Now: offensive begun — why', 'Sadrists no longer: ceasefire — why'
            head = flag_change(self.label, bool(self.after))
            head = head[:1].upper() + head[1:]
            why = self.shown_why()
            return f"{head} — {why} {self.rule()}" if why else f"{head} {self.rule()}"
        else:
            d = self.delta
            if change is not None and value is not None:
                head = f"{self.label} {change(self.before, self.after)} (now {value(self.after)})"
            else:
                sign = "+" if d > 0 else "\u2212"
                amount = _num(abs(d)) if abs(d) >= 0.05 else f"{abs(d):.1g}"  # not '−0 (now 29)' for a sliver
                head = f"{self.label} {sign}{amount} (now {_num(self.after)})"
        why = self.shown_why()
        return f"{head}: {why} {self.rule()}" if why else f"{head} {self.rule()}"

    def to_json(self) -> list:
        row = [self.turn, self.target, self.label, self.before, self.after, self.cause, self.source, self.why, self.actor]
        return row + [self.where] if self.where else row  # (saves before 'where' have nine fields: read alike)

    @classmethod
    def from_json(cls, row: list) -> "Change":
        return cls(*row)


def _num(x: float) -> str:
    """Whole, or to a tenth; a negative with a true minus sign, as the changes beside it ('−6 (now −2)')."""
    text = f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"
    return "0" if text in ("-0", "-0.0") else text.replace("-", "−")


@dataclass
class News:
    turn: int
    text: str
    kind: str  # event | order | move | dynamic | option | reaction

    def to_json(self) -> list:
        return [self.turn, self.text, self.kind]


@dataclass(init=False)
class TurnReport:
    """Every change of one turn, and the actors' own moves."""

    turn: int
    changes: list[Change] = field(default_factory=list)
    moves: list[tuple[str, str, str]] = field(default_factory=list)  # (actor, move id, label)
    events: list[tuple[str, str]] = field(default_factory=list)  # (event id, option chosen)
    orders: list[tuple[str, str | None]] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # (rule 3) cards an answer before them made moot, unseen

    def __init__(self, turn: int, changes: list | None = None, moves: list | None = None, events: list | None = None,
                 orders: list | None = None, set_aside: list | None = None):
        # written out (the dataclass's own __init__ calls a factory per list): one is made every turn
        self.turn = turn
        self.changes = [] if changes is None else changes
        self.moves = [] if moves is None else moves
        self.events = [] if events is None else events
        self.orders = [] if orders is None else orders
        self.set_aside = [] if set_aside is None else set_aside

    def decision_rolls(self):
        """The chances each decision took, as they fell: a function that, given ("order", action id) or
        ("option", "event/option"), returns the roll changes of the next such decision, in the order the
        decisions were made (an order given in two regions: each takes its share of the rolls, in turn)."""
        rolls: dict[tuple[str, str], list[Change]] = {}
        for c in self.changes:
            if c.target.startswith("roll:") and c.cause in ("order", "option"):
                rolls.setdefault((c.cause, c.source), []).append(c)
        times: dict[tuple[str, str], int] = {}
        for aid, _ in self.orders:
            times[("order", aid)] = times.get(("order", aid), 0) + 1
        shares = {key: len(got) // max(1, times.get(key, 1)) for key, got in rolls.items()}

        def take(key: tuple[str, str]) -> list[Change]:
            got = rolls.get(key) or []
            share = shares.get(key, 0)
            taken, got[:share] = got[:share], []
            return taken

        return take

    def by_actor(self) -> dict[str, list[Change]]:
        """Changes grouped by whose they are; '' is the country as a whole."""
        groups: dict[str, list[Change]] = {}
        for c in self.changes:
            groups.setdefault(c.actor, []).append(c)
        return groups

    def net(self) -> dict[str, float]:
        """Net change of each number over the turn."""
        first: dict[str, float] = {}
        last: dict[str, float] = {}
        for c in self.changes:
            if c.target.startswith(("flag:", "event:", "news")):
                continue
            first.setdefault(c.target, c.before)
            last[c.target] = c.after
        return {k: last[k] - first[k] for k in last if abs(last[k] - first[k]) > 1e-9}

    def to_json(self) -> dict:
        out = {
            "turn": self.turn,
            "changes": [c.to_json() for c in self.changes],
            "moves": [list(m) for m in self.moves],
            "events": [list(e) for e in self.events],
            "orders": [list(o) for o in self.orders],
        }
        if self.set_aside:  # (only then: a turn's report as saves before the field wrote it)
            out["set_aside"] = list(self.set_aside)
        return out

    @classmethod
    def from_json(cls, d: dict) -> "TurnReport":
        return cls(
            d["turn"],
            [Change.from_json(c) for c in d["changes"]],
            [tuple(m) for m in d["moves"]],
            [tuple(e) for e in d["events"]],
            [tuple(o) for o in d["orders"]],
            list(d.get("set_aside", ())),
        )


@dataclass(frozen=True)
class PreviewItem:
    """One likely consequence of an option or order, before it is chosen."""

    label: str
    target: str
    delta: float | None  # None when not a number (a flag, an event, an ending)
    chance: float  # 1.0 = certain
    why: str
    actor: str
    note: str = ""  # e.g. "if the roll succeeds"
    turns: int | None = None  # a follow-up card ("event:..."): in how many turns it comes, 0 = later this turn

    @property
    def certain(self) -> bool:
        return self.chance >= 0.999 and not self.note


@dataclass
class Preview:
    cost: float = 0.0
    items: list[PreviewItem] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"cost": self.cost, "items": [asdict(i) for i in self.items]}
