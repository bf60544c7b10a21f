"""An event with too many or no [[event.option]] tables: validate counts them and points at the first
one too many, in words (before: 'list should have at most 4 items after validation, not 5 (got a
list)', at the first option, with the fix 'remove some entries')."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

HEAD = ('[[event]]\nid = "count.card"\ntitle = "A card"\ntext = "A card with many choices."\n'
        'debrief = "For the test."\n')


def _validate(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    mod = tmp_path / "count_mod"
    (mod / "events").mkdir(parents=True)
    (mod / "events" / "card.toml").write_text(text, "utf-8")
    return subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod)],
                          capture_output=True, text=True, cwd=tmp_path)


def test_five_options_are_counted_at_the_fifth(tmp_path):
    options = "".join(f'\n[[event.option]]\nid = "o{i}"\ntext = "Choice {i}"\n' for i in range(1, 6))
    text = HEAD + options
    fifth = text.split("\n").index('id = "o5"')  # the line of its [[event.option]] header (1-based: this index)
    run = _validate(tmp_path, text)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert (f"card.toml:{fifth}:1: error: event[0].option[4]: 5 [[event.option]] tables; at most 4 are allowed "
            "(fix: remove 1 of them, or merge two into one)") in run.stdout, run.stdout
    assert "after validation" not in run.stdout and "got a list" not in run.stdout


def test_an_empty_option_list_says_one_is_needed(tmp_path):
    run = _validate(tmp_path, HEAD + "option = []\n")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert "error: event[0].option: 0 [[event.option]] tables; at least 1 is needed (fix: add 1 more)" in run.stdout
