"""The QA play-through's findings, each checked on the real app with real content, the way a player meets it."""

from __future__ import annotations

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.report import ReportScreen

from .helpers import answer_cards, end_turn, settle, sync


@sync
async def test_a_new_turns_order_preview_starts_at_its_top(tmp_path):
    """The preview remembered which order it showed by the order's id alone: the same order highlighted
    on the next turn kept the scroll of the last turn's preview, its first lines out of sight."""
    app = CeasefireApp(scenario="basra_2008", seed=3, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        ol = game.query_one("#order-list")
        box = game.query_one("#order-preview-box")
        oid = ol.get_option_at_index(ol.highlighted).id
        assert box.max_scroll_y > 0  # a long preview: it scrolls
        box.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        assert box.scroll_y > 0
        turn = app.session.turn
        await end_turn(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")
        await settle(pilot)
        game = await answer_cards(pilot)
        assert app.session.turn == turn + 1
        assert ol.get_option_at_index(ol.highlighted).id == oid  # the same order, a new turn
        await settle(pilot)
        assert box.scroll_y == 0
