"""The five-minute debrief: the lesson plan gives a pair five minutes with its debrief, but an eleven-turn game's
debrief holds some twenty cards, each with notes, a prompt and a historical note. A short section near the top
picks three of the pair's choices to talk through, those that left history first, each beside the choice of
2008, with its prompt."""

from __future__ import annotations

import random

from game.debrief import SECTIONS, build, render
from game.engine.session import Session
from game.sim.policies import make_policy, play
from tests.debrief.helpers import sections


def _game(sc, policy: str, seed: int, turns: int | None = None):
    session = Session.new(sc, seed)
    play(session, make_policy(policy, sc), random.Random(seed),
         until=(lambda s: s.turn == turns) if turns else None)
    return build(sc, session.st)


def test_three_choices_that_left_history_come_first_each_beside_2008(basra_short):
    d = _game(basra_short, "random", 11)
    notes = [n for n in d.notes if n.prompt and n.chosen]
    assert len(notes) > 10  # far more than five minutes' reading
    picked = d.five_minutes
    assert len(picked) == 3
    assert [n.turns[0] for n in picked] == sorted(n.turns[0] for n in picked)
    left = [n for n in notes if n.against_history(d.year).startswith(("not", "once"))]
    assert len(left) >= 3
    # the first three cards where this game left history, in the order they came
    assert [n.id for n in picked] == [n.id for n in sorted(left, key=lambda n: n.turns[0])[:3]]

    md = render(d, "md")
    titles = [t for _, t in d.sections]
    assert titles.index("The five-minute debrief") == 1  # right after the game at a glance
    part = md.split("## The five-minute debrief", 1)[1].split("\n## ", 1)[0]
    assert "read 'How it ended, and why' below" in part and "one decision you would change" in part
    for i, n in enumerate(picked, 1):
        assert f"{i}. **{n.title}** (turn {n.turns[0]}). You chose: {'; '.join(n.chosen)}." in part
        assert f"In {d.year}: {n.historical_option}." in part
        assert f"**Discuss:** {n.prompt}" in part

    html = sections(render(d, "html"))
    assert html.order[:3] == ["summary", "five", "ending"]
    text = " ".join(html.text["five"].split())
    for n in picked:
        assert n.title in text and n.prompt in text and n.historical_option in text


def test_a_game_close_to_2008_fills_up_with_choices_as_in_2008(basra_short):
    """The historical player left history on few cards: the section fills with cards answered as in 2008 (said
    so, not 'In 2008: the same words again'), never with more than three."""
    d = _game(basra_short, "historical", 3)
    picked = d.five_minutes
    assert len(picked) == 3
    verdicts = [n.against_history(d.year) for n in picked]
    left = [n for n in d.notes if n.prompt and n.chosen and n.against_history(d.year).startswith(("not", "once"))]
    assert sum(1 for v in verdicts if v.startswith(("not", "once"))) == min(3, len(left))
    part = render(d, "md").split("## The five-minute debrief", 1)[1].split("\n## ", 1)[0]
    for n, v in zip(picked, verdicts):
        if v.startswith("as in"):
            assert f"You chose: {'; '.join(n.chosen)}. *(as in {d.year})*" in part


def test_an_unfinished_game_points_to_where_it_stands_and_a_game_with_no_cards_has_no_such_section(basra_short):
    d = _game(basra_short, "random", 5, turns=4)
    assert not d.finished and d.five_minutes
    assert "read 'Where it stands, and why' below" in render(d, "md")
    fresh = build(basra_short, Session.new(basra_short, 5).st)
    assert not fresh.five_minutes
    assert "five" not in [sid for sid, _ in fresh.sections]
    assert "five-minute" not in render(fresh, "md") and 'id="five"' not in render(fresh, "html")
    assert [sid for sid, _ in fresh.sections] == [sid for sid, _ in SECTIONS if sid != "five"]
