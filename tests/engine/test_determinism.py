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
