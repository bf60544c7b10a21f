"""The whole state serializes to JSON and back without loss, mid-game included."""

import json
import random

from game.engine.session import Session
from game.engine.state import State
from game.sim.policies import RandomPolicy, play


def test_round_trip_mid_game_then_play_on_identically(mini):
    straight = Session.new(mini, seed=11)
    resumed = Session.new(mini, seed=11)
    pol_a, pol_b = random.Random(5), random.Random(5)
    policy = RandomPolicy()
    for _ in range(3):  # play three turns with both, identically
        for s, rng in ((straight, pol_a), (resumed, pol_b)):
            while s.card:
                s.choose(policy.choose(s, s.card, [o for o in s.card.options if s.option_availability(o).ok], rng))
            s.end_turn(policy.orders(s, rng))
    text = json.dumps(resumed.st.to_json())
    restored = Session(mini, State.from_json(json.loads(text)))
    assert json.dumps(restored.st.to_json()) == text
    play(straight, policy, pol_a)
    play(restored, policy, pol_b)
    assert json.dumps(straight.st.to_json(), sort_keys=True) == json.dumps(restored.st.to_json(), sort_keys=True)


def test_history_records_every_turn(mini):
    s = Session.new(mini, seed=2)
    play(s, RandomPolicy(), random.Random(2))
    assert len(s.st.history) == len(s.st.reports) + 1
    assert all(len(row) == len(mini.slots) for row in s.st.history)
