"""The quick reader (game/expr/quick.py) gives what the long way gives (Python's parser and the allow-list
walk), or leaves the expression to it: never another tree, other reads or references, and never accepts
an expression the long way refuses."""

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content import link, loader
from game.expr import compiler
from game.expr.compiler import ExprError
from game.expr.quick import quick_checked
from tests.conftest import MINI, ROOT
from tests.hardening.test_hostile_expressions import CORPUS
from tests.expr.test_compiler import Symbols

ALIASES = [{}, {"target": "region.south"}, {"self": "militia"}]


def _either(source, symbols, aliases, plain_div, quick):
    """What the compiler makes of `source` one way or the other: (tree, reads, refs), or its error."""
    try:
        tree, reads, refs = compiler._checked(source, symbols, aliases, plain_div, quick=quick)
    except ExprError as exc:
        return "error", exc.message, exc.col
    return ast.dump(tree), set(reads), list(refs)


def _same_or_left(source, symbols, aliases=None) -> bool:
    """Asserts that the compiler makes the same of `source` with or without the quick reader (tree, reads and
    references, or the same error); True if the quick reader read it itself."""
    aliases = aliases or {}
    for plain_div in (True, False):
        assert _either(source, symbols, aliases, plain_div, True) == _either(source, symbols, aliases, plain_div, False), \
            (source, aliases, plain_div)
    return quick_checked(source, symbols, aliases, True) is not None and _either(source, symbols, aliases, True, False)[0] != "error"


def _content_expressions(monkeypatch, root):
    seen = []
    real = link.compile_expr

    def noting(source, symbols, aliases=None, build=True):
        seen.append((source, symbols, dict(aliases or {})))
        return real(source, symbols, aliases, build)

    monkeypatch.setattr(link, "compile_expr", noting)
    loader.load(root)
    return seen


@pytest.mark.parametrize("root", [ROOT / "content" / "scenarios" / "basra_2008", ROOT / "content" / "scenarios" / "basra_short", MINI],
                         ids=["basra_2008", "basra_short", "mini"])
def test_every_expression_of_the_content_reads_the_same_either_way(monkeypatch, root):
    seen = _content_expressions(monkeypatch, root)
    assert len(seen) > 20
    read = sum(_same_or_left(source, symbols, aliases) for source, symbols, aliases in seen)
    # the point of the reader: most of a scenario's expressions take the quick way
    assert read >= 0.9 * len(seen), f"the quick reader took {read} of {len(seen)}"


EDGES = [
    # precedence, chains, brackets: the trees must come out as Python's
    "treasury + cohesion * 2 - 1", "treasury - cohesion - 1", "(treasury - cohesion) - 1", "treasury - (cohesion - 1)",
    "a and b or c and d", "(cohesion > 1 and treasury > 1) and turn > 1", "cohesion > 1 and (treasury > 1 and turn > 1)",
    "not cohesion > 1 and not not treasury", "1 < treasury < cohesion > 0", "(1 < treasury) < cohesion", "-treasury * 2",
    "- - 1", "1 - -1", "+treasury", "-(treasury)", "treasury / 2", "treasury / -2", "treasury / 0", "treasury / (1)",
    "treasury % 3.5", "treasury / turn", "treasury / true", "treasury / 0.0", "true and false", "True or False",
    "  treasury > 1  ", "treasury>1", "flag('on')", 'flag("on")', "flag ('on')", "prev(treasury)", "prev(treasury, 2)",
    "change(cohesion, 3) > 0", "taken('order', 2)", "clamp(treasury / 200 + cohesion / 250, 0.1, 0.9)",
    "target.violence > 40", "self.stance < 0 and flag('self.angry')", "max(min(1, 2), abs(-3))", "round(2.5)",
    # x if c else y: the loosest of all, its test an or-expression, its else a whole expression (so it nests to the right)
    "a if b else c", "10 + (10 if flag('on') else 0)", "a if b else c if d else a", "not a if b else c", "a or b if c else d",
    "a if b or c else d", "a if not b else c", "(a if b else c) + 1", "a + b if c else d", "a if (b if c else d) else a",
    "clamp(0.3 + (0.15 if treasury > 40 else 0), 0.1, 0.85)", "max(a if b else c, 1)", "prev(treasury, 2 if a else 3)",
    "flag('on') if fired('mini.opening') > 0 else flag('self.angry')",
    # what the long way refuses: the quick reader must not take it
    "", "treasury >", "> 1", "treasury treasury", "(treasury", "treasury)", "()", "(1, 2)", "[1]", "{}", "treasury[0]",
    "treasury ** 2", "treasury // 2", "treasury & 1", "treasury | 1", "~treasury", "treasury << 1", "treasury in 1",
    "treasury is 1", "treasury <> 1", "treasury = 1", "treasury === 1", "treasury => 1", "!treasury", "a && b",
    "cohesion < not treasury", "not", "- ", "1 +", "nosuch > 1", "target.nosuch", "self.nosuch", "__import__('os')",
    "treasury.__class__", "a__b", "None", "None > 1", "x if y", "lambda: 1", "treasury.if", "if", "True.x", "treasury.True",
    "a if b", "a if b else", "if a else b", "a else b", "a if b if c else d else a", "a if b else c else d", "a < b if c else d < a",
    "a + if b else c", "a if else b", "(a if b) else c", "a if b else (c", "a.if_x", "iffy > 1", "a if.b else c",
    "a if b else c if d", "a if (b else c)", "-a if b else -c", "a if b else not c", "a if b and c else d",
    "prev(treasury, 0 if a else 1)", "flag('on' if a else 'off')",
    "f(1)", "nosuch(1)", "flag(1)", "flag(treasury)", "flag('on', 'off')", "flag()", "flag('on',)", "flag(('on'))",
    "flag('a' 'b')", "flag(x='on')", "flag(*'on')", "prev(1)", "prev(true)", "prev((treasury))", "prev(treasury, 0)",
    "prev(treasury, -1)", "prev(treasury, 0.5)", "taken('order', 0)", "fired('nosuch')", "fired('mini.opening')",
    "flag('" + "x" * 121 + "')", "flag('" + "x" * 120 + "')", "min(1)", "min(1, 2, 3)", "clamp(1, 2)", "abs()",
    "treasury.abs(1)", "abs(1)(2)", "1e3", "1E3", "1.", ".5", "01", "00", "0", "0.0", "1_000", "0x10", "1j", "1.5.3",
    "1000000000", "1000000001", "999999999.5", "1000000000.5", "5abc", "1and 2", "treasury and1", "'on'", "'on' > 1",
    "flag('it\\'s')", "flag('a\\nb')", "treasury . cohesion", "treasury.", ".treasury", "treasury..cohesion",
    "(" * 30 + "1" + ")" * 30, " + ".join(["1"] * 130), " - ".join(["-treasury"] * 60), "not " * 30 + "true",
    "abs(" * 24 + "1" + ")" * 24, "abs(" * 25 + "1" + ")" * 25,
]


