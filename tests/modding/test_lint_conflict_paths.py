"""lint's mod-conflict names the mods as every other message names files: relative to the folder the
command runs in (before: '/home/.../mods/basra_2008/a_mod' in full, while validate's warning beside
it said 'mods/basra_2008/a_mod/...')."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

EVENT = ('[[event]]\nid = "clash.notice"\ntitle = "{title}"\ntext = "A notice."\ndebrief = "For the test."\n'
         '[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def test_mod_conflict_names_the_mods_relative_to_the_working_folder(tmp_path):
    for name in ("a_mod", "b_mod"):
        (tmp_path / "mods" / "mini" / name).mkdir(parents=True)
        (tmp_path / "mods" / "mini" / name / "notice.toml").write_text(EVENT.format(title=name), "utf-8")
    env = dict(os.environ, CEASEFIRE_MODS=str(tmp_path / "mods"))
    run = subprocess.run([sys.executable, "-m", "game", "lint", str(MINI), "--no-notes"], capture_output=True,
                         text=True, env=env, cwd=tmp_path)
    assert "Traceback" not in run.stderr, run.stderr
    line = next(ln for ln in run.stdout.splitlines() if "[mod-conflict]" in ln)
    a, b = Path("mods") / "mini" / "a_mod", Path("mods") / "mini" / "b_mod"
    assert f"overridden by several mods ({a}, {b}); the last in load order wins ({b})" in line, line
    assert str(tmp_path) not in line
