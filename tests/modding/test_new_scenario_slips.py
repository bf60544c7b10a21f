"""Slips of a teacher writing a whole new scenario from `ceasefire new scenario`, each reported at its
file, line and key with a fix to follow.

Each test writes the real stub scenario with the real command line into tmp_path, changes one file
as a newcomer would, and runs the real `ceasefire validate` on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main


def _scenario(tmp_path: Path, capsys) -> Path:
    assert main(["new", "scenario", "river_town", "--dir", str(tmp_path)]) == 0
    capsys.readouterr()
    return tmp_path / "river_town"


def _edit(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _validate(capsys, folder: Path) -> tuple[int, list[str]]:
    code = main(["validate", str(folder)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, [ln for ln in (out.out + out.err).splitlines() if ": error: " in ln or ": warning: " in ln]


def _line_of(folder: Path, rel: str, text: str) -> int:
    return next(i for i, ln in enumerate((folder / rel).read_text("utf-8").splitlines(), 1) if ln.startswith(text))


def test_a_difficulty_preset_without_its_scenario_prefix_is_found_at_its_header(tmp_path, capsys):
    """[difficulty.hard] was 'unknown kind of content', placed at 'default_difficulty' (the word
    found inside another key) with the list of kinds as its fix."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "scenario.toml", "[scenario.difficulty.normal]", "[difficulty.normal]")
    code, lines = _validate(capsys, sc)
    assert code == 1
    line = _line_of(sc, "scenario.toml", "[difficulty.normal]")
    said = next(ln for ln in lines if " difficulty: " in ln)  # (and default_difficulty names a preset now lost)
    assert f"scenario.toml:{line}:1: error: difficulty: [difficulty.normal] is not a kind of content" in said, lines
    assert "(fix: write the header [scenario.difficulty.normal], in scenario.toml)" in said


def test_a_scenario_key_above_the_scenario_header_says_to_move_it(tmp_path, capsys):
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "scenario.toml", "turns = 12\n", "")
    _edit(sc, "scenario.toml", "[scenario]\n", "turns = 12\n[scenario]\n")
    code, lines = _validate(capsys, sc)
    assert code == 1
    line = _line_of(sc, "scenario.toml", "turns = 12")
    assert f"scenario.toml:{line}:1: error: turns: 'turns' is written above the first table header, so it belongs " \
           "to no table" in lines[0], lines
    assert "(fix: move it below the [scenario] header it belongs to)" in lines[0]


def test_an_id_above_the_event_header_says_to_move_it_below(tmp_path, capsys):
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "events/opening.toml", '[[event]]\nid = "river_town.opening"\n', 'id = "river_town.opening"\n[[event]]\n')
    code, lines = _validate(capsys, sc)
    assert code == 1
    line = _line_of(sc, "events/opening.toml", "id = ")
    assert f"opening.toml:{line}:1: error: id: 'id' is written above the first table header" in lines[0], lines
    assert "(fix: move it below the [[event]] header it belongs to)" in lines[0]


DATES = [
    ("2008-3-25", "TOML writes the month and the day with two digits each", "write start_date = 2008-03-25"),
    ("25/03/2008", "TOML writes a date as year-month-day", "write start_date = 2008-03-25"),
    ("03/25/2008", "TOML writes a date as year-month-day", "write start_date = 2008-03-25"),
    ("25.03.2008", "TOML writes a date as year-month-day", "write start_date = 2008-03-25"),
    ("2008-02-30", "there is no such day", "write a real date as year-month-day"),
]


@pytest.mark.parametrize("written,why,fix", DATES, ids=[d for d, _, _ in DATES])
def test_a_start_date_written_another_way_gets_the_toml_date(written, why, fix, tmp_path, capsys):
    """'2008-3-25' was told 'an expression is text: write start_date = "2008-3-25"', which is no date
    either; '2008-02-30' got tomli's 'Invalid date or datetime' with no key."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "scenario.toml", "start_date = 2008-03-25", f"start_date = {written}")
    code, lines = _validate(capsys, sc)
    assert code == 1
    line = _line_of(sc, "scenario.toml", "start_date")
    assert len(lines) == 1, lines
    assert f"scenario.toml:{line}:14: error: start_date: invalid TOML: '{written}' is not a date: {why}" in lines[0], lines
    assert f"(fix: {fix}" in lines[0]
    assert "expression" not in lines[0]


def test_a_duplicate_order_is_one_error_not_also_flags_it_sets_never_set(tmp_path, capsys):
    """`ceasefire new action` run again for an order already written: the duplicate was dropped and
    every flag it set was then also reported 'read but never set', though it is set."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "endings.toml", 'when = "support <= 10"', 'when = "support <= 10 and not flag(\'river_town.spoke\')"')
    _edit(sc, "actions.toml", 'effects = [{ add = { support = 4 }',
          'effects = [{ set_flag = "river_town.spoke" }, { add = { support = 4 }')
    assert main(["new", "action", "speech", "--dir", str(sc), "--force"]) == 0
    capsys.readouterr()
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert len(lines) == 1, lines
    assert "error: action[0].id: duplicate action id 'speech' (first at " in lines[0], lines


