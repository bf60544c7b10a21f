"""A card's preview says when a follow-up card comes: 'later this turn', 'next turn', 'in 2 turns'."""

from __future__ import annotations

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen
from game.ui.screens.report import ReportScreen

from .helpers import answer_cards, end_turn, past_briefing, settle, sync


def preview_lines(card) -> list[str]:
    box = card.query_one("#card-preview")
    return [" ".join(box.render_line(y).text.split()) for y in range(box.size.height)]


@sync
async def test_the_cards_preview_says_when_its_follow_up_comes(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen) and card.event_id == "mini.opening"
        assert "• leads to: The first week (next turn)" in preview_lines(card)  # a chain of delay 1
        await pilot.press("down")
        await settle(pilot)
        assert "• leads to: An envoy arrives (later this turn)" in preview_lines(card)  # delay 0
        await pilot.press("up", "1")  # attack: The first week comes next turn
        await settle(pilot)
        await answer_cards(pilot)  # the first open option of each card left
        await end_turn(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen) and card.event_id == "mini.first_week"
        await pilot.press("down")  # 'Pull back': its effects schedule a purge, two turns on, half the time
        await settle(pilot)
        lines = preview_lines(card)
        assert "? leads to: A purge in the movement (in 2 turns, 50% chance)" in lines, lines
