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


def _chains(option: dict, kept: set[str]) -> list[dict]:
    chain = option.get("chain")
    chain = [] if chain is None else chain if isinstance(chain, list) else [chain]
    return [c for c in chain if c["event"] in kept]


def _dump(event, kept: set[str]) -> dict:
    d = event.model.model_dump(warnings=False)
    for o in d["options"]:
        o["chain"] = _chains(o, kept)
    return d


def test_shared_events_are_the_campaigns_but_for_chains_to_left_out_events(short, campaign_content):
    """basra_short replaces a few campaign cards only to drop their chains to the events it leaves out
    (a chain to a removed event does not load). Anything else in such a copy would be a drift from the
    campaign: a text corrected in one file and not in the other."""
    kept = set(short.events)
    shared = kept & set(campaign_content.events)
    assert len(shared) >= 90
    drifted = [e for e in sorted(shared) if _dump(short.events[e], kept) != _dump(campaign_content.events[e], kept)]
    assert not drifted, f"basra_short's copies differ from the campaign's cards beyond their chains: {drifted}"
    # the storylines cut on purpose are indeed left out
    left_out = set(campaign_content.events) - kept
    assert {"us.sofa_vote", "society.awakening_arrests", "society.awakening_unpaid"} <= left_out
