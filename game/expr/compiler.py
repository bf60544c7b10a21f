"""Compile content expressions from an allow-listed Python AST into callables.

Content strings are parsed with `ast.parse(mode="eval")`; every node is checked against an
allow-list (anything else is an error), and the checked tree is rewritten: state names become
slot reads (`V[12]`), calls go to a fixed registry, `/` and `%` to zero-safe helpers. That
generated tree becomes a tree of closures, one per node (see _closure); nothing from content is
ever given to compile, eval or exec.
"""

from __future__ import annotations

import ast
import difflib
import operator
import re
from typing import Callable, Iterable, Protocol

from game.expr.functions import FUNCTIONS, HELPERS, PURE_IMPLS

MAX_LENGTH = 600
MAX_NODES = 250
MAX_DEPTH = 24
MAX_NUMBER = 1e9


MAX_ERRORS = 5  # errors reported for one expression


class ExprError(Exception):
    """An expression that cannot be compiled; `col` is 0-based within the expression.

    `errors` lists every error found in the expression (this one first, at most MAX_ERRORS): once
    the first is found, the expression is checked again to collect the others (see _all_errors),
    so the clean path pays nothing for it."""

    def __init__(self, message: str, col: int | None = None, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.col = col
        self.fix = fix
        self.errors: list[ExprError] = [self]


class SymbolTable(Protocol):
    """What the compiler needs to know about a scenario's names."""

    def slot(self, name: str) -> int | None: ...

    def names(self) -> Iterable[str]: ...

    def check_ref(self, kind: str, value: str) -> str | None:
        """None if `value` is a valid reference of `kind`, else a message."""


class Compiled:
    """A compiled expression: call it with (values, view).

    Its function is made from the checked tree when first asked for (`fn`, or a call), not at load:
    the lean simulation path writes the trees into its own functions and needs few of them, and a
    recorded game makes those it evaluates (engine.session._Tables keeps the Compiled objects)."""

    __slots__ = ("source", "_fn", "reads", "refs", "tree")

    def __init__(self, source: str, fn: Callable | None, reads: frozenset[int], refs: tuple[tuple[str, str], ...] = (),
                 tree: ast.AST | None = None):
        self.source = source
        self._fn = fn  # None: made from `tree` when first asked for
        self.reads = reads
        self.refs = refs  # (kind, literal) references
        self.tree = tree  # the checked tree `fn` is made from

    @property
    def fn(self) -> Callable:
        fn = self._fn
        if fn is None:
            fn = self._fn = _closure(self.tree)
        return fn

    def __call__(self, values, view):
        fn = self._fn
        return (fn if fn is not None else self.fn)(values, view)

    def __repr__(self) -> str:
        return f"Compiled({self.source!r})"


_BINOPS = {ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod}
_UNARY = {ast.USub, ast.UAdd, ast.Not}
_CMPOPS = {ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq}
_FORBIDDEN_FIX = {
    ast.In: "compare one value at a time, joined by 'or': x == 1 or x == 2",
    ast.NotIn: "compare one value at a time, joined by 'and': x != 1 and x != 2",
}
_FORBIDDEN_HINT = {
    ast.Pow: "the power operator ** is not allowed; multiply instead",
    ast.BitXor: "^ is not allowed; use 'and'/'or' for logic",
    ast.BitAnd: "& is not allowed; use 'and'",
    ast.BitOr: "| is not allowed; use 'or'",
    ast.FloorDiv: "// is not allowed; use / and round()",
    ast.In: "'in' is not allowed",
    ast.NotIn: "'not in' is not allowed",
    ast.Is: "'is' is not allowed; use ==",
    ast.IsNot: "'is not' is not allowed; use !=",
}


def _literal_number(node: ast.AST) -> float | None:
    """The value of a number written as such (3, -1, +2), else None."""
    sign = 1
    if (node.__class__ is ast.UnaryOp or node.__class__ is _UnaryOp) and node.op.__class__ in (ast.USub, ast.UAdd):
        sign = -1 if node.op.__class__ is ast.USub else 1
        node = node.operand
    if (node.__class__ is ast.Constant or node.__class__ is _Constant) and node.value.__class__ in (int, float):
        return sign * node.value
    return None


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def unaliased(name: str, aliases: dict[str, str]) -> str:
    """A state name as written in a rule with aliases, with the alias it starts with (if any) replaced:
    'target.violence' is 'region.basra.violence' in the order's Basra variant."""
    head, _, rest = name.partition(".")
    if head in aliases:
        return aliases[head] + ("." + rest if rest else "")
    return name


def flag_name(name: str, aliases: dict[str, str] | None) -> str:
    """A flag's full name in a rule with aliases: 'self.angry' in the Sadrists' rules is
    'sadrists.angry' (an actor's flag). Region aliases ('target') name no flags: left as written."""
    if not aliases:
        return name
    head, _, rest = name.partition(".")
    target = aliases.get(head)
    if target is not None and rest and not target.startswith("region."):
        return f"{target}.{rest}"
    return name


def aliased_hint(written: str, aliases: dict[str, str], names: Iterable[str]) -> str | None:
    """For a misspelt 'target.servces' (target = 'region.basra'): 'target.services', the closest
    attribute of what the alias stands for, written with the alias."""
    head, _, rest = written.partition(".")
    target = aliases.get(head)
    if not target or not rest:
        return None
    prefix = target + "."
    found = suggest(rest, [n[len(prefix):] for n in names if n.startswith(prefix)])
    return f"{head}.{found}" if found else None


def names_fix(names: Iterable[str], turn: bool = True) -> str:
    """The fix for a name that is like none of the scenario's: what names there are, with the
    scenario's own metrics (up to 12) and one actor's and one region's attribute as examples. (Only on
    an error's path.)"""
    names = list(names)
    metrics = [n for n in names if "." not in n and n != "turn"]
    actor = next((n for n in names if n.count(".") == 1), None)
    region = next((n for n in names if n.startswith("region.") and n.count(".") == 2), None)
    said = "use a metric id"
    if metrics:
        said += " (" + ", ".join(metrics[:12]) + (", ..." if len(metrics) > 12 else "") + ")"
    said += ", an actor's attribute as actor.attribute" + (f" ({actor})" if actor else "")
    said += ", a region's as region.id.attribute" + (f" ({region})" if region else "")
    return said + (", or turn" if turn else "")


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to `word`, for "did you mean" hints. Among the close ones, a name the word
    starts with comes first ('flagged' means flag(), though 'flag_age' shares more letters)."""
    found = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    stems = [f for f in found if word.startswith(f)]
    return max(stems, key=len) if stems else found[0] if found else None


_LOC = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 0}


def _located(cls: type) -> type:
    """A subclass of an AST node class whose instances carry the dummy location as class attributes.

    compile() reads a node's location like any attribute, so a generated tree can be compiled as it
    is (the tests check the closures against Python's own evaluation of the tree); they keep their
    class's name, so ast.dump, ast.unparse and isinstance checks see plain nodes."""
    return type(cls.__name__, (cls,), {"__module__": "ast", **_LOC})


_Name = _located(ast.Name)
_Constant = _located(ast.Constant)
_Subscript = _located(ast.Subscript)
_Attribute = _located(ast.Attribute)
_Call = _located(ast.Call)
_BoolOp = _located(ast.BoolOp)  # (these five: nodes made by the quick reader, game/expr/quick.py)
_BinOp = _located(ast.BinOp)
_UnaryOp = _located(ast.UnaryOp)
_Compare = _located(ast.Compare)
_IfExp = _located(ast.IfExp)
_LOAD = ast.Load()


class _Builder:
    """Checks a parsed expression against the allow-list and turns it into the generated tree.

    The parsed tree belongs to this builder (each expression is parsed afresh), so allowed nodes
    are kept in place and only what changes is replaced: state names become slot reads `V[12]`,
    calls go to the registry, and `/` and `%` go through the helpers that make division by zero 0."""

    def __init__(self, symbols: SymbolTable, aliases: dict[str, str], plain_div: bool = False):
        self.symbols = symbols
        self.aliases = aliases
        self.plain_div = plain_div  # `a / 2` as a plain BinOp when the divisor is a non-zero number
        self.reads: set[int] = set()
        self.refs: list[tuple[str, str]] = []
        self.count = 0

    def fail(self, node: ast.AST, message: str, fix: str | None = None):
        raise ExprError(message, getattr(node, "col_offset", None), fix)

    def name(self, node: ast.AST, dotted: str) -> ast.AST:
        if "__" in dotted and any(part.startswith("__") or part.endswith("__") for part in dotted.split(".")):
            self.fail(node, f"'{dotted}' is not allowed: names with double underscores are reserved")
        aliases = self.aliases
        written = dotted
        if aliases:
            dotted = unaliased(dotted, aliases)
        if dotted == "true" or dotted == "false":
            return _Constant(dotted == "true")
        slot = self.symbols.slot(dotted)
        if slot is None:
            # named through an alias ('target.x', 'self.x'): said as written, with a hint in the same
            # terms, so that a rule checked once per region reads alike each time
            hint = aliased_hint(written, aliases, self.symbols.names()) if written != dotted else None
            hint = hint or suggest(dotted, self.symbols.names())
            self.fail(
                node,
                f"unknown name '{written}'",
                f"did you mean '{hint}'?" if hint else names_fix(self.symbols.names()),
            )
        self.reads.add(slot)
        return _Subscript(_V, _Constant(slot), _LOAD)

    def build(self, node: ast.AST, depth: int = 0) -> ast.AST:
        self.count += 1
        if self.count > MAX_NODES:
            self.fail(node, f"expression is too complex (more than {MAX_NODES} parts)", "split it into simpler rules")
        if depth > MAX_DEPTH:
            self.fail(node, f"expression is nested too deeply (more than {MAX_DEPTH} levels)", "flatten it")
        handler = _HANDLERS.get(node.__class__)
        if handler is None:
            kind = type(node).__name__
            self.fail(node, f"{kind} is not allowed in expressions", "use numbers, names, comparisons, and/or/not, arithmetic and the listed functions")
        return handler(self, node, depth + 1)

    def _boolop(self, node: ast.BoolOp, d: int) -> ast.AST:
        values = node.values
        for i, v in enumerate(values):
            values[i] = self.build(v, d)
        return node

    def _unaryop(self, node: ast.UnaryOp, d: int) -> ast.AST:
        if node.op.__class__ not in _UNARY:
            self.fail(node, "'~' is not allowed", "use 'not' or '-'")
        node.operand = self.build(node.operand, d)
        return node

    def _binop(self, node: ast.BinOp, d: int) -> ast.AST:
        op = node.op.__class__
        if op not in _BINOPS:
            self.fail(node, _FORBIDDEN_HINT.get(op, f"operator {op.__name__} is not allowed"))
        left = node.left = self.build(node.left, d)
        right = node.right = self.build(node.right, d)
        if op is ast.Div or op is ast.Mod:
            if self.plain_div and _nonzero_number(right):
                return node  # same result as the helper: it only differs when the divisor is 0
            return _Call(_Name("_div" if op is ast.Div else "_mod", _LOAD), [left, right], [])
        return node

    def _compare(self, node: ast.Compare, d: int) -> ast.AST:
        ops = [op.__class__ for op in node.ops]
        for op in ops:
            if op not in _CMPOPS:
                self.fail(node, _FORBIDDEN_HINT.get(op, "that comparison is not allowed"), _FORBIDDEN_FIX.get(op))
        node.left = self.build(node.left, d)
        comparators = node.comparators
        for i, c in enumerate(comparators):
            comparators[i] = self.build(c, d)
        return node

    def _ifexp(self, node: ast.IfExp, d: int) -> ast.AST:
        node.test = self.build(node.test, d)
        node.body = self.build(node.body, d)
        node.orelse = self.build(node.orelse, d)
        return node

    def _constant(self, node: ast.Constant, d: int) -> ast.AST:
        value = node.value
        cls = value.__class__
        if cls is bool:
            return node
        if cls is int or cls is float:
            if value != value or abs(value) > MAX_NUMBER:
                self.fail(node, f"number {value!r} is out of bounds (at most {MAX_NUMBER:g})")
            return node
        if isinstance(value, str):
            self.fail(node, "text is only allowed as a function's argument, e.g. flag('name')")
        self.fail(node, f"literal {value!r} is not allowed")

    def _name(self, node: ast.Name, d: int) -> ast.AST:
        dotted = node.id
        if dotted == "True" or dotted == "False":
            return _Constant(dotted == "True")
        return self.name(node, dotted)

    def _attribute(self, node: ast.Attribute, d: int) -> ast.AST:
        dotted = _dotted(node)
        if dotted is None:
            self.fail(node, "attributes are only allowed on names, like sadrists.stance")
        if dotted in ("True", "False"):
            return _Constant(dotted == "True")
        return self.name(node, dotted)

    def _call(self, node: ast.Call, depth: int) -> ast.AST:
        if node.func.__class__ is not ast.Name:
            self.fail(node, "only the listed functions can be called, by their plain name")
        fname = node.func.id
        spec = FUNCTIONS.get(fname)
        if spec is None:
            hint = suggest(fname, FUNCTIONS)
            listed = ", ".join(sorted(FUNCTIONS))
            self.fail(node, f"unknown function '{fname}'", (f"did you mean '{hint}'? " if hint else "") + f"available: {listed}")
        if node.keywords:
            self.fail(node, f"{fname}() takes no keyword arguments")
        args = node.args
        n = len(args)
        if not (len(spec.params) - spec.optional <= n <= len(spec.params)):
            self.fail(node, f"{fname}() takes {len(spec.params) - spec.optional}–{len(spec.params)} arguments, got {n}" if spec.optional else f"{fname}() takes {len(spec.params)} arguments, got {n}")
        for i, (kind, arg) in enumerate(zip(spec.params, args)):
            if kind == "num":
                if i and spec.params[0] in ("action", "slot"):  # taken/prev/change(x, n): n turns back
                    n = _literal_number(arg)
                    if n is not None and n < 1:
                        self.fail(arg, f"{fname}()'s second argument counts turns back and must be 1 or more, not {n:g}",
                                  f"write {fname}(..., 1) for the last turn, or leave the 1 out")
                args[i] = self.build(arg, depth)
            elif kind == "slot":
                dotted = _dotted(arg)
                if dotted is None or dotted in ("true", "false"):
                    self.fail(arg, f"{fname}() needs a state name as its first argument, like prev(treasury)")
                read = self.name(arg, dotted)
                args[i] = read.slice  # the slot number itself
            else:
                if not (arg.__class__ is ast.Constant and isinstance(arg.value, str)):
                    self.fail(arg, f"{fname}() needs a quoted {kind} name, like {fname}('...')")
                text = arg.value
                if len(text) > 120:
                    self.fail(arg, f"{kind} name is too long")
                if kind == "flag" and self.aliases:
                    # flag('self.x') in an actor's rule is that actor's flag, as set_flag = 'self.x' is
                    text = arg.value = flag_name(text, self.aliases)
                problem = self.symbols.check_ref(kind, text)
                if problem:
                    self.fail(arg, problem)
                self.refs.append((kind, text))
        if spec.pure:
            node.func = _Name("_" + fname, _LOAD)
        else:
            node.func = _Attribute(_X, fname, _LOAD)
        return node


class _Stop(Exception):
    """Ends a collecting check early (too many errors, or a limit on the whole expression)."""


class _CollectingBuilder(_Builder):
    """A builder that notes an error and goes on with the node's siblings (used only once an
    expression has failed, to report all its errors at once). A node with an error is replaced
    by a placeholder constant, so its parent is checked as if that part were fine."""

    def __init__(self, *args):
        super().__init__(*args)
        self.errors: list[ExprError] = []

    def build(self, node: ast.AST, depth: int = 0) -> ast.AST:
        try:
            return _Builder.build(self, node, depth)
        except ExprError as exc:
            if not any(e.message == exc.message and e.col == exc.col for e in self.errors):
                self.errors.append(exc)
            if len(self.errors) >= MAX_ERRORS or exc.message.startswith("expression is "):
                raise _Stop() from None  # the cap, or too complex / nested too deeply: the rest says no more
            return _Constant(0)


def _all_errors(first: ExprError, tree_source: str, symbols: SymbolTable, aliases: dict[str, str], plain_div: bool) -> ExprError:
    """`first` with `errors` set to every error of the expression (first one first, at most MAX_ERRORS)."""
    tree = compile(tree_source, "<unknown>", "eval", ast.PyCF_ONLY_AST)  # afresh: the failed check changed the last
    collector = _CollectingBuilder(symbols, aliases, plain_div)
    try:
        collector.build(tree.body)
    except _Stop:
        pass
    others = [e for e in collector.errors if not (e.message == first.message and e.col == first.col)]
    first.errors = [first, *others][:MAX_ERRORS]
    return first


_V = _Name("V", _LOAD)
_X = _Name("X", _LOAD)
_HANDLERS = {
    ast.BoolOp: _Builder._boolop, ast.UnaryOp: _Builder._unaryop, ast.BinOp: _Builder._binop,
    ast.Compare: _Builder._compare, ast.IfExp: _Builder._ifexp, ast.Constant: _Builder._constant,
    ast.Name: _Builder._name, ast.Attribute: _Builder._attribute, ast.Call: _Builder._call,
}


def _nonzero_number(node: ast.AST) -> bool:
    """A literal int or float other than 0 (written plainly or negated)."""
    if (node.__class__ is ast.UnaryOp or node.__class__ is _UnaryOp) and node.op.__class__ in (ast.USub, ast.UAdd):
        node = node.operand
    if node.__class__ is not ast.Constant and node.__class__ is not _Constant:
        return False
    value = node.value
    return (value.__class__ is int or value.__class__ is float) and value != 0


_GLOBALS = {"__builtins__": {}, **HELPERS, **{"_" + k: v for k, v in PURE_IMPLS.items()}}


def parse_checked(source: str, symbols: SymbolTable, aliases: dict[str, str] | None = None, plain_div: bool = False):
    """Check `source` and return (generated AST body, reads, refs); raise ExprError.

    With plain_div, a division or remainder by a non-zero literal stays a plain operator instead of
    a call to the zero-safe helper (same value; the compiler uses this). Analyses of the tree (lint)
    get the helper calls by default."""
    body, reads, refs = _checked(source, symbols, aliases, plain_div)
    return body, frozenset(reads), tuple(refs)


_FOREIGN = re.compile(r"=>|=<|&&|\|\||;|!(?!=)|(?<![=!<>])=(?!=)|\b(?:AND|OR|NOT|And|Or|Not)\b")
_OURS = {"=>": ">=", "=<": "<=", "&&": "and", "||": "or", "!": "not", "=": "==", ";": "and"}


def _foreign_operator(source: str) -> tuple[int, str, str, str] | None:
    """The first operator of another language (&&, ||, !, a single =) outside quotes, with ours, and the
    fix for every such operator of the expression ('||' and '!' in one: both said at once, so that the
    fix followed leaves no second error). Only called once an expression has failed to parse."""
    masked = re.sub(r"'[^']*'|\"[^\"]*\"", lambda mt: " " * len(mt.group()), source)
    found = list(dict.fromkeys(mt.group() for mt in _FOREIGN.finditer(masked)))
    if not found:
        return None
    mt = _FOREIGN.search(masked)
    fix = ", and ".join(f"'{_OURS.get(op, op.lower())}' instead of '{op}'" for op in found)
    return mt.start(), mt.group(), _OURS.get(mt.group(), mt.group().lower()), f"write {fix}"


_SPACE = ("a space that is not an ordinary one", "type an ordinary space in its place (word processors and web pages "
          "paste these)")
_QUOTE = ("a curly quote", "write a straight quote ' in place of each curly one (word processors curl them)")
_LOOKALIKE = {
    "\u00a0": _SPACE, "\u2007": _SPACE, "\u2009": _SPACE, "\u202f": _SPACE, "\u3000": _SPACE,
    "\u200b": ("a zero-width space", "delete it (it shows as nothing)"), "\ufeff": ("a byte-order mark", "delete it (it shows as nothing)"),
    "\t": ("a tab", "type a space in its place"),
    "\u2018": _QUOTE, "\u2019": _QUOTE, "\u201c": _QUOTE, "\u201d": _QUOTE,
    "\u2264": ("the sign \u2264", "write <= in its place"), "\u2265": ("the sign \u2265", "write >= in its place"),
    "\u2260": ("the sign \u2260", "write != in its place"), "\u00d7": ("the sign \u00d7", "write * in its place"),
    "\u00f7": ("the sign \u00f7", "write / in its place"), "\u2212": ("a minus sign that is not ASCII", "type - in its place"),
    "\u2013": ("a dash", "type - in its place"),
}


def _checked(source: str, symbols: SymbolTable, aliases: dict[str, str] | None, plain_div: bool, quick: bool = True):
    """(generated tree, reads, refs) for a source, or ExprError. The plain shapes most expressions take are read
    by the quick reader; the rest, and every error, by Python's parser and the allow-list walk (quick=False:
    always that way; the tests compare the two)."""
    if not isinstance(source, str):
        raise ExprError("an expression must be text")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is {len(source)} characters long; the limit is {MAX_LENGTH}", 0, "split the rule")
    if not source.strip():
        raise ExprError("expression is empty", 0, "write a condition such as 'treasury > 20', or remove the key")
    if not (source.isascii() and source.isprintable()):
        col = next(i for i, ch in enumerate(source) if not (ch.isascii() and ch.isprintable()))
        ch = source[col]
        said = _LOOKALIKE.get(ch)
        if said is not None:
            raise ExprError(f"expression contains {said[0]} (U+{ord(ch):04X})", col, said[1])
        if ch.isascii() or not ch.isprintable():
            raise ExprError(f"expression contains the control character U+{ord(ch):04X}", col, "remove it")
        raise ExprError(f"expression contains the non-ASCII character {ch!r}", col,
                        "write names and operators in plain ASCII (look-alike letters are refused)")
    if "#" in source:
        raise ExprError("comments are not allowed in expressions", source.index("#"), "remove the '#' and what follows")
    if source.count("(") + source.count("[") + source.count("{") > MAX_DEPTH:  # else it cannot nest deeper
        depth = deepest = 0
        for ch in source:
            if ch in "([{":
                depth += 1
                deepest = max(deepest, depth)
            elif ch in ")]}":
                depth -= 1
        if deepest > MAX_DEPTH:
            raise ExprError(f"expression is nested too deeply (more than {MAX_DEPTH} brackets)", 0, "flatten it")
    if quick:
        found = quick_checked(source, symbols, aliases or {}, plain_div)  # (see game/expr/quick.py)
        if found is not None:
            return found
    try:
        tree = compile(source.strip(), "<unknown>", "eval", ast.PyCF_ONLY_AST)  # = ast.parse(..., mode="eval")
    except SyntaxError as exc:
        found = _foreign_operator(source)
        if found is not None:
            col, op, ours, fix = found
            raise ExprError(f"syntax error: '{op}' is not an operator here", col, fix) from None
        said = re.sub(r" \(detected at line \d+\)$", "", exc.msg or "")  # (an expression has one line)
        said = "" if said == "invalid syntax" else said  # 'syntax error: invalid syntax' says it twice
        raise ExprError("syntax error" + (f": {said}" if said else ""), (exc.offset or 1) - 1,
                        "check brackets, quotes and operators") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprError("expression cannot be parsed", 0) from None
    builder = _Builder(symbols, aliases or {}, plain_div)
    try:
        body = builder.build(tree.body)
    except ExprError as exc:
        raise _all_errors(exc, source.strip(), symbols, aliases or {}, plain_div) from None
    return body, builder.reads, builder.refs


def _unbuilt(values, view):
    raise RuntimeError("expression loaded in check mode (validate): checked but not compiled")


def compile_expr(source: str, symbols: SymbolTable, aliases: dict[str, str] | None = None,
                 build: bool = True) -> Compiled:
    """Compile one expression; raise ExprError with a message and a fix.

    With build=False (check mode: validate and lint) the expression is only checked: its function
    is a stub that raises if called, so a scenario loaded that way can be inspected but not played."""
    body, reads, refs = _checked(source, symbols, aliases, True)
    return Compiled(source, None if build else _unbuilt, frozenset(reads), tuple(refs), body)


# -- from the generated tree to a function
#
# The checked tree becomes a tree of small Python closures, one per node, each doing exactly what
# the node does when Python runs it (the same operators from `operator`, the same helpers, the same
# order of evaluation and short-circuits), so an expression gives the value Python would give for
# its generated tree (tests/expr/test_compiler.py compares the two on random expressions). Nothing
# is handed to compile(), eval() or exec(): building is a walk over the tree, far cheaper than code
# generation, which mattered most for loading a scenario. The lean simulation path
# (game/engine/fast.py) writes the same trees into its own straight-line functions.

_BINOP_FN = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
             ast.Mod: operator.mod}
_CMP_FN = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
           ast.Eq: operator.eq, ast.NotEq: operator.ne}
