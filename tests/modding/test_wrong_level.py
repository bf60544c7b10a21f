"""Tables and keys written at the wrong level: [[option]] without its event, a [[reaction]] table
meant as an option's reaction, a dotted state name left without quotes (TOML reads it as tables in
tables). Each used to get a message about something else, or a wrong fix.

Each test writes real TOML files to tmp_path and runs the real command line on the test scenario."""

from __future__ import annotations

from tests.modding.test_mod_messages import _event, _mod, _validate


def _errors(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ": error: " in ln]


def test_an_option_table_without_its_event_name_says_event_option(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": _event().replace("[[event.option]]", "[[option]]")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:6:1: error: option: [[option]] is not a kind of content: an event's choices are [[event.option]] "
            "tables (fix: write [[event.option]] (below the [[event]] it belongs to))") in out, out
    assert "did you mean 'action'" not in out
    assert "e.toml:1:1: error: event[0]: missing required key 'option' (fix: add a [[event.option]] table below it for each option)" in out, out


def test_a_reaction_table_written_below_an_option_says_how_to_write_an_options_reaction(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": _event() + '\n[[reaction]]\nactor = "militia"\nadd = { stance = 1 }\nwhy = "They cheer."\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    line = next(ln for ln in _errors(out) if "reaction[0]" in ln)
    assert "missing required key 'id'" in line and "a [[reaction]] is a rule of its own" in line, out
    assert 'write reactions = [{ actor = "...", add = { ... }, why = "..." }] among the option\'s keys instead' in line


def test_a_dotted_name_without_quotes_says_to_quote_it(tmp_path, capsys):
    """add = { region.south.violence = -5 } is read by TOML as tables in tables: 'expected a number or
    an expression' said nothing of why."""
    mod = _mod(tmp_path, {"e.toml": _event() + "effects = [{ add = { region.south.violence = -5, treasury = -2 } }]\n"
                          + 'reactions = [{ actor = "government", add = { militia.stance = 2 }, why = "They notice." }]\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:9:22: error: event[0].option[0].effects[0].add.region: 'region.south.violence' without quotes is read by TOML as tables "
            "inside tables, not as one name (fix: put the whole name in double quotes: \"region.south.violence\" = -5)") in out, out
    assert "'militia.stance' without quotes" in out and '"militia.stance" = 2' in out, out
    assert len(_errors(out)) == 2, out


def test_an_options_key_written_among_the_events_keys_says_it_belongs_below_the_option(tmp_path, capsys):
    """'effects' above [[event.option]] listed the event's keys; 'historical' was taken for 'history'."""
    mod = _mod(tmp_path, {"e.toml": _event("a", extra='effects = [{ add = { cohesion = 1 } }]\n')
                          + _event("b", extra="historical = true\n")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:6:1: error: event[0].effects: unknown key 'effects' for this event: 'effects' is a key of each option "
            "(fix: move it below the [[event.option]] it belongs to (in TOML a key belongs to the last table header above it))") in out, out
    assert "event[1].historical: unknown key 'historical' for this event: 'historical' is a key of each option" in out, out
    assert "did you mean 'history'" not in out
