"""A card's options in the order it shows them (Session.shown_options): as written, or with the
scenario's shuffle_options in an order made from the seed: the same for a class playing one world,
different between worlds, and without touching the game's generator."""

from __future__ import annotations

import pytest

from game.content import loader
from game.engine.session import Session
from tests.engine.helpers import answer_all


@pytest.fixture(scope="module")
def campaign():
    sc = loader.load("basra_2008")
    assert sc.meta.shuffle_options
    return sc


def test_the_order_is_a_permutation_shared_by_one_world_and_not_by_another(campaign):
    ev = campaign.events["basra.charge_of_knights"]
    orders = {}
    for seed in range(1, 21):
        shown = Session.new(campaign, seed=seed).shown_options(ev)
        assert sorted(o.id for o in shown) == sorted(o.id for o in ev.options)
        assert [o.id for o in Session.new(campaign, seed=seed).shown_options(ev)] == [o.id for o in shown]  # one world, one order
        orders[seed] = tuple(o.id for o in shown)
    assert len(set(orders.values())) >= 4  # worlds differ (3 options: 6 orders in all)


def test_the_2008_choice_is_no_longer_always_first(campaign):
    """As written, the option marked historical came first on nearly every card, so pressing 1 on
    every card replayed 2008 and won; shown, it is first on about a third of them."""
    marked = [ev for ev in campaign.events.values() if any(o.model.historical for o in ev.options)]
    written_first = sum(ev.options[0].model.historical for ev in marked) / len(marked)
    assert written_first > 0.8
    s = Session.new(campaign, seed=7)
    shown_first = sum(s.shown_options(ev)[0].model.historical for ev in marked) / len(marked)
    assert 0.15 < shown_first < 0.55, shown_first


def test_asking_for_the_order_changes_nothing_in_the_game(campaign):
    def play(look: bool) -> dict:
        s = Session.new(campaign, seed=11)
        for _ in range(3):
            if look:
                for ev in campaign.events.values():
                    s.shown_options(ev)
            answer_all(s)
            s.end_turn([])
        return s.st.to_json()

    assert play(True) == play(False)


def test_without_shuffle_options_the_order_is_as_written(mini):
    assert not mini.meta.shuffle_options
    s = Session.new(mini, seed=3)
    for ev in mini.events.values():
        assert s.shown_options(ev) == list(ev.options)
