"""Replay a save's recorded choices from its seed and compare with the stored state."""

from __future__ import annotations

from game.content.runtime import Scenario
from game.engine.session import Session
from game.errors import GameError
from game.saves.savefile import SaveFile


def replay(sf: SaveFile, scenario: Scenario) -> tuple[bool, str]:
    """(matches, a sentence saying what was found)."""
    session = Session.new(scenario, seed=sf.seed, difficulty=sf.difficulty)
    try:
        for turn_choices in sf.choices:
            if session.ended:
                break
            session.apply_choices(turn_choices)
    except GameError as exc:
        return False, f"replay failed: {exc} (the save was tampered with, or the engine or content changed)"
    got = session.st.to_json()
    want = sf.state
    for key in ("turn", "phase", "ending", "values", "flags", "fired", "chosen", "history", "rng"):
        if got.get(key) != want.get(key):
            return False, (f"mismatch in '{key}' at turn {session.turn}: the save does not follow from its seed "
                           "and choices (tampering, or engine drift)")
    note = "" if sf.content_hash == scenario.content_hash else " (note: the content changed since the save)"
    return True, f"ok: {len(sf.choices)} turns replayed from seed {sf.seed}; the state matches{note}"
