"""docs/classroom.md, step 4: what it says of the class code's example game stays true of the content.

With class code HVR00-01YR4 (basra_short, seed 2008, easy) and the historical policy, the guide says
the 2008 choices end in "The survivor" in half of fifty games, "A fragile peace" in just over a
quarter and "The militia broken" in one in five, and that the saved example (the first game) ends
in "The survivor", the commonest ending. A content change that breaks this must update the guide.
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
    assert games[0].ending == "survivor" == endings.most_common(1)[0][0], endings
    assert 0.35 <= endings["survivor"] / 50 <= 0.65, endings
    assert 0.2 <= endings["fragile_peace"] / 50 <= 0.45, endings
    assert 0.05 <= endings["militia_broken"] / 50 <= 0.25, endings
