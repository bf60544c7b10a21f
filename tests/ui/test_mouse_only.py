"""A player with a mouse and no keyboard: what a click on the screen does, at 80x24 and 120x40. Found playing
the classroom scenario by clicks alone (the title's menu, the dialogs' buttons, the key bar)."""

from __future__ import annotations

import pytest

from game.ui.app import CeasefireApp
from game.ui.screens.title import TitleScreen

from .helpers import settle, sync

SIZES = [(80, 24), (120, 40)]


async def click_option(pilot, selector: str, option_id: str) -> None:
    """Click an OptionList's option of one line, found by its id, where it is drawn."""
    from textual.widgets import OptionList

    menu = pilot.app.screen.query_one(selector, OptionList)
    index = menu.get_option_index(option_id)
    top = menu.content_region.y - menu.region.y  # the list's border and padding
    await pilot.click(menu, offset=(6, top + index - menu.scroll_offset.y))
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_quit_in_the_title_menu_quits(tmp_path, size):
    """'q Quit' in the title's menu did nothing when clicked (or chosen with Enter): the menu called the app's
    run_action without awaiting it, and the player was left on the title with no way out but the q key."""
    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot, 6)
        assert isinstance(app.screen, TitleScreen)
        await click_option(pilot, "#menu", "quit")
        await settle(pilot)
        assert app.return_code == 0  # the app is exiting


