"""Property tests: random play over many seeds never raises and keeps every value in range."""

import random

from hypothesis import given, settings, strategies as st

from game.engine.session import Session
from game.sim.policies import RandomPolicy, SpamPolicy, play


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**31 - 1), policy_seed=st.integers(min_value=0, max_value=10**6),
       difficulty=st.sampled_from([None, "normal", "hard"]))
def test_random_games_stay_in_range(mini, seed, policy_seed, difficulty):
    s = Session.new(mini, seed=seed, difficulty=difficulty)
    play(s, RandomPolicy(), random.Random(policy_seed))
    assert s.ended and s.st.ending in {e.id for e in mini.endings}
    for row in s.st.history:
        for slot, v in zip(mini.slots, row):
            assert slot.lo <= v <= slot.hi, slot.name
            assert v == v  # not NaN
    # the report accounts for every change: replaying the numeric changes of a turn reproduces its end values
    for i, report in enumerate(s.st.reports):
        values = list(s.st.history[i])
        for c in report.changes:
            if c.target in mini.index:
                assert abs(values[mini.index[c.target]] - c.before) < 1e-6
                values[mini.index[c.target]] = c.after
        assert all(abs(a - b) < 1e-6 for a, b in zip(values[1:], s.st.history[i + 1][1:]))


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6), action=st.sampled_from(["raid", "services", "talks", "address"]))
def test_spam_policies_never_break_the_rules(mini, seed, action):
    s = Session.new(mini, seed=seed)
    play(s, SpamPolicy(action), random.Random(seed))
    assert s.ended
    assert 0 <= s.capital
