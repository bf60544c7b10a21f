"""The QA play-through's findings, each checked on the real app with real content, the way a player meets it."""

from __future__ import annotations

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.report import ReportScreen

from .helpers import answer_cards, end_turn, past_briefing, settle, sync


def finish(session) -> None:
    """Play a game on to its end through the engine: the first open option of each card, no orders."""
    while not session.ended:
        while session.card is not None:
            session.choose(session.open_options(session.card)[0].id)
        if not session.ended:
            session.end_turn([])


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


def keybar_text(screen) -> str:
    from game.ui.widgets import KeyBar

    return str(screen.query_one(KeyBar).render())


@sync
async def test_the_endings_opened_from_the_end_screen_scroll_by_the_page(mini_path, tmp_path):
    """`e` on the end screen opened the codex with the focus on its list, so PgDn went to another entry
    instead of down the page of endings being read. Now the text has the focus and PgUp/PgDn scroll it
    (from the list too); Tab goes between text and list, and the key bar says so."""
    from textual.containers import VerticalScroll

    from game.ui.screens.codex import ENDINGS_ID, CodexScreen

    app = CeasefireApp(scenario="basra_2008", seed=2, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        finish(app.session)  # the campaign's endings fill more than a screen; its 24 turns played quickly
        app.show_end()
        await settle(pilot)
        assert isinstance(app.screen, EndScreen)
        await pilot.press("e")
        await settle(pilot)
        codex = app.screen
        assert isinstance(codex, CodexScreen) and codex.current == ENDINGS_ID
        box = codex.query_one("#codex-body-box", VerticalScroll)
        assert box.max_scroll_y > 0 and box.has_focus
        bar = keybar_text(codex)
        assert "PgUp/PgDn Scroll" in bar and "tab To the list" in bar
        await pilot.press("pagedown")
        await settle(pilot)
        assert codex.current == ENDINGS_ID and box.scroll_y > 0
        await pilot.press("pageup")
        await settle(pilot)
        assert codex.current == ENDINGS_ID and box.scroll_y == 0
        await pilot.press("down")  # the arrows scroll the text being read
        await settle(pilot)
        assert codex.current == ENDINGS_ID and box.scroll_y == 1
        await pilot.press("tab")  # to the list: the arrows choose an entry
        await settle(pilot)
        listed = codex.query_one("#codex-list")
        assert listed.has_focus and "tab To the text" in keybar_text(codex)
        await pilot.press("pagedown")  # still the text's page, not another entry
        await settle(pilot)
        assert codex.current == ENDINGS_ID and box.scroll_y > 1
        await pilot.press("down")
        await settle(pilot)
        assert codex.current != ENDINGS_ID and box.scroll_y == 0  # another entry, from its top
        await pilot.press("tab")
        await settle(pilot)
        assert box.has_focus


def words_of(static) -> str:
    """What a Static holds, as a reader sees it (drawn wide, so no headline is cut), on one line."""
    import io

    from rich.console import Console

    out = io.StringIO()
    Console(width=200, file=out, color_system=None).print(static.content)
    return " ".join(out.getvalue().split())


def card_title(app) -> str:
    return str(app.screen.query_one("#card-title").render())


@sync
async def test_the_card_count_says_when_a_choice_adds_cards(mini_path, tmp_path):
    """Turn 1 has two cards; waiting on the first brings an envoy this very turn. The title read
    'card 1 of 2', then 'card 2 of 3': the total grew between two cards and nothing said why."""
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert app.session.card.id == "mini.opening"
        assert "card 1 of 2" in card_title(app) and "added" not in card_title(app)
        wait = [o.id for o in app.session.shown_options(app.session.card)].index("wait")
        await pilot.press(str(wait + 1))
        await settle(pilot)
        assert app.session.card.id == "mini.envoy"
        assert "card 2 of 3 (your choice added 1)" in card_title(app)
        await pilot.press("escape")  # to the map and back: the same card, the same count
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)
        assert "card 2 of 3 (1 added this turn)" in card_title(app)
        await pilot.press("1")
        await settle(pilot)
        assert app.session.card.id == "mini.purge"
        assert "card 3 of 3 (1 added this turn)" in card_title(app)


@sync
async def test_the_news_keeps_the_cards_still_to_come_to_themselves(mini_path, tmp_path):
    """Looking at the map from the first card, 'Latest news' already told the second card's headline
    (an event's news is written when it fires, at the start of the turn). It now says a card is still to
    come, and shows its headline once the card has been shown."""
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert app.session.st.queue + app.session.st.coming == ["mini.opening", "mini.purge"]
        purge = app.session.sc.events["mini.purge"].model.title  # (it has no news of its own)
        await pilot.press("escape")  # look at the map before answering
        await settle(pilot)
        game = app.screen
        assert isinstance(game, GameScreen)
        for panel in ("#latest", "#news-list"):
            shown = words_of(game.query_one(panel))
            assert "Fighting in the South" in shown  # the card just seen
            assert purge not in shown and "1 more event card to come (b)" in shown
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("1")  # the opening answered: the purge's card is shown
        await settle(pilot)
        assert app.session.card.id == "mini.purge"
        await pilot.press("escape")
        await settle(pilot)
        shown = words_of(game.query_one("#latest"))
        assert purge in shown and "to come" not in shown


