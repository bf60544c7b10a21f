"""lint's interval arithmetic is sound: whatever it calls certain holds for every value in range."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game.expr.intervals import Intervals, truth
from game.expr.compiler import compile_expr, parse_checked

RANGES = {0: (1.0, 12.0), 1: (0.0, 100.0), 2: (-100.0, 100.0), 3: (0.0, 40.0)}
NAMES = {"turn": 0, "cohesion": 1, "sadrists.stance": 2, "capital": 3}


class Symbols:
    def slot(self, name):
        return NAMES.get(name)

    def names(self):
        return NAMES

    def check_ref(self, kind, value):
        return None


class View:
    def __init__(self, rng):
        self.rng = rng

    def flag(self, name):
        return self.rng.random() < 0.5

    def fired(self, event):
        return self.rng.randint(0, 5)


leaf = st.one_of(st.sampled_from(list(NAMES)), st.integers(-150, 150).map(str), st.just("flag('x')"), st.just("fired('a.b')"))


def combine(children):
    binop = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "%"]), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    cmp = st.tuples(children, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    boolop = st.tuples(children, st.sampled_from(["and", "or"]), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    fn = st.one_of(
        st.tuples(st.sampled_from(["min", "max"]), children, children).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        children.map(lambda c: f"abs({c})"), children.map(lambda c: f"round({c})"), children.map(lambda c: f"(not {c})"),
        st.tuples(children, children, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
    )
    return st.one_of(binop, cmp, boolop, fn)


exprs = st.recursive(leaf, combine, max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(exprs, st.integers(0, 10_000))
def test_intervals_contain_every_reachable_value(source, seed):
    sym = Symbols()
    body, _, _ = parse_checked(source, sym)
    lo, hi = Intervals(RANGES).eval(body, {})
    certain = truth((lo, hi))
    fn = compile_expr(source, sym)
    rng = random.Random(seed)
    for _ in range(40):
        values = [rng.choice([a, b, rng.uniform(a, b), float(round(rng.uniform(a, b)))]) for a, b in RANGES.values()]
        v = fn(values, View(rng))
        x = float(v)
        assert lo - 1e-6 <= x <= hi + 1e-6 or (certain is not None and bool(v) == certain), (source, values, v, (lo, hi))
        if certain is not None:
            assert bool(v) == certain, (source, values, v, (lo, hi))
