"""Words and rules that must hold whatever the player chose before (a content review).

- iran.overreach: its reason says Iranian dominance alarms Iraqi nationalists of every sect; the
  Sadrists' stance rose with it (+2), the one group named whose number went the other way.
- iran.qom_talks: the news log took the card's title, 'Talks in Qom', when the card came, and kept it
  after the player refused the talks or turned to Najaf. The log now gives the offer, and each option
  says what was done with it.
"""

from __future__ import annotations

import random

import pytest

from game.content import loader
from game.engine.session import Session
from game.sim.policies import make_policy, play


@pytest.fixture(scope="module")
def campaign():
    return loader.load(loader.resolve_scenario("basra_2008"))


def test_iranian_overreach_turns_every_group_it_names_against_the_government(campaign):
    rule = next(r for r in campaign.state_reactions if r.id == "iran.overreach")
    moved = {campaign.slots[op.slot].name: op.value for op in rule.ops if op.kind == "add"}
    for stance in ("sunnis.stance", "kurds.stance", "sadrists.stance"):
        assert moved.get(stance, 0) < 0, (stance, moved)
    assert "nationalists" in rule.why and "Sadr" in rule.why


def test_the_qom_card_news_is_an_offer_and_each_answer_has_its_own_line(campaign):
    ev = campaign.events["iran.qom_talks"].model
    assert ev.news and ev.news != ev.title and "offer" in ev.news
    for opt in ev.options:
        assert opt.news, opt.id
    refuse = next(o for o in ev.options if o.id == "refuse")
    assert "refuses" in refuse.news


def test_after_refusing_the_talks_the_log_does_not_say_they_took_place(campaign):
    for seed in range(200):
        s = Session.new(campaign, seed=seed, record=True)
        policy, rng = make_policy("random", campaign), random.Random(seed)

        class Refuse:
            name = "refuse-qom"

            def choose(self, session, event, options, rng):
                if event.id == "iran.qom_talks":
                    return next(o.id for o in options if o.id == "refuse")
                return policy.choose(session, event, options, rng)

            def orders(self, session, rng):
                return policy.orders(session, rng)

        play(s, Refuse(), rng, until=lambda x: "iran.qom_talks/refuse" in x.st.chosen)
        if "iran.qom_talks/refuse" in s.st.chosen:
            lines = [n.text for n in s.st.news]
            assert "Talks in Qom" not in lines, lines
            assert any("refuses talks" in t for t in lines), lines
            return
    pytest.fail("no game in 200 met the Qom card")
