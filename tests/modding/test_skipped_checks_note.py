"""When a file does not parse, validate notes that the reference checks were skipped. validate prints
problems file by file in line order, and that note has no line, so it comes first: its fix said to
fix the error 'above', which is printed below it. It now says 'first', which holds either way; and since
s32 a note of no line follows the file's located problems, so it is read after the error it speaks of."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


def test_the_note_does_not_point_up_at_an_error_printed_below_it(tmp_path):
    mod = tmp_path / "half"
    mod.mkdir()
    (mod / "card.toml").write_text('[[event]]\nid = "half.card"\ntitle = "A card\ntext = "x"\n', "utf-8")
    (mod / "reactions.toml").write_text('[[reaction]]\nid = "half.r"\nactor = "militia"\non_option = "half.card/ok"\n'
                                        'why = "They notice the card."\nadd = { stance = 1 }\n', "utf-8")
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod)],
                         capture_output=True, text=True, cwd=tmp_path)
    lines = run.stdout.splitlines()
    note = next(i for i, ln in enumerate(lines) if "note: reference checks" in ln)
    error = next(i for i, ln in enumerate(lines) if "error: invalid TOML" in ln)
    assert error < note, run.stdout  # the error first, then what its file held back
    assert "above" not in lines[note] and lines[note].startswith("half/card.toml: note:") and "fix the error in it first" in lines[note], lines[note]
