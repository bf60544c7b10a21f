"""A modder who calls an event's choices what they are, [[event.choice]], is pointed at 'option'
(before: the list of all twenty keys of an event, with nothing close to 'choice' in it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


@pytest.mark.parametrize("word", ["choice", "choices", "answer"])
def test_event_choice_is_pointed_at_option(tmp_path, word):
    mod = tmp_path / "words"
    mod.mkdir()
    (mod / "card.toml").write_text('[[event]]\nid = "words.card"\ntitle = "A card"\ntext = "A card."\n'
                                   f'debrief = "For the test."\n[[event.{word}]]\nid = "ok"\ntext = "OK"\n', "utf-8")
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert f"card.toml:6:1: error: event[0].{word}: unknown key '{word}' (fix: did you mean 'option'?)" in run.stdout, run.stdout
