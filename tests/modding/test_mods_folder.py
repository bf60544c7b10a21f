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
    _mod(mods_root / "some_other_scenario", "x", "[[event]]\nid = 'broken'\n")
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