_HELPER_FN = {k: v for k, v in _GLOBALS.items() if k != "__builtins__"}


def _closure(node: ast.AST) -> Callable:
    return _CLOSURE_OF[node.__class__](node)


def _slot_of(node: ast.AST) -> int | None:
    """The slot number of a state read V[n], else None."""
    return node.slice.value if node.__class__ is _Subscript else None


def _is_constant(node: ast.AST) -> bool:
    return node.__class__ is ast.Constant or node.__class__ is _Constant


def _c_constant(node: ast.Constant) -> Callable:
    value = node.value
    return lambda V, X: value


def _c_subscript(node: ast.Subscript) -> Callable:
    slot = node.slice.value
    return lambda V, X: V[slot]


def _and(a: Callable, b: Callable) -> Callable:
    return lambda V, X: a(V, X) and b(V, X)


def _or(a: Callable, b: Callable) -> Callable:
    return lambda V, X: a(V, X) or b(V, X)


def _c_boolop(node: ast.BoolOp) -> Callable:
    # a and b and c is (a and b) and c: the same value (the first false part, else the last) from the
    # same parts evaluated in the same order, stopping at the same place
    pair = _and if node.op.__class__ is ast.And else _or
    parts = [_closure(v) for v in node.values]
    fn = parts[0]
    for part in parts[1:]:
        fn = pair(fn, part)
    return fn


