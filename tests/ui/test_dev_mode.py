"""`ceasefire play --dev`: F5 reloads the content into the running game; ':' opens a console."""

from __future__ import annotations

import shutil

from game.ui.app import CeasefireApp
from game.ui.screens.game import GameScreen

from .helpers import answer_card, settle, sync
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
