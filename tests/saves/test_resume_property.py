"""Property: saving at any point (between turns or between two event cards), loading and playing on
gives the same game as playing straight through."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.session import Session
from game.saves import store
from game.sim.policies import RandomPolicy

from savehelp import play_turns


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(1, 10_000), policy_seed=st.integers(0, 10_000), stop_after=st.integers(0, 40))
def test_resume_anywhere(mini, tmp_path, seed, policy_seed, stop_after):
    want = play_turns(Session.new(mini, seed=seed), random.Random(policy_seed)).st.to_json()
    s, rng, policy = Session.new(mini, seed=seed), random.Random(policy_seed), RandomPolicy()
    steps = 0  # one step = one card answered or one turn ended
    while not s.ended and steps < stop_after:
        if s.card is not None:
            ev = s.card
            s.choose(policy.choose(s, ev, [o for o in ev.options if s.option_availability(o).ok], rng))
        else:
            s.end_turn(policy.orders(s, rng))
        steps += 1
    path = store.save_named(s, f"p{seed}-{policy_seed}-{stop_after}", tmp_path)
    resumed, warnings = store.load_session(path)
    assert warnings == []
    play_turns(resumed, rng)
    assert resumed.st.to_json() == want