def _c_unaryop(node: ast.UnaryOp) -> Callable:
    op = node.op.__class__
    operand = node.operand
    if op is ast.USub and _is_constant(operand) and operand.value.__class__ in (int, float):
        value = -operand.value  # -5 is a constant (Python's compiler folds it the same way)
        return lambda V, X: value
    a = _closure(operand)
    if op is ast.Not:
        return lambda V, X: not a(V, X)
    if op is ast.USub:
        return lambda V, X: -a(V, X)
    return lambda V, X: +a(V, X)


def _c_binop(node: ast.BinOp) -> Callable:
    op = _BINOP_FN[node.op.__class__]
    slot, right = _slot_of(node.left), node.right
    if slot is not None and _is_constant(right):  # the common `name / 200`
        value = right.value
        return lambda V, X: op(V[slot], value)
    a, b = _closure(node.left), _closure(right)
    return lambda V, X: op(a(V, X), b(V, X))


def _c_compare(node: ast.Compare) -> Callable:
    ops = [_CMP_FN[o.__class__] for o in node.ops]
    if len(ops) == 1:
        op = ops[0]
        slot, right = _slot_of(node.left), node.comparators[0]
        if slot is not None and _is_constant(right):  # the common `name > 40`
            value = right.value
            return lambda V, X: op(V[slot], value)
        a, b = _closure(node.left), _closure(right)
        return lambda V, X: op(a(V, X), b(V, X))
    first = _closure(node.left)
    pairs = [(op, _closure(c)) for op, c in zip(ops, node.comparators)]

    def chain(V, X):  # a < b < c: b evaluated once, stop at the first false comparison
        left = first(V, X)
        for op, right_of in pairs:
            right = right_of(V, X)
            result = op(left, right)
            if not result:
                return result
            left = right
        return result
    return chain


