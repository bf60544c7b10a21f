"""A --mod folder that is not there: validate suggests the folder beside it with the nearest name,
and a save whose mod has since been moved says to put the mod back (before: 'mod folder not found
(fix: pass a folder with .toml files)' in both cases, which the folder was)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

EVENT = ('[[event]]\nid = "gone.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
         '[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CEASEFIRE_MODS=str(tmp_path / "no_mods"), CEASEFIRE_SAVES=str(tmp_path / "saves"))
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, cwd=tmp_path)


def _mod(tmp_path: Path) -> Path:
    mod = tmp_path / "my_mods" / "power_cuts"
    mod.mkdir(parents=True)
    (mod / "notice.toml").write_text(EVENT, "utf-8")
    return mod


def test_a_misspelt_mod_folder_gets_the_nearest_one(tmp_path):
    _mod(tmp_path)
    run = _run(tmp_path, "validate", str(MINI), "--mod", "my_mods/power_cut")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert ("my_mods/power_cut: error: mod folder not found: nothing is at this path (fix: did you mean "
            f"{Path('my_mods') / 'power_cuts'}?)") in run.stdout, run.stdout


def _modded_save(tmp_path: Path) -> tuple[Path, Path]:
    mod = _mod(tmp_path)
    save = tmp_path / "game.json"
    run = _run(tmp_path, "simulate", "--scenario", str(MINI), "--games", "1", "--seed", "3", "--mod", str(mod),
               "--save", str(save))
    assert run.returncode == 0 and save.is_file(), run.stdout + run.stderr
    return mod, save


def test_a_save_whose_mod_was_moved_says_where_to_put_it_or_how_to_name_it(tmp_path):
    mod, save = _modded_save(tmp_path)
    shutil.move(str(mod), str(tmp_path / "elsewhere"))
    run = _run(tmp_path, "replay", str(save))
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    out = run.stdout + run.stderr
    assert f"{save}: this game was played with the mod {mod}, which is no longer there" in out
    assert (f"put the mod back at that path (or install it as {tmp_path / 'no_mods' / 'mini' / 'power_cuts'}) to load "
            "the game, or name the folder it is in now with --mod DIR") in out


def test_a_moved_mod_named_with_mod_replays_the_game(tmp_path):
    mod, save = _modded_save(tmp_path)
    shutil.move(str(mod), str(tmp_path / "elsewhere"))
    run = _run(tmp_path, "replay", str(save), "--mod", str(tmp_path / "elsewhere"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "replays exactly" in run.stdout or "match" in run.stdout, run.stdout


def test_a_save_from_another_copy_finds_its_mod_installed_under_the_same_name(tmp_path):
    """A student's save brought to the teacher's machine names the student's mod folder; the teacher has
    the same mod installed in mods/<scenario>/: the save loads with it, with no flag."""
    mod, save = _modded_save(tmp_path)
    installed = tmp_path / "no_mods" / "mini" / "power_cuts"
    installed.parent.mkdir(parents=True)
    shutil.move(str(mod), str(installed))
    run = _run(tmp_path, "replay", str(save))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no longer there" not in run.stdout + run.stderr


def test_a_moved_mod_named_with_mod_debriefs_the_game_with_its_cards(tmp_path):
    """A teacher debriefs a pair's game whose mod folder has since moved: `debrief SAVE --mod DIR` loads the
    mod from where it is now, and the mod's card is in the debrief as in the game."""
    mod, save = _modded_save(tmp_path)
    shutil.move(str(mod), str(tmp_path / "elsewhere"))
    gone = _run(tmp_path, "debrief", str(save), "--out", str(tmp_path / "d.md"))
    assert gone.returncode == 1 and "play --load, replay and debrief take it" in gone.stderr, gone.stderr
    run = _run(tmp_path, "debrief", str(save), "--mod", str(tmp_path / "elsewhere"), "--out", str(tmp_path / "d.md"))
    assert run.returncode == 0, run.stdout + run.stderr
    text = (tmp_path / "d.md").read_text("utf-8")
    assert "A notice" in text
