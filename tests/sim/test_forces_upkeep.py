"""The security forces' capability no longer sits pinned at its ceiling (a play-test: 100 by turn 14, then
"already at its maximum" on every preview). Above 75 it slips back each turn, the more the higher it is
(dynamic forces_test.upkeep), so steady effort holds it high but not at 100, and a strong force is still
within reach (strong_state asks for capability 60 or more)."""

from __future__ import annotations

import random

import pytest

from game.content import loader
from game.engine.session import Session
from game.sim.policies import make_policy, play


@pytest.fixture(scope="module")
def campaign():
    return loader.load(loader.resolve_scenario("basra_2008"))


@pytest.mark.parametrize("policy", ["historical", "greedy:confidence"])
def test_capability_is_not_pinned_at_its_ceiling_but_stays_within_reach(campaign, policy):
    i = campaign.index["security_forces.capability"]
    peaks, ends = [], []
    for seed in range(120):
        s = Session.new(campaign, seed=seed)
        play(s, make_policy(policy, campaign), random.Random(seed))
        course = [v[i] for v in s.st.history]
        peaks.append(max(course))
        ends.append(course[-1])
    assert max(peaks) < 99.5, max(peaks)  # before: two games in three of the historical player reached 100
    assert sum(ends) / len(ends) >= 65, sum(ends) / len(ends)  # still a strong force on average
    assert sum(e >= 60 for e in ends) >= len(ends) // 2  # and capable enough for the best ending in most games


def test_the_upkeep_says_why_in_the_report(campaign):
    for seed in range(40):
        s = Session.new(campaign, seed=seed)
        play(s, make_policy("historical", campaign), random.Random(seed))
        found = [c for r in s.st.reports for c in r.changes if c.source == "forces_test.upkeep"]
        if found:
            c = found[0]
            assert c.target == "security_forces.capability" and c.after < c.before and c.before > 75
            assert "steady effort" in c.why
            return
    pytest.fail("no historical game in 40 met the upkeep")
