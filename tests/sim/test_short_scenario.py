"""The short classroom scenario (basra_short) has no dead cards, and the cards it shares with the campaign
are the campaign's.

An event a class can never see in eleven turns must either become reachable there or be left out on
purpose, with a `[remove]` entry and its reason (content/scenarios/basra_short/after_the_end.toml).
"""

from __future__ import annotations

import pytest

from game.content import loader
from game.sim.runner import simulate

# The policies a class's play lies between: random answers, the 2008 choices, the content's four
# heuristic players, and one greedy player (it chases public confidence, which reaches the end of the
# elections-law storyline, coalition.minority_seats, more often than the others do).
POLICIES = ("random", "historical", "hawk", "negotiator", "patron_pleaser", "builder", "greedy:confidence")
GAMES = 300
FLOOR = 0.01  # 3 games in 300


@pytest.fixture(scope="module")
def short():
    return loader.load("basra_short")


@pytest.fixture(scope="module")
def campaign_content():
    return loader.load("basra_2008")


def test_every_event_of_the_short_scenario_fires_under_some_policy(short):
    """Each event fires in at least 1% of the games of at least one policy (300 games each, fixed
    seed). Before the SOFA vote and the Awakening's arrests and late salaries were left out (they come
    after mid-August 2008), those three fired in no policy's games, or in 0.2% at most."""
    best = {e: 0.0 for e in short.events}
    for policy in POLICIES:
        games = simulate(short, policy, GAMES, seed=21, jobs=2, progress=False)
        for e in best:
            best[e] = max(best[e], sum(e in r.events for r in games) / len(games))
    dead = {e: f"{k:.1%}" for e, k in best.items() if k < FLOOR}
    assert not dead, (f"events of basra_short firing in under {FLOOR:.0%} of every policy's games {dead}: make "
                      "them reachable in eleven turns, or remove them on purpose in basra_short (with the reason)")


def test_the_cards_before_the_cut_storylines_keep_all_but_their_chains_to_them(short, campaign_content):
    """basra_short drops the chains to the events it leaves out ([remove] chains_to) and nothing else:
    the cards that led to them are the campaign's, with their other chains and every effect."""
    left_out = set(campaign_content.events) - set(short.events)
    assert {"us.sofa_vote", "society.awakening_arrests", "society.awakening_unpaid"} <= left_out
    dropped = 0
    for eid, ev in short.events.items():
        for o in ev.options:
            assert all(ch.event in short.events for ch in o.chains), (eid, o.id)
        if eid not in campaign_content.events:
            continue
        for o, c in zip(ev.options, campaign_content.events[eid].options, strict=True):
            assert [ch for ch in c.chains if ch.event in short.events] == list(o.chains), (eid, o.id)
            assert o.model == c.model, (eid, o.id)  # the same card as written
            dropped += len(c.chains) - len(o.chains)
    assert dropped == 5  # three chains to the vote, one each to the arrests and the late salaries
