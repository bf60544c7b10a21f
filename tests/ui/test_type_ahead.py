"""Type-ahead safety: keys hammered on the map or the report never answer (or close) a card the player has
not seen; a card's answering keys wait a moment after it is drawn, its other keys work at once."""

from __future__ import annotations

import pytest
from textual._time import get_time

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.report import ReportScreen

from .helpers import answer_cards, drawn_card, end_turn, first_card, past_briefing, settle, sync, type_ahead


async def report_before_a_card(pilot):
    """Turn 1 of the test scenario, its opening card answered 'attack' (whose follow-up comes next turn, chance
    1) and the turn ended: the report is up, a card waits behind it."""
    app = pilot.app
    await settle(pilot)
    await past_briefing(pilot)
    assert app.session.card.id == "mini.opening"
    await pilot.press("1")  # attack
    await settle(pilot)
    await answer_cards(pilot)  # the first open option of each card left
    await end_turn(pilot)
    assert isinstance(app.screen, ReportScreen)
    assert app.session.card.id == "mini.first_week"


@sync
async def test_an_answer_key_in_the_cards_first_instant_is_ignored(mini_path, cards_answer_at_once, monkeypatch):
    delay = cards_answer_at_once  # the game's own delay (the interface tests run with none)
    assert 0.2 <= delay <= 1.0
    monkeypatch.setattr(EventCardScreen, "ANSWER_DELAY", delay)
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        card = await first_card(pilot)
        ol = card.query_one("#card-options")
        assert ol.highlighted == 0
        if get_time() - card.drawn_at > delay / 2:
            pytest.skip("this machine took too long to reach the card's first instant")
        await type_ahead(pilot, "1", "down", "escape", settle_after=1)  # in its first instant
        assert app.screen is card and app.session.card.id == "mini.opening"
        assert not app.session.st.current.events  # '1' did not answer it, Escape did not close it
        assert ol.highlighted == 1  # ↓ moved at once
        await pilot.pause(delay + 0.05)
        await pilot.press("1")  # the same key, the card seen: it answers
        await settle(pilot)
        assert app.session.st.current.events[0] == ("mini.opening", "attack")


@sync
async def test_ctrl_q_quits_in_the_cards_first_instant(mini_path, cards_answer_at_once, monkeypatch, tmp_path):
    monkeypatch.setattr(EventCardScreen, "ANSWER_DELAY", cards_answer_at_once)
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await first_card(pilot)
        await type_ahead(pilot, "ctrl+q", settle_after=3)
    assert app.return_code == 0
    assert list(tmp_path.glob("*.json"))  # quit as ctrl+q quits: the game autosaved first


@sync
async def test_numbers_hammered_on_the_report_do_not_answer_the_next_card(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await report_before_a_card(pilot)
        await type_ahead(pilot, "enter", "1", "1", "1")  # Enter closes the report; the 1s come before the card
        assert isinstance(app.screen, EventCardScreen)
        assert app.session.card.id == "mini.first_week"
        assert not app.session.st.current.events  # both of the turn's cards were answered unseen
        await pilot.press("1")  # a key pressed on the card drawn: it answers
        await settle(pilot)
        assert app.session.st.current.events[0][0] == "mini.first_week"


@sync
async def test_two_quick_escapes_on_the_report_leave_the_next_card_open(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await report_before_a_card(pilot)
        await type_ahead(pilot, "escape", "escape")
        assert isinstance(app.screen, EventCardScreen)  # the second Escape closed the card it never saw
        assert [type(s) for s in app.screen_stack][-2] is GameScreen
        await pilot.press("escape")  # the card seen: Escape looks at the map, as ever
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)


@pytest.mark.parametrize("dialog", ["help", "save"])
@sync
async def test_a_waiting_card_does_not_come_over_a_dialog_opened_first(mini_path, dialog):
    """r then ? (or s) typed on the title: Continue, then help (or the save dialog) opened before the game
    screen's first refresh, when it opens the card that waits. The card came over the dialog, and took the
    keys typed into it."""
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_card(pilot)
        await pilot.press("escape")  # a look at the map
        await settle(pilot)
        await pilot.press("escape")  # the title menu; the card still waits
        await settle(pilot)
        assert app.session.card.id == "mini.opening"
        # (what r and ? do, run in one go: typed, which of the key and the refresh comes first is a race)
        app.action_continue_game()
        app.action_help() if dialog == "help" else app.action_save()
        await settle(pilot, 5)
        opened = app.screen
        assert type(opened).__name__ == {"help": "HelpScreen", "save": "SaveNameDialog"}[dialog]
        assert [type(s) for s in app.screen_stack][-2] is GameScreen
        await pilot.press("escape")  # the dialog closed: the card that waited comes
        await settle(pilot)
        card = await drawn_card(pilot)
        assert app.session.card.id == "mini.opening" and card.event_id == "mini.opening"
