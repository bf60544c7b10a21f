"""Every TOML example of docs/modding.md works as written. The tutorial's files (test_docs.py), the
teacher's variant (test_docs_variant.py) and the [remove] tables (test_docs_order.py) have tests of
their own; this one checks the load order example and the lint-ignore card, and that no example is
left without a test (the ignore example was three lines from three places: pasted as a file, it did
not load)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.lint import lint
from game.content.loader import check
from game.content.mods import with_installed

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "docs" / "modding.md").read_text("utf-8")
BLOCKS = re.findall(r"^ *```toml( file=\S+)?\n(.*?)^ *```", TEXT, re.S | re.M)
TUTORIAL = {path: body for path, body in re.findall(r"```toml file=(\S+)\n(.*?)```", TEXT, re.S) if path.startswith("mods/")}


def _kind(named: str, body: str) -> str:
    if named.startswith(" file=mods/basra_2008/my_first_mod/"):
        return "tutorial"
    if named.startswith(" file=content/scenarios/basra_lesson/"):
        return "variant"
    if body.startswith("[remove]\n"):
        return "remove"
    if "load_order.schema.json" in body.partition("\n")[0]:
        return "load_order"
    if "# lint: ignore" in body:
        return "lint_ignore"
    return "untested"


def test_every_toml_example_is_one_a_test_checks():
    kinds = [_kind(named, body) for named, body in BLOCKS]
    assert "untested" not in kinds, [body[:80] for (named, body), k in zip(BLOCKS, kinds) if k == "untested"]
    assert sorted(set(kinds)) == ["lint_ignore", "load_order", "remove", "tutorial", "variant"]


def _example(kind: str) -> str:
    [body] = [re.sub(r"(?m)^ {3}", "", body) for named, body in BLOCKS if _kind(named, body) == kind]
    return body


def test_the_load_order_example_loads_the_mods_it_names_in_its_order(tmp_path, monkeypatch):
    mods = tmp_path / "mods" / "basra_2008"
    for rel, body in TUTORIAL.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, "utf-8")
    for name in ("teacher_notes", "old_experiment"):
        (mods / name).mkdir()
        (mods / name / "codex.toml").write_text(
            f'[[entry]]\nid = "{name}"\ntitle = "Notes"\ncategory = "term"\nbody = "A note of the class."\n', "utf-8")
    (mods / "old_experiment" / "broken.toml").write_text("[[event]\n", "utf-8")  # disabled: never read
    (mods / "load_order.toml").write_text(_example("load_order"), "utf-8")
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "mods"))
    loaded, problems = with_installed("basra_2008")
    assert [Path(m).name for m in loaded] == ["my_first_mod", "teacher_notes"] and problems == []
    sc, problems = check("basra_2008", loaded, codegen=False)
    assert sc is not None and [p.format() for p in problems] == []


def test_the_lint_ignore_card_loads_and_each_comment_silences_its_finding(tmp_path):
    card = _example("lint_ignore")
    mod = tmp_path / "rally"
    mod.mkdir()
    (mod / "rally.toml").write_text(card, "utf-8")
    sc, problems = check("basra_2008", [str(mod)], codegen=False)
    assert sc is not None and [p.format() for p in problems] == []
    shipped = lint("basra_2008", [])
    quiet = lint("basra_2008", [str(mod)])
    assert quiet.findings == [] and quiet.silenced == shipped.silenced + 3
    (mod / "rally.toml").write_text(re.sub(r" *# lint: ignore\S*", "", card), "utf-8")
    loud = lint("basra_2008", [str(mod)])
    assert sorted(p.code for p in loud.findings) == ["always-clamps", "flag-never-read", "why-missing"]


@pytest.mark.parametrize("code", ["flag-never-read", "why-missing", "always-clamps"])
def test_the_guide_names_each_code_the_card_silences(code):
    assert f"ignore-file[{code}]" in _example("lint_ignore") or f"ignore[{code}]" in _example("lint_ignore")
