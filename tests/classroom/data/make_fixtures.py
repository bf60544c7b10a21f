"""Regenerate the class fixture saves: one world (tests/data/mini, seed 4242), several students.

Run from the project root: /work/venv/bin/python tests/classroom/data/make_fixtures.py
Each student plays the same seed with a different policy and choice stream, so the
games diverge; one game is left unfinished to test debriefs of saved games.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
MINI = ROOT / "tests" / "data" / "mini"
SEED = 4242
# (file stem, policy, choice-stream seed, turns to play before saving; None = to the end)
STUDENTS = [
    ("student_a", "historical", 1, None),
    ("student_b", "random", 2, None),
    ("student_c", "random", 3, None),
    ("student_d", "random", 5, None),
    ("student_e", "greedy:cohesion", 7, None),
    ("student_g", "historical", 23, None),  # the coalition falls
    ("student_f_unfinished", "random", 11, 3),
]


def play_student(scenario, policy_name: str, stream: int, turns: int | None, seed: int = SEED):
    from game.engine.session import Session
    from game.errors import GameError
    from game.sim.policies import make_policy, play

    session = Session.new(scenario, seed=seed)
    policy = make_policy(policy_name, scenario)
    rng = random.Random(stream)
    if turns is None:
        return play(session, policy, rng)
    while not session.ended and session.turn <= turns:
        while session.card is not None and not session.ended:
            ev = session.card
            opts = [o for o in ev.options if session.option_availability(o).ok]
            session.choose(policy.choose(session, ev, opts, rng))
        if session.ended:
            break
        if session.turn == turns:
            break  # stop at the orders of this turn, as a student saving mid-game would
        try:
            session.end_turn(policy.orders(session, rng))
        except GameError:
            session.end_turn([])
    return session


def make(out_dir: Path = HERE, scenario=None) -> list[Path]:
    from game.content import loader
    from game.saves.savefile import atomic_write, encode, save, to_savefile

    sc = scenario or loader.load(MINI)
    paths = []
    for stem, policy, stream, turns in STUDENTS:
        session = play_student(sc, policy, stream, turns)
        p = out_dir / f"{stem}.json"
        if out_dir == HERE:  # the committed fixtures: free of this machine's paths and of today's date
            sf = to_savefile(session).model_copy(update={"scenario_path": "tests/data/mini",
                                                          "saved_at": "2026-01-01T12:00:00"})
            atomic_write(p, encode(sf))
        else:
            save(session, p)
        paths.append(p)
    return paths


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for p in make():
        print(p.relative_to(ROOT))


def fixture_saves(scenario, tmp_dir: Path) -> list[Path]:
    """The committed fixture saves when they still read and fit the test scenario's content,
    else fresh ones made in `tmp_dir` (so edits to tests/data/mini or to the save format
    never break these tests; rerun this script to refresh the committed ones)."""
    from game.errors import SaveError
    from game.saves.savefile import read

    committed = sorted(HERE.glob("*.json"))
    try:
        fits = bool(committed) and all(read(p).content_hash == scenario.content_hash for p in committed)
    except SaveError:
        fits = False
    if fits:
        return committed
    tmp_dir.mkdir(parents=True, exist_ok=True)
    return sorted(make(tmp_dir, scenario))
