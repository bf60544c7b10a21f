"""A turn: briefing, choices, orders, reactions, moves, dynamics, endings, report."""

import pytest

from game.engine.session import Session
from game.errors import GameError
from tests.engine.helpers import answer_all, changes_from


def test_opening_event_is_scheduled_on_turn_one(mini):
    s = Session.new(mini, seed=1)
    assert s.card.id == "mini.opening"
    assert s.st.phase == "briefing"


def test_delay_zero_chain_joins_the_same_briefing(mini):
    s = Session.new(mini, seed=1)
    s.choose("wait")
    assert s.card is not None and s.card.id == "mini.envoy"
    assert s.turn == 1


def test_delayed_chain_arrives_next_turn(mini):
    s = Session.new(mini, seed=1)
    s.choose("attack")
    answer_all(s)
    s.end_turn([])
    assert "mini.first_week" in s.st.queue + s.st.coming


def test_unavailable_option_is_refused_with_reason(mini):
    s = Session.new(mini, seed=1)
    s.choose("attack")
    answer_all(s)
    s.end_turn([])
    while s.card and s.card.id != "mini.first_week":
        s.choose(next(o.id for o in s.card.options if s.option_availability(o).ok))
    s.st.values[mini.index["treasury"]] = 5
    opt = next(o for o in s.card.options if o.id == "reinforce")
    avail = s.option_availability(opt)
    assert not avail.ok and avail.reason == "Not enough money."
    with pytest.raises(GameError, match="not available"):
        s.choose("reinforce")


def test_end_turn_needs_cards_answered(mini):
    s = Session.new(mini, seed=1)
    with pytest.raises(GameError, match="answer the event cards"):
        s.end_turn([])


def test_orders_cost_capital_and_respect_budget(mini):
    s = Session.new(mini, seed=1)
    answer_all(s)
    s.st.values[mini.capital_slot] = 4
    with pytest.raises(GameError, match="capital"):
        s.end_turn([("raid", "south"), ("services", None)])
    before = s.capital
    report = s.end_turn([("raid", "south")])
    cost = [c for c in report.changes if c.target == "capital" and c.cause == "order"]
    assert cost and cost[0].before - cost[0].after == 3
    assert before - 3 <= s.st.history[-1][mini.capital_slot]


def test_targeted_action_changes_its_target_and_fires_target_reaction(mini):
    s = Session.new(mini, seed=2)
    answer_all(s)
    south = s.value("region.south.violence")
    report = s.end_turn([("raid", "capital_city")])
    assert changes_from(report, "militia.protests_raid"), "the capital-only reaction fires for a capital raid"
    assert any(c.target == "region.capital_city.violence" and c.cause == "order" and c.delta == -10 for c in report.changes)
    s2 = Session.new(mini, seed=2)
    answer_all(s2)
    report2 = s2.end_turn([("raid", "south")])
    assert not changes_from(report2, "militia.protests_raid")
    assert south != s2.value("region.south.violence")


def test_every_change_has_cause_and_why(mini):
    s = Session.new(mini, seed=5)
    answer_all(s)
    report = s.end_turn([("raid", "south"), ("talks", None)])
    assert report.changes
    for c in report.changes:
        assert c.cause in {"order", "option", "reaction", "move", "dynamic", "event", "ending"}
        assert c.source and c.why
        assert c.sentence()


def test_an_event_card_reads_as_its_title_in_the_report(mini):
    s = Session.new(mini, seed=5)
    cards = [c for c in s.st.current.changes if c.target.startswith("event:")]
    assert cards
    for c in cards:
        title = mini.events[c.source].model.title
        assert c.sentence() == f"Event card: {title} (event {c.source})"  # no "the event occurred" filler


def test_report_groups_by_actor_and_lists_moves(mini):
    s = Session.new(mini, seed=3)
    answer_all(s)
    report = s.end_turn([("talks", None)])
    groups = report.by_actor()
    assert "government" in groups  # the player's orders
    assert report.moves and all(a in mini.actors for a, _, _ in report.moves)


def test_cooldown_blocks_repeat_order(mini):
    s = Session.new(mini, seed=1)
    answer_all(s)
    s.end_turn([("services", None)])
    answer_all(s)
    avail = s.order_availability("services")
    assert not avail.ok and "not again until turn" in avail.reason


def test_an_order_on_cooldown_past_the_last_turn_says_not_again_this_game(mini):
    s = Session.new(mini, seed=1)
    while s.turn < mini.meta.turns:
        answer_all(s)
        if s.ended:
            pytest.skip("this seed ends early")
        s.end_turn([])
    answer_all(s)
    s.st.ready["action:services"] = s.turn + 2  # as an order given this turn would leave it
    avail = s.order_availability("services")
    assert not avail.ok and avail.reason == "not again this game"


@pytest.mark.parametrize("chance, said", [(0.6, "a 60%"), (0.85, "an 85%"), (0.08, "an 8%"), (0.11, "an 11%"),
                                          (0.18, "an 18%"), (0.5, "a 50%"), (0.01, "a 1%")])
