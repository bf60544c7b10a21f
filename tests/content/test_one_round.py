"""validate reports an entry's expression and name errors in the same run as its wrong types.

An entry that fails validation used to be left out of linking, so its misspelt names showed up only
in a later run, once the types were fixed (QA: "validate reports errors in rounds")."""

from game.content import loader
from tests.conftest import MINI

BROKEN_EVENT = '''[[event]]
id = "mod.broken"
title = "Broken"
text = "A card with a wrong type and misspelt names."
when = "turn >= 3 and cohesoin > 20"
weight = true
debrief = "Invented."

[[event.option]]
id = "a"
text = "Go"
requires = "treasury >= 5 &&"
effects = [{ add = { tresury = -5 } }]
reactions = [{ actor = "militia", add = { stanse = -2 }, when = "self.stance > 0", why = "They object." }]

[[event.option]]
id = "b"
text = 5
'''

BROKEN_ACTION = '''[[action]]
id = "sweep"
label = "Sweep"
category = "military"
description = "Sweep a region."
cost = "three"
targets = ["south", "capital_city"]
requires = "target.violnce > 10"
effects = [{ add = { "target.violence" = -5 } }]
'''


def _problems(tmp_path, text):
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "broken.toml").write_text(text)
    scenario, problems = loader.validate(MINI, [mod])
    assert scenario is None
    return [(p.line, p.key, p.message) for p in problems if p.severity == "error"]


def test_a_broken_entry_s_names_are_checked_in_the_same_run(tmp_path):
    found = _problems(tmp_path, BROKEN_EVENT)
    keys = {key: (line, message) for line, key, message in found}
    # the wrong types, as before
    assert "event[0].weight" in keys and "event[0].option[1].text" in keys
    # and, in the same run, what linking would have found
    assert "unknown name 'cohesoin'" in keys["event[0].when"][1] and keys["event[0].when"][0] == 5
    assert "'&&' is not an operator" in keys["event[0].option[0].requires"][1]
    assert "unknown state name 'tresury'" in keys["event[0].option[0].effects[0].add.tresury"][1]
    # 'stanse' is the reacting actor's attribute, misspelt; 'self.stance' in its condition is fine
    assert "unknown state name 'stanse'" in keys["event[0].option[0].reactions[0].add.stanse"][1]
    assert not any("self.stance" in message for _, _, message in found)
    assert len(found) == 6, found


def test_a_broken_order_is_checked_once_with_its_target(tmp_path):
    found = _problems(tmp_path, BROKEN_ACTION)
    messages = [message for _, key, message in found if key == "action[0].requires"]
    assert len(messages) == 1 and "unknown name 'target.violnce'" in messages[0]  # once, not once per region
    assert any(key == "action[0].cost" for _, key, _ in found)
    assert not any(key.startswith("action[0].effects") for _, key, _ in found)  # 'target.violence' is right


def test_validate_prints_a_file_s_problems_in_line_order(tmp_path, capsys):
    """Found in two passes (the entry's shape, then its names), they are printed file by file, by line."""
    from game.cli import main

    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "broken.toml").write_text(BROKEN_EVENT)
    assert main(["validate", str(MINI), "--no-mods", "--mod", str(mod)]) == 1
    lines = [x for x in capsys.readouterr().out.splitlines() if "broken.toml:" in x]
    where = [tuple(int(n) for n in x.split("broken.toml:")[1].split(":")[:2]) for x in lines]
    assert len(where) == 6 and where == sorted(where), lines
    assert where[0] == (5, 23)  # the misspelt name in 'when', line 5, before the wrong type on line 6
