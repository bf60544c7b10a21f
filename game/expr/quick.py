"""A quick reader for the plain shapes most content expressions take.

A scenario's load checks every expression (a campaign has some 340), and Python's own parser
with the allow-list walk over its tree was about a sixth of a load. Most expressions are a few
names, numbers, comparisons, and/or/not, arithmetic and calls of the listed functions; this
module reads those in one pass over their tokens and builds the same checked tree the compiler's
walk would (state names as slot reads, calls to the registry, the zero-safe division), with the
same reads and references, in about half the time.

Anything else gives None and the compiler takes the expression the long way: a shape this reader
does not know (1e3, a . b, a call written across brackets), and every error, so
each message, column and fix comes from one place (compiler._checked). It never accepts what the
long way would refuse: tests/expr/test_quick.py checks that both ways give the same tree, reads
and references for every expression of the shipped content and for random and hostile ones.
"""

from __future__ import annotations

import ast
import keyword
import re

from game.expr.compiler import (MAX_DEPTH, MAX_NODES, MAX_NUMBER, SymbolTable, _LOAD, _V, _X, _Attribute, _BinOp, _BoolOp,
                                _Call, _Compare, _Constant, _IfExp, _Name, _Subscript, _UnaryOp, _literal_number,
                                _nonzero_number, flag_name, unaliased)
from game.expr.functions import FUNCTIONS

_AND, _OR, _NOT, _NEG, _POS = ast.And(), ast.Or(), ast.Not(), ast.USub(), ast.UAdd()
_ADD, _SUB, _MULT, _DIV, _MOD = ast.Add(), ast.Sub(), ast.Mult(), ast.Div(), ast.Mod()
_CMP = {"<": ast.Lt(), "<=": ast.LtE(), ">": ast.Gt(), ">=": ast.GtE(), "==": ast.Eq(), "!=": ast.NotEq()}

# One token, as (number, operator, True/False, name, text, anything else) with the others empty: a number
# (no exponent, no leading zero, not run into a name or a dot), an operator, a bracket, and/or/not/if/else, True or
# False, a name with its dotted parts (the reader refuses one with a Python keyword or a double underscore
# among them), a quoted text with no backslash; the last group takes any other character, which the reader
# never accepts, so a source that is not a run of the others (1e3, a . b, x[1], 'a' 'b'...)
# is left to the long way whole. Only spaces separate tokens: the compiler has refused tabs and the like.
_TOKEN = re.compile(r" *(?:((?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(?![\w.])"
                    r"|(<=|>=|==|!=|[-+*/%<>(),]|(?:and|or|not|if|else)(?![\w.]))"
                    r"|(True|False)(?![\w.])"
                    r"|([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?![\w.])"
                    r"|('[^'\\]*'|\"[^\"\\]*\")"
                    r"|(\S))")
_END = ("", "", "", "", "", "")
_KEYWORDS = frozenset(keyword.kwlist)
_MAX_TOKENS = 200  # each node of the tree takes a token of its own, so the tree stays under MAX_NODES
assert _MAX_TOKENS < MAX_NODES


class _Bail(Exception):
    """Not a shape this reader takes, or an error: the compiler's long way says which."""


def quick_checked(source: str, symbols: SymbolTable, aliases: dict[str, str], plain_div: bool):
    """(checked tree, reads, references) for `source` as compiler._checked would make them, or None."""
    tokens = _TOKEN.findall(source)
    if len(tokens) > _MAX_TOKENS:
        return None
    tokens.append(_END)
    reader = _Reader(tokens, symbols, aliases, plain_div)
    try:
        body = reader.read()
    except _Bail:
        return None
    if reader.i != len(tokens) - 1:
        return None
    if len(tokens) > MAX_DEPTH and _height(body) >= MAX_DEPTH:  # (a tree's height is below its token count)
        return None
    return body, reader.reads, reader.refs


