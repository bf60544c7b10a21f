"""The mods/ folder: installed mods load over their scenario in the stated order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.content import loader
from game.content.mods import installed, with_installed

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


def _mod(folder: Path, name: str, text: str) -> Path:
    (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / name / "m.toml").write_text(text, "utf-8")
    return folder / name


EID = "modtest.notice"


def _event(title: str, extra: str = "") -> str:
    """A mod adding (or, in a later mod, replacing) one event of the test scenario."""
    return (f'[[event]]\nid = "{EID}"\ntitle = "{title}"\ntext = "A notice."\ndebrief = "For the mods test."\n'
            f'prompt = "Which mod won?"\n{extra}[[event.option]]\nid = "ok"\ntext = "Read it"\n')


@pytest.fixture
def mods_root(tmp_path, monkeypatch):
    root = tmp_path / "mods"
    monkeypatch.setenv("CEASEFIRE_MODS", str(root))
    return root


def test_installed_mods_load_in_name_order_and_the_last_wins(mods_root):
    eid = EID
    sid = loader.load(MINI).id
    _mod(mods_root / sid, "b_second", _event("Title from b"))
    _mod(mods_root / sid, "a_first", _event("Title from a"))
    mods, problems = with_installed(MINI)
    assert [Path(m).name for m in mods] == ["a_first", "b_second"] and not problems
    sc = loader.load(MINI, mods)
    assert sc.events[eid].model.title == "Title from b"
    assert any(p.code == "mod-conflict" or "mod" in p.message for p in sc.warnings)


def test_load_order_file_states_the_order_and_can_disable(mods_root):
    eid = EID
    sid = loader.load(MINI).id
    _mod(mods_root / sid, "a_first", _event("Title from a"))
    _mod(mods_root / sid, "b_second", _event("Title from b"))
    _mod(mods_root / sid, "c_off", _event("Title from c"))
    (mods_root / sid / "load_order.toml").write_text('order = ["b_second", "a_first"]\ndisabled = ["c_off"]\n')
    mods, problems = with_installed(MINI)
    assert [Path(m).name for m in mods] == ["b_second", "a_first"] and not problems
    assert loader.load(MINI, mods).events[eid].model.title == "Title from a"


def test_command_line_mods_come_last_and_no_mods_leaves_the_folder_out(mods_root, tmp_path):
    eid = EID
    sid = loader.load(MINI).id
    _mod(mods_root / sid, "installed", _event("Installed"))
    extra = _mod(tmp_path / "elsewhere", "cli", _event("From the command line"))
    mods, _ = with_installed(MINI, [str(extra)])
    assert [Path(m).name for m in mods] == ["installed", "cli"]
    assert loader.load(MINI, mods).events[eid].model.title == "From the command line"
    assert with_installed(MINI, [str(extra)], use_installed=False)[0] == [str(extra)]


def test_mods_of_another_scenario_are_not_loaded(mods_root):
    _mod(mods_root / "basra_2008", "x", "[[event]]\nid = 'broken'\n")  # another scenario's id
    assert with_installed(MINI) == ([], [])


def test_a_bad_load_order_file_is_reported_with_its_file(mods_root):
    sid = loader.load(MINI).id
    _mod(mods_root / sid, "real", _event("x"))
    (mods_root / sid / "load_order.toml").write_text('order = ["real", "missing"]\nsorting = 1\n')
    mods, problems = installed(sid)
    assert [m.name for m in mods] == ["real"]
    text = "\n".join(p.format() for p in problems)
    assert "load_order.toml" in text and "missing" in text and "sorting" in text
    (mods_root / sid / "load_order.toml").write_text("order = [\n")
    _, problems = installed(sid)
    assert problems and problems[0].severity == "error" and "invalid TOML" in problems[0].message


def test_validate_reads_the_mods_folder(mods_root):
    sid = loader.load(MINI).id
    bad = _mod(mods_root / sid, "typo", _event("x", 'wehn = "turn > 1"\n'))
    env = dict(os.environ)  # CEASEFIRE_MODS set by the fixture
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI)], capture_output=True, text=True,
                         env=env, cwd=ROOT)
    assert run.returncode == 1, run.stdout + run.stderr
    assert str(Path(bad.name) / "m.toml") in run.stdout and "wehn" in run.stdout
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods"], capture_output=True,
                         text=True, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    shutil.rmtree(bad)


def _validate(mods_root, *extra):
    env = dict(os.environ, CEASEFIRE_MODS=str(mods_root))
    return subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), *extra], capture_output=True,
                          text=True, env=env, cwd=ROOT)


def test_a_mod_in_the_wrong_place_is_reported_not_ignored(mods_root):
    sid = loader.load(MINI).id
    _mod(mods_root, "my_loose_mod", _event("loose"))  # the scenario-id level left out
    _mod(mods_root / "mnii", "typo_mod", _event("typo"))  # a misspelt scenario id
    (mods_root / sid).mkdir(parents=True)
    (mods_root / sid / "loose.toml").write_text(_event("no mod folder"), "utf-8")  # a file with no mod folder
    (mods_root / sid / "empty_mod").mkdir()
    run = _validate(mods_root)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert "my_loose_mod: warning: 'my_loose_mod' is not a scenario id" in out
    assert f"move it to {mods_root / sid / 'my_loose_mod'}" in out
    assert "mnii: warning: 'mnii' is not a scenario id" in out and "did you mean 'mini'?" in out
    assert "loose.toml: warning: a .toml file directly in" in out and str(Path("my_mod") / "loose.toml") in out
    assert "mod folder 'empty_mod' has no .toml files" in out
    assert "Traceback" not in run.stderr
    assert ": warning:" not in _validate(mods_root, "--no-mods").stdout


def test_mods_folder_that_does_not_exist_is_reported(tmp_path):
    run = _validate(tmp_path / "no_such_folder")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "$CEASEFIRE_MODS points at" in run.stdout and "does not exist" in run.stdout


def test_load_order_problems_have_lines_and_suggest_the_nearest_folder(mods_root):
    sid = loader.load(MINI).id
    _mod(mods_root / sid, "water_crisis", _event("x"))
    (mods_root / sid / "load_order.toml").write_text('# my order\norder = ["watr_crisis"]\nordr = []\n')
    _, problems = installed(sid)
    text = "\n".join(p.format() for p in problems)
    assert "load_order.toml:2:" in text and "did you mean 'water_crisis'?" in text
    assert "load_order.toml:3:1: warning: ordr: unknown key 'ordr' (fix: did you mean 'order'?" in text


def test_a_conflict_between_installed_mods_points_at_load_order(mods_root):
    sid = loader.load(MINI).id
    _mod(mods_root / sid, "a_first", _event("Title from a"))
    _mod(mods_root / sid, "b_second", _event("Title from b"))
    mods, _ = with_installed(MINI)
    sc = loader.load(MINI, mods)
    conflict = next(p for p in sc.warnings if p.code == "mod-conflict")
    assert "load_order.toml" in conflict.fix and 'order = ["a_first", "b_second"]' in conflict.fix
    assert "--mod" not in conflict.fix
