"""A modder who wants to change one number of a reaction writes only its id and that key. The
replacement is the whole entry, so the rest is lost and validate reports a missing 'why' and an
unknown 'strength' (the actor went with the rest). A note now says that the entry replaces the
original as a whole and which of its keys are missing, at the entry (before: nothing joined the
errors to their cause)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


def _validate(tmp_path: Path, text: str, *extra: str) -> subprocess.CompletedProcess:
    mod = tmp_path / "one_number"
    mod.mkdir(exist_ok=True)
    (mod / "reactions.toml").write_text(text, "utf-8")
    return subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod), *extra],
                          capture_output=True, text=True, cwd=tmp_path)


def _line(path: Path, text: str) -> int:
    return next(i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if ln == text) - 1  # its header


def test_a_partial_replacement_is_explained_with_the_keys_it_lacks(tmp_path):
    run = _validate(tmp_path, '[[reaction]]\nid = "militia.protests_raid"\nadd = { cohesion = -9 }\n')
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    at = _line(MINI / "reactions.toml", 'id = "militia.protests_raid"')
    note = (f"reactions.toml:1:1: note: reaction[0]: this replaces reaction 'militia.protests_raid' of "
            f"{MINI / 'reactions.toml'}:{at} as a whole, not key by key, and lacks its actor, on_action, on_target, why "
            "(fix: copy the whole entry into your mod, then change only what you need)")
    assert note in run.stdout, run.stdout
    assert "missing required key 'why'" in run.stdout
    assert "2 errors" in run.stderr or "1 error" in run.stderr  # the note is not counted as an error


def test_a_whole_replacement_or_a_new_entry_gets_no_note(tmp_path):
    whole = ('[[reaction]]\nid = "militia.protests_raid"\nactor = "militia"\non_action = "raid"\n'
             'on_target = "capital_city"\nwhy = "Raids in the capital anger the political wing."\nadd = { cohesion = -9 }\n')
    run = _validate(tmp_path, whole)
    assert run.returncode == 0 and "note:" not in run.stdout, run.stdout
    run = _validate(tmp_path, '[[reaction]]\nid = "onenum.new_rule"\nadd = { cohesion = -9 }\n')  # broken, but new
    assert run.returncode == 1 and "as a whole" not in run.stdout, run.stdout
