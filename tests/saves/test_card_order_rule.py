"""A save keeps the rule its game was played by, so that its choices replay as they were made.

The engine once put each card a choice brought on the same turn ahead of the cards waiting, so two
such cards came in reverse order ("Fly to Basra": the palace mortars before the first week). The
cards now come in the order written; a save from before (no `rules` in its state) still replays and
branches by the rule it was played by, instead of breaking off as "engine drift"."""

import json
import random

from game.content import loader
from game.engine.session import Session
from game.engine.state import RULES
from game.saves import replay, savefile
from game.sim.policies import make_policy, play
from game.ui.saving import branch

TWO_CARDS = ("basra.first_week", "basra.pm_palace")  # both brought by the historical answer to turn 1's first card


def _historical(rules: int) -> Session:
    scenario = loader.load(loader.resolve_scenario("basra_2008"))
    session = Session.new(scenario, seed=2, rules=rules)
    play(session, make_policy("historical", scenario), random.Random(2 ^ 0x5EED))
    return session


def _save(session: Session, path, drop_rules: bool = False):
    sf = savefile.to_savefile(session)
    if drop_rules:  # as every save written before the field
        sf.state.pop("rules")
    path.write_bytes(savefile.encode(sf))
    return path


def _turn1_order(session: Session) -> list[str]:
    return [e for e, _ in session.st.choices[0]["events"] if e in TWO_CARDS]


def test_new_games_bring_the_cards_in_written_order_and_say_so_in_the_save(tmp_path):
    session = _historical(RULES)
    assert _turn1_order(session) == ["basra.first_week", "basra.pm_palace"]
    path = _save(session, tmp_path / "new.json")
    assert json.loads(path.read_text())["state"]["rules"] == RULES
    verdict = replay.check(savefile.read(path), session.sc)
    assert verdict.ok, verdict.message


def test_a_save_from_before_the_rule_replays_and_branches_by_its_own_rule(tmp_path):
    old = _historical(1)
    assert _turn1_order(old) == ["basra.pm_palace", "basra.first_week"]  # the first rule's order
    path = _save(old, tmp_path / "old.json", drop_rules=True)
    sf = savefile.read(path)
    assert "rules" not in sf.state
    verdict = replay.check(sf, old.sc)
    assert verdict.ok, verdict.message
    branched, _ = branch(path, 3)  # what `ceasefire play --load SAVE --turn 3` starts from
    assert branched.turn == 3 and branched.st.rules == 1
    assert branched.st.history == old.st.history[:3]  # turns 1 and 2 played as the game played them
    assert _turn1_order(branched) == ["basra.pm_palace", "basra.first_week"]


def test_replay_says_how_far_an_unfinished_game_went_as_the_debrief_does(tmp_path):
    scenario = loader.load(loader.resolve_scenario("basra_short"))
    session = Session.new(scenario, seed=4)
    policy, rng = make_policy("random", scenario), random.Random(4)
    for _ in range(3):
        while session.card is not None:
            ev = session.card
            session.choose(policy.choose(session, ev, [o for o in ev.options if session.option_availability(o).ok], rng))
        if session.turn < 4:
            session.end_turn(policy.orders(session, rng))
    assert session.turn == 4 and not session.ended
    path = _save(session, tmp_path / "part.json")
    verdict = replay.check(savefile.read(path), scenario)
    assert verdict.ok
    assert verdict.message.startswith(f"ok: 3 of {scenario.meta.turns} turns replayed, and turn 4 as far as it was saved")
    whole = _historical(RULES)
    assert whole.ended
    finished = _save(whole, tmp_path / "whole.json")
    said = replay.check(savefile.read(finished), whole.sc).message
    assert said.startswith(f"ok: {len(whole.st.choices)} turns replayed from seed 2"), said  # every turn it played


def test_a_save_of_rule_2_replays_and_branches_by_it(tmp_path):
    """Rule 3 deals each card when it comes up, so a card's reactions come after the answers before it, and
    a card those answers made moot is set aside: the same seed and choices play otherwise than by rule 2,
    where all of a turn's cards were dealt as it began. A save made by rule 2 replays, and branches, by it."""
    scenario = loader.load(loader.resolve_scenario("basra_2008"))

    def game(rules: int, seed: int) -> Session:
        s = Session.new(scenario, seed=seed, rules=rules)
        play(s, make_policy("random", scenario), random.Random(seed))
        return s

    seed = next(x for x in range(40) if game(2, x).st.history != game(RULES, x).st.history)
    old = game(2, seed)
    path = _save(old, tmp_path / "rule2.json")
    sf = savefile.read(path)
    assert sf.state["rules"] == 2
    verdict = replay.check(sf, scenario)
    assert verdict.ok, verdict.message
    branched, _ = branch(path, 3)
    assert branched.turn == 3 and branched.st.rules == 2 and not branched.st.coming
    assert branched.st.history == old.st.history[:3]
    sf.state["rules"] = RULES  # the same choices by this engine's rule do not give the saved game
    assert not replay.check(sf, scenario).ok


def test_a_dealt_card_the_content_no_longer_has_is_skipped_and_the_next_is_dealt(mini):
    """A save of rule 3 holds the card dealt (state.queue) and those still to come (state.coming). Restored
    against content that no longer has the card dealt, that card is skipped with a warning, and the next
    is dealt then (its news and reactions), not left waiting undealt."""
    s = Session.new(mini, seed=0)
    assert s.st.queue == ["mini.opening"] and s.st.coming == ["mini.purge"]
    sf = savefile.to_savefile(s)
    sf.state["queue"] = ["mini.withdrawn"]  # as if an update of the content had taken the card away
    session, warnings = savefile.restore_checked(sf, mini)
    assert any(w.endswith("they were skipped: mini.withdrawn") for w in warnings), warnings
    assert session.card.id == "mini.purge" and not session.st.coming
    assert session.st.fired.get("mini.purge") == 1 and session.st.last_fired["mini.purge"] == 1


def test_the_cards_set_aside_are_in_the_turn_report_and_kept_by_a_save(tmp_path):
    """A card set aside unseen is named in its turn's report (state.current, then state.reports), which a
    save keeps and a replay checks like the rest."""
    scenario = loader.load(loader.resolve_scenario("basra_2008"))
    for seed in range(60):
        s = Session.new(scenario, seed=seed)
        play(s, make_policy("random", scenario), random.Random(seed))
        aside = [(r.turn, eid) for r in s.st.reports for eid in r.set_aside]
        if aside:
            break
    turn, eid = aside[0]
    assert eid in scenario.events and eid not in {e for e, _ in s.st.reports[turn - 1].events}
    path = _save(s, tmp_path / "aside.json")
    sf = savefile.read(path)
    assert [eid in r.get("set_aside", ()) for r in sf.state["reports"]].count(True) >= 1
    assert replay.check(sf, scenario).ok
    restored, _ = savefile.restore_checked(sf, scenario)
    assert [(r.turn, e) for r in restored.st.reports for e in r.set_aside] == aside
