"""A saves folder that is not there is said in one wording by every command that looks in it: which folder,
where its name came from (--saves-dir, $CEASEFIRE_SAVES or the default), and the fix (give the folder, or
play a game first). debrief, class-report and saves each had their own words for it; replay, explain --save
and play --load said only 'no such save file', as if the folder were there without that save."""

from __future__ import annotations

import pytest

from game.cli import main, no_saves_folder

FIX = ("is not there (fix: give the folder the saves are in with --saves-dir DIR or $CEASEFIRE_SAVES, "
       "or play a game first: its first save makes the folder)")


def test_the_wording_names_the_folder_and_where_its_name_came_from(tmp_path, monkeypatch):
    monkeypatch.delenv("CEASEFIRE_SAVES", raising=False)
    assert no_saves_folder(str(tmp_path / "class")) == f"the saves folder {tmp_path / 'class'} (given to --saves-dir) {FIX}"
    monkeypatch.setenv("CEASEFIRE_SAVES", str(tmp_path / "env"))
    assert no_saves_folder(None) == f"the saves folder {tmp_path / 'env'} (set by $CEASEFIRE_SAVES) {FIX}"
    monkeypatch.delenv("CEASEFIRE_SAVES")
    from game.saves.savefile import DEFAULT_DIR

    assert no_saves_folder(None) == f"the saves folder {DEFAULT_DIR} (the default) {FIX}"


@pytest.mark.parametrize("command, said", [
    (["debrief", "pair1"], "ceasefire: pair1: no such save file, and "),
    (["class-report"], "ceasefire: no save files given, and "),
    (["replay", "pair1"], "ceasefire: pair1: no such save file, and "),
    (["explain", "basra.deserters", "--save", "pair1", "--turn", "2"], "ceasefire: pair1: no such save file, and "),
    (["play", "--load", "pair1"], "ceasefire: pair1: no such save file, and "),
])
def test_each_command_says_it_the_same_way(command, said, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CEASEFIRE_SAVES", str(tmp_path / "env"))  # (the project's own saves/ is there)
    assert main(command) == 1
    out = capsys.readouterr()
    assert out.err.strip() == f"{said}the saves folder {tmp_path / 'env'} (set by $CEASEFIRE_SAVES) {FIX}"
    assert "Traceback" not in out.err and out.out == ""
    assert main(["--saves-dir", str(tmp_path / "class-save")] + command) == 1
    assert capsys.readouterr().err.strip() == f"{said}the saves folder {tmp_path / 'class-save'} (given to --saves-dir) {FIX}"


def test_saves_lists_none_and_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CEASEFIRE_SAVES", str(tmp_path / "env"))
    assert main(["saves"]) == 0  # a listing of nothing, not an error
    assert capsys.readouterr().out.strip() == f"no saves: the saves folder {tmp_path / 'env'} (set by $CEASEFIRE_SAVES) {FIX}"


def test_a_save_given_by_path_is_not_blamed_on_the_folder(tmp_path, monkeypatch, capsys):
    """A path (not a bare name) is not looked for in the saves folder: its message stays about the file."""
    monkeypatch.setenv("CEASEFIRE_SAVES", str(tmp_path / "env"))
    assert main(["replay", str(tmp_path / "gone.json")]) == 1
    err = capsys.readouterr().err
    assert "no such save file" in err and "saves folder" not in err
