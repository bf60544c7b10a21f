"""A condition written with another language's operators ('||' and '!', as in C or JavaScript) named
only the first: the fix followed gave a second error, then a third. The fix now names every one, and
with each replaced as it says the expression compiles."""

from __future__ import annotations

import re

import pytest

from game.expr.compiler import ExprError, compile_expr
from tests.expr.test_compiler import Symbols


@pytest.mark.parametrize("source", [
    "treasury > 2 || !flag('x')",
    "treasury > 2 && cohesion = 3 || !flag('x')",
    "treasury => 2 AND cohesion =< 3",
])
def test_every_foreign_operator_is_in_the_fix_and_the_fix_works(source):
    with pytest.raises(ExprError) as info:
        compile_expr(source, Symbols())
    pairs = re.findall(r"'([^']+)' instead of '([^']+)'", info.value.fix)
    assert len(pairs) == len(set(re.findall(r"\|\||&&|=>|=<|AND|!(?!=)|(?<![=!<>])=(?!=)", source)))
    fixed = source
    for ours, theirs in pairs:  # each operator replaced, as a reader would, not inside >=, <= or !=
        fixed = re.sub(rf"(?<![=!<>]){re.escape(theirs)}(?!=)", f" {ours} ", fixed)
    compile_expr(fixed, Symbols())


def test_one_foreign_operator_keeps_its_fix():
    with pytest.raises(ExprError) as info:
        compile_expr("treasury > 2 && cohesion > 3", Symbols())
    assert info.value.fix == "write 'and' instead of '&&'"