def test_a_rolls_outcome_reads_as_english(chance, said):
    from game.engine.report import Change

    c = Change(1, "roll:x", "the troops hold", chance, 1, "roll", "x", "", "")
    assert c.roll_outcome() == f"The troops hold? Yes (it had {said} chance)"


def test_forced_ending_from_an_option(mini):
    s = Session.new(mini, seed=1)
    answer_all(s)
    s.end_turn([])
    s.st.queue = ["mini.collapse_vote"]
    s.st.phase = "briefing"
    s.choose("resign")
    assert s.ended and s.st.ending == "fallen"
    assert s.st.reports[-1].changes[-1].target == "ending:fallen"


def test_condition_ending_stops_the_game_early(mini):
    s = Session.new(mini, seed=1)
    answer_all(s)
    s.st.values[mini.index["cohesion"]] = 3
    s.end_turn([])
    assert s.ended and s.st.ending == "fallen" and s.turn == 1


def test_last_turn_gives_an_at_end_ending(mini):
    s = Session.new(mini, seed=4)
    while not s.ended:
        answer_all(s)
        if not s.ended:
            s.end_turn([])
    assert s.turn <= mini.meta.turns
    assert s.st.ending in {"success", "muddle", "fallen"}


def test_difficulty_preset_sets_values_and_flags(mini):
    s = Session.new(mini, seed=1, difficulty="hard")
    start = s.st.history[0]
    assert start[mini.index["treasury"]] == 30 and start[mini.index["cohesion"]] == 45
    assert "hard_mode" in s.st.flags
    with pytest.raises(GameError, match="no difficulty"):
        Session.new(mini, seed=1, difficulty="nightmare")


def test_preview_shows_certain_and_uncertain_effects(mini):
    s = Session.new(mini, seed=1)
    answer_all(s)
    p = s.preview_order("raid", "south")
    assert p.cost == 3
    labels = {(i.target, round(i.delta or 0)) for i in p.items}
    assert ("region.south.violence", -10) in labels
    uncertain = [i for i in p.items if not i.certain]
    assert uncertain and all(0 < i.chance < 1 for i in uncertain)
    assert any(i.actor == "militia" and "resents" in i.why for i in p.items)


def test_a_chance_reads_as_a_sentence_in_previews_and_reports(mini):
    """A roll's label says what success is ('the troops hold'): the preview says 'if the troops hold:
    N% chance now' ('now' when the chance is worked out from the state) and 'unless the troops hold: M% chance' (it
    said 'if not: M% chance', away from the clause); the turn report 'The troops hold? No (it had a N% chance)':
    the odds belong to the clause, not to the answer beside them."""
    s = Session.new(mini, seed=1)
    answer_all(s)
    notes = {i.note for i in s.preview_order("raid", "south").items if i.note}
    win = next(n for n in notes if n.startswith("if the troops hold: "))
    assert win.endswith("% chance now") and "succeeds" not in win  # 'now': the raid's chance reads confidence
    assert any(n.startswith("unless the troops hold: ") and n.endswith("% chance") for n in notes)
    report = s.end_turn([("raid", "south")])
    rolls = [c.sentence() for c in report.changes if c.target.startswith("roll:")]
    assert rolls and all(r.startswith(("The troops hold? Yes (it had a ", "The troops hold? No (it had a ")) for r in rolls)
    assert all("% chance)" in r for r in rolls)


def test_reports_and_news_name_a_region_by_its_short_name():
    from game.content import loader

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    assert sc.regions["basra"].name == "Basra and the south" and sc.regions["basra"].short_name == "Basra"
    assert sc.regions["baghdad"].short is None and sc.regions["baghdad"].short_name == "Baghdad"
    assert sc.label_of(sc.slot("region.basra.violence")) == "Basra violence"
    assert sc.label_of(sc.slot("region.north.control")) == "North control"
    s = Session.new(sc, seed=3)
    answer_all(s)
    s.end_turn([("offensive", "north")])
    report = s.st.reports[-1]
    region_changes = [c for c in report.changes if c.target.startswith("region.")]
    assert region_changes
    for c in region_changes:
        rid = c.target.split(".")[1]
        assert c.label.startswith(sc.regions[rid].short_name + " ")
    assert not any("(North (Mosul" in n.text for n in s.st.news)  # the order's news names the short name
    assert any(n.text.endswith("(North)") for n in s.st.news if n.kind == "order")


