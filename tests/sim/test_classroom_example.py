"""docs/classroom.md, step 4: what it says of the class code's example game stays true of the content.

With class code HVR00-01YR4 (basra_short, seed 2008, easy) and the historical policy, the guide says
the 2008 choices end in "The survivor" in just over half of fifty games, "A fragile peace" in about a
quarter and "The militia broken" in about one in seven, and that the saved example (the first game) ends
in "A fragile peace", public confidence having fallen below what "The survivor" needs. A content change
that breaks this must update the guide. (The example ended in "The survivor" until the oil boom of
2008 was added to the treasury, dynamic income.oil_boom: the same choices then bought other rolls.)
"""

import collections

from game.classroom.codes import decode
from game.content import loader
from game.sim.runner import simulate


def test_the_guides_example_is_representative():
    scenario, seed, difficulty = decode("HVR00-01YR4")
    sc = loader.load(scenario)
    games = simulate(sc, "historical", 50, seed=seed, jobs=1, difficulty=difficulty, progress=False, world=True)
    endings = collections.Counter(r.ending for r in games)
    assert endings.most_common(1)[0][0] == "survivor", endings
    assert games[0].ending == "fragile_peace", games[0].ending
    assert 0.45 <= endings["survivor"] / 50 <= 0.65, endings
    assert 0.2 <= endings["fragile_peace"] / 50 <= 0.35, endings
    assert 0.08 <= endings["militia_broken"] / 50 <= 0.2, endings