_BP = {"or": 1, "and": 2, "<": 4, "<=": 4, ">": 4, ">=": 4, "==": 4, "!=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}
_NOT_BP = 3  # 'not x' takes a comparison or another 'not' (so 'a < not b' is refused, as Python does)
_UNARY_BP = 7
_SIGN = {"-": _NEG, "+": _POS}
_ARITH = {"+": _ADD, "-": _SUB, "*": _MULT, "/": _DIV, "%": _MOD}


# One node for every tree that reads slot n, or writes the number 0.5: nothing changes a checked tree.
_READS: dict[int, ast.AST] = {}  # slot number -> V[n]
_NUMBERS: dict[str, ast.AST] = {}  # a number as written -> its constant


def _read(slot: int) -> ast.AST:
    node = _READS[slot] = _Subscript(_V, _Constant(slot), _LOAD)
    return node


def _number(written: str) -> ast.AST:
    if len(written) > 20:  # (5000 digits: Python's parser says what is wrong)
        raise _Bail
    value = float(written) if "." in written else int(written)
    if value > MAX_NUMBER:
        raise _Bail
    node = _NUMBERS[written] = _Constant(value)
    return node


class _Reader:
    """Precedence climbing by Python's precedence: x if c else y, or, and, not, comparisons (chained), + -,
    * / %, unary - +, then numbers, names, calls and brackets. Nodes are built as the compiler's walk leaves them."""

    __slots__ = ("tokens", "i", "symbols", "aliases", "plain_div", "reads", "refs")

    def __init__(self, tokens, symbols, aliases, plain_div):
        self.tokens = tokens
        self.i = 0
        self.symbols = symbols
        self.aliases = aliases
        self.plain_div = plain_div
        self.reads: set[int] = set()
        self.refs: list[tuple[str, str]] = []

    def read(self, least: int = 0):
        """The expression from here whose operators all bind at least as tightly as `least` (0: a whole
        expression, which may be x if c else y, as at the top, in brackets and as a call's argument)."""
        tokens = self.tokens
        i = self.i
        if not least:
            start = len(self.refs)  # (where this expression's references begin: see x if c else y below)
        num, op, const, name, _, _ = tokens[i]
        self.i = i + 1
        if name:
            left = self.call(name) if tokens[i + 1][1] == "(" else self.name(name)
        elif num:
            left = _NUMBERS.get(num) or _number(num)
        elif op == "(":
            left = self.read()
            if tokens[self.i][1] != ")":
                raise _Bail
            self.i += 1
        elif op == "not":
            if least > _NOT_BP:
                raise _Bail
            left = _UnaryOp(_NOT, self.read(_NOT_BP))
        elif op == "-" or op == "+":
            left = _UnaryOp(_SIGN[op], self.read(_UNARY_BP))
        elif const:
            left = _Constant(const == "True")
        else:
            raise _Bail  # a text outside a call's brackets, an operator out of place, the end too soon
        while True:
            op = tokens[self.i][1]
            bp = _BP.get(op)
            if bp is None or bp < least:
                if op == "if" and not least:  # body if test else orelse: test an or-expression, orelse a whole one
                    self.i += 1
                    refs = self.refs
                    body_refs = refs[start:]  # (the compiler's walk notes the test's references before the body's)
                    del refs[start:]
                    test = self.read(1)
                    if tokens[self.i][1] != "else":
                        raise _Bail
                    self.i += 1
                    refs += body_refs
                    return _IfExp(test, left, self.read())
                return left
            self.i += 1
            if bp >= 5:
                how = _ARITH[op]
                right = self.read(bp + 1)
                if bp == 5 or how is _MULT or (self.plain_div and _nonzero_number(right)):
                    left = _BinOp(left, how, right)
                else:  # (as the compiler's walk: / and % by what may be 0 go through the zero-safe helpers)
                    left = _Call(_Name("_div" if how is _DIV else "_mod", _LOAD), [left, right], [])
            elif bp == 4:  # a < b <= c: one chain
                ops = [_CMP[op]]
                rights = [self.read(5)]
                while (how := _CMP.get(tokens[self.i][1])) is not None:
                    self.i += 1
                    ops.append(how)
                    rights.append(self.read(5))
                left = _Compare(left, ops, rights)
            else:  # a and b and c: one BoolOp
                parts = [left, self.read(bp + 1)]
                while tokens[self.i][1] == op:
                    self.i += 1
                    parts.append(self.read(bp + 1))
                left = _BoolOp(_OR if bp == 1 else _AND, parts)

    def name(self, dotted: str):
        if "__" in dotted or dotted in _KEYWORDS or ("." in dotted and not _KEYWORDS.isdisjoint(dotted.split("."))):
            raise _Bail  # (Python refuses a keyword as a name; the compiler, a double underscore)
        if self.aliases:
            dotted = unaliased(dotted, self.aliases)
        if dotted == "true" or dotted == "false":
            return _Constant(dotted == "true")
        slot = self.symbols.slot(dotted)
        if slot is None:
            raise _Bail
        self.reads.add(slot)
        return _READS.get(slot) or _read(slot)

    def call(self, fname: str):
        spec = FUNCTIONS.get(fname)
        if spec is None:
            raise _Bail
        tokens = self.tokens
        self.i += 1  # (
        params = spec.params
        args = []
        while True:
            n = len(args)
            if n == len(params):
                raise _Bail
            kind = params[n]
            i = self.i
            if kind == "num":
                arg = self.read()
                if n and params[0] in ("action", "slot"):  # taken/prev/change(x, n): n turns back, 1 or more
                    back = _literal_number(arg)
                    if back is not None and back < 1:
                        raise _Bail
                args.append(arg)
            else:
                _, _, _, name, text, _ = tokens[i]
                if tokens[i + 1][1] not in (",", ")"):
                    raise _Bail
                self.i = i + 1
                if kind == "slot":
                    if not name or name in ("true", "false"):
                        raise _Bail
                    args.append(self.name(name).slice)  # the slot number itself
                else:
                    if not text or len(text) > 122:
                        raise _Bail
                    text = text[1:-1]
                    if kind == "flag" and self.aliases:
                        text = flag_name(text, self.aliases)
                    if self.symbols.check_ref(kind, text):
                        raise _Bail
                    self.refs.append((kind, text))
                    args.append(_Constant(text))
            op = tokens[self.i][1]
            self.i += 1
            if op == ")":
                break
            if op != "," or tokens[self.i][1] == ")":  # (a trailing comma: the long way)
                raise _Bail
        if len(args) < len(params) - spec.optional:
            raise _Bail
        func = _Name("_" + fname, _LOAD) if spec.pure else _Attribute(_X, fname, _LOAD)
        return _Call(func, args, [])


def _height(node) -> int:
    """How deep the tree goes below `node`, as the compiler's walk counts its levels (a slot read is a leaf)."""
    t = node.__class__
    if t is _BoolOp:
        kids = node.values
    elif t is _BinOp:
        kids = (node.left, node.right)
    elif t is _UnaryOp:
        kids = (node.operand,)
    elif t is _Compare:
        kids = (node.left, *node.comparators)
    elif t is _Call:
        kids = node.args
    elif t is _IfExp:
        kids = (node.test, node.body, node.orelse)
    else:
        return 0
    return 1 + max(_height(k) for k in kids)
