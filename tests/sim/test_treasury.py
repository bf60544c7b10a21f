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


# The oil boom of 2008 (dynamic income.oil_boom): the historical player, who spends as the government did,
# still went below 10 (salaries unpaid) in 4 games of 5, in the year of Iraq's largest surplus, and the
# August 2008 row over that surplus (us.surplus_row, treasury above 40 from turn 8) came in 2% of its games.
# Record prices now add 2 a turn to turn 10, less each turn after, nothing from turn 16.
def test_the_oil_boom_pays_until_the_autumn_and_then_stops(campaign):
    rule = next(d for d in campaign.dynamics if d.id == "income.oil_boom")
    text = str(rule.model.effects[0].add["treasury"])
    assert text == "max(0, min(2, (16 - turn) / 3))", text
    boom = [max(0, min(2, (16 - t) / 3)) for t in range(1, 25)]
    assert boom[:10] == [2] * 10 and all(b == 0 for b in boom[15:]) and 24 <= sum(boom) <= 26


def test_the_historical_treasury_sees_the_surplus_of_2008(campaign):
    results = simulate(campaign, "historical", 300, seed=7, jobs=1, progress=False)
    courses = _treasury(campaign, results)
    dipped = sum(min(tr[1:]) < 10 for tr in courses) / len(courses)
    row = sum("us.surplus_row" in r.events for r in results) / len(results)
    # on these seeds: before the boom 79% went below 10 and 1.3% had the surplus row; after, 57% and 7.3%
    assert dipped <= 0.65, f"{dipped:.0%} of historical games go below 10"
    assert row >= 0.04, f"us.surplus_row in {row:.1%} of historical games"
