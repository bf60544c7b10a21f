"""A value of the wrong type (text where a number goes, a number where text goes, one text where a list
goes...) gets a message that says what is wrong and a fix that says what to write, for every key of
every kind of entry.

Real TOML files under tmp_path, through the real command line."""

from __future__ import annotations

import copy
import datetime
import json

from game.cli import main
from tests.modding.test_mod_messages import _mod, _validate

CARD = '[[event]]\nid = "mymod.card"\ntitle = "A card"\ntext = "Something happens."\ndebrief = "Invented."\n'
OPTION = '\n[[event.option]]\nid = "ok"\ntext = "Fine"\n'


def _errors(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ": error: " in ln]


def test_a_text_key_given_a_number_a_list_a_table_or_true_says_to_write_it_in_quotes(tmp_path, capsys):
    """The finding: `title = 5` said 'input should be a valid string (got 5)' and nothing more."""
    mod = _mod(tmp_path, {"e.toml": CARD.replace('title = "A card"', "title = 5") + OPTION
                          + "\n" + CARD.replace('title = "A card"', 'title = ["A card"]').replace("mymod.card", "mymod.b") + OPTION
                          + "\n" + CARD.replace('text = "Something happens."', "text = { a = 1 }").replace("mymod.card", "mymod.c") + OPTION
                          + "\n" + CARD.replace('debrief = "Invented."', "debrief = true").replace("mymod.card", "mymod.d") + OPTION
                          + "\n" + CARD.replace('title = "A card"', "title = 2008-04-01").replace("mymod.card", "mymod.e") + OPTION})
    code, out = _validate(capsys, mod)
    assert code == 1
    errors = _errors(out)
    assert len(errors) == 5, out
    assert 'e.toml:3:9: error: event[0].title: input should be a valid string (got 5) (fix: write it as text in double quotes: title = "5")' in out, out
    assert 'event[1].title: input should be a valid string (got [\'A card\']) (fix: write one text in double quotes, not a list: title = "A card")' in out, out
    assert 'event[2].text: input should be a valid string (got a table) (fix: write text in double quotes, not a table: text = "...")' in out, out
    assert 'event[3].debrief: input should be a valid string (got true) (fix: write it as text in double quotes: debrief = "true")' in out, out
    assert "event[4].title: input should be a valid string (got the date 2008-04-01)" in out, out


def test_wrong_types_of_bool_int_list_table_and_expression_keys_each_get_a_fix(tmp_path, capsys):
    extra = {
        "a": ("invented = 5", "event[0].invented: expected true or false (got 5) (fix: write invented = true or invented = false (without quotes))"),
        "b": ('max_fires = "two"', "event[1].max_fires: input should be a valid integer (got 'two') (fix: write a whole number, such as 2)"),
        "c": ("priority = true", "event[2].priority: input should be a valid integer (got true) (fix: true and false are not numbers: write a whole number)"),
        "d": ('tags = "basra"', 'event[3].tags: input should be a valid list (got \'basra\') (fix: write a list in square brackets, even of one: tags = ["basra"])'),
        "e": ("when = 5", 'event[4].when: input should be a valid string (got 5) (fix: an expression is text: put it in double quotes, e.g. when = "turn >= 3")'),
        "f": ("weight = [1]", 'event[5].weight: expected a number or an expression in quotes (got [1]) (fix: write weight = 10 or weight = "5 + turn")'),
        "g": ("tags = [1]", 'event[6].tags[0]: input should be a valid string (got 1) (fix: write each entry of tags as text in double quotes: tags = ["a", "b"])'),
        "h": ("min_turn = 0", "event[7].min_turn: input should be greater than or equal to 1 (got 0) (fix: write a number of at least 1)"),
        "i": ('weight_mods = { factor = 2, when = "turn > 2" }',
              "event[8].weight_mods: 'weight_mods' is written as one table, but it is a list of tables (fix: put it in square brackets, a list even of one: weight_mods = [{ ... }])"),
    }
    text = ""
    for name, (line, _) in extra.items():
        text += CARD.replace("mymod.card", f"mymod.{name}") + line + "\n" + OPTION + "\n"
    text += CARD.replace("mymod.card", "mymod.opt") + OPTION + "historical = 2\neffects = 5\nreactions = [\"x\"]\n"
    mod = _mod(tmp_path, {"e.toml": text})
    code, out = _validate(capsys, mod)
    assert code == 1
    for _, want in extra.values():
        assert want in out, out
    assert "event[9].option[0].historical: expected true or false (got 2) (fix: write historical = true or historical = false (without quotes))" in out
    assert "event[9].option[0].effects: input should be a valid list (got 5) (fix: write a list of tables in square brackets: effects = [{ add = { treasury = -5 } }])" in out
    assert ('event[9].option[0].reactions[0]: expected a table like { actor = "...", add = { stance = 1 }, why = "..." } (got \'x\') '
            '(fix: write each entry of reactions as a table in braces: reactions = [{ actor = "...", add = { stance = 1 }, why = "..." }])') in out
    assert all("(fix: " in ln for ln in _errors(out)), out


