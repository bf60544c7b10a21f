"""A teacher's slips with `ceasefire class-code`, found preparing a lesson from docs/classroom.md, through
the real CLI: each says what was meant and what to type, in one line, never a traceback."""

from __future__ import annotations

import pytest

from game.cli import main


def _one_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_scenario_without_a_seed_asks_for_the_seed(capsys):
    """It said "'basra_short' has a typing mistake (its check letter does not match)": the name read as a
    ten-letter code once its underscore was dropped."""
    assert main(["class-code", "basra_short"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "typing mistake" not in line
    assert "'basra_short' is a scenario, not a class code" in line
    assert "ceasefire class-code basra_short SEED [DIFFICULTY]" in line


@pytest.mark.parametrize("words", [["HVR00", "01YR4"], ["hvr00", "o1yr4"]])
def test_a_code_typed_with_a_space_is_read_as_one_code(words, capsys):
    """The guide says spaces do not matter in a code; unquoted, the shell made it two words, and the second
    was taken for a seed: "there is no scenario 'HVR00'"."""
    assert main(["class-code", *words]) == 0
    assert capsys.readouterr().out.strip() == "HVR00-01YR4: scenario basra_short, seed 2008, difficulty easy"


def test_a_mistyped_code_with_a_space_is_a_typing_mistake_as_typed(capsys):
    assert main(["class-code", "HVR00", "01YR5"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "'HVR00 01YR5' has a typing mistake" in line


def test_a_code_followed_by_a_difficulty_says_the_code_holds_it(capsys):
    """It said "there is no scenario 'HVR00-01YR4'"."""
    assert main(["class-code", "HVR00-01YR4", "easy"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "no scenario" not in line
    assert "'HVR00-01YR4' is a class code" in line and "`ceasefire class-code HVR00-01YR4`" in line


@pytest.mark.parametrize("difficulty", ["EASY", "Easy"])
def test_the_difficulty_in_capitals_makes_the_same_code(difficulty, capsys):
    assert main(["class-code", "basra_short", "2008", difficulty]) == 0
    assert capsys.readouterr().out.strip() == "HVR00-01YR4"


def test_the_guides_own_commands_still_work(capsys):
    assert main(["class-code", "basra_short", "2008", "easy"]) == 0
    assert main(["class-code", "HVR00-01YR4"]) == 0
    out = capsys.readouterr().out.split()
    assert out[0] == "HVR00-01YR4" and out[1] == "HVR00-01YR4:"
