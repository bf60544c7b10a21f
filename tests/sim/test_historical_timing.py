"""Dated events fall near their real dates (QA playthrough, finding 4).

Turn t begins on 25 March 2008 + 14 * (t - 1) days. Each event below is tied to a real date (its
debrief note gives it); in real games, random and historical, it fires only within the window written
here: from a few turns before the real date (never so early that its text would be untrue) to a few
turns after. A chained follow-up ignores min_turn and max_turn, so these windows are checked where the
card actually shows, not only in its fields.
"""

import random

import pytest

from game.content import loader
from game.engine.session import Session
from game.sim.policies import make_policy, play
from game.sim.runner import game_seed

# event: (first turn, last turn), with the real date
WINDOWS = {
    "north.syria_raid": (16, 18),  # 26 October 2008, turn 16
    "us.campaign_debate": (7, 10),  # July 2008 ('sixteen months'), turn 9
    "us.candidate_visit": (8, 11),  # 21 July 2008, turn 9
    "sadr.ceasefire_renewed": (10, 24),  # the freeze without an end date, August 2008, turn 11
    "society.oil_crash": (17, 24),  # oil below half its July peak from late October; under 40 dollars in December
    "us.sofa_vote": (15, 24),  # 27 November 2008, turn 18
    "coalition.elections_law_kirkuk": (7, 16),  # 22 July 2008, turn 9
    "society.awakening_payroll": (10, 18),  # 1 October 2008, turn 14
    "basra.amara": (4, 11),  # June 2008, turn 7
    "north.christians_flee": (14, 18),  # October 2008, turn 15
    "north.disputed_standoff": (8, 15),  # August 2008, turn 11
    "coalition.sunni_return": (6, 20),  # July 2008, turn 9
}


@pytest.mark.parametrize("policy", ["random", "historical"])
def test_dated_events_fire_near_their_dates(policy):
    sc = loader.load("basra_2008")
    bad = []
    for i in range(250):
        seed = game_seed(31, i)
        s = Session.new(sc, seed=seed)
        play(s, make_policy(policy, sc), random.Random(seed ^ 0x5EED))
        for t, turn in enumerate(s.st.choices, start=1):
            for e, _ in turn["events"]:
                if e in WINDOWS and not WINDOWS[e][0] <= t <= WINDOWS[e][1]:
                    bad.append(f"seed {seed}: {e} on turn {t}, outside {WINDOWS[e]}")
        s.close()
    assert not bad, "\n".join(bad[:20])
