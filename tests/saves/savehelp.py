"""Play mini games with a seeded random policy (shared by the save tests)."""

from __future__ import annotations

import random

from game.engine.session import Session
from game.sim.policies import RandomPolicy


def play_turns(session: Session, rng: random.Random, turns: int | None = None, each_turn=None) -> Session:
    """Play on with the random policy: `turns` more turns (or to the end); call each_turn after each."""
    policy = RandomPolicy()
    done = 0
    while not session.ended and (turns is None or done < turns):
        while session.card is not None:
            ev = session.card
            opts = [o for o in ev.options if session.option_availability(o).ok]
            session.choose(policy.choose(session, ev, opts, rng))
        if session.ended:
            break
        session.end_turn(policy.orders(session, rng))
        done += 1
        if each_turn is not None:
            each_turn(session)
    return session
