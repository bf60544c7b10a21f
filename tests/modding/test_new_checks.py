"""`ceasefire new` checks what a new modder gets wrong before anything else runs: a misspelt
--scenario (before: the stub was written and the next step named the misspelt scenario), an id the
scenario already has (before: nothing said that the stub would replace the campaign's own card),
and a mod folder put where nothing loads it (before: 'validate SCENARIO --mod ...' and no word more)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _new(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CEASEFIRE_MODS=str(tmp_path / "mods"))
    return subprocess.run([sys.executable, "-m", "game", "new", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path)


def test_a_misspelt_scenario_is_refused_before_writing(tmp_path):
    run = _new(tmp_path, "event", "power.cut", "--dir", "my_mod", "--scenario", "basra2008")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert "basra2008: error: no scenario has this name" in run.stderr and "did you mean 'basra_2008'?" in run.stderr
    assert not (tmp_path / "my_mod").exists()


def test_an_id_the_scenario_has_is_said_to_replace_it(tmp_path):
    run = _new(tmp_path, "event", "basra.deserters", "--dir", "my_mod", "--scenario", "basra_2008")
    assert run.returncode == 0, run.stdout + run.stderr
    line = next(i for i, ln in enumerate((ROOT / "content/scenarios/basra_2008/events/basra.toml")
                                         .read_text("utf-8").splitlines(), 1) if ln == 'id = "basra.deserters"')
    assert ("note: basra_2008 already has event 'basra.deserters' (" in run.stdout
            and f"basra.toml:{line}): this stub, as a mod, replaces it" in run.stdout), run.stdout
    # an installed mod names its scenario by its folder: the same note without --scenario
    run = _new(tmp_path, "action", "services", "--dir", "mods/basra_2008/my_mod")
    assert "note: basra_2008 already has action 'services'" in run.stdout, run.stdout
    run = _new(tmp_path, "event", "power.cut", "--dir", "mods/basra_2008/my_mod")
    assert "note:" not in run.stdout and "no --mod needed" in run.stdout, run.stdout


def test_a_mod_folder_where_nothing_loads_it_is_said_at_once(tmp_path):
    run = _new(tmp_path, "event", "power.cut", "--dir", "mods/basra2008/my_mod")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning: 'basra2008' is not a scenario id, so nothing loads a mod in" in run.stdout
    assert f"did you mean {Path('mods') / 'basra_2008'}?" in run.stdout
    assert "installed in the mods folder" not in run.stdout  # it is not
    run = _new(tmp_path, "event", "power.cut", "--dir", "mods/my_mod")
    assert "is not loaded from there: a mod goes in mods/<scenario id>/<mod>/" in run.stdout, run.stdout


def test_without_scenario_the_next_step_says_what_scenario_means(tmp_path):
    """'next: edit it, then ceasefire validate SCENARIO --mod my_mod' left the word SCENARIO to guess."""
    run = _new(tmp_path, "event", "power.cut", "--dir", "my_mod")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1] == (
        "next: edit it, then ceasefire validate SCENARIO --mod my_mod (SCENARIO: the id of the scenario the mod "
        "changes: basra_2008 or basra_short)"), run.stdout
    run = _new(tmp_path, "event", "power.other", "--dir", "my_mod", "--scenario", "basra_2008")
    assert run.stdout.strip().splitlines()[-1] == "next: edit it, then ceasefire validate basra_2008 --mod my_mod"
