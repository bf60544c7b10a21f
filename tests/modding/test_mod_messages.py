"""Messages a modder gets for a mod that is wrong in ways the loader used to pass over or word badly.

Each test writes real TOML files to tmp_path and runs the real command line on the test scenario."""

from __future__ import annotations

from pathlib import Path

from game.cli import main
from tests.conftest import MINI


def _mod(tmp_path: Path, files: dict[str, str | bytes], name: str = "my_mod") -> Path:
    folder = tmp_path / name
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")
    return folder


def _validate(capsys, *mods: Path) -> tuple[int, str]:
    args = ["validate", str(MINI)]
    for mod in mods:
        args += ["--mod", str(mod)]
    code = main(args)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out + out.err


def test_a_scenario_table_in_a_mod_is_reported_not_dropped(tmp_path, capsys):
    mod = _mod(tmp_path, {"scenario.toml": '# copied\n[scenario]\nid = "mini"\nname = "Longer"\nturns = 30\n'
                                           'start_date = 2008-03-25\n'})
    code, out = _validate(capsys, mod)
    assert code == 0
    assert "scenario.toml:2:1: warning: scenario: a mod cannot change [scenario]" in out
    assert "extends" in out and "[remove]" in out


def test_a_reference_to_an_entry_a_mod_removed_names_the_remover(tmp_path, capsys):
    mod = _mod(tmp_path, {"remove.toml": '# drop the envoy\n[remove]\nevent = ["mini.envoy"]\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    line = next(ln for ln in out.splitlines() if "mini.envoy" in ln)
    assert line.startswith("tests/data/mini/events/crisis.toml:23:")  # still located at the reference
    assert "event 'mini.envoy' was removed by " in line and "remove.toml:3" in line
    assert "did you mean" not in line and "take it out of [remove]" in line


def test_removing_a_metric_that_many_rules_use_is_one_error_at_the_remove_line(tmp_path, capsys):
    mod = _mod(tmp_path, {"remove.toml": '\n[remove]\nmetric = ["cohesion"]\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    errors = [ln for ln in out.splitlines() if ": error: " in ln]
    assert len(errors) == 1, out
    assert "remove.toml:3:11: error: remove.metric[0]: metric 'cohesion' is removed here, but 10 references" in errors[0]
    assert "unknown name" not in out and "unknown state name" not in out


def test_an_override_without_a_referenced_option_says_it_was_replaced_and_lists_its_options(tmp_path, capsys):
    mod = _mod(tmp_path, {"events.toml": (
        '[[event]]\nid = "mini.opening"\ntitle = "The crisis begins"\ntext = "Fighting."\non_turn = 1\n'
        'debrief = "Opening."\n\n[[event.option]]\nid = "strike"\ntext = "Strike"\n\n'
        '[[event.option]]\nid = "wait"\ntext = "Wait"\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("tests/data/mini/reactions.toml:20:13: error: reaction[2].on_option[0]: event 'mini.opening' has no "
            "option 'attack': the event was replaced by ") in out
    assert "events.toml:1, whose options are: strike, wait" in out
    assert "write 'event.id/option_id'" not in out


EVENT = ('[[event]]\nid = "mymod.{name}"\ntitle = "{title}"\ntext = "Something happens."\ndebrief = "Invented."\n{extra}'
         '[[event.option]]\nid = "ok"\ntext = "Fine"\n')


def _event(name: str = "card", title: str = "A card", extra: str = "") -> str:
    return EVENT.format(name=name, title=title, extra=extra)


def test_a_byte_order_mark_is_read_past(tmp_path, capsys):
    mod = _mod(tmp_path, {"bom.toml": b"\xef\xbb\xbf" + _event().encode("utf-8")})
    code, out = _validate(capsys, mod)
    assert code == 0, out
    assert "7 events" in out  # the mini scenario's six, and this one


def test_latin1_text_is_located_by_line_and_column(tmp_path, capsys):
    mod = _mod(tmp_path, {"latin.toml": _event(title="Caf\u00e9 talks").encode("latin-1")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "latin.toml:3:13: error: not UTF-8 text: byte 0xe9 at line 3, column 13" in out
    assert "'\u00e9'" in out and "save the file as UTF-8" in out


def test_an_unclosed_quote_is_named_at_its_line(tmp_path, capsys):
    mod = _mod(tmp_path, {"quote.toml": '[[event]]\nid = "mymod.card"\ntitle = "An open quote\ntext = "x"\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert 'quote.toml:3:9: error: invalid TOML: unclosed string: the " at line 3, column 9 is never closed' in out
    assert "Illegal character" not in out


def test_operators_of_other_languages_get_ours_as_the_fix(tmp_path, capsys):
    mod = _mod(tmp_path, {"ops.toml": _event("a", extra='when = "turn > 2 && cohesion > 10"\n')
                          + _event("b", extra='when = "!flag(\'mymod.done\')"\n')
                          + _event("c", extra='when = "turn = 3"\n')
                          + _event("d", extra='when = "turn > 3 || cohesion != 2"\n')
                          + _event("e", extra='when = "cohesion => 50"\n')
                          + _event("f", extra='when = "cohesion =< 50"\n')
                          + _event("g", extra='when = "turn > 2 AND cohesion > 10"\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    for op, ours in (("&&", "and"), ("!", "not"), ("=", "=="), ("||", "or"), ("=>", ">="), ("=<", "<="), ("AND", "and")):
        assert f"syntax error: '{op}' is not an operator here (fix: write '{ours}' instead of '{op}')" in out
    assert "invalid syntax" not in out


def test_numbers_must_be_finite_and_not_true_or_false(tmp_path, capsys):
    mod = _mod(tmp_path, {"n.toml": _event("a", extra="weight = true\n") + _event("b", extra="weight = 1e400\n")
                          + _event("c", extra="max_fires = true\n")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "n.toml:6:10: error: event[0].weight: expected a number or an expression in quotes (got true)" in out
    assert "n.toml:15:10: error: event[1].weight: expected a finite number (got inf)" in out
    assert "n.toml:24:13: error: event[2].max_fires: input should be a valid integer (got true)" in out
    assert "true and false are not numbers" in out


def test_an_empty_file_is_a_warning(tmp_path, capsys):
    mod = _mod(tmp_path, {"empty.toml": "# nothing yet\n", "e.toml": _event()})
    code, out = _validate(capsys, mod)
    assert code == 0
    assert "empty.toml: warning: the file is empty" in out


def test_lint_warns_of_a_number_as_a_condition_and_a_division_by_zero(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": _event("a", extra='when = "turn + 2"\n') + _event("b", extra='when = "turn / 0 > 1"\n')})
    assert main(["lint", str(MINI), "--mod", str(mod)]) == 0
    out = capsys.readouterr().out
    assert "e.toml:6:1: warning: [number-as-condition] event[0].when: condition 'turn + 2' is a number" in out
    assert "e.toml:15:1: warning: [divide-by-zero] event[1].when: 'turn / 0 > 1' divides by 0" in out


def test_union_errors_are_plain_words_without_model_names(tmp_path, capsys):
    mod = _mod(tmp_path, {"c.toml": _event("a").replace('text = "Fine"\n', 'text = "Fine"\nchain = { event = "mini.envoy", delay = -1, chance = 2 }\n')
                          + _event("b").replace('text = "Fine"\n', 'text = "Fine"\nchain = [1, 2]\n')
                          + '\n[remove]\nevent = [1, {a=1}]\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "event[0].option[0].chain.delay: input should be greater than or equal to 0 (got -1)" in out
    assert "event[0].option[0].chain.chance: input should be less than or equal to 1 (got 2)" in out
    assert 'event[1].option[0].chain[0]: expected a table like { event = "ns.id", delay = 1 } (got 1)' in out
    assert "remove.event[0]: ids to remove must be text in quotes (got 1)" in out
    assert "remove.event[1]: ids to remove must be text in quotes (got a table)" in out
    assert "Chain" not in out and "valid list" not in out and "dictionary" not in out and "{'a': 1}" not in out


def test_a_reaction_whose_only_change_is_broken_gets_the_error_not_also_changes_nothing(tmp_path, capsys):
    mod = _mod(tmp_path, {"reactions.toml": (
        '[[reaction]]\nid = "my_mod.typo"\non_action = ["raid"]\nwhy = "a typo"\nadd = { cohesin = -2 }\n\n'
        '[[reaction]]\nid = "my_mod.empty"\non_action = ["raid"]\nwhy = "nothing here"\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    typo = [ln for ln in out.splitlines() if "reaction[0]" in ln]
    assert len(typo) == 1 and "unknown state name 'cohesin'" in typo[0] and "did you mean 'cohesion'" in typo[0], out
    empty = [ln for ln in out.splitlines() if "reaction[1]" in ln]
    assert len(empty) == 1 and "warning" in empty[0] and "reaction changes nothing" in empty[0], out


def test_a_new_id_one_letter_from_the_scenarios_is_a_warning_and_remove_suggests_ids(tmp_path, capsys):
    """A misspelt override adds a second rule beside the first (both apply): validate says so."""
    mod = _mod(tmp_path, {"reactions.toml": '[[reaction]]\nid = "militia.protest_raid"\nactor = "militia"\n'
                                            'on_action = "raid"\nwhy = "Meant to replace the protest."\nadd = { stance = -1 }\n\n'
                                            '[[reaction]]\nid = "militia.budget_cheer"\nactor = "militia"\n'
                                            'on_action = "raid"\nwhy = "A new rule, clearly named."\nadd = { stance = 1 }\n',
                          "remove.toml": '[remove]\nreaction = ["patron.note_talks"]\n'})
    code, out = _validate(capsys, mod)
    assert code == 0
    assert ("reactions.toml:2:1: warning: reaction[0].id: new reaction 'militia.protest_raid' is not in the scenario, "
            "but 'militia.protests_raid' is: both now apply (fix: to replace 'militia.protests_raid', write its id exactly") in out
    assert "budget_cheer" not in out  # a new id far from every other is not flagged
    assert "nothing to remove: no reaction 'patron.note_talks' (fix: did you mean 'patron.notes_talks'?)" in out


def test_an_entry_with_an_error_is_not_also_reported_unknown_where_it_is_used(tmp_path, capsys):
    """One typo in an event used to drop the event and then blame every reference to it (and call the
    flag it sets 'never set'): the modder chased errors in lines that were right."""
    card = _event("broken", extra='weigth = 5\n') + 'effects = [{ set_flag = "mymod.seen" }]\n'  # (the option's)
    mod = _mod(tmp_path, {"events.toml": card,
                          "reactions.toml": '[[reaction]]\nid = "mymod.cheer"\nactor = "militia"\n'
                                            'on_option = "mymod.broken/ok"\nwhy = "The card is answered."\nadd = { stance = 1 }\n\n'
                                            '[[reaction]]\nid = "mymod.after"\nactor = "militia"\non_event = "mymod.broken"\n'
                                            'when = "flag(\'mymod.seen\')"\nwhy = "The card was seen."\nadd = { stance = 1 }\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    problems = [ln for ln in out.splitlines() if ": error: " in ln or ": warning: " in ln]
    assert len(problems) == 1, out
    assert "events.toml:6:1: error: event[0].weigth" in problems[0]
    assert "unknown event" not in out and "never set" not in out


def test_a_misspelt_short_key_in_an_actors_reaction_suggests_that_actors_attribute(tmp_path, capsys):
    """'stnce' in the militia's reaction meant the militia's stance, not another actor's 'x.stance'."""
    mod = _mod(tmp_path, {"reactions.toml": '[[reaction]]\nid = "mymod.cheer"\nactor = "militia"\non_action = "raid"\n'
                                            'why = "The raid is resented."\nadd = { stnce = -4 }\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "unknown state name 'stnce' (fix: did you mean 'stance'?)" in out


def test_an_option_misspelt_in_on_option_gets_the_nearest_option_of_that_event(tmp_path, capsys):
    mod = _mod(tmp_path, {"reactions.toml": '[[reaction]]\nid = "mymod.cheer"\nactor = "militia"\n'
                                            'on_option = "mini.opening/atack"\nwhy = "The attack is resented."\nadd = { stance = -4 }\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "event 'mini.opening' has no option 'atack' (fix: did you mean 'attack'?)" in out


def test_a_typo_in_an_order_for_every_region_is_one_error_in_the_words_written(tmp_path, capsys):
    """An order with targets = "regions" is checked once per region; its mistakes are reported once,
    as written ('target.x', 'self.x'), with a hint in the same terms."""
    mod = _mod(tmp_path, {"more.toml": '''
[[action]]
id = "calm_all"
label = "Calm every region"
category = "political"
cost = 1
targets = "regions"
requires = "capital => 1"
effects = [{ add = { "target.violens" = -2 } }]

[[move]]
id = "militia.stir"
actor = "militia"
label = "Stir"
why = "A test move."
when = "self.stanse > 0"
effects = [{ add = { "self.stanse" = 1 } }]
'''})
    code, out = _validate(capsys, mod)
    assert code == 1
    errors = [ln for ln in out.splitlines() if ": error: " in ln]
    assert len(errors) == 4, out
    assert "4 errors" in out
    assert "more.toml:8:21: error: action[0].requires: in expression 'capital => 1'" in out
    assert "unknown state name 'target.violens' (fix: did you mean 'target.violence'?)" in out
    assert "in expression 'self.stanse > 0': unknown name 'self.stanse' (fix: did you mean 'self.stance'?)" in out
    assert "unknown state name 'self.stanse' (fix: did you mean 'self.stance'?)" in out


def _answers(event: str = "mymod.card") -> str:
    """Reactions to an event of the mod, one reading a flag the event sets."""
    return ('[[reaction]]\nid = "mymod.cheer"\nactor = "militia"\n'
            f'on_option = "{event}/ok"\nwhy = "The card is answered."\nadd = {{ stance = 1 }}\n\n'
            '[[reaction]]\nid = "mymod.after"\nactor = "militia"\n'
            f'on_event = "{event}"\nwhen = "flag(\'mymod.seen\')"\nwhy = "The card was seen."\nadd = {{ stance = 1 }}\n')


def test_a_file_that_does_not_parse_holds_back_the_references_into_it_with_one_note(tmp_path, capsys):
    """An event file with a TOML error used to make every reference to its events 'unknown' (with a
    'did you mean' of another event) and its flags 'never set': errors in lines that were right."""
    card = _event().replace('debrief = "Invented."\n', 'debrief = "Invented."\nweight = \n') \
        + 'effects = [{ set_flag = "mymod.seen" }]\n'
    other = _event("other").replace('text = "Fine"\n', 'text = "Fine"\nchain = { event = "mymod.card", delay = 1 }\n')
    mod = _mod(tmp_path, {"events.toml": card, "other.toml": other, "reactions.toml": _answers()})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "events.toml:6:10: error: weight: invalid TOML: 'weight' has no value after its '='" in out
    problems = "\n".join(ln for ln in out.splitlines() if ": note: " not in ln)
    assert "unknown event" not in problems and "never set" not in problems and "did you mean" not in problems, out
    notes = [ln for ln in out.splitlines() if ": note: " in ln]
    assert len(notes) == 1, out
    assert "events.toml: note: reference checks (unknown ids, flags read but never set) were skipped until" in notes[0]
    assert "skipped until this file parses: 4 of them" in notes[0]  # (named once: where the note is)
    assert notes[0].count("events.toml") == 1 and "fix the error in it first" in notes[0]
    assert "1 error, 0 warnings" in out


def test_references_of_other_kinds_are_still_checked_while_a_file_does_not_parse(tmp_path, capsys):
    card = _event().replace('debrief = "Invented."\n', 'debrief = "Invented."\nweight = \n')
    mod = _mod(tmp_path, {"events.toml": card, "reactions.toml": (
        '[[reaction]]\nid = "mymod.cheer"\nactor = "militia"\non_action = "rade"\nwhy = "A typo."\nadd = { stance = 1 }\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "unknown action 'rade' (fix: did you mean 'raid'?)" in out  # events.toml defines no actions
    assert ": note: " not in out


def test_a_kind_written_as_one_table_holds_back_the_references_to_its_entries(tmp_path, capsys):
    card = _event().replace("[[event]]", "[event]").replace("[[event.option]]", "[[event.option]]")
    mod = _mod(tmp_path, {"events.toml": card, "reactions.toml": _answers()})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "error: event: 'event' must be an array of tables" in out
    assert "unknown event" not in out and "has no option" not in out, out
    assert "my_mod/events.toml: note: reference checks" in out and "were skipped until this file is fixed" in out
