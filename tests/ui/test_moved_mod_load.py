"""`ceasefire play --load SAVE --mod DIR`: a game played with a mod whose folder has since moved opens with
the mod where it is now (the command line's contract gives play both --load and --mod); without --mod, the
game says which mod is gone and how to name its new place, and no game starts."""

from __future__ import annotations

import shutil

from game.content import loader
from game.engine.session import Session
from game.saves.store import save_named
from game.ui.app import CeasefireApp
from game.ui.screens.game import GameScreen

from .helpers import settle, sync

EVENT = ('[[event]]\nid = "moved.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
         '[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def _modded_save(mini_path, tmp_path):
    mod = tmp_path / "power_cuts"
    mod.mkdir()
    (mod / "notice.toml").write_text(EVENT, "utf-8")
    game = Session.new(loader.load(mini_path, [str(mod)]), 4)
    path = save_named(game, "pair", tmp_path / "saves")
    moved = tmp_path / "elsewhere" / "power_cuts"
    moved.parent.mkdir()
    shutil.move(str(mod), str(moved))
    return path, mod, moved


@sync
async def test_a_save_whose_mod_moved_opens_with_mod_naming_its_new_place(mini_path, tmp_path, monkeypatch):
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "no_mods"))
    path, _, moved = _modded_save(mini_path, tmp_path)
    app = CeasefireApp(load=str(path), mods=[str(moved)], saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        assert app.session is not None and "moved.notice" in app.session.sc.events
        assert app.session.sc.mods == (str(moved),)
        assert isinstance(app.screen, GameScreen) or app.screen.__class__.__name__ == "EventCardScreen"


@sync
async def test_without_mod_the_game_names_the_mod_that_is_gone(mini_path, tmp_path, monkeypatch):
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "no_mods"))
    path, mod, _ = _modded_save(mini_path, tmp_path)
    app = CeasefireApp(load=str(path), saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        assert app.session is None
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert str(mod) in shown.replace("\n", "") or str(mod).replace("/", "/ ") in shown
        assert "--mod DIR" in shown.replace("\n", " ")