def test_flags_read_as_words_in_reports_and_previews():
    from game.content import loader

    from tests.conftest import MINI

    mini = loader.load(MINI)  # no [[flag]] words: the words of the id, an actor's flag with its name
    assert mini.flag_label("militia.truce_extended") == f"{mini.actors['militia'].short}: truce extended"
    assert mini.flag_label("basra.offensive_begun") == "offensive begun"
    assert mini.flag_status("militia.truce_extended") == "truce extended"
    sc = loader.load(loader.resolve_scenario("basra_2008"))  # its flags.toml gives each flag its words
    assert sc.flag_label("sadrists.truce_extended") == "the Mehdi Army's freeze has been extended"
    assert sc.flag_label("basra.offensive_begun") == "the Basra offensive is under way"
    assert sc.flag_status("sadrists.ceasefire") == "ceasefire"  # the actors panel's short tag
    s = Session.new(sc, seed=1)
    assert s.card.id == "basra.charge_of_knights"
    items = s.preview_option("basra.charge_of_knights", s.card.options[0].id).items
    assert any(i.target == "flag:basra.offensive_begun" for i in items)
    s.choose(s.card.options[0].id)
    answer_all(s)
    report = s.end_turn([])
    flags = [c for c in report.changes if c.target.startswith("flag:")]
    assert flags
    for c in flags:
        assert c.label == sc.flag_label(c.target[5:]) and "." not in c.label and "_" not in c.label
        # a status that begins or ends ('Now: offensive begun — ...'), not "'offensive begun' set"
        assert c.sentence().startswith(("Now: ", "No longer: ", f"{c.label.split(':')[0]} now: ",
                                        f"{c.label.split(':')[0]} no longer: ")), c.sentence()
        assert "‘" not in c.sentence() and " set" not in c.sentence().split(" — ")[0]
    begun = next(c for c in flags if c.target == "flag:basra.offensive_begun")
    assert begun.sentence().startswith("Now: the Basra offensive is under way — ")


def test_a_fraction_of_capital_short_says_so_not_costs_7_with_7_left(mini):
    from game.words import amount

    s = Session.new(mini, seed=1)
    answer_all(s)
    cost = mini.actions["raid"].model.cost
    s.st.values[mini.capital_slot] = cost - 0.04  # income formulas leave fractions: 6.96 of 7
    why = s.order_availability("raid", "south").reason
    assert why == f"costs {amount(cost)} capital; {amount(cost - 0.1)} left", why
    assert [amount(x) for x in (7.0, 6.96, 12.5, 0.04)] == ["7", "6.9", "12.5", "0"]


def test_a_preview_on_the_last_turn_promises_no_follow_up_that_cannot_come(mini):
    """'leads to: The first week (in 1 turn)' was shown on the last turn, when no turn was left for it."""
    s = Session.new(mini, seed=5)
    assert s.card.id == "mini.opening"
    leads = [i for i in s.preview_option("mini.opening", "attack").items if i.target.startswith("event:")]
    assert [i.target for i in leads] == ["event:mini.first_week"]  # turn 1: it comes on turn 2
    s.st.turn = mini.meta.turns  # the same card on the last turn
    assert not [i for i in s.preview_option("mini.opening", "attack").items if i.target.startswith("event:")]
    at_once = [i for i in s.preview_option("mini.opening", "wait").items if i.target.startswith("event:")]
    assert [i.target for i in at_once] == ["event:mini.envoy"]  # delay 0 in the briefing: it still comes


def test_a_change_below_zero_reads_with_one_kind_of_minus():
    from game.engine.report import Change

    c = Change(1, "iran.stance", "Iran stance", 2, -2, "reaction", "iran.x", "Tehran is displeased", "iran")
    assert c.sentence() == "Iran stance \u22124 (now \u22122): Tehran is displeased (reaction iran.x)"
    assert Change(1, "x", "X", 0.3, -0.02, "dynamic", "d", "", "").sentence().startswith("X \u22120.3 (now 0)")


def test_a_reaction_with_no_actor_is_not_labelled_as_the_changed_actors_own(tmp_path):
    """A rule with no actor that changes an actor's value (here the militia's strength) is nobody's
    reaction in the preview: it used to be given to the owner of the value, so the card read
    "(Militia's reaction)" for a change the militia suffered."""
    from game.content import loader
    from tests.conftest import MINI

    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "reactions.toml").write_text('[[reaction]]\nid = "mod.raid_weakens"\non_action = "raid"\n'
                                        'add = { "militia.strength" = -5 }\nwhy = "Raids cost the militia fighters."\n')
    sc = loader.load(MINI, [mod])
    s = Session.new(sc, seed=1)
    answer_all(s)
    items = [i for i in s.preview_order("raid", "south").items if i.why == "Raids cost the militia fighters."]
    assert [(i.target, i.actor) for i in items] == [("militia.strength", "")]
    assert any(i.actor == "militia" and "resents" in i.why for i in s.preview_order("raid", "south").items)


def test_a_preview_says_when_each_follow_up_comes(mini):
    """A chain or a `schedule` effect: in how many turns its card comes (0: later this turn, after the card
    answered), as the session will place it. A schedule's follow-up gave no timing at all."""
    s = Session.new(mini, seed=1)
    assert s.card.id == "mini.opening"

    def leads(event_id, option_id):
        return [(i.target, i.turns) for i in s.preview_option(event_id, option_id).items if i.target.startswith("event:")]

    assert leads("mini.opening", "attack") == [("event:mini.first_week", 1)]  # chain, delay 1
    assert leads("mini.opening", "wait") == [("event:mini.envoy", 0)]  # chain, delay 0: this turn
    assert leads("mini.first_week", "pull_back") == [("event:mini.purge", 2)]  # schedule effect, delay 2
    s.choose("attack")  # ... and the session places it so
    assert [t for t, e, *_ in s.st.scheduled if e == "mini.first_week"] == [s.turn + 1]
