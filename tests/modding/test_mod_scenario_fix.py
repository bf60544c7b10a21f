"""A mod that holds a [scenario] table (a teacher who wants fewer turns, writing a mod) is told the table
is ignored. The fix said extends = "<this scenario's folder>"; it now names the folder, and the section of
the guide that builds such a scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("scenario", ["basra_2008", "basra_short"])
def test_the_fix_names_the_folder_to_extend(tmp_path, scenario):
    (tmp_path / "scenario.toml").write_text("[scenario]\nturns = 12\n\n[scenario.start]\ncapital = 20\n", "utf-8")
    sc, problems = check(scenario, [str(tmp_path)], codegen=False)
    [p] = [p for p in problems if p.code == "mod-scenario"]
    assert sc is not None and p.severity == "warning" and p.line == 1
    assert f'make a scenario beside {scenario} with extends = "{scenario}"' in p.fix
    assert "<" not in p.fix
    guide = (ROOT / "docs" / "modding.md").read_text("utf-8")
    section = guide[guide.index("## 10. "):guide.index("## 11. ")]
    assert "section 10: a teacher's variant" in p.fix and "**A teacher's variant.**" in section
