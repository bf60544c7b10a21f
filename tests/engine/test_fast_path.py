"""Simulated (lean) games run generated code (game/engine/fast.py); they must play exactly the game
that the recording engine plays — same draws, same floats, same state — on every scenario we ship."""

from __future__ import annotations

import random

import pytest

from game.content import loader
from game.engine.session import Session, _tables, fast_path
from game.sim.policies import make_policy, play


def _state(s: Session) -> tuple:
    st = s.st
    return (st.values, sorted(st.flags.items()), st.fired, st.last_fired, st.fires, st.ready, st.scheduled,
            st.lagged, st.chosen, st.taken, st.choices, st.history, st.ending, st.score, st.forced_ending,
            st.rng.getstate())


def _pair(sc, policy: str, seed: int) -> tuple[Session, Session]:
    out = []
    for record in (True, False):
        s = Session.new(sc, seed=seed, record=record)
        play(s, make_policy(policy, sc), random.Random(seed))
        out.append(s)
    return out[0], out[1]


def test_lean_games_use_the_generated_functions(mini):
    full = Session.new(mini, seed=1)
    lean = Session.new(mini, seed=1, record=False)
    assert full._fast is None
    assert lean._fast is _tables(mini).fast  # built once per scenario, shared
    assert lean.fx.fast_ops


@pytest.mark.parametrize("policy", ["random", "historical", "greedy:cohesion"])
def test_lean_equals_recorded_on_the_test_scenario(mini, policy):
    """The test scenario uses every feature: rolls, lags, chains, schedules, cooldowns, max fires."""
    for seed in range(40):
        full, lean = _pair(mini, policy, seed)
        assert _state(lean) == _state(full), f"seed {seed}"
        assert full.st.reports[-1].changes and not lean.st.reports[-1].changes


@pytest.mark.parametrize("policy", ["random", "historical", "hawk", "spam:offensive"])
def test_lean_equals_recorded_on_the_campaign(campaign, policy):
    for seed in range(25):
        full, lean = _pair(campaign, policy, seed)
        assert _state(lean) == _state(full), f"seed {seed}"


def test_options_and_orders_built_all_at_once_play_the_same_games():
    """A long run builds every option's and order's function up front (fast_path(choices=True))."""
    sc = loader.load(loader.resolve_scenario("basra_2008"))  # its own copy: nothing built lazily yet
    fast = fast_path(sc, choices=True)
    assert len(fast._options) == sum(len(ev.options) for ev in sc.events.values())
    assert len(fast._orders) == sum(len(a.variants) for a in sc.actions.values())
    for seed in range(15):
        full, lean = _pair(sc, "random", seed)
        assert _state(lean) == _state(full), f"seed {seed}"


def test_lean_games_make_few_expression_functions():
    """A load makes no expression's function; lean games make only those the fast path does not write
    out (and the conditions of the cards, checked again as each is dealt), so simulate's processes neither
    spend the time nor keep the memory of the rest. A recorded game makes those it evaluates, and plays the
    same game (the tests above)."""
    from game.expr.compiler import Compiled

    sc = loader.load(loader.resolve_scenario("basra_2008"))  # its own copy: nothing made yet
    seen, exprs = set(), []

    def walk(o):
        if isinstance(o, Compiled):
            if id(o) not in seen:
                seen.add(id(o))
                exprs.append(o)
        elif isinstance(o, (tuple, list)):
            for x in o:
                walk(x)
        elif isinstance(o, dict):
            for x in o.values():
                walk(x)
        elif hasattr(o, "__dataclass_fields__") and id(o) not in seen:
            seen.add(id(o))
            for name in o.__dataclass_fields__:
                walk(getattr(o, name))

    walk(sc.__dict__)
    assert len(exprs) > 300
    assert not [c for c in exprs if c._fn is not None]
    for seed in range(50):
        s = Session.new(sc, seed=seed, record=False)
        play(s, make_policy("random", sc), random.Random(seed))
    made = [c for c in exprs if c._fn is not None]
    assert len(made) < len(exprs) / 3  # (95 of 343 for these 50 games)
    _pair(sc, "random", 1)
    assert len([c for c in exprs if c._fn is not None]) > len(made)


def test_the_generated_text_carries_no_content_text(mini):
    """Content values enter the generated functions as bound names, never as source text."""
    fast = fast_path(mini, choices=True)
    text = "\n".join(fast.sources)
    assert len(fast._options) == sum(len(ev.options) for ev in mini.events.values())  # all of them in `sources`
    ids = [e for e in mini.events] + [a for a in mini.actions] + list(mini.actors)
    flags = {op.name for ev in mini.events.values() for o in ev.options for op in o.ops if op.kind in ("flag", "unflag")}
    assert ids and flags
    for word in ids + sorted(flags):
        assert repr(word) not in text and f'"{word}"' not in text, word
    assert "'" not in text and '"' not in text  # no string literals at all


def test_a_closed_game_is_freed_without_the_cyclic_collector(mini):
    """simulate closes each game it has read, so thousands of games do not wait for the GC."""
    import gc
    import weakref

    gc.collect()
    gc.disable()
    try:
        s = Session.new(mini, seed=4, record=False)
        play(s, make_policy("random", mini), random.Random(4))
        ending = s.st.ending
        s.close()
        assert s.st.ending == ending  # still readable
        ref = weakref.ref(s)
        del s
        assert ref() is None
    finally:
        gc.enable()


@pytest.mark.parametrize("src", [
    "max(0, treasury - 50)", "max(treasury - 50, 0)", "min(10, treasury)", "min(treasury, 10)",
    "max(-5, cohesion / 2)", "clamp(treasury / 100, 0.1, 0.85)", "clamp(cohesion, -1, 1) + max(0, max(0, treasury) - 3)",
])
def test_written_out_max_min_and_clamp_return_what_the_builtins_return(src):
    """Ties, NaN and -0.0 included: the same value and the same type (int 0 versus 0.0)."""
    import math

    from game.engine.fast import _Gen
    from game.engine.state import State, View
    from game.expr.compiler import compile_expr
    from tests.expr.test_compiler import Symbols

    c = compile_expr(src, Symbols())
    g = _Gen()
    g.begin("f(V, X)")
    g.emit(1, f"return {g.expr(c)}")
    g.end()
    f = g.build("<test>")["f"]
    assert "_m :=" in g.source  # written out, not a call
    for x in (-7.0, -0.0, 0.0, 0, 3.5, 10.0, 50.0, 50, 0.1, 0.85, 100.0, math.nan):
        values = [1.0, x, x, 0.0, 0.0]
        view = View(State("t", 1, None, values))
        want, got = c(values, view), f(values, view)
        assert (want == got or (want != want and got != got)) and type(want) is type(got), (x, want, got)
        if want == 0:
            assert math.copysign(1, want) == math.copysign(1, got)
