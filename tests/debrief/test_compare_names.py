"""`ceasefire debrief A --compare B` in Markdown: each chart line names its game in full. The names were cut
to 14 characters, so a pair's game and its branch as the guide names them ('amal-and-ben' and
'amal-and-ben-whatif') read 'amal-and-ben' and 'amal-and-ben-w', and two branches 'chloe-and-dan-whatif-1'
and 'chloe-and-dan-whatif-2' both read 'chloe-and-dan-' — nothing told their lines apart. Real games of
basra_short saved under the students' names, through the real CLI."""

from __future__ import annotations

import pytest

from game.cli import main
from tests.classroom.data import basra_class as basra_games


@pytest.mark.parametrize("first, second", [("amal-and-ben", "amal-and-ben-whatif"),
                                           ("chloe-and-dan-whatif-1", "chloe-and-dan-whatif-2")])
def test_every_chart_line_names_its_game_in_full(basra_short, tmp_path, capsys, first, second):
    from game.saves import store

    folder = tmp_path / "class"
    for name, stream in ((first, 2), (second, 3)):
        s = basra_games.play_pair(basra_short, "random", stream, None, tmp_path / "auto")
        store.save_named(s, name, folder)
    assert main(["debrief", str(folder / f"{first}.json"), "--compare", str(folder / f"{second}.json")]) == 0
    md = capsys.readouterr().out
    charts = md.split("## The numbers, both games on one chart", 1)[1].split("```")[1]
    lines = [x for x in charts.splitlines() if x.startswith("  ")]
    assert lines and len(lines) % 2 == 0
    for a, b in zip(lines[::2], lines[1::2]):
        assert a.split()[0] == first and b.split()[0] == second, (a, b)
        assert a.index("\u2192") == b.index("\u2192")  # the two lines still line up
