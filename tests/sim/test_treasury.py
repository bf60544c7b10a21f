"""The treasury keeps a government that secures Basra able to pay for things (a play-test: the treasury ran
down over a long game with little way back).

Oil revenue (dynamic income.treasury) was 2 + control/15 - violence/40 of Basra a turn. Players who took the
port back still sat below 10 from about turn 8: the historical player started 44% of the turns of the second
half with less than 8 (the price of services), the builder 64%, and 99.6% of historical games went below 10,
where salaries go unpaid. The formula now rewards Basra's control and calm more (2 + control/10 -
violence/30, never below 0), so that securing the port pays, as the 2008 operation meant it to.
"""

from __future__ import annotations

import statistics

import pytest

from game.content import loader
from game.sim.runner import simulate


@pytest.fixture(scope="module")
def campaign():
    return loader.load(loader.resolve_scenario("basra_2008"))


def _treasury(sc, results):
    m, i = len(sc.metrics), list(sc.metrics).index("treasury")
    return [[r.trajectory[k * m + i] for k in range(len(r.trajectory) // m)] for r in results]


def _second_half_short(sc, courses, below=8):
    """The share of the second half's turns that start with less than `below` in the treasury."""
    starts = [v for tr in courses for t, v in enumerate(tr[:-1]) if t + 1 > sc.meta.turns // 2]
    return sum(v < below for v in starts) / len(starts)


@pytest.mark.parametrize("policy, most", [("historical", 0.35), ("builder", 0.55)])
def test_a_player_who_secures_basra_can_still_pay_in_the_second_half(campaign, policy, most):
    courses = _treasury(campaign, simulate(campaign, policy, 300, seed=7, jobs=1, progress=False))
    short = _second_half_short(campaign, courses)
    # before the rebalance, on these seeds: historical 45%, builder 67% (after: 29%, 49%)
    assert short <= most, f"{policy}: {short:.0%} of second-half turns start with the treasury below 8"


def test_the_random_player_treasury_recovers_late_in_the_game(campaign):
    courses = _treasury(campaign, simulate(campaign, "random", 300, seed=7, jobs=1, progress=False))
    low_point = min(statistics.fmean(tr[t] for tr in courses if len(tr) > t) for t in range(1, campaign.meta.turns))
    # before: the mean fell from 60 to about 14 by turn 16 and stayed there (after: its lowest is about 22)
    assert low_point >= 19, low_point


def test_oil_revenue_never_takes_money_away(campaign):
    """The port in flames earns nothing, but losses are the smugglers' move (basra_locals.smuggle), not oil's."""
    rule = next(d for d in campaign.dynamics if d.id == "income.treasury")
    text = str(rule.model.effects[0].add["treasury"])
    assert text.startswith("max(0,"), text
