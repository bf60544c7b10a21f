"""Mistakes of a modder's first mod in references and expressions: ids misspelt, an option named
without its event, expressions the compiler refuses. Each error says what is wrong and what to write;
several used to give no fix, or a wrong one.

Each test writes real TOML files to tmp_path and runs the real command line on the test scenario."""

from __future__ import annotations

import pytest

from game.cli import main
from tests.conftest import MINI
from tests.modding.test_mod_messages import _event, _mod, _validate


def _reaction(extra: str) -> str:
    return f'[[reaction]]\nid = "mymod.answer"\nactor = "militia"\n{extra}why = "They answer."\nadd = {{ stance = -2 }}\n'


def _errors(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ": error: " in ln]


# ---------------------------------------------------------------- references


def test_a_misspelt_region_in_on_target_gets_the_nearest_or_the_list(tmp_path, capsys):
    mod = _mod(tmp_path, {"r.toml": _reaction('on_action = "raid"\non_target = ["soth", "east_bank"]\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "r.toml:5:14: error: reaction[0].on_target[0]: unknown region 'soth' (fix: did you mean 'south'?)" in out, out
    assert "reaction[0].on_target[1]: unknown region 'east_bank' (fix: use one of: south, capital_city, north)" in out, out


def test_an_option_written_without_its_event_or_as_its_event_says_how_to_write_it(tmp_path, capsys):
    mod = _mod(tmp_path, {"r.toml": _reaction('on_option = ["mini.opening"]\n')
                          + "\n" + _reaction('on_option = ["refuse"]\n').replace("mymod.answer", "mymod.other")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("reaction[0].on_option[0]: 'mini.opening' is an event; an option is written 'event.id/option_id' "
            "(fix: write one of: 'mini.opening/attack', 'mini.opening/wait'; or on_event = [\"mini.opening\"] "
            "to react when the card is shown)") in out, out
    assert "has no option ''" not in out
    assert ("reaction[1].on_option[0]: unknown event 'refuse' (fix: an option is written 'event.id/option_id': "
            "did you mean 'mini.envoy/refuse'?)") in out, out


def test_a_list_key_written_as_one_text_is_located_at_its_value(tmp_path, capsys):
    """on_option = "e.id/opt" (as the modding guide writes it) is read as a list of one; an error in it was
    placed at column 1 of its line, while the same written as a list was placed at the value."""
    mod = _mod(tmp_path, {"r.toml": _reaction('on_option = "mini.opening/atack"\n')
                          + "\n" + _reaction('on_action = "rade"\n').replace("mymod.answer", "mymod.other")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "r.toml:4:13: error: reaction[0].on_option[0]: event 'mini.opening' has no option 'atack'" in out, out
    assert "r.toml:11:13: error: reaction[1].on_action[0]: unknown action 'rade' (fix: did you mean 'raid'?)" in out, out


@pytest.mark.parametrize("written, fix", [
    ('{ setflag = "mymod.done" }', "'setflag' is not a kind of effect: did you mean 'set_flag'? ({ set_flag = ... })"),
    ('{ flag = "mymod.done" }', "'flag' is not a kind of effect: did you mean 'set_flag'? ({ set_flag = ... })"),
    ('{ adds = { stance = 1 } }', "'adds' is not a kind of effect: did you mean 'add'? ({ add = ... })"),
    ('{ why = "Because." }', 'it has only why: add the change itself, e.g. { add = { treasury = -5 }, why = "..." }'),
])
def test_a_misspelt_kind_of_effect_is_named_with_the_nearest(written, fix, tmp_path, capsys):
    """{ setflag = ... } said 'an effect needs exactly one of: ... (got a table)' and the generic example, and
    the flag it meant to set was also reported as read but never set."""
    card = _event("a", extra="").replace('text = "Fine"\n', f'text = "Fine"\neffects = [{written}]\n')
    reader = _event("b", extra="when = \"flag('mymod.done')\"\n")
    mod = _mod(tmp_path, {"e.toml": card + reader})
    code, out = _validate(capsys, mod)
    assert code == 1
    errors = _errors(out)
    assert len(errors) == 1 and "e.toml:9:" in errors[0] and errors[0].endswith(f"(fix: {fix})"), out
    if "flag" in written:
        assert "never set" not in out, out


@pytest.mark.parametrize("chance, fix", [
    ("60", "write a number from 0 to 1: a chance of 60% is 0.6)"),
    ("100", "write a number from 0 to 1: a chance of 100% is 1)"),
    ("1.5", "write a number from 0 to 1)"),  # not a percentage: no guess
    ("250", "write a number from 0 to 1)"),
])
def test_a_chance_written_as_a_percentage_says_how_to_write_it(chance, fix, tmp_path, capsys):
    card = _event("a").replace('text = "Fine"\n', f'text = "Fine"\nchain = {{ event = "mymod.b", chance = {chance} }}\n')
    mod = _mod(tmp_path, {"e.toml": card + _event("b", extra="triggered_only = true\n")})
    code, out = _validate(capsys, mod)
    assert code == 1
    errors = _errors(out)
    assert len(errors) == 1 and "chain.chance" in errors[0] and errors[0].endswith(f"(fix: {fix}"), out


def test_an_id_repeated_in_a_mod_is_a_duplicate_not_a_partial_replacement(tmp_path, capsys):
    """A new rule given by mistake the id of the rule the mod replaces above it got, besides the duplicate
    error, a note that it 'replaces the scenario's rule as a whole and lacks its on_option': advice for a
    replacement, which it is not."""
    full = ('[[reaction]]\nid = "militia.on_attack"\nactor = "militia"\non_option = "mini.opening/attack"\n'
            'why = "The movement rallies its base."\nadd = { stance = -3 }\n')
    again = '\n[[reaction]]\nid = "militia.on_attack"\nactor = "militia"\nwhy = "Another rule."\nadd = { stance = 1 }\n'
    mod = _mod(tmp_path, {"r.toml": full + again})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "r.toml:9:6: error: reaction[1].id: duplicate reaction id 'militia.on_attack' (first at " in out, out
    assert "as a whole, not key by key" not in out, out


def test_a_reference_in_an_expression_gets_a_fix_too(tmp_path, capsys):
    """fired('x'), chose('x') and taken('x') gave 'unknown event' and no fix when nothing was close."""
    mod = _mod(tmp_path, {"e.toml": _event("a", extra="when = \"fired('other.thing') > 0\"\n")
                          + _event("b", extra="when = \"chose('mini.opening')\"\n")
                          + _event("c", extra="when = \"taken('bribe') > 0\"\n")
                          + _event("d", extra="when = \"fired('mini.envoi') > 0\"\n")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "unknown event 'other.thing' (fix: use the id of an event of the scenario or a mod)" in out, out
    assert ("'mini.opening' is an event; an option is written 'event.id/option_id' "
            "(fix: write one of: 'mini.opening/attack', 'mini.opening/wait')") in out, out
    assert "unknown action 'bribe' (fix: use the id of an action of the scenario or a mod (address, raid, services, talks))" in out, out
    assert "unknown event 'mini.envoi' (fix: did you mean 'mini.envoy'?)" in out, out
    assert all("(fix: " in ln for ln in _errors(out)), out


def test_lint_lists_the_errors_that_stop_it_in_file_order(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": _event("a", extra='when = "turn > 1"\n').replace('text = "Fine"',
                                                                                   'text = "Fine"\nchain = { event = "mini.nope" }')
                          + 'reactions = [{ actor = "militi", add = { stance = 1 }, why = "So it goes." }]\n'})
    assert main(["lint", str(MINI), "--mod", str(mod)]) == 1
    captured = capsys.readouterr()
    lines = [int(ln.split(":")[1]) for ln in captured.out.splitlines() if ": error: " in ln]
    assert len(lines) == 2 and lines == sorted(lines), captured.out
    assert "2 errors: fix them (see `ceasefire validate`) before linting" in captured.err
    assert "error(s)" not in captured.err


# ---------------------------------------------------------------- expressions

EXPRESSIONS = [
    ("cohesion > 40%", "'%' is the remainder of a division: write plain numbers (40, not 40%)"),
    ("turn > 2 and", "the expression ends with 'and': add what should follow it, or remove it"),
    ("(turn > 3", "close each '(' with a ')' (1 '(' but 0 ')')"),
    ("turn > 3)", "remove the extra ')', or add the '(' it closes (0 '(' but 1 ')')"),
    ("flag(mymod.done)", "put the name in quotes: flag('mymod.done')"),
    ("max(cohesion) > 2", "write it as max(x, x): the larger of two numbers"),
    ("turn is 3", "write == instead"),
    ("'cohesion' > 3", "remove the quotes from a name (cohesion, not 'cohesion')"),
    ("cohesion >> 3", "use + - * / %, comparisons"),
    ("turn > 2 and flag('mymod.done)", "a text in the expression is never closed"),
    # Python says only 'invalid syntax' for these three: the fix names what is wrong there
    ("turn > 2 and and cohesion > 3", "two operators in a row ('and and'): remove one, or put a value between them"),
    ("cohesion > 3 turn > 2", "nothing joins '3' and 'turn': put 'and', 'or' or an operator between them "
                              "(e.g. 'cohesion > 3 and turn > 2')"),
    ("flag('mymod.done') turn > 2", "nothing joins \"flag('mymod.done')\" and \"turn\""),
    ("turn > 2 not cohesion > 3", "'not' goes before a condition, not between two: join them with 'and not' or 'or not' "
                                  "(e.g. 'turn > 2 and not cohesion > 3')"),
]


@pytest.mark.parametrize("when,fix", EXPRESSIONS, ids=[w for w, _ in EXPRESSIONS])
def test_an_expression_the_compiler_refuses_gets_a_fix(when, fix, tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": _event(extra=f'when = "{when}"\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    errors = _errors(out)
    assert len(errors) == 1, out
    assert f"(fix: {fix}" in errors[0], out


def test_a_requirement_that_can_never_hold_names_the_ranges_it_reads(tmp_path, capsys):
    """'check the numbers against each value's min..max' left the modder to look the ranges up."""
    card = _event(extra='when = "turn > 30 and cohesion < 50"\n') + 'requires = "treasury > 150"\n' \
        + '\n[[event.option]]\nid = "no"\ntext = "No"\n'
    mod = _mod(tmp_path, {"e.toml": card})
    assert main(["lint", str(MINI), "--mod", str(mod)]) == 0
    out = capsys.readouterr().out
    assert ("[never-holds] event[0].option[0].requires: this option's requirement 'treasury > 150' can never hold within "
            "the declared ranges (fix: check the numbers against each value's min..max: treasury runs 0..100)") in out, out
    assert "(fix: check the numbers against each value's min..max: turn runs 1..8, cohesion runs 0..100)" in out, out


def test_lint_stopped_by_one_error_says_fix_it(tmp_path, capsys):
    mod = _mod(tmp_path, {"e.toml": _event(extra='when = "turn > 1 and fired(\'mymod.nope\') > 0"\n')})
    assert main(["lint", str(MINI), "--mod", str(mod)]) == 1
    assert "1 error: fix it (see `ceasefire validate`) before linting" in capsys.readouterr().err


def test_lint_warns_of_a_flag_set_as_self_where_no_actor_is_meant_or_not_as_an_id(tmp_path, capsys):
    """set_flag = "self.angry" in an event set a flag literally called 'self.angry', silently."""
    mod = _mod(tmp_path, {"e.toml": _event() + 'effects = [{ set_flag = "self.angry" }, { set_flag = "Relief Funded" }]\n'})
    assert main(["lint", str(MINI), "--mod", str(mod)]) == 0
    out = capsys.readouterr().out
    assert ("e.toml:9:14: warning: [flag-name] event[0].option[0].effects[0].set_flag: 'self.' names no actor here: this sets a "
            "flag called 'self.angry' (fix: write the actor's id: '<actor>.angry'") in out, out
    assert "[flag-name] event[0].option[0].effects[1].set_flag: flag 'Relief Funded' is not written as an id" in out, out
    assert "(fix: write 'relief_funded', here and where it is read)" in out


def test_a_reaction_rule_sets_one_flag_written_as_text_as_an_effect_does(tmp_path, capsys):
    """`set_flag = "x"` works in an effect; in a [[reaction]] it was refused ('Input should be a valid
    list'): the same key took a list only. Either is taken, and the flag is set when the rule fires."""
    from game.content import loader

    mod = _mod(tmp_path, {"r.toml": _reaction('on_action = "raid"\nset_flag = "mymod.answered"\nclear_flag = "mymod.calm"\n')})
    code, out = _validate(capsys, mod)
    assert code == 0 and "error" not in out, out
    sc = loader.load(MINI, [str(mod)])
    rule = next(r for r in sc.on_action["raid"] if r.id == "mymod.answer")
    assert [(op.kind, op.name) for op in rule.ops if op.kind in ("flag", "unflag")] == [
        ("flag", "mymod.answered"), ("unflag", "mymod.calm")]
