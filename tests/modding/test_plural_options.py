"""`[[event.options]]` (plural) loads as `[[event.option]]`: validate says so, with where and the fix."""

from __future__ import annotations

import json
from pathlib import Path

from game.cli import main

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"

PLURAL = '''[[event]]
id = "plural.tables"
title = "Plural tables"
text = "A card written with the plural table name."
when = "turn >= 2"
debrief = "Invented for the plural test."

[[event.options]]
id = "ok"
text = "Fine"

[[event.options]]
id = "also"
text = "Also fine"

[[event]]
id = "plural.inline"
title = "Inline plural"
text = "A card with an inline list under the plural name."
when = "turn >= 3"
debrief = "Invented for the plural test, too."
options = [{ id = "ok", text = "Fine" }]

[[event]]
id = "plural.singular"
title = "Singular"
text = "A card written as documented."
when = "turn >= 4"
debrief = "Invented for the plural test, three."

[[event.option]]
id = "ok"
text = "Fine"
'''


def test_validate_warns_at_each_plural_table_with_the_fix(tmp_path, capsys):
    mod = tmp_path / "plural_mod"
    mod.mkdir()
    (mod / "events.toml").write_text(PLURAL, "utf-8")
    assert main(["validate", str(MINI), "--no-mods", "--mod", str(mod)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    lines = [x for x in out.splitlines() if "plural" in x and ": warning: " in x]
    assert len(lines) == 3, out
    assert lines[0].endswith("events.toml:8:1: warning: event[0].options[0]: event 'plural.tables': [[event.options]] "
                             "(plural) is read as [[event.option]], the documented name (fix: write [[event.option]] "
                             "(singular))"), lines[0]
    assert "events.toml:12:1: warning: event[0].options[1]: " in lines[1]
    assert "events.toml:22:" in lines[2] and "event 'plural.inline': 'options' (plural)" in lines[2]
    assert "rename it 'option'" in lines[2]
    assert "plural.singular" not in out
    assert "; 3 warnings;" in out  # counted in the summary line
    assert main(["validate", str(MINI), "--no-mods", "--mod", str(mod), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    found = [p for p in data["problems"] if p["code"] == "plural-options"]
    assert data["warnings"] == 3 and len(found) == 3 and {p["line"] for p in found} == {8, 12, 22}


def test_both_names_in_one_event_stay_one_error(tmp_path, capsys):
    mod = tmp_path / "mixed_mod"
    mod.mkdir()
    both = PLURAL.split("[[event]]")[1].replace('[[event.options]]\nid = "ok"', '[[event.option]]\nid = "ok"')
    (mod / "events.toml").write_text("[[event]]" + both, "utf-8")
    assert main(["validate", str(MINI), "--no-mods", "--mod", str(mod)]) == 1
    captured = capsys.readouterr()
    assert "unknown key 'options'" in captured.out and "plural-options" not in captured.out
    assert "is read as [[event.option]]" not in captured.out


def test_every_command_that_loads_sees_the_warning(tmp_path):
    """The warning comes from the loader: a game's load carries it in its warnings as validate does."""
    from game.content import loader

    mod = tmp_path / "plural_mod"
    mod.mkdir()
    (mod / "events.toml").write_text(PLURAL, "utf-8")
    scenario = loader.load(MINI, [mod])
    found = [p for p in scenario.warnings if p.code == "plural-options"]
    assert [p.line for p in found] == [8, 12, 22]
    assert len(scenario.events["plural.tables"].options) == 2  # and the options are there, as written
