"""The shipped JSON Schemas: generated from the models, never drifting, accepting every shipped file."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import pytest
import tomli

from game.cli import main
from game.content import schema
from tests.modding.jsonschema_lite import errors

ROOT = Path(__file__).resolve().parents[2]
TAPLO = tomli.loads((ROOT / ".taplo.toml").read_text("utf-8"))


def _glob(pattern: str, rel: str) -> bool:
    # globset semantics for '**/' (zero or more folders)
    variants = {pattern, pattern.replace("**/", ""), pattern.replace("/**/", "/")}
    return any(fnmatch.fnmatch(rel, v) for v in variants)


def schema_for(rel: str) -> str | None:
    """The schema .taplo.toml gives a repository file (Taplo applies rules in order: the last match wins)."""
    found = None
    for rule in TAPLO["rule"]:
        if any(_glob(p, rel) for p in rule.get("include", [])) and not any(_glob(p, rel) for p in rule.get("exclude", [])):
            found = rule["schema"]["path"]
    return found


def content_files():
    found = []
    for folder in ("tests/data/mini", "content", "examples"):
        found += sorted((ROOT / folder).rglob("*.toml")) if (ROOT / folder).is_dir() else []
    return [p.relative_to(ROOT).as_posix() for p in found]


def test_shipped_schemas_match_the_models():
    assert schema.drift() == [], "run `ceasefire schema` to regenerate schema/*.json"


def test_schema_check_command(capsys, tmp_path):
    tmp_path = tmp_path / "schema"  # (tmp_path itself holds the tests' empty mods folder)
    assert main(["schema", "--check"]) == 0
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schema.all_schemas())
    (tmp_path / "event.schema.json").write_text("{}")
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 1
    assert "event.schema.json" in capsys.readouterr().err


def test_descriptions_become_hover_text():
    ev = json.loads((ROOT / "schema" / "event.schema.json").read_text())
    props = ev["$defs"]["Event"]["properties"]
    assert props["when"]["description"] == "Condition for the event to be eligible."
    assert "option" in props and "options" not in props  # the TOML spelling, not the Python one
    assert ev["additionalProperties"] is False


@pytest.mark.parametrize("rel", content_files())
def test_every_content_file_has_a_schema_that_accepts_it(rel):
    path = schema_for(rel)
    assert path, f"no .taplo.toml rule covers {rel}"
    s = json.loads((ROOT / path).read_text())
    data = tomli.loads((ROOT / rel).read_text("utf-8"))
    assert errors(data, s) == []


@pytest.mark.parametrize("rel, kind", [
    ("content/scenarios/basra_2008/events/basra.toml", "event"),
    ("content/scenarios/basra_2008/scenario.toml", "scenario"),
    ("examples/mymod/events/x.toml", "event"),
    ("examples/mymod/reactions.toml", "reaction"),
    ("examples/mymod/changes.toml", "content"),
    ("content/scenarios/basra_2008/codex/people.toml", "codex"),
    ("content/scenarios/basra_2008/codex/actors.toml", "codex"),
    ("content/scenarios/basra_2008/events/actions.toml", "event"),
])
def test_taplo_rules_map_files_to_kinds(rel, kind):
    assert schema_for(rel) == f"schema/{kind}.schema.json"


def _event_schema():
    return json.loads((ROOT / "schema" / "event.schema.json").read_text())


def _event(**extra):
    ev = {"id": "a.b", "title": "T", "text": "x", "debrief": "d", "option": [{"id": "ok", "text": "OK"}]}
    ev.update(extra)
    return {"event": [ev]}


def test_schema_rejects_what_the_loader_rejects():
    s = _event_schema()
    assert errors(_event(), s) == []
    assert any("unknown key 'wieght'" in e for e in errors(_event(wieght=3), s))
    assert any("does not match" in e for e in errors(_event(id="NoNamespace"), s))
    two_keys = _event(option=[{"id": "ok", "text": "OK", "effects": [{"add": {"x": 1}, "set": {"y": 2}}]}])
    assert errors(two_keys, s)
    good = _event(option=[{"id": "ok", "text": "OK", "effects": [{"add": {"x": "1 + cohesion"}, "when": "turn > 2"}]}])
    assert errors(good, s) == []
    assert errors({"evnt": []}, s)


def test_a_remove_table_is_accepted_in_any_kind_of_file_as_the_game_accepts_it(tmp_path, capsys):
    """A modder's [remove] in reactions.toml loads in the game but was an error in the editor."""
    data = {"reaction": [], "remove": {"reaction": ["militia.protests_raid"], "event": ["mini.envoy"]}}
    assert errors(data, json.loads((ROOT / "schema" / "reaction.schema.json").read_text())) == []
    assert errors({"remove": {"evnt": ["x"]}}, _event_schema())  # only kinds of content
    assert "remove" not in json.loads((ROOT / "schema" / "scenario.schema.json").read_text())["properties"]
    mod = tmp_path / "m"
    mod.mkdir()
    (mod / "reactions.toml").write_text('[remove]\nreaction = ["militia.protests_raid"]\n')
    assert main(["validate", str(ROOT / "tests" / "data" / "mini"), "--mod", str(mod)]) == 0
    capsys.readouterr()
