"""A class of the shipped classroom scenario (basra_short, class code HVR00-01YR4: seed 2008, easy),
played by the real engine and saved as the game saves them: autosaves after every turn in one
saves folder, one game also saved under a name its students chose, one game left unfinished.
Used by the debrief and classroom tests; nothing here is committed output (it is made in a tmp dir)."""

from __future__ import annotations

import random
from pathlib import Path

SEED, DIFFICULTY = 2008, "easy"
# (policy, choice-stream seed, stop at this turn's orders (None: play to the end), name of a named save)
PAIRS = [
    ("historical", 1, None, None),
    ("random", 2, None, "pair 3 final"),
    ("random", 3, None, None),
    ("greedy:cohesion", 7, None, None),
    ("random", 5, 4, None),
    ("random", 11, None, None),
    ("historical", 23, None, None),
]


def play_pair(sc, policy_name: str, stream: int, stop: int | None, folder: Path):
    """One pair's game, autosaved after each turn like the app does; returns the session."""
    from game.engine.session import Session

    return play_on(sc, Session.new(sc, seed=SEED, difficulty=DIFFICULTY), policy_name, stream, folder, stop)


def play_on(sc, s, policy_name: str, stream: int, folder: Path | None, stop: int | None = None):
    """Play the session `s` (a new game, or a branch) with a policy of game/sim/policies.py, its cards and its
    orders, to its end or to turn `stop`'s orders, autosaved into `folder` after each turn like the app does
    (None: not saved); returns it."""
    from game.sim.policies import make_policy

    policy, rng = make_policy(policy_name, sc), random.Random(stream)
    return play_through(s, lambda ev, opts: policy.choose(s, ev, opts, rng), lambda: policy.orders(s, rng), folder, stop)


def play_through(s, choose, orders=list, folder: Path | None = None, stop: int | None = None):
    """Play the session `s` to its end or to turn `stop`'s orders: `choose(event, open options)` answers each
    card (an option id), `orders()` gives each turn's orders (none by default; orders the turn cannot pay for
    are dropped); autosaved into `folder` after each turn when given. Returns `s`."""
    from game.errors import GameError
    from game.saves import store

    sc, st = s.sc, s.st
    while st.phase != "ended":
        while st.queue and st.phase == "briefing":
            ev = sc.events[st.queue[0]]
            s.choose(choose(ev, s.open_options(ev)))
            if st.phase == "ended":
                break
        if st.phase == "ended" or (stop and s.turn >= stop):
            break
        try:
            s.end_turn(orders())
        except GameError:
            s.end_turn([])
        if folder is not None:
            store.autosave(s, folder)
    return s


def play_class(sc, folder: Path) -> list:
    """Play every pair into `folder`; returns the sessions."""
    from game.saves import store

    folder.mkdir(parents=True, exist_ok=True)
    sessions = []
    for policy, stream, stop, name in PAIRS:
        s = play_pair(sc, policy, stream, stop, folder)
        if name:
            store.save_named(s, name, folder)
        sessions.append(s)
    return sessions
