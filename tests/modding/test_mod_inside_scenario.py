"""A mod copied into the scenario's own folder (content/scenarios/<id>/my_mod/) loads as part of the
scenario, so the reaction it meant to replace is a duplicate. validate says to move the folder to
mods/<id>/my_mod (before: 'give it another id, or delete one of the two', which would lose the change)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

REACTION = """[[reaction]]
id = "militia.protests_raid"
actor = "militia"
on_action = ["raid"]
why = "The militia's men take to the streets, louder than before."
add = { stance = -9 }
"""


def _validate(tmp_path: Path, scenario: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CEASEFIRE_MODS=str(tmp_path / "mods"))
    return subprocess.run([sys.executable, "-m", "game", "validate", str(scenario)], capture_output=True, text=True,
                          env=env, cwd=tmp_path)


def test_a_mod_inside_the_scenario_folder_is_told_where_to_go(tmp_path):
    scenario = tmp_path / "mini"
    shutil.copytree(MINI, scenario)
    (scenario / "my_mod").mkdir()
    (scenario / "my_mod" / "reactions.toml").write_text(REACTION, "utf-8")
    run = _validate(tmp_path, scenario)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert "duplicate reaction id 'militia.protests_raid'" in run.stdout
    assert (f"(fix: {Path('mini') / 'my_mod'} looks like a mod put inside the scenario's folder, where it loads as "
            f"part of the scenario and cannot replace its entries: move that folder to "
            f"{Path('mods') / 'mini' / 'my_mod'})") in run.stdout, run.stdout


def test_two_entries_of_one_id_in_the_scenario_itself_keep_the_plain_fix(tmp_path):
    scenario = tmp_path / "mini"
    shutil.copytree(MINI, scenario)
    (scenario / "more_reactions.toml").write_text(REACTION, "utf-8")  # beside the scenario's files: no mod
    run = _validate(tmp_path, scenario)
    assert "(fix: give it another id, or delete one of the two)" in run.stdout, run.stdout
    assert "looks like a mod" not in run.stdout
