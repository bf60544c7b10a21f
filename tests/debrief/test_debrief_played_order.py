"""The debrief lists events in the order they were played, and says beside each history note when the
event came in the players' game (a teacher's review: the list did not match the game, and a class could
not tell 'turn 10' from 'what really happened on 25 March').

The games here are played by rule 2 (game.engine.state.RULES), as saves made before rule 3 were: all of a
turn's cards came as it began, and a follow-up one choice brought came last but was played next, so the
order the cards came in is not the order they were played, and the debrief must follow the second. (By
rule 3 each card comes as it is played.)"""

from __future__ import annotations

import random
import re

import pytest

from game.debrief import from_save, render
from game.engine.session import Session
from game.saves.store import save_named


def play(sc, seed: int, turns: int, rng_seed: int = 1) -> Session:
    """A game of the real campaign by rule 2, answered at random, its turns ended without orders."""
    s = Session.new(sc, seed, rules=2)
    rng = random.Random(rng_seed)
    while not s.ended and s.turn <= turns:
        while s.card is not None and not s.ended:
            s.choose(rng.choice([o for o in s.card.options if s.option_availability(o).ok]).id)
        if s.ended or s.turn == turns + 1:
            break
        s.end_turn([])
    return s


@pytest.fixture(scope="module")
def campaign():
    from game.content import loader

    return loader.load("basra_2008")


@pytest.fixture(scope="module")
def game(campaign, tmp_path_factory):
    """Ten turns of seed 1, saved and read back as a teacher's debrief does."""
    s = play(campaign, seed=1, turns=10)
    path = save_named(s, "pair-7", tmp_path_factory.mktemp("saves"))
    return s, from_save(str(path), campaign)


def played_ids(st) -> list[tuple[int, str]]:
    """(turn, event) as the game was played: each turn's answers in order; this turn's cards still waiting last."""
    out = [(rep.turn, eid) for rep in st.reports for eid, _ in rep.events]
    if st.current is not None:
        out += [(st.turn, eid) for eid, _ in st.current.events] + [(st.turn, eid) for eid in st.queue]
    return out


def test_the_timeline_lists_each_turns_cards_in_the_order_they_were_played(game):
    s, d = game
    first = s.st.reports[0]
    came = [c.target[6:] for c in first.changes if c.target.startswith("event:")]
    played = [eid for eid, _ in first.events]
    assert sorted(came) == sorted(played) and came != played  # (a follow-up that came at once was played first)
    assert [dec.event for dec in d.timeline[0].decisions] == played
    assert [(t.turn, dec.event) for t in d.timeline for dec in t.decisions] == played_ids(s.st)


def test_the_notes_and_the_history_follow_the_order_played(game):
    s, d = game
    first_played = list(dict.fromkeys(eid for _, eid in played_ids(s.st)))  # each event where it was first played
    assert [n.id for n in d.notes] == first_played
    md = render(d, "md")
    history = md.split("## What really happened in 2008", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in history.splitlines() if ln.startswith("| **")]
    titles = [re.match(r"\| \*\*(.+?)\*\*", ln).group(1) for ln in rows]
    expected = [n.title for n in d.history_notes if n.history or n.historical_option]
    assert titles == expected and titles[:2] == ["The Charge of the Knights", "The offensive stalls"]


def test_beside_each_history_note_it_says_when_the_event_came_in_this_game(game):
    """'In your game: turn 2 (early April 2008)', from the scenario's start date and turn length: turn 1 is
    25 March 2008, each turn 14 days on."""
    s, d = game
    md = render(d, "md")
    html = render(d, "html")
    row = next(ln for ln in md.splitlines() if ln.startswith("| **The Charge of the Knights**"))
    assert "In your game: turn 1 (late March 2008)." in row and "began on 25 March 2008" in row
    later = [n for n in d.history_notes if n.history and n.turns[0] >= 2]
    assert later
    for n in later:
        t = n.turns[0]
        date = s.date(t)  # the date the game's own screens give that turn
        part = "early" if date.day <= 10 else "mid-" if date.day <= 20 else "late"
        phrase = f"{part}{'' if part == 'mid-' else ' '}{date:%B %Y}"
        row = next(ln for ln in md.splitlines() if ln.startswith(f"| **{n.title}**"))
        assert f"In your game: turn{'s' if len(set(n.turns)) > 1 else ''} {t} ({phrase})" in row, row
        assert "In your game: turn" in html and f"{t} ({phrase})" in html
    from game.debrief.model import in_your_game

    assert in_your_game(s.sc, [2]) == "In your game: turn 2 (early April 2008)"
    assert in_your_game(s.sc, [10]) == "In your game: turn 10 (late July 2008)"
    assert in_your_game(s.sc, [3, 9, 9]) == "In your game: turns 3 (late April 2008) and 9 (mid-July 2008)"


def test_a_game_left_in_its_briefing_lists_its_waiting_cards_after_the_answered_ones(campaign, tmp_path):
    """Cards that came but are not answered yet come after the answers, in the order they wait."""
    s = Session.new(campaign, 1, rules=2)
    s.choose(s.card.options[0].id)  # the Basra offensive: a follow-up comes at once, ahead of the drawn cards
    answered = [eid for eid, _ in s.st.current.events]
    waiting = list(s.st.queue)
    came = [c.target[6:] for c in s.st.current.changes if c.target.startswith("event:")]
    assert came != answered + waiting  # (the order they came in is not the order they are played)
    d = from_save(str(save_named(s, "half-way", tmp_path)), campaign)
    decisions = d.timeline[0].decisions
    assert [dec.event for dec in decisions] == answered + waiting
    assert all(dec.option for dec in decisions[:len(answered)]) and not any(dec.option for dec in decisions[len(answered):])
    assert "(not answered yet)" in render(d, "md")


def test_a_card_set_aside_unseen_is_in_the_timeline(campaign, tmp_path):
    """By rule 3 a card an answer before it made moot is set aside unseen; the debrief's timeline names it on
    its turn, so that a class can see what a decision took off the table."""
    from game.sim.policies import make_policy, play as play_policy

    for seed in range(60):
        s = Session.new(campaign, seed)
        play_policy(s, make_policy("random", campaign), random.Random(seed))
        aside = [(r.turn, eid) for r in s.st.reports for eid in r.set_aside]
        if aside:
            break
    turn, eid = aside[0]
    title = campaign.events[eid].model.title
    d = from_save(str(save_named(s, "aside", tmp_path)), campaign)
    assert title in d.timeline[turn - 1].set_aside
    md = render(d, "md").split(f"### Turn {turn} — ", 1)[1].split("### Turn", 1)[0]
    assert f"- **Set aside unseen:** {title} (an answer before it that turn made it moot)" in md
    assert f"{title}, unseen: an answer before it that turn made it moot" in render(d, "html").replace("&#x27;", "'")
