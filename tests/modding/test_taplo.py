"""The real Taplo CLI with the shipped .taplo.toml and schemas (skipped when `taplo` is not installed;
`pip install taplo` provides it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TAPLO = shutil.which("taplo")
pytestmark = pytest.mark.skipif(TAPLO is None, reason="taplo is not installed")


def run(args, cwd):
    return subprocess.run([TAPLO, "check", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_shipped_example_and_test_scenario_pass():
    files = [str(p.relative_to(ROOT)) for d in ("examples", "tests/data/mini") for p in sorted((ROOT / d).rglob("*.toml"))]
    r = run(files, ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_typos_are_flagged_by_file_kind(tmp_path):
    shutil.copy(ROOT / ".taplo.toml", tmp_path / ".taplo.toml")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    ev = tmp_path / "examples" / "m" / "events" / "x.toml"
    ev.parent.mkdir(parents=True)
    ev.write_text('[[event]]\nid = "a.b"\ntitle = "T"\ntext = "x"\ndebrief = "d"\nwieght = 3\n'
                  '[[event.option]]\nid = "ok"\ntext = "OK"\n')
    r = run([str(ev.relative_to(tmp_path))], tmp_path)
    assert r.returncode != 0 and "wieght" in r.stdout + r.stderr
    ev.write_text(ev.read_text().replace("wieght", "weight"))
    assert run([str(ev.relative_to(tmp_path))], tmp_path).returncode == 0
