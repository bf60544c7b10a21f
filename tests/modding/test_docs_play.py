"""docs/modding.md, section 9, walks a new modder through seeing the example mod in a game: fire the
card from the dev console, choose the relief, order services in Basra, end the turn, and read the
two reaction lines it quotes in the turn report. Before, the guide never said how to see a changed
reaction at work, nor where `debrief` and `prompt` appear. This plays that walk through the same
session and console the game uses, so the quoted lines cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

from game.content import loader
from game.dev import run_command
from game.engine.session import Session

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "docs" / "modding.md").read_text("utf-8")
SECTION = " ".join(TEXT[TEXT.index("**Seeing your mod at work.**"):TEXT.index("## 10.")].split())


def test_the_walk_through_of_section_9_shows_the_lines_it_quotes():
    sc = loader.load("basra_2008", [str(ROOT / "examples" / "water_crisis")])
    eid = re.search(r"`fire ([\w.]+)`", SECTION).group(1)
    option_text = re.search(r"Choose \*(.+?)\*", SECTION).group(1)
    order_label, region = re.search(r"give the order \*(.+?) \((\w+)\)\*", SECTION).groups()
    quoted = re.findall(r'"([^"]+\.)"', SECTION)
    assert len(quoted) == 2, quoted

    s = Session.new(sc, seed=1)
    run_command(s, f"fire {eid}")
    assert s.card.id == eid and sc.events[eid].model.invented
    option = next(o for o in s.card.options if o.model.text == option_text)
    s.choose(option.id)
    while s.card is not None:  # the other cards: any available option
        s.choose(next(o for o in s.card.options if s.option_availability(o).ok).id)
    action = next(a for a in sc.actions.values() if a.model.label == order_label)
    target = next(r for r in sc.regions.values() if r.short == region or r.name == region)
    report = s.end_turn([(action.id, target.id)])
    whys = [c.why for c in report.changes]
    for line in quoted:
        assert line in whys, (line, whys)


def test_the_guide_says_where_debrief_and_prompt_appear():
    pieces = " ".join(TEXT[TEXT.index("What the pieces do:"):TEXT.index("## 4. Validate")].split())
    assert "`debrief`" in pieces and "`prompt`" in pieces and "ceasefire debrief SAVE" in pieces
    assert "Debrief notes and discussion prompts" in pieces
    from game.debrief.markdown import TITLES

    assert TITLES["notes"] == "Debrief notes and discussion prompts"