def _c_ifexp(node: ast.IfExp) -> Callable:
    test, body, orelse = _closure(node.test), _closure(node.body), _closure(node.orelse)
    return lambda V, X: body(V, X) if test(V, X) else orelse(V, X)


def _c_call(node: ast.Call) -> Callable:
    func, args = node.func, node.args
    if func.__class__ is _Attribute:  # X.flag('name'), X.prev(12, 2): the session's view answers
        name = func.attr
        if all(_is_constant(a) for a in args):
            values = tuple(a.value for a in args)
            if len(values) == 1:
                value = values[0]
                return lambda V, X: getattr(X, name)(value)
            return lambda V, X: getattr(X, name)(*values)
        parts = [_closure(a) for a in args]
        return lambda V, X: getattr(X, name)(*[p(V, X) for p in parts])
    fn = _HELPER_FN[func.id]  # the fixed registry: min, max, clamp, _div...
    parts = [_closure(a) for a in args]
    if len(parts) == 1:
        a, = parts
        return lambda V, X: fn(a(V, X))
    if len(parts) == 2:
        a, b = parts
        return lambda V, X: fn(a(V, X), b(V, X))
    if len(parts) == 3:
        a, b, c = parts
        return lambda V, X: fn(a(V, X), b(V, X), c(V, X))
    return lambda V, X: fn(*[p(V, X) for p in parts])


_CLOSURE_OF = {
    ast.Constant: _c_constant, _Constant: _c_constant, ast.Subscript: _c_subscript, _Subscript: _c_subscript,
    ast.BoolOp: _c_boolop, ast.UnaryOp: _c_unaryop, ast.BinOp: _c_binop, ast.Compare: _c_compare,
    _BoolOp: _c_boolop, _UnaryOp: _c_unaryop, _BinOp: _c_binop, _Compare: _c_compare,
    ast.IfExp: _c_ifexp, _IfExp: _c_ifexp, ast.Call: _c_call, _Call: _c_call,
}


def constant(value: float) -> Compiled:
    """A compiled expression that always returns `value`."""
    return Compiled(repr(value), lambda V, X, _v=value: _v, frozenset())


from game.expr.quick import quick_checked  # noqa: E402  (it builds with the node classes above)
