"""What a better ending would have taken: for a game that reached its last turn, each ending judged
at the end that outranks the one reached, with every condition of its rule and whether it held.

The end screen and the debrief show it, so that a class can ask not only "why this ending?" but
"what stood between us and a better one?"."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from game.content.runtime import Scenario
from game.engine.state import State, View
from game.numbers import beside


MISSED_HEADING = "What a better ending needed (each condition as it stood at the end):"


@dataclass
class Clause:
    words: str  # the condition as a teacher reads it aloud: 'Public confidence at least 40'
    held: bool  # whether it held at the end of this game
    was: str = ""  # this game's value when the condition compares one value: '31'
    branches: list[list["Clause"]] = field(default_factory=list)  # an 'or': each branch's own conditions
    said: bool = True  # False when the condition was too intricate to say in words: `words` is the rule as written
    reads: str = ""  # the value `was` is of, as the rule names it ('confidence'): one value is written one way


@dataclass
class Missed:
    id: str
    title: str
    tone: str
    clauses: list[Clause]

    @property
    def unmet(self) -> list[Clause]:
        return [c for c in self.clauses if not c.held]


def missed_endings(sc: Scenario, st: State) -> list[Missed]:
    """The endings that rank above the one this game reached and are judged on the last turn
    (at_end, with a rule), best first, each with its rule's conditions ('and' parts) as they stood.
    Empty unless the game ran to its last turn and ended by the rules (not by a choice that ended it)."""
    reached = next((e for e in sc.endings if e.id == st.ending), None)
    if reached is None or st.forced_ending or not reached.model.at_end:
        return []
    out = []
    for e in sc.endings:  # highest priority first
        if e.model.priority <= reached.model.priority or not e.model.at_end or not e.model.when:
            continue
        clauses = rule_clauses(sc, st, e.model.when)
        if clauses is not None:
            out.append(Missed(e.id, e.model.title, e.model.tone, clauses))
    _one_way([c for m in out for c in _all(m.clauses)])
    return out


def _all(clauses: list[Clause]):
    for c in clauses:
        yield c
        for branch in c.branches:
            yield from _all(branch)


def _one_way(clauses: list[Clause]) -> None:
    """A value read by several conditions is written the same in each, with the most digits any of them
    needed: 'at least 40 (it was 39.5)' and then 'at least 50 (it was 39.5)', not '(it was 40)' two lines
    on, which reads as another number (and as one that met the 40)."""
    most: dict[str, str] = {}
    for c in clauses:
        if c.was and c.reads and len(c.was.partition(".")[2]) > len(most.get(c.reads, "").partition(".")[2]):
            most[c.reads] = c.was
    for c in clauses:
        if c.was and c.reads in most:
            c.was = most[c.reads]


def rule_clauses(sc: Scenario, st: State, when: str) -> list[Clause] | None:
    """A rule's conditions ('and' parts, an 'or' with its branches) in words, as they stood in this
    game's state; None if the rule does not parse."""
    from game.sim.explain import _Evaluator

    text = when.strip()
    try:
        body = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    return _clauses(body, text, _Evaluator(sc, st.values, View(st)), sc)


def _clauses(node, text: str, ev, sc: Scenario) -> list[Clause]:
    """The conditions a rule joins with 'and', each in words with whether it held; an 'or' among
    them with its branches, each branch's own conditions likewise."""
    from game.debrief.model import _in_words
    from game.sim.explain import _truthy

    parts = node.values if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And) else [node]
    out = []
    for part in parts:
        seg = ast.get_source_segment(text, part) or ""
        words = _in_words(part, sc)
        was = _was(part, text, ev)
        clause = Clause(words if words is not None else seg, _truthy(ev.value(seg)) is True, was,
                        said=words is not None, reads=ast.get_source_segment(text, part.left) if was else "")
        if isinstance(part, ast.BoolOp) and isinstance(part.op, ast.Or):
            clause.branches = [_clauses(b, text, ev, sc) for b in part.values]
        out.append(clause)
    return out


def _was(node, text: str, ev) -> str:
    """This game's value of the one value a simple comparison reads ('confidence >= 40' -> '31'), with
    the digits that put it on its side of the threshold ('at least 64 (it was 63.8)': '64' would read as
    met; game.numbers.beside)."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.left, (ast.Name, ast.Attribute))):
        return ""
    if not isinstance(node.comparators[0], (ast.Constant, ast.UnaryOp)):
        return ""
    v = ev.value(ast.get_source_segment(text, node.left) or "")
    limit = ev.value(ast.get_source_segment(text, node.comparators[0]) or "")
    if not isinstance(v, float) or isinstance(limit, bool) or not isinstance(limit, (int, float)):
        return ""
    return beside(v, float(limit))


def clause_rows(clauses: list[Clause], depth: int = 0) -> list[tuple[int, str]]:
    """The conditions as (depth, line) rows for any writer: '✓ Coalition cohesion at least 40 (it
    was 44)'; an 'or' reads '✗ one of these held:' with each branch a row below it, its own
    conditions joined on one line."""
    out = []
    for c in clauses:
        mark = "✓" if c.held else "✗"
        if c.branches:
            out.append((depth, f"{mark} one of these:"))
            for branch in c.branches:
                held = all(b.held for b in branch)
                out.append((depth + 1, ("✓ " if held else "✗ ") + "; ".join(_one(b, True) for b in branch)))
        else:
            out.append((depth, f"{mark} {_one(c)}"))
    return out


# a status a condition needs to be over, as _in_words writes it: "not ‘the Mehdi Army's ceasefire holds’"
NOT_FLAG = re.compile(r"^not (\u2018[^\u2018\u2019]+\u2019)$")


def _one(c: Clause, verdict: bool = False) -> str:
    """A condition in words with its value, and (inside a branch, where no mark says it) whether it
    held: 'Sadrists strength below 45 (it was 58, not met)'. A status that had to be over says so,
    without a double negative: "‘the Mehdi Army's ceasefire holds’ had to be over (it still held)", not
    "✗ not ‘the Mehdi Army's ceasefire holds’"."""
    m = NOT_FLAG.match(c.words)
    if m is not None:
        return m.group(1) + (" was over" if c.held else " had to be over (it still held)")
    notes = ([f"it was {c.was}"] if c.was else []) + ([("met" if c.held else "not met")] if verdict else [])
    return c.words + (f" ({', '.join(notes)})" if notes else "")
