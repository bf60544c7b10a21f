"""TOML slips a new modder makes, each reported where it is with what is wrong and what to write:
tomli's own words ("Expected '=' after a key", "Unclosed array", "Invalid value") said none of that,
and an unclosed quote was placed at the last quote of the file.

Each test writes real TOML files to tmp_path and runs the real command line on the test scenario."""

from __future__ import annotations

import pytest

from tests.modding.test_mod_messages import _event, _mod, _validate

# (the line written in an event, then the error line expected: its file:line:col and words)
SLIPS = [
    ('title: "A card"', "e.toml:6:6: error: invalid TOML: 'title' is followed by ':': TOML joins a key and its value "
                        "with '=' (fix: write title = \"A card\")"),
    ('weight "x"', "e.toml:6:8: error: invalid TOML: 'weight' has no '=' after it: TOML writes key = value (fix: write weight = \"x\")"),
    ('tags = ["a", "b"', "e.toml:6:8: error: invalid TOML: unclosed list: the [ at line 6, column 8 is never closed "
                         "(fix: end the list with ] (after its last item))"),
    ('tags = ["a" "b"]', "e.toml:6:13: error: invalid TOML: a ',' is missing before this item: the items of a list are "
                         "separated by commas (fix: write tags = [\"a\", \"b\"])"),
    ("when = 'turn > 3\"", "e.toml:6:8: error: invalid TOML: the text opened with ' at line 6, column 8 ends with \": "
                           "a text starts and ends with the same quote (fix: write \"turn > 3\" (double quotes at both ends))"),
    ('when = """turn > 3', 'e.toml:6:8: error: invalid TOML: unclosed string: the """ at line 6, column 8 is never closed '
                           '(fix: end the text with """)'),
    ("weight = 1,5", "e.toml:6:10: error: weight: invalid TOML: '1,5' is not a number: TOML writes decimals with a point "
                     "(fix: write weight = 1.5)"),
    ("weight = .5", "e.toml:6:10: error: weight: invalid TOML: '.5' is not a number: a decimal needs a digit before its "
                    "point (fix: write weight = 0.5)"),
    ("max_fires = 01", "e.toml:6:13: error: max_fires: invalid TOML: '01' is not a number: a whole number cannot start "
                       "with 0 (fix: write max_fires = 1)"),
    ("weight = 50%", "e.toml:6:10: error: weight: invalid TOML: '50%' is not a number: TOML has no percent sign "
                     "(fix: write weight = 50 (the number alone))"),
    ("weight = 5 + turn", "e.toml:6:12: error: weight: invalid TOML: the line goes on after the value of 'weight' (at column 12) "
                          "(fix: an expression is text: write weight = \"5 + turn\")"),
    ("weight = ", "e.toml:6:10: error: weight: invalid TOML: 'weight' has no value after its '='"),
]


@pytest.mark.parametrize("written,expected", SLIPS, ids=[w for w, _ in SLIPS])
def test_a_toml_slip_is_explained_where_it_is(written, expected, tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": _event(extra=written + "\n")})
    code, out = _validate(capsys, mod)
    assert code == 1
    errors = [ln for ln in out.splitlines() if ": error: " in ln]
    assert len(errors) == 1, out
    assert expected in errors[0], out
    assert "(fix: " in errors[0] and "check quotes, brackets and '=' on that line" not in errors[0]


def test_an_unclosed_quote_is_found_at_its_line_not_at_the_last_quote_of_the_file(tmp_path, capsys):
    """tomli stops at the end of the file for a ' never closed; the last quote in the file was blamed."""
    text = _event(extra="when = 'turn > 3\n") + "\n" + _event("other")
    mod = _mod(tmp_path, {"e.toml": text})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "e.toml:6:8: error: invalid TOML: unclosed string: the ' at line 6, column 8 is never closed" in out, out


def test_a_list_over_several_lines_missing_a_comma_or_its_bracket(tmp_path, capsys):
    comma = _mod(tmp_path, {"e.toml": _event() + 'effects = [\n  { add = { cohesion = 1 } }\n  { set_flag = "mymod.x" },\n]\n'}, "comma")
    code, out = _validate(capsys, comma)
    assert code == 1
    assert ("e.toml:11:3: error: invalid TOML: a ',' is missing before this item: the items of a list are separated by "
            "commas (fix: end the item above with a comma)") in out, out
    bracket = _mod(tmp_path, {"e.toml": _event() + 'effects = [\n  { add = { cohesion = 1 } },\n\n'
                              + '[[event.option]]\nid = "no"\ntext = "No"\n'}, "bracket")
    code, out = _validate(capsys, bracket)
    assert code == 1
    assert ("e.toml:9:11: error: invalid TOML: unclosed list: the [ at line 9, column 11 is never closed "
            "(fix: end the list with ] (after its last item))") in out, out
    assert "Invalid value" not in out
