"""A small soak in CI: random games with every invariant checked (bench/soak.py runs the big one)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.soak import soak  # noqa: E402
from game.content import loader  # noqa: E402
from tests.conftest import MINI  # noqa: E402


def test_soak_mini():
    games, failures = soak(str(MINI), 2000, jobs=2, progress=False)
    assert games == 2000 and failures == []


def test_soak_campaign():
    scenario, problems = loader.check("basra_2008")
    if scenario is None:
        pytest.skip("the campaign does not validate yet")
    games, failures = soak("basra_2008", 300, jobs=2, progress=False)
    assert failures == []


def test_invariants_catch_a_broken_game(mini):
    import random

    from game.engine.session import Session
    from game.sim.invariants import violations
    from game.sim.policies import RandomPolicy, play

    s = Session.new(mini, seed=1)
    play(s, RandomPolicy(), random.Random(1))
    assert violations(s) == []
    s.st.history[2][mini.index["treasury"]] = 1e6
    assert any("outside" in v for v in violations(s))
