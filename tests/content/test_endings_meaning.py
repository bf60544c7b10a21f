"""What the shipped endings mean: a 'good' or 'best' ending needs a government that actually holds.

A hard-line basra_short game once ended as 'The survivor' (tone good, score 46.5) with public
confidence 3.7, treasury 2.1 and the Special Groups at 66, because the no-truce branch of the rule had
no floor. These tests build such states on the last turn of the real scenarios and play real games,
and check that a collapsed government falls through to a mixed ending or worse while a healthy one
still reaches a good one.
"""

from __future__ import annotations

import random

import pytest

from game.content import loader
from game.engine.session import Session
from game.engine.state import View
from game.sim.policies import make_policy, play
from game.sim.runner import simulate

GOOD = {"good", "best"}
TRUCE = "sadrists.ceasefire"

# the collapsed game: trust in the forces gone, the treasury empty, Iran's cells grown; the Mehdi Army
# weakened (below 45), the coalition not broken, Washington still there
COLLAPSED = {"confidence": 3.7, "treasury": 2.1, "special_groups.strength": 66, "sadrists.strength": 40}
# a government that holds: people trust its forces, the Special Groups have not grown much
HEALTHY = {"confidence": 55, "treasury": 30, "special_groups.strength": 36, "sadrists.strength": 40}


@pytest.fixture(scope="module", params=["basra_2008", "basra_short"])
def sc(request):
    return loader.load(request.param)


def _tone(sc, ending_id: str) -> str:
    return next(e.model.tone for e in sc.endings if e.id == ending_id)


def last_turn_ending(sc, values: dict, truce: bool, difficulty: str | None = None):
    """The ending the scenario's rules give a state on its last turn: the game's start (at the
    difficulty) with `values` set, checked in priority order as the engine checks them."""
    s = Session.new(sc, seed=1, difficulty=difficulty)
    st = s.st
    st.turn = sc.meta.turns
    st.values[sc.turn_slot] = float(st.turn)
    for name, v in values.items():
        st.values[sc.index[name]] = float(v)
    if truce:
        st.flags[TRUCE] = 0
    else:
        st.flags.pop(TRUCE, None)
    view = View(st)
    for e in sc.endings:  # highest priority first
        if e.when is None or e.when.fn(st.values, view):
            return e
    return sc.endings[-1]


@pytest.mark.parametrize("difficulty", [None, "hard"])
@pytest.mark.parametrize("truce", [False, True], ids=["no-truce", "truce"])
def test_a_collapsed_government_gets_no_good_ending(sc, truce, difficulty):
    e = last_turn_ending(sc, COLLAPSED, truce, difficulty)
    assert e.model.tone not in GOOD, f"{sc.meta.id}: confidence 3.7, treasury 2.1, Special Groups 66 ends as {e.id}"
    assert e.id == "fragile_peace"


@pytest.mark.parametrize("truce", [False, True], ids=["no-truce", "truce"])
def test_a_healthy_government_gets_a_good_ending(sc, truce):
    e = last_turn_ending(sc, HEALTHY, truce)
    assert e.model.tone == "good", f"{sc.meta.id}: a healthy end ({HEALTHY}, truce {truce}) ends as {e.id}"


@pytest.mark.parametrize("floor", [("confidence", 39), ("special_groups.strength", 85)])
def test_each_floor_alone_keeps_a_good_ending_away(sc, floor):
    name, value = floor
    for truce in (False, True):
        e = last_turn_ending(sc, {**HEALTHY, name: value}, truce)
        assert e.model.tone not in GOOD, f"{sc.meta.id}: {name} {value} (truce {truce}) ends as {e.id}"


