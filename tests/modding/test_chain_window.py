"""A chain ignores its event's min_turn/max_turn: lint notes a triggered_only follow-up whose window
its chain can miss (chain-window), with the fix of putting the window in its condition."""

from __future__ import annotations

from pathlib import Path

from game.cli import main

HERE = Path(__file__).resolve().parent
MINI = HERE.parents[1] / "tests" / "data" / "mini"
MOD = HERE / "data" / "chain_window_mod"


def _lint(capsys) -> list[str]:
    code = main(["lint", str(MINI), "--mod", str(MOD)])
    out = capsys.readouterr().out
    assert code == 0, out
    return [ln for ln in out.splitlines() if "[chain-window]" in ln]


def test_a_triggered_only_follow_up_whose_chain_lands_before_its_window_is_noted(capsys):
    lines = _lint(capsys)
    assert len(lines) == 1, lines  # not cw.guarded (its `when` keeps the window) nor cw.drawn_late (also drawn)
    line = lines[0]
    assert "chain_window_mod/events.toml:28:" in line and ": note: " in line and "event[1].min_turn: " in line
    assert "event 'cw.late' can be scheduled on turns 3..5, outside its window 6..8, by event 'cw.start', delay 2" in line
    assert "min_turn and max_turn limit only the draw" in line
    assert 'put the window in its condition, when = "turn >= 6"' in line

