"""A modder who means to change 'militia.protests_raid' but writes the id under another of the
scenario's prefixes ('patron.protests_raid') adds a second rule beside the first, and both apply.
validate and lint now warn (mod-near-id), as for a misspelt id; before, nothing was said. A new
rule in the mod's own namespace with the same name is left alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

RULE = """[[reaction]]
id = "{rid}"
actor = "militia"
on_action = "raid"
on_target = "capital_city"
why = "Raids in the capital anger the political wing even more."
add = {{ cohesion = -9 }}
"""


def _run(tmp_path: Path, command: str, rid: str) -> subprocess.CompletedProcess:
    mod = tmp_path / "prefix_mod"
    mod.mkdir(exist_ok=True)
    (mod / "reactions.toml").write_text(RULE.format(rid=rid), "utf-8")
    return subprocess.run([sys.executable, "-m", "game", command, str(MINI), "--no-mods", "--mod", str(mod)],
                          capture_output=True, text=True, cwd=tmp_path)


def test_the_right_name_under_another_scenario_prefix_is_warned(tmp_path):
    run = _run(tmp_path, "validate", "patron.protests_raid")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert ("reactions.toml:2:1: warning: reaction[0].id: new reaction 'patron.protests_raid' is not in the scenario, "
            "but 'militia.protests_raid' is: both now apply") in run.stdout, run.stdout
    assert "[mod-near-id]" in _run(tmp_path, "lint", "patron.protests_raid").stdout


def test_the_mods_own_namespace_is_left_alone(tmp_path):
    run = _run(tmp_path, "validate", "prefixmod.protests_raid")
    assert run.returncode == 0 and ": warning:" not in run.stdout, run.stdout
