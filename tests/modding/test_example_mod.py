"""The example mod in examples/: it validates, lints clean and plays over the campaign."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content.lint import lint
from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
MOD = ROOT / "examples" / "tribal_councils"


@pytest.fixture(scope="module")
def loaded():
    sc, problems = check("basra_2008", [MOD])
    return sc, problems


def test_validates_with_no_problem_in_the_mod(loaded):
    sc, problems = loaded
    assert sc is not None, [p.format() for p in problems if p.severity == "error"]
    assert [p.format() for p in problems if "examples" in p.file] == []


def test_adds_an_event_and_changes_a_reaction(loaded):
    sc, _ = loaded
    assert {"tribes.support_councils", "tribes.council_dispute"} <= set(sc.events)
    cheers = [r for rs in sc.on_action.values() for r in rs if r.id == "supreme_council.cheers_basra"]
    assert cheers and all(r.when is not None for r in cheers)  # the mod's version, with its condition
    assert sc.sources[("reaction", "supreme_council.cheers_basra")][0].replace("\\", "/").split("/")[-3] == "examples"
    assert any(r.id == "tribes.sadrists_object" for r in sc.on_option["tribes.support_councils/fund"])


def test_lints_without_warnings_in_the_mod():
    result = lint("basra_2008", [MOD])
    assert result.errors == []
    assert [p.format() for p in result.warnings if "examples" in p.file] == []


def test_simulates_and_the_new_event_fires(capsys):
    assert main(["simulate", "--scenario", "basra_2008", "--mod", str(MOD), "--games", "20", "--seed", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["events"].get("tribes.support_councils", 0) > 0