def test_a_wrong_type_inside_an_effect_is_named_by_its_own_key(tmp_path, capsys):
    """pydantic names an effect's kind before its keys ('effects[0].add.why'); the key is effects[0].why."""
    card = CARD + OPTION + 'effects = [{ add = { cohesion = 1 }, why = 5 }, { roll = { chance = 0.5, success = 3, labl = "x" } }]\n'
    mod = _mod(tmp_path, {"e.toml": card})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert 'e.toml:10:44: error: event[0].option[0].effects[0].why: input should be a valid string (got 5) (fix: write it as text in double quotes: why = "5")' in out, out
    assert "effects[0].add.why" not in out
    assert ("event[0].option[0].effects[1].roll.success: input should be a valid list (got 3) "
            "(fix: write a list of tables in square brackets: success = [{ add = { treasury = -5 } }])") in out, out
    assert "event[0].option[0].effects[1].roll.labl: unknown key 'labl' (fix: did you mean 'label'?)" in out, out


def test_actor_region_and_action_shapes_say_what_to_write(tmp_path, capsys):
    mod = _mod(tmp_path, {"w.toml": (
        '[[region]]\nid = "delta"\nname = "Delta"\nmap = [3]\nattributes = { violence = { min = 0, max = 10, start = 20 }, unrest = 5 }\n\n'
        '[[actor]]\nid = "tribes"\nname = "Tribes"\nshort = "Tribes"\nplayer = "no way"\n'
        'attributes = { stance = { min = 0, max = 100, start = 5, colour = "red" } }\n\n'
        '[[action]]\nid = "mymod_patrol"\nlabel = "Patrol"\ncategory = "military"\ntargets = "delta"\n'
        'effects = [{ add = { cohesion = 1 } }]\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "w.toml:4:7: error: region[0].map: expected two whole numbers in square brackets, [row, column] (fix: write e.g. map = [2, 10])" in out, out
    assert "missing required key '1'" not in out
    assert "region[0].attributes.violence: start (20) must lie within 0..10 (fix: move start within min..max, or widen the range)" in out, out
    assert ("region[0].attributes.unrest: expected a table like { min = 0, max = 100, start = 50 } (got 5) "
            "(fix: write a table in braces: unrest = { min = 0, max = 100, start = 50 })") in out, out
    assert "actor[0].player: expected true or false (got 'no way')" in out, out
    assert "actor[0].attributes.stance.colour: unknown key 'colour' (fix: allowed keys: description, label, max, min, start)" in out, out
    assert ('action[0].targets: input should be \'regions\' (got \'delta\') '
            '(fix: write a list, even of one: targets = ["delta"]; or targets = "regions" for all)') in out, out
    assert "literal[" not in out


def test_an_id_that_is_not_an_id_is_said_in_words_with_the_id_it_could_be(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": CARD.replace('"mymod.card"', '"Water Crisis"') + OPTION.replace('"ok"', '"Send Tankers"')})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("event[0].id: 'Water Crisis' is not a valid event id (fix: use lower-case letters, digits and underscores, "
            "as namespace.name (your mod's namespace, a dot, a name), e.g. 'mymod.water_crisis')") in out, out
    assert "event[0].option[0].id: 'Send Tankers' is not a valid id (fix: use lower-case letters, digits and underscores, starting with a letter, e.g. 'send_tankers')" in out, out
    assert "pattern" not in out and "^[a-z]" not in out


# ---------------------------------------------------------------- every key, every wrong type

def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(x) for x in value) + "]"
    return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(x)}" for k, x in value.items()) + " }"


_EFFECT = {"add": {"support": 1}, "why": "Because it is so."}
_REACTION = {"actor": "opposition", "add": {"stance": 1}, "why": "Because it is so."}
# one valid entry of each kind for the scenario `ceasefire new scenario` writes (ids are made unique below)
_BASE = {
    "metric": {"id": "m", "label": "M", "start": 5, "min": 0, "max": 10, "good": "high", "hidden": False},
    "region": {"id": "rg", "name": "N", "short": "S", "description": "d", "attributes": {"violence": {"start": 1}}, "map": [1, 1]},
    "actor": {"id": "ac", "name": "N", "short": "S", "description": "d", "flags": ["x"], "idle_weight": 1, "player": False,
              "attributes": {"stance": {"min": -10, "max": 10, "start": 0, "label": "S", "description": "d"}}},
    "action": {"id": "a", "label": "A", "category": "public", "cost": 1, "requires": "support > 1", "requires_text": "No.",
               "targets": [], "effects": [_EFFECT], "reactions": [_REACTION], "cooldown_turns": 0, "news": "n", "description": "d"},
    "event": {"id": "probe.e", "title": "T", "text": "X", "when": "turn > 1", "weight": 5, "weight_mods": [{"factor": 2, "when": "turn > 2"}],
              "cooldown_turns": 1, "max_fires": 1, "priority": 0, "triggered_only": False, "on_turn": 2, "min_turn": 1, "max_turn": 9,
              "news": "n", "debrief": "D", "prompt": "p", "history": "h", "invented": True, "tags": ["a"],
              "option": [{"id": "ok", "text": "Fine", "requires": "turn > 1", "requires_text": "Not yet.", "effects": [_EFFECT],
                          "reactions": [_REACTION], "chain": {"event": "probe.base", "delay": 1, "chance": 1}, "news": "n", "historical": False},
                         {"id": "no", "text": "No"}]},
    "reaction": {"id": "opposition.r", "actor": "opposition", "on_action": ["speech"], "on_target": [], "on_option": [], "on_event": [],
                 "why": "Because it is so.", "when": "turn > 1", "chance": 1, "add": {"stance": 1}, "set": {}, "multiply": {},
                 "set_flag": ["probe.f"], "clear_flag": [], "effects": [_EFFECT], "cooldown_turns": 0, "max_fires": 0},
    "move": {"id": "opposition.m", "actor": "opposition", "label": "L", "when": "turn > 1", "weight": 3, "why": "Because it is so.",
             "effects": [_EFFECT], "news": "n", "cooldown_turns": 0},
    "dynamic": {"id": "probe.d", "name": "N", "group": "g", "description": "d", "when": "turn > 1", "lag": 0, "why": "Because it is so.",
                "effects": [_EFFECT, {"roll": {"chance": 0.5, "label": "it works", "success": [_EFFECT], "failure": []}},
                            {"set_flag": "probe.f"}, {"schedule": {"event": "probe.base", "delay": 1, "chance": 1}}, {"news": "hi"},
                            {"clear_flag": ["probe.f"]}, {"end": "collapse"}]},
    "ending": {"id": "en", "title": "T", "when": "support < 0", "at_end": False, "priority": 0, "epilogue": "E", "score": 1, "tone": "bad",
               "explain": "x"},
    "entry": {"id": "c", "title": "T", "category": "term", "body": "B", "see": []},
    "policy": {"id": "p", "description": "d", "actions": {"speech": 1}, "options": {"ok": 1}, "orders_per_turn": 2, "historical": False},
    "flag": {"id": "probe.f", "label": "the flag is up", "short": "f"},
}
_WRONG = (5, 1.5, True, "x", ["a"], {"a": 1}, [{"a": 1}], datetime.date(2008, 1, 1))


def _paths(table: dict, pre: tuple = ()):
    for key, value in table.items():
        yield pre + (key,)
        if isinstance(value, dict) and key not in ("add", "set", "multiply", "actions", "options"):
            yield from _paths(value, pre + (key,))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                yield from _paths(item, pre + (key, i))


def _with(table: dict, path: tuple, value) -> dict:
    table = copy.deepcopy(table)
    node = table
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return table


def test_every_key_of_every_kind_given_every_wrong_type_gets_a_located_error_with_a_fix(tmp_path, capsys):
    assert main(["new", "scenario", "probe", "--dir", str(tmp_path)]) == 0
    scenario = tmp_path / "probe"
    (scenario / "events" / "base.toml").write_text(
        '[[event]]\nid = "probe.base"\ntitle = "T"\ntext = "X"\ntriggered_only = true\ndebrief = "D"\n'
        '[[event.option]]\nid = "a"\ntext = "A"\n')
    capsys.readouterr()
    # the entries as they are load cleanly: each problem below comes from its one wrong value
    good = _mod(tmp_path, {f"{kind}.toml": f"[[{kind}]]\n" + "".join(f"{json.dumps(k)} = {_toml(v)}\n" for k, v in base.items())
                           for kind, base in _BASE.items()}, "good")
    assert main(["validate", str(scenario), "--mod", str(good)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    files, cases = {}, 0
    for kind, base in _BASE.items():
        text = ""
        for path in _paths(base):
            for n, wrong in enumerate(_WRONG):
                entry = _with(base, path, wrong)
                if path != ("id",):
                    entry["id"] += f"_{cases}_{n}"
                text += f"[[{kind}]]\n" + "".join(f"{json.dumps(k)} = {_toml(v)}\n" for k, v in entry.items()) + "\n"
            cases += 1
        files[f"{kind}.toml"] = text
    mod = _mod(tmp_path, files, "wrong")
    code = main(["validate", str(scenario), "--mod", str(mod)])
    out = capsys.readouterr().out
    assert code == 1
    problems = [ln for ln in out.splitlines() if ": error: " in ln or ": warning: " in ln]
    assert len(problems) > 1000, out[-2000:]
    unfixed = [ln for ln in problems if "(fix: " not in ln]
    assert not unfixed, "\n".join(unfixed[:40])
    unlocated = [ln for ln in problems if not ln.split(": ")[0].rsplit(":", 2)[-1].isdigit()]
    assert not unlocated, "\n".join(unlocated[:20])
    for jargon in ("literal[", "Value error", "dictionary", "datetimes provided", "missing required key '1'", "pattern '"):
        assert jargon not in out, jargon


def test_a_missing_key_says_what_the_key_is_for(tmp_path, capsys):
    """'add why = ...' left the modder to guess what a why is; the model's own description says it."""
    mod = _mod(tmp_path, {"e.toml": CARD.replace('debrief = "Invented."\n', "") + OPTION
                          + 'reactions = [{ actor = "militia", add = { stance = 1 } }]\neffects = [{ end = "victory" }]\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "event[0]: missing required key 'debrief' (fix: add debrief = \"...\" (what the choice teaches, for the debrief))" in out, out
    assert "reactions[0]: missing required key 'why' (fix: add why = \"...\" (a sentence saying why, shown in the turn report))" in out, out
    fixed = _mod(tmp_path, {"e.toml": CARD + OPTION + 'effects = [{ end = "victory" }]\n'}, "fixed")
    code, out = _validate(capsys, fixed)
    assert code == 1
    assert "effects[0].end: unknown ending 'victory' (fix: use one of: fallen, success, muddle)" in out, out


def test_booleans_take_only_true_and_false_and_a_date_no_number(tmp_path):
    """Lax pydantic read "yes", "off" and 1 as booleans and 0 as 1970-01-01; numbers were strict already."""
    import shutil

    from game.content import loader

    campaign = loader.resolve_scenario("basra_2008")
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "e.toml").write_text('[[event]]\nid = "bm.one"\ntitle = "One"\ntext = "Text."\ninvented = "yes"\n'
                                'triggered_only = 1\ndebrief = "Invented."\n[[event.option]]\nid = "a"\ntext = "A"\n')
    _, problems = loader.validate(campaign, [mod])
    said = {p.key: p for p in problems if p.severity == "error"}
    assert said["event[0].invented"].message == "expected true or false (got 'yes')"
    assert said["event[0].triggered_only"].message == "expected true or false (got 1)"
    scen = tmp_path / "scen"
    shutil.copytree(campaign, scen)
    toml = (scen / "scenario.toml").read_text()
    assert "start_date = 2008-03-25" in toml
    (scen / "scenario.toml").write_text(toml.replace("start_date = 2008-03-25", "start_date = 0"))
    _, problems = loader.validate(scen)
    said.update({p.key: p for p in problems if p.severity == "error"})
    assert said["scenario.start_date"].message == "expected a date (got 0)"
    assert all(p.fix for p in said.values())