@pytest.mark.parametrize("source", EDGES)
def test_edge_and_hostile_sources_are_read_alike_or_left_to_the_long_way(source):
    symbols = Symbols()
    symbols.slots = dict(symbols.slots, a=5, b=6, c=7, d=8, **{"region.south.violence": 4, "militia.angry": 9})
    for aliases in ALIASES:
        _same_or_left(source, symbols, aliases)


def test_the_hostile_corpus_is_refused_with_the_same_words_either_way():
    symbols = Symbols()
    for source in CORPUS:
        assert _either(source, symbols, {}, True, True)[0] == "error", source
        _same_or_left(source, symbols)


def test_the_plain_shapes_are_read_quickly():
    """(Else the tests above would pass with a reader that left everything to the long way.)"""
    symbols = Symbols()
    for source in ["treasury + cohesion * 2 - 1", "not cohesion > 1 and flag('on')", "1 < treasury < cohesion",
                   "clamp(treasury / 200, 0.1, 0.9)", "prev(treasury, 2) - -1", "(treasury or cohesion) and turn",
                   "10 + (10 if flag('on') else 0)", "treasury if turn > 3 else cohesion if turn > 1 else 0"]:
        assert _same_or_left(source, symbols), source


_leaves = st.sampled_from(["turn", "treasury", "cohesion", "militia.stance", "region.south.violence", "true", "false", "True",
                           "0", "0.0", "1", "2", "7", "0.5", "2.5", "1e-3", "007", "flag('on')", "fired('mini.opening')",
                           "fired('x')", "prev(treasury)", "change(cohesion, 2)", "taken('order')", "prev(treasury, 0)",
                           "nosuch", "None", "'on'", "a.b", "target.violence", "self.stance", "flag('self.angry')"])
_ops = st.sampled_from(["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "and", "or", "**", "//", "in", "<>", ""])
_space = st.sampled_from(["", " ", "  "])


def _combine(sub):
    return st.one_of(
        # bracketed or not, so that precedence decides the tree
        st.tuples(sub, _space, _ops, _space, sub, st.booleans())
        .map(lambda t: ("({}{}{}{}{})" if t[5] else "{}{}{}{}{}").format(*t[:5])),
        st.tuples(st.sampled_from(["not ", "-", "+", "- ", "not", "~"]), sub).map("".join),
        st.tuples(sub, sub, sub, st.booleans()).map(lambda t: (f"({t[0]} if {t[1]} else {t[2]})" if t[3] else
                                                               f"{t[0]} if {t[1]} else {t[2]}")),
        st.tuples(st.sampled_from(["min", "max", "clamp", "abs", "round", "nosuch", "prev"]),
                  st.lists(sub, min_size=0, max_size=3)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        sub.map(lambda s: f"({s})"),
    )


@settings(max_examples=400, deadline=None)
@given(st.recursive(_leaves, _combine, max_leaves=14), st.sampled_from(ALIASES))
def test_random_sources_are_read_alike_or_left_to_the_long_way(source, aliases):
    symbols = Symbols()
    symbols.slots = dict(symbols.slots, **{"militia.angry": 9})
    _same_or_left(source, symbols, aliases)
