"""Hostile expressions are refused at load with a clear message; fuzzing raises nothing else."""

import json
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from game.content import loader
from game.expr.compiler import ExprError, compile_expr
from tests.conftest import DATA, MINI, ScenarioSymbols

CORPUS = [json.loads(line) for line in (DATA / "hostile_expressions.txt").read_text().splitlines()
          if line and not line.startswith("#")]


Symbols = ScenarioSymbols


def test_corpus_is_large():
    assert len(CORPUS) >= 200


@pytest.mark.parametrize("src", CORPUS, ids=[f"h{i}" for i in range(len(CORPUS))])
def test_each_hostile_expression_is_refused(mini, src):
    with pytest.raises(ExprError) as info:
        compile_expr(src, Symbols(mini))
    assert info.value.message and len(info.value.message) < 300


def test_hostile_expressions_in_a_file_are_load_errors(tmp_path, mini):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    with open(root / "zz_hostile.toml", "w") as f:
        for i, src in enumerate(CORPUS[:120]):
            f.write(f'[[event]]\nid = "bad.e{i}"\ntitle = "T"\ntext = "x"\ndebrief = "x"\n'
                    f"when = {json.dumps(src)}\n[[event.option]]\nid = \"a\"\ntext = \"A\"\n")
    scenario, problems = loader.check(root)
    assert scenario is None
    flagged = {p.key for p in problems if p.severity == "error" and p.file.endswith("zz_hostile.toml")}
    for i in range(120):
        assert f"event[{i}].when" in flagged or f"event[{i}]" in flagged, CORPUS[i]
    assert all(p.line for p in problems if p.file.endswith("zz_hostile.toml"))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_random_text_raises_only_expr_error(mini, text):
    try:
        compile_expr(text, Symbols(mini))
    except ExprError:
        pass


_atoms = st.sampled_from(["treasury", "cohesion", "militia.stance", "region.south.violence", "1", "0", "2.5", "True",
                          "flag('x')", "fired('mini.purge')", "__x__", "X", "'s'", "turn", "nope"])
_ops = st.sampled_from(["+", "-", "*", "/", "%", "**", "and", "or", "<", "<=", "==", "!=", ">", "is", "in", "//", "&"])


def _tree(depth):
    if depth == 0:
        return _atoms
    sub = _tree(depth - 1)
    return st.one_of(
        sub,
        st.tuples(sub, _ops, sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        sub.map(lambda s: f"not {s}"),
        sub.map(lambda s: f"-{s}"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(st.sampled_from(["min", "max", "abs", "clamp", "prev", "change", "eval", "getattr"]), sub, sub)
        .map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        sub.map(lambda s: f"{s}.__class__"),
    )


@settings(max_examples=400, deadline=None)
@given(_tree(4))
def test_random_syntax_trees_compile_or_raise_expr_error(mini, src):
    try:
        fn = compile_expr(src, Symbols(mini))
    except ExprError:
        return
    from game.engine.session import Session

    s = Session.new(mini, seed=1)
    from game.engine.effects import value_of

    v = value_of(fn, s.st.values, s.view)
    assert v == v and abs(v) <= 1e9
