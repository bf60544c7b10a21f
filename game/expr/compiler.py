"""Compile content expressions from an allow-listed Python AST into fast callables.

Content strings are parsed with `ast.parse(mode="eval")`; every node is checked against an
allow-list and a *new* tree is built from scratch in which state names become slot reads
(`V[12]`) and calls go to a fixed registry. Only that generated tree is compiled; no content
text is ever given to eval or exec as source.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from game.expr.functions import FUNCTIONS, HELPERS, PURE_IMPLS

MAX_LENGTH = 600
MAX_NODES = 250
MAX_DEPTH = 24
MAX_NUMBER = 1e9


class ExprError(Exception):
    """An expression that cannot be compiled; `col` is 0-based within the expression."""

    def __init__(self, message: str, col: int | None = None, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.col = col
        self.fix = fix


class SymbolTable(Protocol):
    """What the compiler needs to know about a scenario's names."""

    def slot(self, name: str) -> int | None: ...

    def names(self) -> Iterable[str]: ...

    def check_ref(self, kind: str, value: str) -> str | None:
        """None if `value` is a valid reference of `kind`, else a message."""


@dataclass
class Compiled:
    """A compiled expression: call it with (values, view)."""

    source: str
    fn: Callable
    reads: frozenset[int]
    refs: tuple[tuple[str, str], ...] = field(default=())  # (kind, literal) references

    def __call__(self, values, view):
        return self.fn(values, view)


_BINOPS = {ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod}
_UNARY = {ast.USub, ast.UAdd, ast.Not}
_CMPOPS = {ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq}
_FORBIDDEN_HINT = {
    ast.Pow: "the power operator ** is not allowed; multiply instead",
    ast.BitXor: "^ is not allowed; use 'and'/'or' for logic",
    ast.BitAnd: "& is not allowed; use 'and'",
    ast.BitOr: "| is not allowed; use 'or'",
    ast.FloorDiv: "// is not allowed; use / and round()",
    ast.In: "'in' is not allowed; compare values one by one",
    ast.NotIn: "'not in' is not allowed; compare values one by one",
    ast.Is: "'is' is not allowed; use ==",
    ast.IsNot: "'is not' is not allowed; use !=",
}


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to `word`, for "did you mean" hints."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


_LOC = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 0}


def N(cls, *args, **kw):
    """Build an AST node with a dummy location (cheaper than ast.fix_missing_locations)."""
    node = cls(*args, **kw)
    node.__dict__.update(_LOC)
    return node


