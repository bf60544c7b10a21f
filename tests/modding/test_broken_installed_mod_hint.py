"""An installed mod with an error stops every command on its scenario. simulate and explain now say
that the error is in an installed mod and that --no-mods runs without it meanwhile (before: only
'fix it and try again', so a modder's half-written mod seemed to have broken the game)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

BROKEN = ('[[event]]\nid = "hint.notice"\ntitel = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
          '[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CEASEFIRE_MODS=str(tmp_path / "mods"))
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, cwd=tmp_path)


def _install(tmp_path: Path) -> None:
    mod = tmp_path / "mods" / "mini" / "half_done"
    mod.mkdir(parents=True)
    (mod / "notice.toml").write_text(BROKEN, "utf-8")


def test_simulate_and_explain_point_at_the_installed_mod_and_no_mods(tmp_path):
    _install(tmp_path)
    hint = ("the error is in " + str(Path("mods") / "mini" / "half_done") + ", installed in the mods folder, which "
            "every command loads: to {} without it meanwhile, add --no-mods")
    run = _run(tmp_path, "simulate", "--scenario", str(MINI), "--games", "1")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert "unknown key 'titel'" in run.stderr and hint.format("simulate") in run.stderr, run.stderr
    run = _run(tmp_path, "explain", "mini.budget", "--scenario", str(MINI), "--seed", "1", "--turn", "2")
    assert hint.format("explain") in run.stderr, run.stderr
    run = _run(tmp_path, "simulate", "--scenario", str(MINI), "--games", "1", "--no-mods")
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_hint_when_an_error_is_outside_the_installed_mods(tmp_path):
    _install(tmp_path)
    scenario = tmp_path / "mini"
    shutil.copytree(MINI, scenario)
    (scenario / "broken.toml").write_text('[[event]]\nid = "x.y"\n', "utf-8")  # the scenario's own error
    run = _run(tmp_path, "simulate", "--scenario", str(scenario), "--games", "1")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert "--no-mods" not in run.stderr
