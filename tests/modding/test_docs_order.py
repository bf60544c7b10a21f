"""docs/modding.md in the order a new modder needs it: section 2 (how mods load) no longer stops on
[remove] and chains_to before the first event is written; they are in section 10 with the other
later topics. And each [remove] example of the guide validates as a mod of its own, as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "docs" / "modding.md").read_text("utf-8")


def _section(number: int) -> str:
    start = TEXT.index(f"\n## {number}. ")
    return TEXT[start:TEXT.index("\n## ", start + 1)]


def test_removing_is_taught_in_section_10_not_before_the_first_event():
    assert "[remove]" not in _section(2) and "chains_to" not in _section(2)
    assert "section 10" in _section(2)  # a pointer stays for whoever looks for it there
    assert "```toml\n[remove]" in _section(10) and "chains_to" in _section(10)


REMOVES = re.findall(r"```toml\n(\[remove\]\n.*?)```", TEXT, re.S)


@pytest.mark.parametrize("body", REMOVES)
def test_each_remove_example_validates_as_written(tmp_path, body):
    (tmp_path / "remove.toml").write_text(body, "utf-8")
    sc, problems = check("basra_2008", [str(tmp_path)])
    assert sc is not None and [p.format() for p in problems if p.severity != "note"] == []


def test_there_are_remove_examples():
    assert len(REMOVES) == 2