@sync
async def test_quit_in_the_title_menu_saves_the_open_game_first(mini_path, tmp_path):
    """With a game open (the title reached with Escape), Quit in the menu saves it first, as the q key does."""
    from .helpers import answer_cards

    app = CeasefireApp(scenario=mini_path, seed=4, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("escape")  # the menu: the title screen, the game kept open
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        app.screen.query_one("#menu").highlighted = app.screen.query_one("#menu").get_option_index("quit")
        await pilot.press("enter")  # Enter on the highlighted Quit: the same handler as a click
        await settle(pilot)
        assert app.return_code == 0
    assert list(tmp_path.glob("autosave-*.json"))


async def click_bar_key(pilot, key: str) -> None:
    """Click a key in the key bar (the footer), as a mouse user does."""
    from game.ui.widgets import KeyBar

    bar = pilot.app.screen.query_one(KeyBar)
    bar.render()
    span = next((a for a, _b, k, _on in bar._spans if k == key), None)
    assert span is not None, f"no {key!r} in the key bar of {type(pilot.app.screen).__name__}"
    await pilot.click(bar, offset=(span + 1, 0))
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_the_save_dialog_has_buttons_to_save_and_to_cancel(mini_path, tmp_path, size):
    """The save dialog was a box for the name and 'Enter saves · Escape cancels': with the mouse, nothing in
    it could be clicked (only the key bar at the screen's foot). It has a Save and a Cancel button now:
    Save saves under the name shown (the one offered, or the one typed), Cancel saves nothing."""
    from textual.widgets import Button

    from game.ui.screens.dialogs import SaveNameDialog
    from game.ui.screens.game import GameScreen

    from .helpers import answer_cards

    app = CeasefireApp(scenario=mini_path, seed=4, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await click_bar_key(pilot, "s")
        dialog = app.screen
        assert isinstance(dialog, SaveNameDialog)
        cancel = dialog.query_one("#cancel", Button)
        assert cancel.region.height and dialog.region.contains_region(cancel.region)  # in sight
        await pilot.click(cancel)
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert not [p for p in tmp_path.glob("*.json") if not p.name.startswith("autosave-")]

        await click_bar_key(pilot, "s")
        app.screen.query_one("#save-name").value = "amal-and-ben"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert (tmp_path / "amal-and-ben.json").is_file()


# ---------------------------------------------------------------- Continue in a served class


async def _another_pairs_game(mini_path, folder) -> None:
    """A game in progress in the class's saves folder: a turn played and autosaved by the real game."""
    from .helpers import answer_cards, end_turn

    app = CeasefireApp(scenario=mini_path, seed=11, saves_dir=str(folder), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await end_turn(pilot)
    assert list(folder.glob("autosave-*.json"))


@pytest.mark.parametrize("how", ["click", "key"])
@sync
async def test_continue_in_a_served_class_lets_the_player_choose_the_game(mini_path, tmp_path, monkeypatch, how):
    """Served to a class (ceasefire serve), every browser's game saves into the one folder of the class. A
    fresh game page (Restart after the game closed, a new tab) offered 'Continue (mini, turn 2)': the newest
    game in progress in the folder, whoever played it; a pair that pressed it went on with another pair's
    game, both writing its saves. In a served game Continue now opens the list of saves to choose from."""
    from game.ui.screens.dialogs import LoadScreen

    await _another_pairs_game(mini_path, tmp_path)
    monkeypatch.setenv("CEASEFIRE_DEBRIEFS_URL", "http://127.0.0.1:8000/debriefs/")  # as `serve` sets it
    app = CeasefireApp(scenario=mini_path, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 6)
        await pilot.pause(0.3)  # the title reads the saves folder just after its first frame
        await settle(pilot)
        menu = app.screen.query_one("#menu")
        line = str(menu.get_option("continue").prompt)
        assert "turn" not in line and "choose" in line, line
        assert not menu.get_option("continue").disabled
        assert len(line) <= menu.scrollable_content_region.width, line
        if how == "click":
            await click_option(pilot, "#menu", "continue")
        else:
            await pilot.press("r")
            await settle(pilot)
        assert isinstance(app.screen, LoadScreen), type(app.screen).__name__
        assert app.session is None  # nobody's game was opened
        await pilot.press("enter")  # the pair chooses its game in the list
        await settle(pilot, 6)
        assert app.session is not None and not isinstance(app.screen, LoadScreen)


@sync
async def test_continue_in_a_terminal_still_goes_straight_to_the_last_game(mini_path, tmp_path):
    """On a player's own computer the folder is theirs: Continue opens the newest game in progress at once."""
    await _another_pairs_game(mini_path, tmp_path)
    app = CeasefireApp(scenario=mini_path, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 6)
        await pilot.pause(0.3)
        await settle(pilot)
        assert "turn 2" in str(app.screen.query_one("#menu").get_option("continue").prompt)
        await pilot.press("r")
        await settle(pilot, 6)
        assert app.session is not None and app.session.turn == 2


# ---------------------------------------------------------------- links: clicked, and said to be


def first_link(screen, region) -> tuple[int, int, str]:
    """The screen position of the first codex link drawn in `region`, and the action its click runs."""
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            action = screen.get_style_at(x, y).meta.get("@click")
            if action and "codex" in action:
                return x, y, action
    raise AssertionError("no codex link drawn")


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_a_card_says_its_underlined_names_can_be_clicked(mini_path, size):
    """A card's underlined names open their codex entries when clicked, but the card said only '(l opens the
    linked codex entries)': a player with the mouse had no word that a click would do. It says so now, and the
    click opens the entry."""
    from game.ui.screens.codex import CodexScreen

    from .helpers import first_card

    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=size) as pilot:
        card = await first_card(pilot)
        text = card.query_one("#card-text")
        said = str(text.render())
        assert "click" in said.lower() and "press l" in said, said
        x, y, _action = first_link(app.screen, text.region)
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert isinstance(app.screen, CodexScreen)


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_the_codex_says_its_links_can_be_clicked(mini_path, size):
    """The codex said 'Press a link's number to follow it': its links follow on a click too, and it says so."""
    from game.ui.screens.codex import CodexScreen

    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.action_codex()
        await settle(pilot)
        codex = app.screen
        assert isinstance(codex, CodexScreen)
        linking = next(cid for cid in codex.entries if (codex.show(cid), codex.targets)[1])  # an entry with links
        await settle(pilot)
        body = codex.query_one("#codex-body")
        said = str(body.render())
        assert "Click a link" in said and "press its number" in said, said[-200:]
        x, y, action = first_link(app.screen, body.region)
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert codex.current != linking and codex.current in action