def test_a_name_like_none_of_the_scenarios_lists_the_scenarios_own_names(tmp_path, capsys):
    """A teacher who renames the stub's 'support' to 'trust' in metrics.toml and misses a use: the fix
    was 'use a metric id, actor.attribute or region.id.attribute', naming none of them."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "metrics.toml", 'id = "support"', 'id = "trust"')
    for rel, old, new in (("actions.toml", "add = { support = 4 }", "add = { trust = 4 }"),
                          ("actions.toml", "support = 1 }", "trust = 1 }"),
                          ("dynamics.toml", "3 + support / 25", "3 + trust / 25"),
                          ("endings.toml", 'when = "support <= 10"', 'when = "trust <= 10"'),
                          ("events/opening.toml", "support = -2", "trust = -2"),
                          ("events/opening.toml", "support = 3", "trust = 3")):
        _edit(sc, rel, old, new)
    code, lines = _validate(capsys, sc)
    assert code == 1
    line = _line_of(sc, "endings.toml", "score")
    assert len(lines) == 1, lines
    assert f"endings.toml:{line}:10: error: ending[1].score: in expression 'support': unknown name 'support' (fix: " \
           "use a metric id (capital, trust), an actor's attribute as actor.attribute (opposition.stance), a region's " \
           "as region.id.attribute (region.capital_city.violence), or turn)" in lines[0], lines


def test_a_number_in_quotes_in_an_expression_is_told_to_lose_its_quotes(tmp_path, capsys):
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "endings.toml", 'when = "support <= 10"', "when = \"support <= '10'\"")
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert "(fix: remove the quotes from a number (10, not '10'))" in lines[0], lines


@pytest.mark.parametrize("rel", ["reactions.toml.txt", "Moves.TOML", "events/late.tml"])
def test_a_scenario_file_that_is_not_read_is_reported_by_validate(rel, tmp_path, capsys):
    """A scenario's own 'reactions.toml.txt' (Notepad) or 'Moves.TOML' was skipped without a word:
    its rules were simply missing from the game (mods' files were already reported)."""
    sc = _scenario(tmp_path, capsys)
    (sc / rel).write_text('[[move]]\nid = "opposition.march"\n', "utf-8")
    code, lines = _validate(capsys, sc)
    assert code == 0
    assert len(lines) == 1, lines
    name = rel.split("/")[-1]
    assert f"{name}: warning: '{name}' is not read: " in lines[0] and "(fix: rename it " in lines[0], lines


@pytest.mark.parametrize("name", ["scenarios.toml", "Scenario.toml", "scenario.tml", "scenario.toml.txt", "setup.toml"])
def test_a_misnamed_scenario_file_is_named_with_its_right_name(name, tmp_path, capsys):
    """'no scenario.toml in this folder (fix: if this is a mod, ... --mod ...)' for a scenario whose
    file was saved as scenarios.toml or scenario.toml.txt: the fix was about mods."""
    sc = _scenario(tmp_path, capsys)
    (sc / "scenario.toml").rename(sc / name)
    code, lines = _validate(capsys, sc)
    assert code == 1
    out = "\n".join(lines)
    assert "error: no scenario.toml in this folder (fix: rename " in out and f"{name} to scenario.toml" in out, out
    assert "--mod" not in out


def test_an_actor_with_a_wrong_attribute_is_one_error_not_also_its_flags_never_set(tmp_path, capsys):
    """`attributes.strength = 40` (a number, not a range) failed the actor; a flag its move sets was
    then also reported 'read but never set', though the move sets it."""
    sc = _scenario(tmp_path, capsys)
    (sc / "moves.toml").write_text(
        '[[move]]\nid = "opposition.march"\nactor = "opposition"\nlabel = "The opposition marches"\n'
        'why = "It wants to be seen."\neffects = [{ set_flag = "self.marched" }]\n', "utf-8")
    _edit(sc, "endings.toml", 'when = "support <= 10"', 'when = "support <= 10 or flag(\'opposition.marched\')"')
    assert _validate(capsys, sc) == (0, [])
    _edit(sc, "actors.toml", 'attributes.strength = { start = 40, label = "Strength" }', "attributes.strength = 40")
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert len(lines) == 1, lines
    assert "actors.toml:" in lines[0] and "error: actor[1].attributes.strength: expected a table" in lines[0], lines


def test_one_region_written_as_text_in_targets_is_one_error(tmp_path, capsys):
    """targets = "capital_city" (not a list): its 'target.violence' was also reported unknown, a
    second error that goes once the list is written."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "actions.toml", 'targets = "regions"', 'targets = "capital_city"')
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert len(lines) == 1, lines
    assert 'error: action[1].targets: ' in lines[0] and '(fix: write a list, even of one: targets = ["capital_city"]' in lines[0]


def test_a_schema_line_naming_a_missing_schema_is_warned_of_with_the_right_name(tmp_path, capsys):
    """A codex file given '#:schema .../entry.schema.json' (the table is [[entry]], the schema is
    codex.schema.json): the editor silently checked nothing, and validate said nothing either."""
    sc = _scenario(tmp_path, capsys)
    first = (sc / "metrics.toml").read_text("utf-8").splitlines()[0]
    folder = first[len("#:schema "):].rsplit("/", 1)[0]
    (sc / "codex.toml").write_text(f"#:schema {folder}/entry.schema.json\n[[entry]]\nid = \"term_support\"\n"
                                   "title = \"Support\"\ncategory = \"term\"\nbody = \"What the public thinks.\"\n", "utf-8")
    code, lines = _validate(capsys, sc)
    assert code == 0
    assert len(lines) == 1, lines
    assert "codex.toml:1:10: warning: the #:schema line names " in lines[0] and "entry.schema.json, which does not exist" in lines[0]
    assert f"(fix: write #:schema {folder}/codex.schema.json)" in lines[0], lines


def test_a_copied_mod_whose_schema_lines_lead_nowhere_is_given_the_path_from_where_it_is(tmp_path, capsys):
    """examples/water_crisis copied one folder deeper (into mods/<scenario>/): its relative '#:schema'
    lines lead nowhere; the fix is the path to the game's schemas from where each file now is."""
    from game.content.schema import SCHEMA_DIR
    import os
    import shutil

    mod = tmp_path / "a" / "b" / "water_crisis"
    shutil.copytree(Path(__file__).resolve().parents[2] / "examples" / "water_crisis", mod)
    code = main(["validate", "basra_2008", "--no-mods", "--mod", str(mod)])
    out = capsys.readouterr().out
    assert code == 0
    events = mod / "events" / "salt_water.toml"
    want = Path(os.path.relpath(SCHEMA_DIR, events.parent)).as_posix() if SCHEMA_DIR.parent in events.parents \
        else SCHEMA_DIR.as_posix()
    assert f"salt_water.toml:1:10: warning: the #:schema line names ../../../schema/event.schema.json, which does not " \
           f"exist: your editor checks nothing in this file (fix: write #:schema {want}/event.schema.json)" in out, out


def _with_codex(sc: Path) -> None:
    (sc / "codex.toml").write_text(
        '[[entry]]\nid = "term_support"\ntitle = "Public support"\ncategory = "term"\nbody = "What the public thinks."\n'
        'see = ["place_capital_city"]\n\n'
        '[[entry]]\nid = "place_capital_city"\ntitle = "The capital"\ncategory = "place"\nbody = "Where it happens."\n', "utf-8")


@pytest.mark.parametrize("rel,old,new,key", [
    ("metrics.toml", 'id = "support"\n', 'id = "support"\ncodex = "support"\n', "metric[1].codex"),
    ("regions.toml", 'id = "capital_city"\n', 'id = "capital_city"\ncodex = "capital_city"\n', "region[0].codex"),
    ("actions.toml", 'id = "speech"\n', 'id = "speech"\ncodex = "support"\n', "action[0].codex"),
    ("codex.toml", 'see = ["place_capital_city"]', 'see = ["capital_city"]', "entry[0].see[0]"),
])
def test_a_codex_key_naming_no_entry_is_warned_of_with_the_entry_it_meant(rel, old, new, key, tmp_path, capsys):
    """A metric's, region's or order's `codex` naming no entry passed without a word (an actor's was
    checked); and 'see' of a short form of an id ('capital_city' for 'place_capital_city') got no hint."""
    sc = _scenario(tmp_path, capsys)
    _with_codex(sc)
    _edit(sc, rel, old, new)
    code, lines = _validate(capsys, sc)
    assert code == 0
    assert len(lines) == 1, lines
    line = _line_of(sc, rel, new.split("\n")[-2] if new.endswith("\n") else new)
    assert f"{rel}:{line}:" in lines[0] and f"warning: {key}: unknown codex entry " in lines[0], lines
    assert "(fix: did you mean 'term_support'?)" in lines[0] or "(fix: did you mean 'place_capital_city'?)" in lines[0]


def test_a_policy_weight_for_an_option_no_event_has_is_warned_of(tmp_path, capsys):
    """A scripted player's `options = { stand_frim = 5 }` (a bare option id, misspelt) weighed nothing,
    silently: its simulations played another game than the one meant."""
    sc = _scenario(tmp_path, capsys)
    (sc / "policies.toml").write_text('[[policy]]\nid = "firm"\noptions = { stand_frim = 5 }\n', "utf-8")
    code, lines = _validate(capsys, sc)
    assert code == 0
    assert len(lines) == 1, lines
    assert "policies.toml:3:13: warning: policy[0].options.stand_frim: no event has an option 'stand_frim': this " \
           "weight applies to nothing (fix: did you mean 'stand_firm'?)" in lines[0], lines


def test_a_codex_link_in_a_text_of_several_lines_is_found_at_its_own_line(tmp_path, capsys):
    """The warning for [[capital]] (the entry is 'place_capital_city') named the line of `text = \"\"\"`,
    not the line of the link, three lines below; and it had no hint."""
    sc = _scenario(tmp_path, capsys)
    _with_codex(sc)
    _edit(sc, "events/opening.toml", 'text = "Write the opening situation here."',
          'text = """\nThe first line.\nThe second line.\nThe talks begin in [[capital|the capital]] today.\n"""')
    code, lines = _validate(capsys, sc)
    assert code == 0
    line = _line_of(sc, "events/opening.toml", "The talks begin")
    assert len(lines) == 1, lines
    assert f"opening.toml:{line}:20: warning: event[0].text: link [[capital]] points at no codex entry " \
           "(fix: did you mean 'place_capital_city'?)" in lines[0], lines


def test_an_actor_move_without_effects_is_told_to_write_the_list_inline(tmp_path, capsys):
    """The fix was 'add a [[move.effects]] table below it for each effects': effects are a list in
    braces, as every example writes them, and a [[move.effects]] table is read as one effect."""
    sc = _scenario(tmp_path, capsys)
    (sc / "moves.toml").write_text('[[move]]\nid = "opposition.march"\nactor = "opposition"\n'
                                   'label = "The opposition marches"\nwhy = "It wants to be seen."\n', "utf-8")
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert len(lines) == 1, lines
    assert "moves.toml:1:1: error: move[0]: missing required key 'effects' (fix: add effects = [...], a list of " \
           "effects in braces, e.g. effects = [{ add = { ... }, why = \"...\" }])" in lines[0], lines


@pytest.mark.parametrize("rel,old,new,fix,col", [  # (col: a value not among the choices is pointed at)
    ("actions.toml", 'category = "public"', 'category = "publc"', 'did you mean category = "public"?', 12),
    ("endings.toml", 'tone = "worst"', 'tone = "worse"', 'did you mean tone = "worst"?', 8),
    ("scenario.toml", 'capital = "capital"', 'capital = "capitol"', 'did you mean capital = "capital"?', 11),
])
def test_a_misspelt_choice_or_capital_gets_the_value_it_meant(rel, old, new, fix, col, tmp_path, capsys):
    sc = _scenario(tmp_path, capsys)
    _edit(sc, rel, old, new)
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert len(lines) == 1, lines
    line = _line_of(sc, rel, new.split(" ")[0] + " ")
    assert f"{rel}:{line}:{col}: error: " in lines[0] and f"(fix: {fix})" in lines[0], lines


def test_a_metric_with_a_bad_range_that_pays_for_orders_is_one_error(tmp_path, capsys):
    """min above max on the capital metric also gave 'capital metric 'capital' is not defined'."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "metrics.toml", "min = 0\nmax = 40", "min = 40\nmax = 0")
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert len(lines) == 1 and "metric[0]: min (40) must be below max (0)" in lines[0], lines


@pytest.mark.parametrize("written,fix", [
    ("basra_2008", "'basra_2008' is a scenario of the game, in "),
    ("basra_2080", "did you mean 'basra_2008'? 'basra_2008' is a scenario of the game, in "),
    ("river_town", "a scenario cannot extend itself"),
])
def test_extends_naming_no_folder_beside_it_is_placed_and_explained(written, fix, tmp_path, capsys):
    """'extends' of a new scenario outside content/scenarios: the error had no line, and 'fix the name'
    for a name that was right (the campaign is in content/scenarios, not beside it)."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "scenario.toml", "turns = 12\n", f'turns = 12\nextends = "{written}"\n')
    code, lines = _validate(capsys, sc)
    assert code == 1
    line = _line_of(sc, "scenario.toml", "extends")
    assert len(lines) == 1, lines
    assert f"scenario.toml:{line}:1: error: scenario.extends: extends '{written}', which is not a scenario folder " \
           f"beside this one (fix: {fix}" in lines[0], lines


def test_a_second_actor_marked_as_the_player_is_warned_of(tmp_path, capsys):
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "actors.toml", 'short = "Opposition"\n', 'short = "Opposition"\nplayer = true\n')
    code, lines = _validate(capsys, sc)
    assert code == 0
    assert len(lines) == 1, lines
    assert "error" not in lines[0] and "warning: actor[1].player: 'government' also says player = true: the game " \
           "takes 'government' as the player's side, not this actor" in lines[0], lines