def test_the_no_truce_branch_needs_special_groups_in_check(sc):
    # the Mehdi Army broken by force, but its fighters swept into Iran's cells: not a good ending
    e = last_turn_ending(sc, {**HEALTHY, "special_groups.strength": 60}, truce=False)
    assert e.model.tone not in GOOD, e.id
    # under a truce the Special Groups may remain a threat, as in 2008
    e = last_turn_ending(sc, {**HEALTHY, "special_groups.strength": 60}, truce=True)
    assert e.model.tone == "good", e.id


def test_each_branch_has_its_own_ending(sc):
    """The epilogue fits the game: a truce over a weaker militia and a militia broken with no truce
    are different endings, each telling only its own story."""
    with_truce = last_turn_ending(sc, HEALTHY, truce=True)
    without = last_turn_ending(sc, HEALTHY, truce=False)
    assert with_truce.id == "survivor" and without.id != "survivor"
    assert "Either" not in with_truce.model.epilogue and "Either" not in without.model.epilogue
    assert "truce" in without.model.explain and "truce" in with_truce.model.explain


@pytest.mark.parametrize("values,good", [(COLLAPSED, False), (HEALTHY, True)], ids=["collapsed", "healthy"])
def test_the_engine_ends_a_played_game_by_the_same_rules(values, good):
    """A real basra_short game on hard, played by the hawk policy to its last turn's orders; the state
    is then set (no truce, and Sadr too hostile to declare one) and the engine resolves the last
    turn and picks the ending itself."""
    sc = loader.load("basra_short")
    s = Session.new(sc, seed=7, difficulty="hard")
    play(s, make_policy("hawk", sc), random.Random(7), until=lambda x: x.turn == sc.meta.turns)
    assert s.st.phase != "ended" and s.turn == sc.meta.turns
    fixed = {"cohesion": 50, "iran_influence": 45, "us_commitment": 60, "sadrists.stance": -80, "sadrists.strength": 40}
    for name, v in {**values, **fixed}.items():
        s.st.values[sc.index[name]] = float(v)
    s.st.flags.pop(TRUCE, None)
    s.end_turn([])
    assert s.st.phase == "ended" and TRUCE not in s.st.flags
    tone = _tone(sc, s.st.ending)
    assert (tone in GOOD) is good, f"{s.st.ending} with confidence {s.value('confidence'):.1f}"


def test_no_simulated_game_ends_well_with_the_public_lost():
    """Hard-line classroom games on hard, like the one reported: every good or best ending has public
    confidence of at least 40 at the end."""
    sc = loader.load("basra_short")
    conf = list(sc.metrics).index("confidence")
    games = simulate(sc, "hawk", 150, seed=3, jobs=1, difficulty="hard", progress=False)
    good = [r for r in games if r.tone in GOOD]
    assert good, "some hawk games on hard should still end well"
    n = len(sc.metrics)
    lost = [(r.ending, round(r.trajectory[-n + conf], 1)) for r in good if r.trajectory[-n + conf] < 40]
    assert not lost, f"good endings with public confidence below 40: {lost}"


def test_commanders_who_were_arrested_do_not_turn_up_in_iran():
    """'Picked up across the border' (expelled commanders have crossed into Iran) follows the purge
    card's arrests only when the arrests fail: it used to be chained to the choice whatever the roll."""
    from game.content import loader
    from game.engine.session import Session
    from tests.engine.helpers import answer_all

    sc = loader.load("basra_2008")
    outcomes = set()
    for seed in range(40):
        s = Session.new(sc, seed=seed)
        s._fire("sadr.purge", front=True)  # as the dev console's 'fire' does: its card comes first
        assert s.card.id == "sadr.purge"
        s.choose("arrest_purged")
        caught = next(c for c in s.st.current.changes if c.target == "roll:the arrests succeed").after == 1.0
        answer_all(s)
        s.end_turn([])
        answer_all(s)  # (each card is dealt as it comes up)
        came = "sg.iran_recruits" in s.st.fired
        outcomes.add((caught, came))
        assert not (caught and came), seed
    assert (False, True) in outcomes and (True, False) in outcomes
