"""The expression language: what it computes, and what it refuses."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.session import Session
from game.expr.compiler import ExprError, compile_expr
from tests.conftest import ScenarioSymbols


class Symbols:
    def __init__(self):
        self.slots = {"turn": 0, "treasury": 1, "cohesion": 2, "militia.stance": 3, "region.south.violence": 4}

    def slot(self, name):
        return self.slots.get(name)

    def names(self):
        return self.slots.keys()

    def check_ref(self, kind, value):
        if kind == "event" and value != "mini.opening":
            return f"unknown event '{value}'"
        return None


class View:
    def flag(self, name):
        return name == "on"

    def fired(self, event):
        return 2


V = [3, 50.0, 60.0, -20.0, 70.0]


def ev(src, values=V):
    return compile_expr(src, Symbols())(values, View())


@pytest.mark.parametrize(
    "src, expected",
    [
        ("treasury + 10", 60),
        ("treasury / 0", 0),  # division by zero is 0, never an exception
        ("treasury % 7", 1),
        ("-militia.stance", 20),
        ("cohesion > 50 and treasury >= 50", True),
        ("cohesion > 70 or not treasury", False),
        ("10 < cohesion <= 60", True),
        ("1 if region.south.violence > 60 else 2", 1),
        ("max(treasury, cohesion) - min(1, 2)", 59),
        ("clamp(treasury * 3, 0, 100)", 100),
        ("abs(militia.stance) + round(2.6)", 23),
        ("flag('on') and not flag('off')", True),
        ("fired('mini.opening') * 10", 20),
        ("turn", 3),
        ("true and True", True),
    ],
)
def test_values(src, expected):
    assert ev(src) == expected


HOSTILE = [
    ("__import__('os')", "unknown function"),
    ("__import__('os').system('true')", "only the listed functions"),
    ("().__class__", "attributes are only allowed on names"),
    ("treasury.__class__", "double underscores"),
    ("open('x')", "unknown function"),
    ("eval('1')", "unknown function"),
    ("exec('1')", "unknown function"),
    ("2 ** 1000", "power"),
    ("'a' * 10", "text is only allowed"),
    ("[1, 2]", "List is not allowed"),
    ("{1: 2}", "Dict is not allowed"),
    ("lambda: 1", "Lambda is not allowed"),
    ("[x for x in y]", "not allowed"),
    ("treasury[0]", "Subscript is not allowed"),
    ("(treasury := 1)", "NamedExpr is not allowed"),
    ("X.flag('a')", "only the listed functions"),
    ("X", "unknown name"),
    ("V", "unknown name"),
    ("_div(1, 2)", "unknown function"),
    ("min(a=1, b=2)", "keyword"),
    ("flag(treasury)", "quoted"),
    ("1e400", "out of bounds"),
    ("10000000000", "out of bounds"),
    ("-" * 40 + "1", "nested too deeply"),
    ("+".join(["1"] * 100), "nested too deeply"),
    ("<".join(["1"] * 280), "too complex"),
    ("1 " + "+ 1 " * 400, "characters long"),
    ("treasury is 1", "'is' is not allowed"),
    ("treasury in 1", "'in' is not allowed"),
    ("~treasury", "not allowed"),
    ("treasury & 1", "not allowed"),
    ("f'{treasury}'", "JoinedStr is not allowed"),
    ("fired('nope.event')", "unknown event"),
    ("", "empty"),
    ("treasury +", "syntax error"),
    ("trasury > 1", "did you mean 'treasury'"),
    ("mx(1, 2)", "did you mean 'max'"),
    ("flagged('x')", "did you mean 'flag'"),  # the name it starts with, not flag_age (more letters in common)
    ("tre\u0430sury > 1", "non-ASCII"),  # Cyrillic look-alike letter
    ("treasury\x1b[31m", "control character U+001B"),
    # look-alikes pasted from a word processor or a web page, each named, with what to type instead
    ("turn >= 3 and\u00a0treasury > 2", "a space that is not an ordinary one (U+00A0) type an ordinary space"),
    ("flag(\u2018x\u2019)", "a curly quote (U+2018) write a straight quote '"),
    ("turn \u2265 3", "the sign \u2265 (U+2265) write >= in its place"),
    ("turn > 1\ttreasury", "a tab (U+0009)"),
    ("turn > 1; treasury > 2", "';' is not an operator here write 'and' instead of ';'"),
    ("taken('offensive', -1)", "must be 1 or more, not -1"),
    ("prev(treasury, 0) > 1", "must be 1 or more, not 0"),
]


def test_in_says_what_to_write_instead_not_the_same_words_twice():
    with pytest.raises(ExprError) as info:
        compile_expr("treasury in 1", Symbols())
    assert info.value.message == "'in' is not allowed" and "x == 1 or x == 2" in info.value.fix


@pytest.mark.parametrize("src, message", HOSTILE)
def test_hostile_refused(src, message):
    with pytest.raises(ExprError) as info:
        compile_expr(src, Symbols())
    assert message in info.value.message + " " + (info.value.fix or "")


def test_unknown_function_lists_available():
    with pytest.raises(ExprError) as info:
        compile_expr("nosuch(1)", Symbols())
    assert "available:" in info.value.fix and "flag" in info.value.fix


def test_prev_and_change_read_history(mini):
    s = Session.new(mini, seed=1)
    while s.card:
        s.choose(next(o.id for o in s.card.options if s.option_availability(o).ok))
    start = s.value("region.capital_city.violence")
    fn = compile_expr("change(region.capital_city.violence)", ScenarioSymbols(mini))
    s.st.values[mini.index["region.capital_city.violence"]] = start - 7
    assert fn(s.st.values, s.view) == -7
    prev = compile_expr("prev(region.capital_city.violence)", ScenarioSymbols(mini))
    assert prev(s.st.values, s.view) == start


def test_state_name_functions_refuse_true_and_false():
    for src in ("prev(true)", "change(false, 2)", "prev(True)"):
        with pytest.raises(ExprError) as info:
            compile_expr(src, Symbols())
        assert "needs a state name" in info.value.message


@pytest.mark.parametrize("src, plain", [
    ("treasury / 4", True), ("treasury / -4", True), ("treasury / 0.5", True), ("(cohesion - 1) % 7", True),
    ("treasury % -3", True), ("cohesion / 3 + treasury / 1e-3", True), ("treasury / 0", False), ("treasury / -0", False),
    ("treasury % 0.0", False), ("treasury / (cohesion - 60)", False), ("treasury / true", False), ("treasury / turn", False),
])
def test_division_by_a_literal_is_plain_and_computes_what_the_helper_does(src, plain):
    import ast

    from game.expr.compiler import parse_checked
    from game.expr.functions import _div, _mod

    generated, _, _ = parse_checked(src, Symbols(), plain_div=True)  # what compile_expr compiles
    helper, _, _ = parse_checked(src, Symbols())  # what lint analyses: the zero-safe helpers throughout
    assert not any(isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Div, ast.Mod)) for n in ast.walk(helper))
    assert any(isinstance(n, ast.Call) for n in ast.walk(generated)) is not plain
    for values in (V, [3, 0.0, 60.0, -20.0, 70.0], [3, -7.5, 1.0, 0.0, 0.0], [1, 1e9, -1e9, 3.0, 2.0]):
        got = compile_expr(src, Symbols())(values, View())
        want = eval(compile(ast.Expression(helper), "<t>", "eval"),
                    {"__builtins__": {}, "_div": _div, "_mod": _mod, "V": values})
        assert repr(got) == repr(want), (src, values)


_leaves = st.sampled_from(["turn", "treasury", "cohesion", "militia.stance", "region.south.violence", "true", "false", "0",
                           "0.0", "1", "2", "7", "0.5", "2.5", "1e-3", "flag('on')", "fired('mini.opening')"])


def _combine(sub):
    return st.one_of(
        st.tuples(sub, st.sampled_from(["+", "-", "*", "/", "%", "<", "<=", ">", "==", "!=", "and", "or"]), sub)
        .map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        sub.map(lambda s: f"(not {s})"), sub.map(lambda s: f"(-{s})"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(st.sampled_from(["min", "max"]), sub, sub).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        sub.map(lambda s: f"abs({s})"), sub.map(lambda s: f"round({s})"),
    )


def _python_fn(source):
    """Python's own function for an expression's generated tree (made by the compiler from a checked source)."""
    import ast

    from game.expr.compiler import _GLOBALS, parse_checked

    tree, _, _ = parse_checked(source, Symbols(), plain_div=True)
    args = ast.arguments(posonlyargs=[], args=[ast.arg("V"), ast.arg("X")], kwonlyargs=[], kw_defaults=[], defaults=[])
    return eval(compile(ast.fix_missing_locations(ast.Expression(ast.Lambda(args, tree))), "<t>", "eval"), dict(_GLOBALS))


def _outcome(fn, values):
    try:
        v = fn(values, View())
        return type(v), repr(v)
    except Exception as exc:  # the same error either way
        return type(exc), str(exc)


@settings(max_examples=300, deadline=None)
@given(st.recursive(_leaves, _combine, max_leaves=12))
def test_an_expression_computes_what_python_computes_for_its_generated_tree(source):
    """The closures an expression is built into give the value, type and error that Python's own
    compilation of the same generated tree gives: same operators, order and short-circuits."""
    built, python = compile_expr(source, Symbols()), _python_fn(source)
    for values in (V, [0, 0.0, -1.5, 3.0, 0.0], [7, 2.5, 0.0, -40.0, 100.0], [1, 1e9, -1e9, 3.0, 2.0]):
        assert _outcome(built, values) == _outcome(python, values), (source, values)


@pytest.mark.parametrize("src", ["1 < treasury < cohesion > 0", "0 < treasury < 10 < cohesion", "treasury and cohesion and 0",
                                 "0 or treasury or cohesion", "(0 or 0.0) and 1", "not (treasury and 0)", "-(-militia.stance)",
                                 "1 if 0 else (2 if treasury else 3)", "clamp(treasury, -0.0, 0)", "-0.0 * 1", "min(1, True)"])
def test_chains_and_short_circuits_return_what_python_returns(src):
    python = _python_fn(src)
    for values in (V, [0, 0.0, 0.0, 0.0, 0.0], [0, 5.0, 4.0, 1.0, 0.0]):
        assert _outcome(compile_expr(src, Symbols()), values) == _outcome(python, values), (src, values)


@pytest.mark.parametrize("src", ["treasury > 3 and", "flag('x)", "treasury +* 2", "(treasury", "treasury treasury"])
def test_a_syntax_error_says_so_once_without_python_internals(src):
    with pytest.raises(ExprError) as info:
        compile_expr(src, Symbols())
    message = info.value.message
    assert message.startswith("syntax error") and message.count("syntax") == 1
    assert "detected at line" not in message and "invalid syntax" not in message
