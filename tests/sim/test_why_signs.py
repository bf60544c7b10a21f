"""A rule's sentence explains the direction of the change it is attached to (QA playthrough, finding 2).

"▼ Security forces morale −2: ... soldiers take heart when the public trusts them" read as a
contradiction. Over real recorded games (random and historical players), every sentence that the turn
report attaches to changes of both signs, for the same rule and number, must be one reviewed as
neutral about direction (listed below: each says what the number follows, not which way it went).
A rule whose change can go either way and whose sentence names one direction must split its effect
by `when`, one sentence per direction (as forces_test.morale does).
"""

import random
from collections import defaultdict

import pytest

from game.content import loader
from game.engine.session import Session
from game.sim.policies import make_policy, play

# sentences that read true whichever way the number moves
NEUTRAL = {
    "People judge the army and police by what they see in their streets.",
    "The state's writ runs as far as its forces' skill, the public's trust, the services and the level of violence let it.",
    "Commitment follows Washington's patience and the troops it keeps in Iraq.",
    "Washington's patience drifts back toward its usual level as old grievances fade and fresh goodwill wears off.",
    "Violence follows the strength of armed groups and the weakness of the state.",
    "Oil money flows through Basra's terminals; violence and local bosses take their cut.",
    "Sunni Arabs' trust in the government decides whether the Awakening fights insurgents or joins them.",
    "Tehran's leverage drifts toward what its steady flow of money and arms can sustain.",
    "Tehran's say in Baghdad tracks the money it spends, the strength of the factions it funds and how many American troops remain.",
    "People go to whoever keeps the lights on: the state or Sadr's offices.",
}


@pytest.mark.parametrize("scenario_id", ["basra_2008", "basra_short"])
def test_a_sentence_for_both_directions_is_neutral(scenario_id):
    sc = loader.load(scenario_id)
    signs = defaultdict(set)
    for policy in ("random", "historical"):
        for i in range(30):
            s = Session.new(sc, seed=4100 + i, record=True)
            play(s, make_policy(policy, sc), random.Random(i))
            for rep in s.st.reports:
                for ch in rep.changes:
                    if ch.target.startswith(("flag:", "event:", "news")) or not ch.delta or not ch.why:
                        continue
                    if ch.cause in ("dynamic", "move", "reaction"):  # (an option's own changes are explained by its text)
                        signs[(ch.source, ch.target, ch.why)].add(ch.delta > 0)
            s.close()
    both = sorted({(src, why) for (src, _t, why), sg in signs.items() if len(sg) == 2 and why not in NEUTRAL})
    assert not both, "sentences shown with rises and falls alike:\n" + "\n".join(f"{s}: {w}" for s, w in both)
