"""`ceasefire play --dev`: F5 reloads the content into the running game; ':' opens a console."""

from __future__ import annotations

import shutil

from game.ui.app import CeasefireApp
from game.ui.screens.game import GameScreen

from .helpers import answer_card, past_briefing, settle, sync
from tests.conftest import MINI


@sync
async def test_reload_and_console(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    app = CeasefireApp(scenario=str(root), seed=1, saves_dir=str(tmp_path / "s"), direct=True, dev=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        while app.session.card is not None:
            await answer_card(pilot)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("colon")
        await settle(pilot)
        for ch in "set treasury 7":
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.value("treasury") == 7
        await pilot.press("escape")
        await settle(pilot)
        events = root / "events" / "random.toml"
        events.write_text(events.read_text().replace('title = "Budget debate"', 'title = "Budget fight"'))
        turn = app.session.turn
        await pilot.press("f5")
        await settle(pilot)
        assert app.session.sc.events["mini.budget"].model.title == "Budget fight"
        assert app.session.turn == turn and app.session.value("treasury") == 7


@sync
async def test_dev_keys_do_nothing_without_dev(mini_path, tmp_path):
    app = CeasefireApp(scenario=mini_path, seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        while app.session.card is not None:
            await answer_card(pilot)
        before = app.session.sc
        await pilot.press("f5")
        await settle(pilot)
        assert app.session.sc is before


@sync
async def test_the_console_stays_open_keeps_a_typo_to_fix_and_works_on_a_card(mini_path, tmp_path):
    """A modder's typo used to close the console, and the next line typed went to the game as keys
    (s saved the game); on an event card, where every turn starts, F5 and ':' did nothing."""
    from textual.widgets import Input, Static

    from game.ui.screens.card import EventCardScreen
    from game.ui.screens.console import ConsoleScreen

    app = CeasefireApp(scenario=mini_path, seed=1, saves_dir=str(tmp_path), direct=True, dev=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)  # the turn starts on a card: the console opens here too
        await pilot.press("colon")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        for line in ("fire mini.budgt", "s"):
            for ch in line:
                await pilot.press("space" if ch == " " else ch)
            if line != "s":
                await pilot.press("enter")
                await settle(pilot)
        console = app.screen
        assert isinstance(console, ConsoleScreen)  # still open after a command
        assert console.query_one(Input).value == "fire mini.budgts"  # the typo kept, and 's' typed into it
        assert "did you mean 'mini.budget'" in str(console.query_one("#console-log", Static).render())
        assert not list(tmp_path.glob("*.json"))  # nothing was saved
        console.query_one(Input).value = "fire mini.budget"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.card.id == "mini.budget"  # fired: first in the queue
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen) and app.screen.event_id == "mini.budget"
        head = str(app.screen.query_one("#card-title", Static).render())
        assert "card 1 of" in head and "your choice added" not in head, head  # the console fired it, not a choice


@sync
async def test_the_console_input_stays_on_screen_after_many_commands_and_says_how_to_clear_a_failed_one(mini_path, tmp_path):
    from textual.widgets import Input

    from game.ui.screens.console import ConsoleScreen

    app = CeasefireApp(scenario=mini_path, seed=1, saves_dir=str(tmp_path), direct=True, dev=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        await pilot.press("colon")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        box = app.screen.query_one(Input)
        for _ in range(10):
            box.value = "show treasury"
            await pilot.press("enter")
            await settle(pilot)
        region = box.region
        assert region.height >= 1 and region.bottom <= 24, region  # the line typed into is in sight
        box.value = "bogus"
        await pilot.press("enter")
        await settle(pilot)
        assert box.value == "bogus" and "ctrl+u clears it" in str(app.screen.query_one("#console-log").render())
        await pilot.press("ctrl+u")
        for ch in "help":
            await pilot.press(ch)
        assert box.value == "help"


@sync
async def test_the_footer_shows_the_developer_keys_at_80_columns_only_with_dev(mini_path, tmp_path):
    """With --dev at 80 columns the footer cut F5 and ':' (they came last in a full footer); now 'w Save now'
    gives way to them (ctrl+s and s still save) and every other key keeps its place. Without --dev, no change."""
    from game.ui.screens.card import EventCardScreen
    from game.ui.widgets import KeyBar

    def footer(app) -> str:
        return str(app.screen.query_one(KeyBar).render())

    for dev in (True, False):
        app = CeasefireApp(scenario=mini_path, seed=1, saves_dir=str(tmp_path), direct=True, dev=dev)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await past_briefing(pilot)
            assert isinstance(app.screen, EventCardScreen)
            card = footer(app)
            while app.session.card is not None:
                await answer_card(pilot)
            assert isinstance(app.screen, GameScreen)
            main = footer(app)
            for text in (card, main):
                assert len(text.rstrip()) <= 80
                assert ("f5 Reload" in text and ": Console" in text) == dev, text
                assert "? Help" in text and "c Codex" in text, text
            assert "1 Choose" in card or "1-" in card
            assert "esc Look at the map" in card
            for key in ("e End turn", "h History", "r Report", "s Save", "esc Menu"):
                assert key in main, main
            assert ("w Save now" in main) != dev and ("w Save now" in card) != dev
