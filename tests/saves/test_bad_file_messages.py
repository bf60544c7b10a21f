"""Files that are not saves, or saves cut short: every command that reads a save (debrief, replay,
play --load, saves) says in one line which file, what it is, and what to do; exit 1, no traceback."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.saves import savefile, store
from game.ui import app as app_module


def _kinds(good: bytes) -> dict[str, bytes]:
    d = json.loads(good)
    header = {k: v for k, v in d.items() if k not in ("state", "choices", "strings")}
    return {
        "text": b"These are my notes on the game, not a save.\n",
        "text-in-braces": b"{ my notes: not JSON at all }\n",
        "empty": b"",
        "truncated": good[: len(good) // 3],
        "header-only": json.dumps(header).encode(),
        "newer": json.dumps({**d, "format": savefile.FORMAT + 1}).encode(),
        "version-text": json.dumps({**d, "format": "two"}).encode(),
        "other-json": b'{"name": "a class list", "pupils": 24}',
        "list": b"[1, 2, 3]",
    }


# what each message must say (its words, and the fix), and what it must not
EXPECT = {
    "text": (["not a Ceasefire save file (not JSON", "These are my notes", "`ceasefire saves` lists them"], ["JSON, but", "truncated"]),
    "text-in-braces": (["not a Ceasefire save file (not JSON", "`ceasefire saves` lists them"], ["JSON, but", "truncated"]),
    "empty": (["the save is empty", "another save"], []),
    "truncated": (["the save is truncated", "another save"], ["not a Ceasefire save"]),
    "header-only": (["the save is incomplete", "the game's state", "the choices made", "cut short", "another save"],
                    ["strings:", "expected a list"]),
    "newer": (["newer version of Ceasefire", "update the game"], []),
    "version-text": (["format version \"two\" is not a whole number", "another save"], []),
    "other-json": (["not a Ceasefire save file (JSON, but without a save's header", "`ceasefire saves` lists them"], []),
    "list": (["not a Ceasefire save file (JSON, but a list", "`ceasefire saves` lists them"], []),
}


@pytest.fixture
def bad_saves(midgame, tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir(parents=True, exist_ok=True)
    good = savefile.encode(savefile.to_savefile(midgame))
    for name, data in _kinds(good).items():
        (folder / f"{name}.json").write_bytes(data)
    return folder


def _check(name: str, path, err: str) -> None:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, (name, err)
    assert str(path) in lines[0] and "Traceback" not in err, (name, err)
    must, must_not = EXPECT[name]
    for words in must:
        assert words in lines[0], (name, words, lines[0])
    for words in must_not:
        assert words not in lines[0], (name, words, lines[0])


@pytest.mark.parametrize("name", list(EXPECT))
@pytest.mark.parametrize("command", ["debrief", "replay", "play --load"])
def test_each_command_names_the_file_says_what_it_is_and_the_fix(bad_saves, capsys, monkeypatch, name, command):
    started = []
    monkeypatch.setattr(app_module.CeasefireApp, "run", lambda self: started.append(self))
    path = bad_saves / f"{name}.json"
    before = path.read_bytes()
    assert main([*command.split(), str(path)]) == 1, (command, name)
    _check(name, path, capsys.readouterr().err)
    assert not started  # play --load stops on the command line; the screen never opens
    assert path.read_bytes() == before


def test_saves_lists_each_bad_file_with_the_same_words(bad_saves, capsys):
    assert main(["saves", "--saves-dir", str(bad_saves)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    for name in EXPECT:
        at = lines.index(f"  {name}: unreadable")
        below = []  # the reason, wrapped under the name
        for x in lines[at + 1:]:
            if not x.startswith("      "):
                break
            below.append(x.strip())
        _check(name, bad_saves / f"{name}.json", " ".join(below))


def test_play_load_of_a_bad_autosave_names_the_previous_good_one(mini, midgame, tmp_path, capsys, monkeypatch):
    started = []
    monkeypatch.setattr(app_module.CeasefireApp, "run", lambda self: started.append(self))
    folder = tmp_path / "saves"
    good = store.autosave(midgame, folder)
    bad = good.with_name(good.name.replace(f"-t{midgame.turn:02d}", f"-t{midgame.turn + 1:02d}"))
    bad.write_bytes(good.read_bytes()[:500])
    assert main(["play", "--load", bad.name, "--saves-dir", str(folder)]) == 1
    err = capsys.readouterr().err.strip()
    assert str(bad) in err and "truncated" in err and f"the previous good autosave is {good.name}" in err
    assert f"ceasefire play --load {good}" in err and not started


def test_a_save_cut_inside_a_letter_is_truncated_not_binary(midgame, tmp_path):
    path = tmp_path / "arabic.json"
    good = savefile.encode(savefile.to_savefile(midgame)).replace(b'"summary":"', '"summary":"\u0628\u0635\u0631\u0629 '.encode(), 1)
    cut = good.index("\u0628".encode()) + 1  # in the middle of the first letter's two bytes
    path.write_bytes(good[:cut])
    with pytest.raises(savefile.SaveError, match="the save is truncated"):
        savefile.read(path)


def test_a_save_cut_before_its_header_is_truncated_not_a_stranger(midgame, tmp_path):
    good = savefile.encode(savefile.to_savefile(midgame))
    for n in (1, 5, 12):  # '{', '{"che', '{"checksum":'
        path = tmp_path / f"cut{n}.json"
        path.write_bytes(good[:n])
        with pytest.raises(savefile.SaveError, match="the save is truncated"):
            savefile.read(path)
