"""Messages for TOML structure mistakes that tomli words without a cause ("Cannot overwrite a value",
"Unclosed inline table") or that pydantic words in its own terms ("input should be a valid list").

Each test writes real TOML files to tmp_path and runs the real command line on the test scenario."""

from __future__ import annotations

from tests.modding.test_mod_messages import _mod, _validate

CARD = '[[event]]\nid = "mymod.card"\ntitle = "A card"\ntext = "Something happens."\ndebrief = "Invented."\n'
OPTION = '\n[[event.option]]\nid = "ok"\ntext = "Fine"\n'


def test_a_key_set_twice_is_named_with_the_line_it_was_first_set_on(tmp_path, capsys):
    card = CARD.replace('title = "A card"\n', 'title = "A card"\nrequires = "turn > 1"\n') + 'requires = "turn > 2"\n' + OPTION
    mod = _mod(tmp_path, {"e.toml": card})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:7:1: error: event[0].requires: invalid TOML: key 'requires' is set twice in this table "
            "(first on line 4) (fix: remove one)") in out, out
    assert "Cannot overwrite" not in out


def test_a_key_set_twice_after_a_text_over_several_lines_is_found_at_its_key(tmp_path, capsys):
    card = CARD + OPTION + 'text = """Fine,\nreally."""\n'
    mod = _mod(tmp_path, {"e.toml": card})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "e.toml:10:1: error: event[0].option[0].text: invalid TOML: key 'text' is set twice in this table (first on line 9)" in out, out


def test_an_option_table_before_its_event_says_it_must_follow_the_event(tmp_path, capsys):
    before = _mod(tmp_path, {"e.toml": OPTION.lstrip("\n") + "\n" + CARD}, "before")
    code, out = _validate(capsys, before)
    assert code == 1
    assert ("e.toml:1:1: error: event.option: invalid TOML: [[event.option]] comes before any [[event]]: "
            "an option table must follow its [[event]]") in out, out
    assert "Cannot overwrite" not in out
    alone = _mod(tmp_path, {"e.toml": OPTION.lstrip("\n")}, "alone")
    code, out = _validate(capsys, alone)
    assert code == 1
    assert "e.toml:1:1: error: event.option: [[event.option]] comes before any [[event]]: an option table must follow its [[event]]" in out, out
    assert "must be an array of tables" not in out


def test_an_option_in_single_brackets_says_to_write_double_brackets(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": CARD + OPTION.replace("[[event.option]]", "[event.option]")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:7:1: error: event[0].option: 'option' is written as one table, but it is a list of tables "
            "(fix: write [[event.option]] (double brackets) for each option)") in out, out
    assert "valid list" not in out


def test_an_unclosed_inline_table_is_reported_where_it_opens(tmp_path, capsys):
    card = CARD + OPTION + 'chain = { event = "mini.envoy", delay = 1\n' + OPTION.replace('"ok"', '"no"')
    mod = _mod(tmp_path, {"e.toml": card})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:10:9: error: invalid TOML: unclosed inline table: the { at line 10, column 9 is never closed "
            "(fix: end the table with }") in out, out


def test_effects_written_as_one_inline_table_say_to_put_it_in_square_brackets(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": CARD + OPTION + 'effects = { add = { cohesion = 2 } }\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:10:1: error: event[0].option[0].effects: 'effects' is written as one table, but it is a list of "
            "tables (fix: put it in square brackets, a list even of one: effects = [{ ... }])") in out, out


def test_a_single_bracket_table_after_the_list_of_tables_says_to_use_double_brackets(tmp_path, capsys):
    second = CARD.replace("[[event]]", "[event]").replace("mymod.card", "mymod.other")
    mod = _mod(tmp_path, {"e.toml": CARD + OPTION + "\n" + second})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:11:1: error: event: invalid TOML: [event] (one table) after [[event]] (a list of tables, line 1) "
            "(fix: write [[event]] for each entry)") in out, out
    assert "Cannot declare" not in out


def test_a_key_given_a_value_and_then_tables_names_both_lines(tmp_path, capsys):
    card = CARD + 'option = "ok"\n' + OPTION
    mod = _mod(tmp_path, {"e.toml": card})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:8:1: error: event.option: invalid TOML: [[event.option]] adds to 'option', which is already given "
            "a value on line 6 (fix: keep one: the 'option = ...' line or the [[event.option]] tables)") in out, out
    assert "Cannot overwrite" not in out
    effects = CARD + OPTION + 'effects = [{ add = { cohesion = 1 } }]\n[event.option.effects]\nadd = 2\n'
    code, out = _validate(capsys, _mod(tmp_path, {"e.toml": effects}, "effects"))
    assert code == 1
    assert ("e.toml:11:1: error: event.option.effects: invalid TOML: [event.option.effects] adds to 'effects', which "
            "is already given a value on line 10") in out, out
    assert "Cannot declare" not in out


def test_a_mod_checked_over_every_shipped_scenario_counts_its_problem_once(tmp_path, capsys):
    from game.cli import main

    mod = _mod(tmp_path, {"e.toml": CARD + 'title = "Again"\n' + OPTION})
    code = main(["validate", "--mod", str(mod)])  # no PATH: both shipped scenarios, each with the mod
    out = capsys.readouterr()
    assert code == 1
    assert out.out.count("is set twice") == 1, out.out
    assert out.err.strip().endswith("1 error, 0 warnings"), out.err
