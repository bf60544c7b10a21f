"""A new modder points validate at the mod instead of the scenario it changes. Before, the fix said to
'add scenario.toml with a [scenario] table' to the mod (which would make it a broken scenario), and
a mod's file gave 'no scenario has this name'. Now both say to name the scenario; simulate given the
mod as its scenario no longer adds the hint that --no-mods would help, which it would not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

EVENT = ('[[event]]\nid = "where.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
         '[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CEASEFIRE_MODS=str(tmp_path / "mods"))
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, cwd=tmp_path)


def _mod(folder: Path) -> Path:
    (folder / "events").mkdir(parents=True)
    (folder / "events" / "notice.toml").write_text(EVENT, "utf-8")
    return folder


def test_an_installed_mod_given_to_validate_names_its_scenario(tmp_path):
    _mod(tmp_path / "mods" / "basra_2008" / "my_mod")
    fix = ("(fix: a mod is not a scenario: name the scenario it changes, basra_2008, with which the installed mods of "
           f"{Path('mods') / 'basra_2008'} load (e.g. ceasefire validate basra_2008))")
    for given in ("mods/basra_2008/my_mod", "mods/basra_2008", "mods/basra_2008/my_mod/events"):
        run = _run(tmp_path, "validate", given)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
        assert f"{given}: error: no scenario.toml in this folder {fix}" in run.stdout, run.stdout
    run = _run(tmp_path, "validate", "mods/basra_2008/my_mod/events/notice.toml")
    assert ("notice.toml: error: this is a file, not a scenario (a scenario is a folder with scenario.toml) " + fix) \
        in run.stdout, run.stdout
    run = _run(tmp_path, "simulate", "--scenario", "mods/basra_2008/my_mod", "--games", "1")
    assert run.returncode == 1 and fix in run.stderr and "--no-mods" not in run.stderr, run.stderr


def test_a_mod_kept_elsewhere_is_told_about_mod(tmp_path):
    _mod(tmp_path / "my_mod")
    run = _run(tmp_path, "validate", "my_mod")
    assert ("my_mod: error: no scenario.toml in this folder (fix: if this is a mod, name the scenario it changes and "
            "the mod with --mod (e.g. ceasefire validate SCENARIO --mod my_mod))") in run.stdout, run.stdout
    (tmp_path / "empty").mkdir()
    run = _run(tmp_path, "validate", "empty")
    assert "(fix: add scenario.toml with a [scenario] table, or point at a scenario folder)" in run.stdout
