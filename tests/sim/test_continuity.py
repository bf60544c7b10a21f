"""Continuity of the storylines in real games (QA playthrough, finding 1).

A card must not come back once its matter is settled, and no card comes on two consecutive turns
(a chained follow-up ignores the cooldown that keeps a drawn card from repeating, so a repeatable
card that something chains must say so in its own `when`). Played through the engine with the
random and the historical players, on both scenarios.

The rule, as tested: an event fires at most once in any two consecutive turns, and
- "The elections law and Kirkuk" never after the law was voted on, deferred to a committee or signed
  (flag coalition.elections_set);
- "Sadr threatens open war" never after "The freeze extended" (the freeze without an end date);
- "The freeze extended" (August 2008) never before turn 10;
- "Sadr expels his hardliners" at most twice.
"""

import os
import random

import pytest

from game.content import loader
from game.engine.session import Session
from game.sim.policies import make_policy, play
from game.sim.runner import game_seed

GAMES = int(os.environ.get("CEASEFIRE_CONTINUITY_GAMES", "300"))


def _games(scenario_id: str, policy: str, n: int):
    sc = loader.load(scenario_id)
    for i in range(n):
        seed = game_seed(23, i)
        s = Session.new(sc, seed=seed)
        flag_turn: dict[str, int] = {}

        def note(sess):
            for f, t in sess.st.flags.items():
                flag_turn.setdefault(f, t)
            return False

        play(s, make_policy(policy, sc), random.Random(seed ^ 0x5EED), until=note)
        note(s)
        seq = [(t, e, o) for t, turn in enumerate(s.st.choices, start=1) for e, o in turn["events"]]
        s.close()
        yield seed, seq, flag_turn


def _turns(seq, event):
    return [t for t, e, _ in seq if e == event]


@pytest.mark.parametrize("scenario_id", ["basra_2008", "basra_short"])
@pytest.mark.parametrize("policy", ["random", "historical"])
def test_no_settled_matter_comes_back(scenario_id, policy):
    problems = []
    for seed, seq, flag_turn in _games(scenario_id, policy, GAMES):
        fired: dict[str, list[int]] = {}
        for t, e, _ in seq:
            fired.setdefault(e, []).append(t)
        for e, ts in fired.items():
            for a, b in zip(ts, ts[1:]):
                if b - a <= 1:
                    problems.append(f"seed {seed}: {e} on turns {a} and {b}")
        kirkuk = _turns(seq, "coalition.elections_law_kirkuk")
        settled = [t for t, e, o in seq if e == "coalition.elections_law_kirkuk" and o in ("vote_anyway", "defer_kirkuk")]
        if "coalition.elections_set" in flag_turn:
            settled.append(flag_turn["coalition.elections_set"])
        if settled and any(t > min(settled) for t in kirkuk):
            problems.append(f"seed {seed}: the elections law card after the matter was settled ({kirkuk}, settled {min(settled)})")
        renewed = _turns(seq, "sadr.ceasefire_renewed")
        if renewed:
            if min(renewed) < 10:
                problems.append(f"seed {seed}: the freeze extended without an end date on turn {min(renewed)}")
            late = [t for t in _turns(seq, "sadr.ceasefire_threat") if t > min(renewed)]
            if late:
                problems.append(f"seed {seed}: Sadr threatens open war on {late}, after the indefinite freeze")
        if len(_turns(seq, "sadr.purge")) > 2:
            problems.append(f"seed {seed}: Sadr's purge {len(_turns(seq, 'sadr.purge'))} times")
    assert not problems, "\n".join(problems[:20])