@sync
async def test_a_save_named_on_the_last_turn_holds_the_finished_game_and_its_debrief(mini_path, tmp_path):
    """Saved under the pair's name on the last turn, then the turn ended: the named save kept the
    unfinished game while the end screen's debrief, written under that name, told the finished one.
    When the game ends the finished game goes under the same name, and the screen says where."""
    from pathlib import Path

    from textual.widgets import Input

    from game.ui import saving

    app = CeasefireApp(scenario=mini_path, seed=2, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        last = app.session.sc.meta.turns
        for _ in range(60):  # to the last turn's orders
            if isinstance(app.screen, GameScreen) and app.session.turn == last and app.session.card is None:
                break
            if isinstance(app.screen, GameScreen):
                await end_turn(pilot)
            elif isinstance(app.screen, ReportScreen):
                await pilot.press("enter")
                await settle(pilot)
            else:
                await answer_cards(pilot)
        assert app.session.turn == last and not app.session.ended
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one(Input).value = "amal-and-ben"
        await pilot.press("enter")
        await settle(pilot)
        named = tmp_path / "amal-and-ben.json"
        assert named.exists() and not saving.load(named)[0].ended
        await end_turn(pilot)
        assert isinstance(app.screen, ReportScreen) and app.session.ended
        await pilot.press("enter")
        await settle(pilot)
        end = app.screen
        assert isinstance(end, EndScreen)
        assert saving.load(named)[0].ended  # the name now holds the game as it ended
        assert "amal-and-ben.json" in words_of(end.query_one("#end"))
        await pilot.press("d")
        await settle(pilot)
        assert Path(end.debrief_path).name == "amal-and-ben.debrief.html"


@sync
async def test_a_window_below_80x24_is_told_to_grow_and_the_game_comes_back_when_it_does(mini_path, tmp_path):
    """At 60x20 the main screen cut its labels and wrapped each order onto four lines, with no word of
    why. The card and the main screen now say what size they need and what the window is, accept no
    choice or order given unseen, and come back as they were once the window is large enough."""
    from game.ui.widgets import TooSmall

    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen)
        message = card.query_one(TooSmall)
        assert message.display and not card.query_one("#card").display
        said = words_of(message)
        assert "needs a window of at least 80×24; this one is 60×20." in said and "Enlarge" in said
        first = app.session.card.id
        await pilot.press("1", "enter")  # nothing is chosen unseen
        await settle(pilot)
        assert app.session.card.id == first and app.screen is card
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not message.display and card.query_one("#card").display
        game = await answer_cards(pilot)
        assert not game.query_one(TooSmall).display and game.query_one("#body").display
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert game.query_one(TooSmall).display and not game.query_one("#body").display
        assert "this one is 60×20" in words_of(game.query_one(TooSmall))
        await pilot.press("space", "enter")  # no order given unseen
        await settle(pilot)
        assert game.planned == []
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert not game.query_one(TooSmall).display and game.query_one("#body").display
        assert game.query_one("#order-list").has_focus
        await pilot.press("space")
        await settle(pilot)
        assert len(game.planned) == 1


@sync
async def test_a_long_card_count_keeps_the_cards_heading_on_two_lines(tmp_path):
    """'card 6 of 6 (3 added this turn) · invented for the game' wrapped at 80 columns, taking a line from
    the options; the marker then goes after the title."""
    from .test_ui_polish import lines_of

    app = CeasefireApp(scenario="basra_2008", seed=3, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        for _ in range(8):
            if app.session.card is None or (app.session.card.model.invented and "added" in card_title(app)):
                break
            await pilot.press("1")
            await settle(pilot)
        assert app.session.card is not None and app.session.card.model.invented and "added" in card_title(app)
        lines = [line for line in lines_of(app.screen.query_one("#card-title")) if line.strip()]
        assert len(lines) == 2 and ("added this turn)" in lines[0] or "your choice added" in lines[0])
        assert lines[1].endswith("(invented for the game)")


@sync
async def test_a_card_that_comes_again_says_when_it_came_before(tmp_path):
    """Some events recur (a militia's purge, a frayed truce): the same card text again read like a bug.
    The card now says it came up before, and on which turn; a first showing says nothing."""
    app = CeasefireApp(scenario="basra_2008", seed=7, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        s = app.session
        first = {}
        while isinstance(app.screen, EventCardScreen):  # turn 1's cards, by keyboard: none says 'Again'
            text = app.screen.query_one("#card-text").render().plain
            assert "Again:" not in text
            first[s.card.id] = 1
            await pilot.press("1")
            await settle(pilot)
        again = None
        while again is None and not s.ended:  # on through the engine to a card seen before
            s.end_turn([])
            while s.card is not None and again is None:
                if s.card.id in first:
                    again = s.card.id
                else:
                    first.setdefault(s.card.id, s.turn)
                    s.choose(s.open_options(s.card)[0].id)
        assert again is not None
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen) and app.screen.event_id == again
        text = app.screen.query_one("#card-text").render().plain
        assert text.startswith(f"Again: this came up before, on turn {first[again]}.\n"), text
        assert s.answered_before(again) == [first[again]]
