"""mods/README.md, the first file a modder opens in mods/: its commands run as written and make an
installed mod that validate loads, and its load_order.toml example is read as it says."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "mods" / "README.md").read_text("utf-8")


def test_the_readme_commands_make_a_mod_that_validate_loads(tmp_path):
    commands = [ln.strip() for ln in TEXT.splitlines() if re.match(r"^ {4}ceasefire \w", ln)]
    assert [shlex.split(c)[1] for c in commands] == ["new", "validate"], commands
    mods = tmp_path / "mods"
    env = dict(os.environ, CEASEFIRE_MODS=str(mods))
    for command in commands:
        args = [a.replace("mods/", str(mods) + "/", 1) if a.startswith("mods/") else a for a in shlex.split(command)[1:]]
        run = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, cwd=ROOT)
        assert run.returncode == 0 and "Traceback" not in run.stderr, (command, run.stdout, run.stderr)
    assert run.stdout.rstrip().endswith("mods, in load order: my_first_mod"), run.stdout


def test_the_load_order_example_is_read_as_the_readme_says(tmp_path, monkeypatch):
    from game.content.mods import installed

    example = re.search(r"\n((?: {4}#:schema .*\n)(?: {4}.*\n)+)", TEXT).group(1)
    folder = tmp_path / "basra_2008"
    for name in ("my_first_mod", "teacher_notes", "old_experiment", "another"):
        (folder / name).mkdir(parents=True)
        (folder / name / "x.toml").write_text("", "utf-8")
    (folder / "load_order.toml").write_text("\n".join(ln[4:] for ln in example.splitlines()), "utf-8")
    found, problems = installed("basra_2008", tmp_path)
    assert [p.name for p in found] == ["my_first_mod", "teacher_notes", "another"] and problems == []
