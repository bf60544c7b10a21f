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


def test_the_markdown_trajectories_say_which_range_is_which(basra_short, basra_class, capsys):
    """'Public confidence 40 → 36 (range 6..52)' under 'the range is the lowest and highest game' read as the
    games' final numbers, but 6 and 52 were the lowest and highest on any turn (the finished games ended
    between 11 and 49). Now both are given, each named."""
    import re

    from game.classroom.report import from_saves
    from game.numbers import whole

    assert main(["class-report", str(basra_class)]) == 0
    md = capsys.readouterr().out
    block = md.split("## Average trajectories", 1)[1].split("```", 2)[1]
    line = next(x for x in block.splitlines() if x.startswith("Public confidence"))
    m = re.search(r"→ (\d+)  \(at the end (\d+)\.\.(\d+); on the way (\d+)\.\.(\d+)\)", line)
    assert m, line
    end_lo, end_hi, way_lo, way_hi = map(int, m.groups()[1:])
    rep = from_saves([str(p) for p in sorted(basra_class.glob("*.json"))])
    i = basra_short.index["confidence"]
    last = max(len(g.state.history) for g in rep.games)
    finals = [g.state.history[-1][i] for g in rep.games if len(g.state.history) == last]
    every = [h[i] for g in rep.games for h in g.state.history]
    assert (end_lo, end_hi) == (int(whole(min(finals))), int(whole(max(finals))))  # as the game writes them
    assert (way_lo, way_hi) == (int(whole(min(every))), int(whole(max(every))))
    assert (way_lo, way_hi) != (end_lo, end_hi)  # this class's games went lower or higher on the way
