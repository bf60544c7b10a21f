"""A save of a game played with a mod that is gone: every command that reads it says which mod and how to
fix it, and none offers an autosave of another game in its place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.content import loader
from game.engine.session import Session
from game.saves import savefile, store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def modded_save(tmp_path):
    """A game played with a copy of the example mod, saved; then the mod's folder removed. Beside it, an
    unfinished autosave of another game (which was offered as 'the previous good autosave')."""
    mod = tmp_path / "water_crisis"
    shutil.copytree(ROOT / "examples" / "water_crisis", mod)
    folder = tmp_path / "saves"
    sc = loader.load("basra_2008", [str(mod)])
    s = Session.new(sc, 3)
    path = store.save_named(s, "pair-one", folder)
    other = store.autosave(Session.new(loader.load("basra_2008"), 4), folder)
    shutil.rmtree(mod)
    return path, other, mod


@pytest.mark.parametrize("argv", [["replay", "{save}"], ["debrief", "{save}", "--out", "{tmp}/d.md"],
                                  ["explain", "iran.quds_funding", "--turn", "1", "--save", "{save}"]])
def test_a_save_whose_mod_is_gone_names_the_mod_and_the_fix(modded_save, tmp_path, capsys, argv):
    path, other, mod = modded_save
    code = main([a.format(save=path, tmp=tmp_path) for a in argv])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert str(path) in err and str(mod) in err and "no longer there" in err and "put the mod back" in err
    assert other.name not in err and "autosave" not in err  # another game's autosave is no answer


def test_loading_it_offers_no_autosave_of_another_game(modded_save):
    path, other, mod = modded_save
    with pytest.raises(store.LoadError) as ei:
        store.load_session(path)
    assert ei.value.fallback is None and str(mod) in str(ei.value)


def test_a_damaged_named_save_offers_only_its_own_games_autosave(mini, tmp_path):
    """A pair's named save cut short: the autosave offered in its place is of the same game (its id is
    read from what is left of the file), not the newest autosave of whichever game played last."""
    folder = tmp_path / "saves"
    mine = Session.new(mini, 1)
    own = store.autosave(mine, folder)
    named = store.save_named(mine, "amal-and-ben", folder)
    store.autosave(Session.new(mini, 2), folder)  # another pair's game, newer
    data = named.read_bytes()
    named.write_bytes(data[: len(data) // 2])
    assert savefile.game_id(mine).encode() in named.read_bytes()
    with pytest.raises(store.LoadError) as ei:
        store.load_session(named)
    assert ei.value.fallback == own
