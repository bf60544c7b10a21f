"""The levels at which a number ends the game, read from the rules, and which numbers are near one (the
interface marks them: tests/ui/test_near_an_ending.py). A student saw 'Coalition cohesion 13' with no word that
the government could fall."""

from __future__ import annotations

from game.engine.dangers import levels, near
from game.engine.session import Session


def whole(x: float) -> str:
    return f"{x:g}"


def test_the_classroom_scenarios_levels_come_from_its_endings_and_its_no_confidence_rule(basra_short):
    sc = basra_short
    found = {(sc.slots[lv.slot].name, lv.op, lv.level, lv.ending, lv.certain) for lv in levels(sc)}
    assert found == {
        ("cohesion", "<=", 10.0, "no_confidence", True),  # the ending, checked every turn
        ("cohesion", "<", 18.0, "no_confidence", False),  # the dynamic whose roll may bring it
        ("iran_influence", ">=", 80.0, "tehran_client", True),
        ("us_commitment", "<=", 8.0, "us_departure", True),
        ("united_states.patience", "<=", 0.0, "us_departure", True),
    }
    # endings checked only at the end, and those joining several numbers with 'and', have no single level
    assert not {lv.ending for lv in levels(sc)} & {"strong_state", "survivor", "proxy_war", "fragile_peace"}


def test_which_numbers_are_near_and_what_is_said_of_them(basra_short):
    sc = basra_short
    s = Session.new(sc, 1)
    assert near(sc, s.st.values) == []  # the start is far from every level
    v = list(s.st.values)
    v[sc.index["cohesion"]] = 15
    v[sc.index["iran_influence"]] = 74
    v[sc.index["us_commitment"]] = 30  # 22 above its level: not near
    close = near(sc, v)
    assert [sc.slots[n.slot].name for n in close] == ["cohesion", "iran_influence"]  # past a risk level first
    assert close[0].sentence(whole) == ('Coalition cohesion 15: below 18, a turn may end the game ("Brought down by '
                                        'your own coalition"); at 10 or below, it always does')
    assert close[1].sentence(whole) == 'Iranian influence 74: at 80 or above, the game ends in "A client of Tehran"'
    v[sc.index["iran_influence"]] = 69  # 11 below: outside the margin (a tenth of its range)
    assert [sc.slots[n.slot].name for n in near(sc, v)] == ["cohesion"]
