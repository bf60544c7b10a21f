"""The same seed and the same choices give the same game, report included."""

import json
import random

from game.engine.session import Session
from game.sim.policies import RandomPolicy, play


def _game(scenario, seed):
    s = Session.new(scenario, seed=seed)
    play(s, RandomPolicy(), random.Random(seed))
    return json.dumps(s.st.to_json(), sort_keys=True)


def test_same_seed_same_game(mini):
    assert _game(mini, 7) == _game(mini, 7)


def test_different_seeds_differ(mini):
    assert len({_game(mini, s) for s in range(1, 8)}) > 1


def test_lean_simulation_plays_the_same_game(mini):
    """Simulation skips change records; the game itself must not change."""
    for seed in range(1, 15):
        full = Session.new(mini, seed=seed)
        lean = Session.new(mini, seed=seed, record=False)
        play(full, RandomPolicy(), random.Random(seed))
        play(lean, RandomPolicy(), random.Random(seed))
        assert full.st.values == lean.st.values and full.st.ending == lean.st.ending
        assert full.st.history == lean.st.history and full.st.rng.getstate() == lean.st.rng.getstate()
        assert full.st.reports[-1].changes and not lean.st.reports[-1].changes
