"""Reactions, actor moves, dynamics with lags, and the event draw."""

from collections import Counter

from game.engine.session import Session
from tests.engine.helpers import answer_all, changes_from


def test_state_reaction_fires_once_and_clears_actor_flag(mini):
    s = Session.new(mini, seed=1)
    answer_all(s)
    s.st.values[mini.index["militia.stance"]] = -50
    report = s.end_turn([])
    fired = changes_from(report, "militia.ends_ceasefire")
    assert any(c.target == "flag:militia.ceasefire" and c.after == 0 for c in fired)
    assert "militia.ceasefire" not in s.st.flags
    answer_all(s)
    s.st.flags["militia.ceasefire"] = s.turn
    report = s.end_turn([])
    assert not changes_from(report, "militia.ends_ceasefire"), "max_fires = 1"


def test_on_event_reaction(mini):
    s = Session.new(mini, seed=1)
    s.choose("attack")
    answer_all(s)
    s.end_turn([])
    s.st.scheduled.append([s.turn + 1, "mini.purge", 0, "test"])
    answer_all(s)
    s.end_turn([])
    assert s.card is not None or True
    rep = s.st.current
    assert any(c.source == "coalition.on_purge" for c in rep.changes)


def test_balloon_dynamic_lags_one_turn(mini):
    s = Session.new(mini, seed=1)
    answer_all(s)
    north = mini.index["region.north.violence"]
    before = s.st.values[north]
    report = s.end_turn([("raid", "capital_city")])
    assert not changes_from(report, "balloon.capital"), "the displaced violence lands a turn later"
    assert s.st.lagged, "the amount is measured now and queued"
    answer_all(s)
    report = s.end_turn([])
    moved = changes_from(report, "balloon.capital")
    assert moved and moved[0].target == "region.north.violence" and moved[0].delta > 0
    assert s.st.values[north] > before - 1


def test_moves_follow_conditions_and_weights(mini):
    counts = Counter()
    for seed in range(30):
        s = Session.new(mini, seed=seed)
        answer_all(s)
        s.st.values[mini.index["hardliners.strength"]] = 5  # below the attack move's condition
        report = s.end_turn([])
        counts.update(m for _, m, _ in report.moves)
    assert counts["hardliners.attack"] == 0
    assert counts["militia.recruit"] > 10


def test_event_draw_respects_max_fires_and_conditions(mini):
    for seed in range(20):
        s = Session.new(mini, seed=seed)
        while not s.ended:
            answer_all(s)
            if not s.ended:
                s.end_turn([])
        assert s.st.fired.get("mini.purge", 0) <= 2
        assert s.st.fired.get("mini.opening", 0) == 1
        assert "mini.envoy" not in s.st.fired or s.st.chosen.get("mini.opening/wait")


def test_weight_mod_multiplies_the_draw_weight(mini):
    s = Session.new(mini, seed=1)
    s.st.values[mini.index["militia.stance"]] = 0
    base = s.event_weight("mini.purge")
    assert base == 20  # 10 + max(0, 50 - 0) / 5
    s.st.flags["mediated"] = 1
    assert s.event_weight("mini.purge") == 2 * base


def test_draw_follows_weights(mini):
    """Over many seeds, a heavier eligible event is drawn more often."""
    counts = Counter()
    for seed in range(200):
        s = Session.new(mini, seed=seed)
        answer_all(s)
        s.st.values[mini.index["militia.stance"]] = 15  # purge weight 17, budget weight 8
        s.st.last_fired.pop("mini.purge", None)
        s.st.fired.pop("mini.purge", None)
        s.end_turn([])
        counts.update(e for e in s.st.queue + s.st.coming if e in ("mini.purge", "mini.budget"))  # drawn: dealt or to come
    assert counts["mini.purge"] > counts["mini.budget"] > 20
