"""An installed mod with an error, met by a player who starts the game."""

from __future__ import annotations

from game.ui.app import CeasefireApp

from .helpers import settle, sync


@sync
async def test_a_broken_installed_mod_is_shown_not_swapped_for_another_scenario(tmp_path, monkeypatch):
    """`ceasefire play` with an installed campaign mod that has an error started the 11-turn short
    scenario without a word (the first scenario that loaded): a modder saw another game and thought all
    was well. The campaign is still the game started, and its errors are shown, the mod's file named."""
    from game.ui.screens.dialogs import MessageDialog

    mod = tmp_path / "mods" / "basra_2008" / "power_cuts"
    mod.mkdir(parents=True)
    (mod / "events.toml").write_text('[[event]]\nid = "power.blackout"\ntitle = "Blackout"\nwhen = "turn >>= 3"\n'
                                     'text = "The lights go out."\n\n[[event.option]]\nid = "a"\ntext = "Wait"\n',
                                     encoding="utf-8")
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "mods"))
    app = CeasefireApp(saves_dir=str(tmp_path / "saves"), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.session is None  # not the short scenario in its place
        assert isinstance(app.screen, MessageDialog)
        assert app.screen.title_text == "The scenario does not load"
        assert "events.toml" in app.screen.message and "power_cuts" in app.screen.message
