"""A mod installed for another scenario (mods/basra_short/my_mod) does not load with basra_2008, and
`validate basra_2008` said only 'ok', without its mods: the modder could not see why the new card was
not counted. A note now names the folder and the scenario it loads with, and each way out it gives works."""

from __future__ import annotations

import shutil

import pytest

from game.cli import main

CARD = '''[[entry]]
id = "mymod_port"
title = "Umm Qasr"
category = "place"
body = "Iraq's only deep-water port, south of [[basra]]."
'''


@pytest.fixture
def mods(tmp_path, monkeypatch):
    folder = tmp_path / "mods"
    (folder / "basra_short" / "my_mod").mkdir(parents=True)
    (folder / "basra_short" / "my_mod" / "codex.toml").write_text(CARD, "utf-8")
    monkeypatch.setenv("CEASEFIRE_MODS", str(folder))
    return folder


def _validate(capsys, *args) -> list[str]:
    assert main(["validate", *args]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_note_names_the_folder_and_the_scenario_it_loads_with(mods, capsys):
    out = _validate(capsys, "basra_2008")
    assert out[0].startswith("ok: basra_2008: ") and "mods, in load order" not in out[0]
    [note] = out[1:]
    assert note.startswith(f"{mods / 'basra_short'}: note: no mod loaded with basra_2008: this folder holds my_mod, "
                           "which loads with basra_short only (fix: ")
    assert f"move or copy its folder into {mods / 'basra_2008'}/" in note
    assert f"or add --mod {mods / 'basra_short' / 'my_mod'})" in note


def test_each_fix_followed_loads_the_mod(mods, capsys):
    out = _validate(capsys, "basra_2008", "--mod", str(mods / "basra_short" / "my_mod"))
    assert out == [out[0]] and out[0].endswith("; mods, in load order: my_mod")
    (mods / "basra_2008").mkdir()
    shutil.copytree(mods / "basra_short" / "my_mod", mods / "basra_2008" / "my_mod")
    out = _validate(capsys, "basra_2008")
    assert out == [out[0]] and out[0].endswith("; mods, in load order: my_mod")


def test_no_note_where_the_mod_is_not_missed(mods, capsys):
    assert _validate(capsys, "basra_short")[1:] == []  # it loads there
    assert [ln for ln in _validate(capsys, "basra_2008", "--no-mods") if "note" in ln] == []
    assert [ln for ln in _validate(capsys) if "note" in ln] == []  # every scenario: basra_short's line names it
