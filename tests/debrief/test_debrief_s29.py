"""A teacher's review of the debrief (session 29): real games of the classroom scenario (class code
HVR00-01YR4) played by the engine (tests/classroom/data/basra_class.py), through the real CLI."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from game.cli import main
from game.debrief import from_save
from tests.debrief.helpers import furthest_autosaves


@pytest.fixture(scope="module")
def finished(basra_class, basra_short) -> list[tuple[Path, str, str]]:
    """(save, ending id, the ending's explanation) of each finished game of the class."""
    out = []
    for p in furthest_autosaves(basra_class):
        d = from_save(str(p), basra_short)
        if d.ending:
            out.append((p, d.ending.id, d.ending.explain))
    return out


# ---------------------------------------------------------------- debrief --compare


def test_two_games_with_one_ending_explain_it_once(finished, tmp_path, capsys):
    """Two games that reached the same ending showed its explanation twice, word for word, one in each
    column of 'The two games'; it is said once, for both."""
    same = next(((a, b) for i, a in enumerate(finished) for b in finished[i + 1:] if a[1] == b[1]), None)
    assert same, [e for _, e, _ in finished]  # (the class fixture has two games of one ending)
    (a, _, explain), (b, _, _) = same
    assert main(["debrief", str(a), "--compare", str(b)]) == 0
    md = capsys.readouterr().out
    assert md.count(explain) == 1
    assert "the same for both games" in md.split("## Where they parted")[0]
    out = tmp_path / "cmp.html"
    assert main(["debrief", str(a), "--compare", str(b), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert html.unescape(page).count(explain) == 1 and 'colspan="2"' in page


def test_two_games_with_different_endings_explain_each(finished, capsys):
    other = next(((a, b) for i, a in enumerate(finished) for b in finished[i + 1:] if a[1] != b[1]), None)
    assert other, [e for _, e, _ in finished]
    (a, _, explain_a), (b, _, explain_b) = other
    assert main(["debrief", str(a), "--compare", str(b)]) == 0
    md = capsys.readouterr().out
    assert md.count(explain_a) == 1 and md.count(explain_b) == 1 and "the same for both" not in md
