"""The class report's tables of who chose what name the choice made in 2008 even when no game of the class
made it. A teacher reading 'The Charge of the Knights' split between 'stay in Baghdad' and 'halt the
columns' could not tell from the report what the prime minister actually did (the 2008 mark only tags a row
someone chose). Made from real games of basra_short (class code HVR00-01YR4) saved as the game saves them,
reported through the real CLI."""

from __future__ import annotations

import html
import re

import pytest

from game.cli import main
from tests.classroom.data import basra_class as basra_games


def _play(sc, pick, folder, name):
    """A pair that never makes the 2008 choice: `pick` chooses among the card's other options."""
    from game.engine.session import Session
    from game.saves import store

    def choose(ev, opts):
        return pick([o for o in opts if not o.model.historical] or opts).id

    store.save_named(basra_games.play_through(Session.new(sc, seed=2008, difficulty="easy"), choose), name, folder)


@pytest.fixture(scope="module")
def unhistorical_class(basra_short, tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    _play(basra_short, lambda o: o[0], folder, "amal-and-ben")
    _play(basra_short, lambda o: o[-1], folder, "chloe-and-dan")
    return folder


def _report(folder, tmp_path, fmt):
    out = tmp_path / f"class.{fmt}"
    assert main(["class-report", str(folder), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_the_2008_choice_is_named_under_a_split_no_game_made_it_in(basra_short, unhistorical_class, tmp_path):
    md = _report(unhistorical_class, tmp_path, "md")
    charge = basra_short.events["basra.charge_of_knights"]
    made = next(o for o in charge.options if o.model.historical).model.text
    section = md.split("### The Charge of the Knights", 1)[1].split("\n### ", 1)[0]
    assert "*(2008)*" not in section  # no pair made it: nothing in the table is marked
    assert f"In 2008: {made} (no game of the class chose it)." in section
    # it stands before the discussion prompt, where the teacher turns from the class to the history
    assert section.index("In 2008:") < section.index("**Discuss:**")


def test_the_html_report_says_it_too(basra_short, unhistorical_class, tmp_path):
    page = html.unescape(_report(unhistorical_class, tmp_path, "html"))
    charge = basra_short.events["basra.charge_of_knights"]
    made = next(o for o in charge.options if o.model.historical).model.text
    block = page.split("<h3>The Charge of the Knights", 1)[1].split('<div class="note">', 1)[0]
    assert f"In 2008: {made} (no game of the class chose it)." in block
    assert re.search(r"</table><p><em>In 2008: ", block)


def test_a_split_where_a_game_made_the_2008_choice_marks_the_row_and_adds_no_line(basra_class, tmp_path):
    md = _report(basra_class, tmp_path, "md")
    for section in md.split("\n### ")[1:]:
        if "*(2008)*" in section.split("> **Discuss:**")[0]:
            assert "no game of the class chose it" not in section