class _Builder:
    def __init__(self, symbols: SymbolTable, aliases: dict[str, str]):
        self.symbols = symbols
        self.aliases = aliases
        self.reads: set[int] = set()
        self.refs: list[tuple[str, str]] = []
        self.count = 0

    def fail(self, node: ast.AST, message: str, fix: str | None = None):
        raise ExprError(message, getattr(node, "col_offset", None), fix)

    def name(self, node: ast.AST, dotted: str) -> ast.AST:
        if any(part.startswith("__") or part.endswith("__") for part in dotted.split(".")):
            self.fail(node, f"'{dotted}' is not allowed: names with double underscores are reserved")
        head, _, rest = dotted.partition(".")
        if head in self.aliases:
            dotted = self.aliases[head] + ("." + rest if rest else "")
        if dotted in ("true", "false"):
            return N(ast.Constant, dotted == "true")
        slot = self.symbols.slot(dotted)
        if slot is None:
            hint = suggest(dotted, self.symbols.names())
            self.fail(
                node,
                f"unknown name '{dotted}'",
                f"did you mean '{hint}'?" if hint else "use a metric id, actor.attribute or region.id.attribute",
            )
        self.reads.add(slot)
        return N(ast.Subscript, value=N(ast.Name, "V", ast.Load()), slice=N(ast.Constant, slot), ctx=ast.Load())

    def build(self, node: ast.AST, depth: int = 0) -> ast.AST:
        self.count += 1
        if self.count > MAX_NODES:
            self.fail(node, f"expression is too complex (more than {MAX_NODES} parts)", "split it into simpler rules")
        if depth > MAX_DEPTH:
            self.fail(node, f"expression is nested too deeply (more than {MAX_DEPTH} levels)", "flatten it")
        d = depth + 1
        if isinstance(node, ast.BoolOp):
            return N(ast.BoolOp, op=type(node.op)(), values=[self.build(v, d) for v in node.values])
        if isinstance(node, ast.UnaryOp):
            if type(node.op) not in _UNARY:
                self.fail(node, "'~' is not allowed", "use 'not' or '-'")
            return N(ast.UnaryOp, op=type(node.op)(), operand=self.build(node.operand, d))
        if isinstance(node, ast.BinOp):
            op = type(node.op)
            if op not in _BINOPS:
                self.fail(node, _FORBIDDEN_HINT.get(op, f"operator {op.__name__} is not allowed"))
            left, right = self.build(node.left, d), self.build(node.right, d)
            if op in (ast.Div, ast.Mod):
                helper = "_div" if op is ast.Div else "_mod"
                return N(ast.Call, func=N(ast.Name, helper, ast.Load()), args=[left, right], keywords=[])
            return N(ast.BinOp, left=left, op=op(), right=right)
        if isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) not in _CMPOPS:
                    self.fail(node, _FORBIDDEN_HINT.get(type(op), "that comparison is not allowed"))
            return N(ast.Compare, 
                left=self.build(node.left, d),
                ops=[type(op)() for op in node.ops],
                comparators=[self.build(c, d) for c in node.comparators],
            )
        if isinstance(node, ast.IfExp):
            return N(ast.IfExp, test=self.build(node.test, d), body=self.build(node.body, d), orelse=self.build(node.orelse, d))
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                return N(ast.Constant, value)
            if isinstance(value, (int, float)):
                if value != value or abs(value) > MAX_NUMBER:
                    self.fail(node, f"number {value!r} is out of bounds (at most {MAX_NUMBER:g})")
                return N(ast.Constant, float(value) if isinstance(value, float) else int(value))
            if isinstance(value, str):
                self.fail(node, "text is only allowed as a function's argument, e.g. flag('name')")
            self.fail(node, f"literal {value!r} is not allowed")
        if isinstance(node, (ast.Name, ast.Attribute)):
            dotted = _dotted(node)
            if dotted is None:
                self.fail(node, "attributes are only allowed on names, like sadrists.stance")
            if dotted in ("True", "False"):
                return N(ast.Constant, dotted == "True")
            return self.name(node, dotted)
        if isinstance(node, ast.Call):
            return self.call(node, d)
        kind = type(node).__name__
        self.fail(node, f"{kind} is not allowed in expressions", "use numbers, names, comparisons, and/or/not, arithmetic and the listed functions")

    def call(self, node: ast.Call, depth: int) -> ast.AST:
        if not isinstance(node.func, ast.Name):
            self.fail(node, "only the listed functions can be called, by their plain name")
        fname = node.func.id
        spec = FUNCTIONS.get(fname)
        if spec is None:
            hint = suggest(fname, FUNCTIONS)
            listed = ", ".join(sorted(FUNCTIONS))
            self.fail(node, f"unknown function '{fname}'", (f"did you mean '{hint}'? " if hint else "") + f"available: {listed}")
        if node.keywords:
            self.fail(node, f"{fname}() takes no keyword arguments")
        n = len(node.args)
        if not (len(spec.params) - spec.optional <= n <= len(spec.params)):
            self.fail(node, f"{fname}() takes {len(spec.params) - spec.optional}–{len(spec.params)} arguments, got {n}" if spec.optional else f"{fname}() takes {len(spec.params)} arguments, got {n}")
        args = []
        for kind, arg in zip(spec.params, node.args):
            if kind == "num":
                args.append(self.build(arg, depth))
            elif kind == "slot":
                dotted = _dotted(arg)
                if dotted is None:
                    self.fail(arg, f"{fname}() needs a state name as its first argument, like prev(treasury)")
                read = self.name(arg, dotted)
                args.append(read.slice)  # the slot number itself
            else:
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    self.fail(arg, f"{fname}() needs a quoted {kind} name, like {fname}('...')")
                text = arg.value
                if len(text) > 120:
                    self.fail(arg, f"{kind} name is too long")
                problem = self.symbols.check_ref(kind, text)
                if problem:
                    self.fail(arg, problem)
                self.refs.append((kind, text))
                args.append(N(ast.Constant, text))
        if spec.pure:
            return N(ast.Call, func=N(ast.Name, "_" + fname, ast.Load()), args=args, keywords=[])
        return N(ast.Call, 
            func=N(ast.Attribute, value=N(ast.Name, "X", ast.Load()), attr=fname, ctx=ast.Load()),
            args=args,
            keywords=[],
        )


