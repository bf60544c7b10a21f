"""How close the game is to an ending that would cut it short: the levels of the numbers at which it ends.

Two kinds of rule end a game on one number's level: an ending checked every turn whose condition is one
comparison of a number with a level (`cohesion <= 10`), or several joined by `or`; and a dynamic whose
condition is such a comparison and whose effects end the game, often on a roll (below 18 cohesion, a
no-confidence vote may pass each turn). Those levels are read from the rules' checked conditions, so that
the screen can say when a number comes near one: a student saw 'Coalition cohesion 13' with no word that
the government could fall. Conditions that join several numbers with `and` have no single level and are
not told here; nor are endings checked only when the last turn ends."""

from __future__ import annotations

import ast
from dataclasses import dataclass

_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
MARGIN = 0.1  # near: within this share of the number's whole range of the level


@dataclass(frozen=True)
class Level:
    """A number's level at which an ending comes (`certain`), or may come each turn (a roll): cohesion <= 10."""

    slot: int
    op: str
    level: float
    ending: str  # the ending's id
    title: str
    certain: bool = True


@dataclass(frozen=True)
class Near:
    """A number near a level that ends the game, or past one where each turn may end it."""

    slot: int
    label: str
    value: float
    levels: tuple[Level, ...]

    def sentence(self, value=str) -> str:
        """'Coalition cohesion 13: below 18, a turn may end the game ("Brought down..."); at 10 or below, it always
        does' (`value` writes a number as the screens do)."""
        parts = []
        for lv in self.levels:
            side = {"<=": "or below", ">=": "or above"}.get(lv.op)
            at = f"at {value(lv.level)} {side}" if side else f"{'below' if lv.op == '<' else 'above'} {value(lv.level)}"
            again = bool(parts) and parts[-1][1] == lv.title  # the same ending as the clause before
            if lv.certain:
                said = f"{at}, it always does" if again else f"{at}, the game ends in \"{lv.title}\""
            else:
                said = f"{at}, a turn may end the game" + ("" if again else f" (\"{lv.title}\")")
            parts.append((said, lv.title))
        return f"{self.label} {value(self.value)}: " + "; ".join(p for p, _ in parts)


def _clauses(node) -> list:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        out = []
        for v in node.values:
            out += _clauses(v)
        return out
    return [node]


def _single_levels(compiled) -> list[tuple[int, str, float]] | None:
    """(slot, op, level) of each clause of a condition made of 'number op level' clauses joined by `or`,
    else None."""
    # (imported here, not at the top: the screens import this module, and the title screen needs no compiler)
    from game.expr.compiler import _is_constant, _slot_of

    tree = getattr(compiled, "tree", None)
    if tree is None:
        return None
    out = []
    for c in _clauses(tree):
        if not (isinstance(c, ast.Compare) and len(c.ops) == 1 and c.ops[0].__class__ in _OPS):
            return None
        left, right, op = c.left, c.comparators[0], _OPS[c.ops[0].__class__]
        if _slot_of(left) is not None and _is_constant(right):
            out.append((_slot_of(left), op, float(right.value)))
        elif _slot_of(right) is not None and _is_constant(left):  # '10 >= cohesion'
            out.append((_slot_of(right), _FLIP[op], float(left.value)))
        else:
            return None
    return out


def _ends(ops, certain: bool = True):
    """(ending id, certain) of each end effect among `ops` (in a roll's outcomes: not certain)."""
    for op in ops:
        if op.kind == "end":
            yield op.name, certain and op.when is None
        elif op.kind == "roll":
            yield from _ends(op.success, False)
            yield from _ends(op.failure, False)


def levels(scenario) -> list[Level]:
    """Every level of a number at which the game ends, or may end each turn (read once per scenario)."""
    found = getattr(scenario, "_ending_levels", None)
    if found is not None:
        return found
    found = []
    title = {e.id: e.model.title for e in scenario.endings}
    for e in scenario.endings:
        if not e.model.at_end and e.when is not None:
            for slot, op, level in _single_levels(e.when) or ():
                found.append(Level(slot, op, level, e.id, e.model.title))
    for d in scenario.dynamics:
        ends = list(dict.fromkeys(_ends(d.ops)))
        if d.when is None or not ends:
            continue
        for slot, op, level in _single_levels(d.when) or ():
            for ending, certain in ends:
                if ending in title:
                    found.append(Level(slot, op, level, ending, title[ending], certain))
    scenario._ending_levels = found
    return found


def near(scenario, values: list[float], margin: float = MARGIN) -> list[Near]:
    """Each number within `margin` of its range of a level that ends the game (not yet at it: the turn it
    gets there, the game ends), or past a level where each turn may end it; the most pressing first."""
    by_slot: dict[int, list[tuple[float, Level]]] = {}
    for lv in levels(scenario):
        s = scenario.slots[lv.slot]
        span = (s.hi - s.lo) or 1.0
        gap = (values[lv.slot] - lv.level) if lv.op in ("<", "<=") else (lv.level - values[lv.slot])
        reached = gap < 0 or (gap == 0 and lv.op in ("<=", ">="))
        if lv.certain and (reached or gap > span * margin):
            continue  # (reached: the game has ended)
        if not lv.certain and not reached and gap > span * margin:
            continue
        by_slot.setdefault(lv.slot, []).append((-1.0 if not lv.certain and reached else gap / span, lv))
    out = []
    for slot, found in by_slot.items():
        found.sort(key=lambda x: (x[1].certain, -x[1].level if x[1].op in ("<", "<=") else x[1].level))
        s = scenario.slots[slot]
        out.append((min(p for p, _ in found), Near(slot, s.label, values[slot], tuple(lv for _, lv in found))))
    out.sort(key=lambda x: x[0])
    return [n for _, n in out]