def test_a_reaction_for_a_region_its_order_cannot_target_is_warned_of(tmp_path, capsys):
    """on_action = "speech" (an order with no targets) and on_target = "capital_city": the rule can
    never fire, and validate said nothing."""
    sc = _scenario(tmp_path, capsys)
    (sc / "reactions.toml").write_text(
        '[[reaction]]\nid = "opposition.answers_speech"\nactor = "opposition"\non_action = "speech"\n'
        'on_target = "capital_city"\nwhy = "The opposition answers in the streets."\nadd = { stance = -2 }\n', "utf-8")
    code, lines = _validate(capsys, sc)
    assert code == 0
    assert len(lines) == 1, lines
    assert "reactions.toml:5:13: warning: reaction[0].on_target[0]: no order it answers ('speech') can target " \
           "'capital_city': the rule never fires for it (fix: remove on_target: these orders target no region)" in lines[0]


def test_lint_warns_of_a_follow_up_whose_every_chain_lands_after_the_last_turn(tmp_path, capsys):
    """A chain with delay 12 in a 12-turn scenario: the follow-up can never come, and lint said nothing
    (a chain led to it, so it was not 'never triggered')."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "events/opening.toml", 'id = "stand_firm"\n',
          'id = "stand_firm"\nchain = { event = "river_town.reckoning", delay = 12 }\n')
    (sc / "events" / "reckoning.toml").write_text(
        '[[event]]\nid = "river_town.reckoning"\ntitle = "A reckoning"\ntext = "The bill comes due."\n'
        'triggered_only = true\ndebrief = "Firmness has costs. Invented for the test."\n\n'
        '[[event.option]]\nid = "pay"\ntext = "Pay it"\n', "utf-8")
    assert _validate(capsys, sc) == (0, [])
    code = main(["lint", str(sc)])
    out = capsys.readouterr().out
    assert code == 0
    assert "reckoning.toml:5:1: warning: [never-triggered] event[0].triggered_only: event 'river_town.reckoning' is " \
           "triggered_only and every chain or schedule effect that leads to it lands after the last turn (12): event " \
           "'river_town.opening', delay 12 (fix: shorten the delay, so that the follow-up comes by turn 12)" in out, out


def test_a_metric_id_with_a_capital_letter_is_one_error_not_one_per_rule_that_names_it(tmp_path, capsys):
    """id = "Support" (ids are lower case) failed the metric, and every rule naming 'support' as the
    fix says was also reported: 'unknown state name' five times over."""
    sc = _scenario(tmp_path, capsys)
    _edit(sc, "metrics.toml", 'id = "support"', 'id = "Support"')
    code, lines = _validate(capsys, sc)
    assert code == 1
    assert len(lines) == 1, lines
    assert "error: metric[1].id: 'Support' is not a valid id (fix: use lower-case letters, digits and underscores, " \
           "starting with a letter, e.g. 'support')" in lines[0], lines
