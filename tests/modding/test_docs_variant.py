"""Section 10 of docs/modding.md builds a teacher's variant of the campaign (fewer turns, other start
values, one ending replaced, the events it is too short for removed). Written where the guide says,
next to basra_2008, its files validate and lint with nothing to report, and they do what the guide says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from game.content.lint import lint
from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "docs" / "modding.md").read_text("utf-8")
PREFIX = "content/scenarios/basra_lesson/"
FILES = {path[len(PREFIX):]: body for path, body in re.findall(r"```toml file=(\S+)\n(.*?)```", TEXT, re.S)
         if path.startswith(PREFIX)}


def _build(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content" / "scenarios" / "basra_2008", tmp_path / "basra_2008")
    for name, body in FILES.items():
        (tmp_path / "basra_lesson" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "basra_lesson" / name).write_text(body, "utf-8")
    return tmp_path / "basra_lesson"


def test_the_guide_writes_a_scenario_an_ending_and_a_remove_table():
    assert sorted(FILES) == ["endings.toml", "remove.toml", "scenario.toml"]


def test_the_variant_validates_and_lints_clean(tmp_path):
    lesson = _build(tmp_path)
    sc, problems = check(lesson, [], codegen=False)
    assert sc is not None and [p.format() for p in problems] == []
    result = lint(lesson)
    assert result.errors == [] and [p.format() for p in result.findings] == []


def test_the_variant_is_what_the_guide_says(tmp_path):
    lesson = _build(tmp_path)
    sc, _ = check(lesson, [])
    base, _ = check(ROOT / "content" / "scenarios" / "basra_2008", [])
    assert (sc.meta.turns, sc.meta.extends) == (12, "basra_2008") and base.meta.turns == 24
    assert sc.meta.start["capital"] > {s.name: s.start for s in base.slots}["capital"] + base.meta.start.get("capital", 0)
    ending = {e.id: e for e in sc.endings}["fragile_peace"]
    assert "late August" in ending.model.epilogue
    assert "us.shoe_thrower" not in sc.events and "us.sofa_vote" not in sc.events
    assert len(sc.events) == len(base.events) - 9


def test_without_the_remove_table_lint_names_each_removed_event(tmp_path):
    """The guide says lint lists them: each id of the remove table is in a finding's fix."""
    lesson = _build(tmp_path)
    (lesson / "remove.toml").unlink()
    fixes = " ".join(p.fix for p in lint(lesson).warnings)
    removed = re.findall(r'"([a-z_]+\.[a-z_]+)"', FILES["remove.toml"].partition("chains_to")[0])
    assert len(removed) == 9
    for eid in removed:
        assert f'[remove] event = ["{eid}"]' in fixes
    assert 'chains_to = ["us.sofa_vote"]' in fixes
