"""The debrief's 'What really happened in 2008' table says beside the pair's choice whether it was the one
made in 2008. For the five-minute pair debrief the guide sends pairs to this section; the table put 'You
chose: X' on the left and 'The choice made then: Y' on the right, and a pair had to compare two long
sentences row by row to see where its story left history (the timeline marks it; this table did not).
Real games of basra_short saved as the game saves them, through the real CLI."""

from __future__ import annotations

import html
import re

import pytest

from game.cli import main
from tests.debrief.helpers import furthest_autosaves

ROW = re.compile(r"^\| \*\*(?P<title>[^*]+)\*\* — .*?You chose: (?P<chose>.*?)\.(?: \*\((?P<mark>[^)]*)\)\*)? \| "
                 r"(?P<real>.*) \|$")


def _md(save, tmp_path):
    out = tmp_path / (save.stem + ".md")
    assert main(["debrief", str(save), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _rows(md):
    table = md.split("## What really happened in 2008", 1)[1].split("\n## ", 1)[0].split("### ", 1)[0]
    return [m for m in (ROW.match(x) for x in table.splitlines()) if m]


def test_each_answered_card_with_a_2008_choice_says_whether_the_pair_made_it(basra_class, tmp_path):
    marks = set()
    for save in furthest_autosaves(basra_class):
        rows = _rows(_md(save, tmp_path))
        assert rows
        for m in rows:
            made = re.search(r"The choice made then: (.*)\.$", m["real"])
            if not made:
                assert m["mark"] is None, m.group(0)  # an event with no choice made in 2008 gets no mark
                continue
            want = "as in 2008" if m["chose"] == made.group(1) else "not the choice of 2008"
            if "(×" in m["chose"] or "; " in m["chose"]:
                continue  # a card answered more than once: checked below
            assert m["mark"] == want, m.group(0)
            marks.add(want)
    assert marks == {"as in 2008", "not the choice of 2008"}  # this class made both


def test_the_html_table_marks_it_too(basra_class, tmp_path):
    save = furthest_autosaves(basra_class)[0]
    out = tmp_path / "d.html"
    assert main(["debrief", str(save), "--out", str(out)]) == 0
    page = html.unescape(out.read_text(encoding="utf-8"))
    table = page.split('id="history"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert cells
    seen = 0
    for game, real in cells:
        made = re.search(r"<em>The choice made then:</em> (.*?)(?:<br>|$)", real)
        chose = re.search(r"You chose: (.*?)(?: <em class=\"vs\">\((.*?)\)</em>)?$", game)
        if made and chose and "(×" not in chose.group(1):
            want = "as in 2008" if chose.group(1) == made.group(1) else "not the choice of 2008"
            assert chose.group(2) == want, game
            seen += 1
    assert seen >= 5


@pytest.mark.parametrize("chosen, mark", [
    (["Fly to Basra and direct the operation in person"], "as in 2008"),
    (["Fly to Basra and direct the operation in person (\u00d72)"], "as in 2008"),
    (["Halt the columns"], "not the choice of 2008"),
    (["Halt the columns", "Fly to Basra and direct the operation in person"], "once as in 2008"),
    ([], ""),
])
def test_a_card_answered_twice_or_not_at_all(chosen, mark):
    from game.debrief.model import EventNote

    n = EventNote("e", "The Charge of the Knights", [1], chosen, "", "", "", "Fly to Basra and direct the operation in person",
                  False, [])
    assert n.against_history(2008) == mark
