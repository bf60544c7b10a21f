"""The store API the interface calls: autosave, named saves, Continue, the load screen, loading."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from game.engine.session import Session
from game.errors import SaveError
from game.saves import store

from savehelp import play_turns


def test_autosave_keeps_last_five_and_never_named(mini, folder):
    s = Session.new(mini, seed=3)
    named = store.save_named(s, "my game", folder)
    other = Session.new(mini, seed=4)
    other_auto = store.autosave(other, folder)
    play_turns(s, random.Random(1), each_turn=lambda ss: store.autosave(ss, folder))
    autos = sorted(p.name for p in folder.glob("autosave-mini-3-*.json"))
    assert len(autos) == store.KEEP_AUTOSAVES
    assert autos[-1] == f"autosave-mini-3-{store.game_id(s)}-t{s.turn:02d}.json"
    assert named.exists() and other_auto.exists()


def test_autosave_name(mini, folder):
    s = Session.new(mini, seed=42)
    name = store.autosave(s, folder).name
    assert name.startswith("autosave-mini-42-") and name.endswith("-t01.json")


def test_same_seed_two_players_keep_their_own_autosaves(mini, folder):
    """A class code gives everyone the same seed; two players on one computer must not share autosaves."""
    a, b = Session.new(mini, seed=9), Session.new(mini, seed=9)
    play_turns(a, random.Random(1), 3, each_turn=lambda s: store.autosave(s, folder))
    mine = sorted(folder.iterdir())
    before = {p: p.read_bytes() for p in mine}
    play_turns(b, random.Random(2), 6, each_turn=lambda s: store.autosave(s, folder))
    assert all(p.read_bytes() == data for p, data in before.items())


def test_resumed_game_continues_its_autosaves(mini, folder):
    s = Session.new(mini, seed=4)
    play_turns(s, random.Random(1), 2, each_turn=lambda ss: store.autosave(ss, folder))
    first = store.newest(folder)
    resumed, _ = store.load_session(first)
    play_turns(resumed, random.Random(1), 4, each_turn=lambda ss: store.autosave(ss, folder))
    autos = list(folder.glob("autosave-*.json"))
    assert len(autos) == store.KEEP_AUTOSAVES
    assert len({store._AUTO.match(p.name).group("game") for p in autos}) == 1


def test_default_folder_from_env(mini, tmp_path):
    s = Session.new(mini, seed=1)
    p = store.autosave(s)
    assert p.parent == Path(os.environ["CEASEFIRE_SAVES"])


@pytest.mark.parametrize("name", ["../evil", "../../x/../y", "/abs/path", "a\\..\\b", "..", "", "  .hidden",
                                  "autosave-mini-1-t01", "con/../nul", "x" * 300])
def test_named_save_stays_inside(mini, folder, name):
    s = Session.new(mini, seed=1)
    p = store.save_named(s, name, folder)
    assert p.resolve().parent == folder.resolve()
    assert not p.name.startswith(".")
    assert not store._AUTO.match(p.name)
    assert [x.name for x in folder.iterdir()] == [p.name]


def test_entries_and_newest(mini, folder, midgame):
    assert store.newest(folder) is None
    assert store.entries(folder) == []
    a = store.save_named(midgame, "first", folder)
    bad = folder / "broken.json"
    bad.write_text("{not json")
    es = store.entries(folder)
    assert {e.name for e in es} == {"first", "broken"}
    good = next(e for e in es if e.name == "first")
    assert (good.scenario, good.turn, good.ok) == ("mini", midgame.turn, True)
    assert good.date == midgame.date().isoformat() and good.saved_at and good.summary
    broken = next(e for e in es if e.name == "broken")
    assert not broken.ok and "broken.json" in broken.error
    assert store.newest(folder) == a


def test_load_session_roundtrip(mini, folder, midgame):
    p = store.save_named(midgame, "x", folder)
    s2, warnings = store.load_session(p)
    assert warnings == []
    assert s2.st.to_json() == midgame.st.to_json()
    s3, _ = store.load_session(p, mini)
    assert s3.turn == midgame.turn


def test_load_bad_offers_previous_autosave(mini, folder, midgame):
    good = store.autosave(midgame, folder)
    play_turns(midgame, random.Random(2), 1)
    bad = store.autosave(midgame, folder)
    bad.write_bytes(bad.read_bytes()[:100])
    with pytest.raises(store.LoadError) as ei:
        store.load_session(bad)
    assert str(bad) in str(ei.value) and good.name in str(ei.value)
    assert ei.value.fallback == good
    assert isinstance(ei.value, SaveError)


def test_continue_skips_the_older_autosaves_of_a_finished_game(mini, folder):
    """Once a game has ended, Continue does not offer its earlier autosaves (that would reopen a
    finished game a turn before its end); another game in progress is still offered."""
    other = Session.new(mini, seed=8)
    play_turns(other, random.Random(2), 2, each_turn=lambda ss: store.autosave(ss, folder))
    s = Session.new(mini, seed=4)
    play_turns(s, random.Random(1), each_turn=lambda ss: store.autosave(ss, folder))
    assert s.ended
    key = store.game_key(s)
    assert any(not e.ended and store._AUTO.match(e.path.name).group("game") == key
               for e in store.entries(folder) if e.ok)  # its older autosaves are still on disk
    found = store.newest_entry(folder)
    assert found is not None and found.path == store.autosave_path(other, folder)
    assert store.newest(folder) == found.path


def test_saves_and_reports_get_the_permissions_of_a_plain_write(folder, midgame, tmp_path, capsys):
    """A class shares its files: written by the atomic temp-file-and-rename, they used to be owner-only (0600)."""
    from game.cli import main

    old = os.umask(0o022)
    try:
        path = store.save_named(midgame, "for the class", folder)
        assert path.stat().st_mode & 0o777 == 0o644
        out = tmp_path / "debrief.html"
        assert main(["debrief", str(path), "--format", "html", "--out", str(out)]) == 0
        assert out.stat().st_mode & 0o777 == 0o644
        os.chmod(path, 0o640)  # a file the teacher restricted keeps its mode when saved over
        store.save_named(midgame, "for the class", folder)
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
    capsys.readouterr()


def test_quick_saves_are_the_games_own_one_a_turn_and_continue_skips_them_once_the_game_ended(mini, folder):
    """ctrl+s saves under quicksave_name: this game's and this turn's, never pruned by the autosaves; once the
    game has ended, Continue does not go back to a quick save of it (as with its older autosaves)."""
    s = Session.new(mini, seed=5)
    play_turns(s, random.Random(2), 1)
    name = store.quicksave_name(s)
    assert name == f"quicksave-mini-5-{store.game_id(s)}-t02"
    quick = store.save_named(s, name, folder)
    assert store.newest(folder) == quick
    play_turns(s, random.Random(2), each_turn=lambda ss: store.autosave(ss, folder))  # to the end
    assert s.ended and quick.exists()  # the autosaves' pruning leaves it alone
    assert store.newest(folder) is None  # the game is over: nothing of it to continue


def test_continue_skips_a_named_save_of_a_game_that_has_since_ended(mini, folder):
    """The players' own save of a game they went on to finish is not a game in progress: Continue used
    to offer it (its name does not say which game it is; the save's game id does). Load still lists it."""
    other = Session.new(mini, seed=8)
    play_turns(other, random.Random(2), 2, each_turn=lambda ss: store.autosave(ss, folder))
    s = Session.new(mini, seed=4)
    play_turns(s, random.Random(1), 2)
    named = store.save_named(s, "amal and ben", folder)
    play_turns(s, random.Random(1), each_turn=lambda ss: store.autosave(ss, folder))
    assert s.ended
    os.utime(named, (time.time() + 60,) * 2)  # the newest file of all: still not offered
    found = store.newest_entry(folder)
    assert found is not None and found.path == store.autosave_path(other, folder)
    assert named in [e.path for e in store.entries(folder)]