_GLOBALS = {"__builtins__": {}, **HELPERS, **{"_" + k: v for k, v in PURE_IMPLS.items()}}


def parse_checked(source: str, symbols: SymbolTable, aliases: dict[str, str] | None = None, cache: dict | None = None):
    """Check `source` and return (generated AST body, reads, refs); raise ExprError."""
    if not isinstance(source, str):
        raise ExprError("an expression must be text")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is {len(source)} characters long; the limit is {MAX_LENGTH}", 0, "split the rule")
    if not source.strip():
        raise ExprError("expression is empty", 0, "write a condition such as 'treasury > 20', or remove the key")
    if not source.isprintable():
        raise ExprError("expression contains control characters", 0, "remove them")
    if not source.isascii():
        col = next(i for i, ch in enumerate(source) if not ch.isascii())
        raise ExprError(f"expression contains the non-ASCII character {source[col]!r}", col,
                        "write names and operators in plain ASCII (look-alike letters are refused)")
    depth = deepest = 0
    for i, ch in enumerate(source):
        if ch == "#":
            raise ExprError("comments are not allowed in expressions", i, "remove the '#' and what follows")
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise ExprError(f"expression is nested too deeply (more than {MAX_DEPTH} brackets)", 0, "flatten it")
    tree = cache.get(source) if cache is not None else None
    try:
        if tree is None:
            tree = ast.parse(source.strip(), mode="eval")
            if cache is not None:
                cache[source] = tree
    except SyntaxError as exc:
        raise ExprError(f"syntax error: {exc.msg}", (exc.offset or 1) - 1, "check brackets, quotes and operators") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprError("expression cannot be parsed", 0) from None
    builder = _Builder(symbols, aliases or {})
    body = builder.build(tree.body)
    return body, frozenset(builder.reads), tuple(builder.refs)


def _lambda(body: ast.AST) -> ast.Lambda:
    return N(ast.Lambda,
             args=ast.arguments(posonlyargs=[], args=[N(ast.arg, "V"), N(ast.arg, "X")], kwonlyargs=[], kw_defaults=[], defaults=[]),
             body=body)


def _unready(values, view):
    raise RuntimeError("expression used before its batch was compiled")


def compile_expr(source: str, symbols: SymbolTable, aliases: dict[str, str] | None = None,
                 batch: "Batch | None" = None) -> Compiled:
    """Compile one expression; raise ExprError with a message and a fix.

    With a batch, checking happens now and code generation later, all at once (faster loads)."""
    body, reads, refs = parse_checked(source, symbols, aliases, batch.parsed if batch is not None else None)
    compiled = Compiled(source, _unready, reads, refs)
    if batch is not None:
        batch.add(compiled, body)
        return compiled
    one = Batch()
    one.add(compiled, body)
    one.finish()
    return compiled


class Batch:
    """Many checked expressions turned into functions by one call to compile()."""

    CHUNK = 400

    def __init__(self):
        self.items: list[tuple[Compiled, ast.AST]] = []
        self.parsed: dict[str, ast.AST] = {}  # source -> parsed tree, shared within one load

    def add(self, compiled: Compiled, body: ast.AST):
        self.items.append((compiled, body))

    def finish(self):
        for k in range(0, len(self.items), self.CHUNK):
            chunk = self.items[k : k + self.CHUNK]
            tree = ast.Expression(body=N(ast.Tuple, elts=[_lambda(body) for _, body in chunk], ctx=ast.Load()))
            try:
                code = compile(tree, "<content>", "eval")
            except (RecursionError, MemoryError, ValueError):
                for c, body in chunk:  # find the culprit one by one
                    try:
                        c.fn = eval(compile(ast.Expression(body=_lambda(body)), "<content>", "eval"), dict(_GLOBALS))
                    except (RecursionError, MemoryError, ValueError):
                        c.fn = lambda V, X: 0
                continue
            fns = eval(code, dict(_GLOBALS))  # generated trees only: see module docstring
            for (c, _), fn in zip(chunk, fns):
                c.fn = fn
        self.items = []


def constant(value: float) -> Compiled:
    """A compiled expression that always returns `value`."""
    return Compiled(repr(value), lambda V, X, _v=value: _v, frozenset())
