"""Compile content expressions from an allow-listed Python AST into fast callables.

Content strings are parsed with `ast.parse(mode="eval")`; every node is checked against an
allow-list (anything else is an error), and the checked tree is rewritten: state names become
slot reads (`V[12]`), calls go to a fixed registry, `/` and `%` to zero-safe helpers. Only that
generated tree is compiled (content values in it are constants: numbers, slot numbers, quoted
names); no content text is ever given to eval or exec as source.
"""

from __future__ import annotations

import ast
import difflib
import re
import sys
import types
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
    tree: ast.AST | None = field(default=None, repr=False, compare=False)  # the checked tree `fn` was made from

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


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to `word`, for "did you mean" hints."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


_LOC = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 0}


def _located(cls: type) -> type:
    """A subclass of an AST node class whose instances carry the dummy location as class attributes.

    compile() reads a node's location like any attribute, so these nodes need no per-node set-up;
    they keep their class's name, so ast.dump, ast.unparse and isinstance checks see plain nodes."""
    return type(cls.__name__, (cls,), {"__module__": "ast", **_LOC})


_Name = _located(ast.Name)
_Constant = _located(ast.Constant)
_Subscript = _located(ast.Subscript)
_Attribute = _located(ast.Attribute)
_Call = _located(ast.Call)
_Lambda = _located(ast.Lambda)
_Tuple = _located(ast.Tuple)
_arg = _located(ast.arg)
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
        # The generated tree's shape, with its non-zero numbers and texts left out as parameters
        # (the Constant nodes holding them, in order): expressions of one shape share compiled code.
        self.shape: list = []
        self.params: list[ast.Constant] = []

    def param(self, node: ast.Constant) -> None:
        value = node.value
        cls = value.__class__
        if value and (cls is int or cls is float or cls is str):
            self.shape.append(cls)
            self.params.append(node)
        else:  # booleans and zeros stay in the shape (the code generated may depend on their truth)
            self.shape.append(repr(value))

    def fail(self, node: ast.AST, message: str, fix: str | None = None):
        raise ExprError(message, getattr(node, "col_offset", None), fix)

    def name(self, node: ast.AST, dotted: str) -> ast.AST:
        if "__" in dotted and any(part.startswith("__") or part.endswith("__") for part in dotted.split(".")):
            self.fail(node, f"'{dotted}' is not allowed: names with double underscores are reserved")
        aliases = self.aliases
        written = dotted
        if aliases:
            head, _, rest = dotted.partition(".")
            if head in aliases:
                dotted = aliases[head] + ("." + rest if rest else "")
        if dotted == "true" or dotted == "false":
            node = _Constant(dotted == "true")
            self.param(node)
            return node
        slot = self.symbols.slot(dotted)
        if slot is None:
            # named through an alias ('target.x', 'self.x'): said as written, with a hint in the same
            # terms, so that a rule checked once per region reads alike each time
            hint = aliased_hint(written, aliases, self.symbols.names()) if written != dotted else None
            hint = hint or suggest(dotted, self.symbols.names())
            self.fail(
                node,
                f"unknown name '{written}'",
                f"did you mean '{hint}'?" if hint else "use a metric id, actor.attribute or region.id.attribute",
            )
        self.reads.add(slot)
        index = _Constant(slot)
        if slot:
            self.shape.append("V")  # a slot number: a parameter
            self.params.append(index)
        else:
            self.shape.append("V0")
        return _Subscript(_V, index, _LOAD)

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
        self.shape.append((node.op.__class__, len(values)))
        for i, v in enumerate(values):
            values[i] = self.build(v, d)
        return node

    def _unaryop(self, node: ast.UnaryOp, d: int) -> ast.AST:
        if node.op.__class__ not in _UNARY:
            self.fail(node, "'~' is not allowed", "use 'not' or '-'")
        self.shape.append(node.op.__class__)
        node.operand = self.build(node.operand, d)
        return node

    def _binop(self, node: ast.BinOp, d: int) -> ast.AST:
        op = node.op.__class__
        if op not in _BINOPS:
            self.fail(node, _FORBIDDEN_HINT.get(op, f"operator {op.__name__} is not allowed"))
        self.shape.append(op)
        left = node.left = self.build(node.left, d)
        right = node.right = self.build(node.right, d)
        if op is ast.Div or op is ast.Mod:
            if self.plain_div and _nonzero_number(right):
                self.shape.append("plain")
                return node  # same result as the helper: it only differs when the divisor is 0
            return _Call(_Name("_div" if op is ast.Div else "_mod", _LOAD), [left, right], [])
        return node

    def _compare(self, node: ast.Compare, d: int) -> ast.AST:
        ops = [op.__class__ for op in node.ops]
        for op in ops:
            if op not in _CMPOPS:
                self.fail(node, _FORBIDDEN_HINT.get(op, "that comparison is not allowed"))
        self.shape.append(tuple(ops))
        node.left = self.build(node.left, d)
        comparators = node.comparators
        for i, c in enumerate(comparators):
            comparators[i] = self.build(c, d)
        return node

    def _ifexp(self, node: ast.IfExp, d: int) -> ast.AST:
        self.shape.append("if")
        node.test = self.build(node.test, d)
        node.body = self.build(node.body, d)
        node.orelse = self.build(node.orelse, d)
        return node

    def _constant(self, node: ast.Constant, d: int) -> ast.AST:
        value = node.value
        cls = value.__class__
        if cls is bool:
            self.param(node)
            return node
        if cls is int or cls is float:
            if value != value or abs(value) > MAX_NUMBER:
                self.fail(node, f"number {value!r} is out of bounds (at most {MAX_NUMBER:g})")
            self.param(node)
            return node
        if isinstance(value, str):
            self.fail(node, "text is only allowed as a function's argument, e.g. flag('name')")
        self.fail(node, f"literal {value!r} is not allowed")

    def _name(self, node: ast.Name, d: int) -> ast.AST:
        dotted = node.id
        if dotted == "True" or dotted == "False":
            node = _Constant(dotted == "True")
            self.param(node)
            return node
        return self.name(node, dotted)

    def _attribute(self, node: ast.Attribute, d: int) -> ast.AST:
        dotted = _dotted(node)
        if dotted is None:
            self.fail(node, "attributes are only allowed on names, like sadrists.stance")
        if dotted in ("True", "False"):
            node = _Constant(dotted == "True")
            self.param(node)
            return node
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
        self.shape.append((fname, n))
        for i, (kind, arg) in enumerate(zip(spec.params, args)):
            if kind == "num":
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
                self.param(arg)
        if spec.pure:
            node.func = _Name("_" + fname, _LOAD)
        else:
            node.func = _Attribute(_X, fname, _LOAD)
        return node


_V = _Name("V", _LOAD)
_X = _Name("X", _LOAD)
_HANDLERS = {
    ast.BoolOp: _Builder._boolop, ast.UnaryOp: _Builder._unaryop, ast.BinOp: _Builder._binop,
    ast.Compare: _Builder._compare, ast.IfExp: _Builder._ifexp, ast.Constant: _Builder._constant,
    ast.Name: _Builder._name, ast.Attribute: _Builder._attribute, ast.Call: _Builder._call,
}


def _nonzero_number(node: ast.AST) -> bool:
    """A literal int or float other than 0 (written plainly or negated)."""
    if node.__class__ is ast.UnaryOp and node.op.__class__ in (ast.USub, ast.UAdd):
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
    body, builder = _checked(source, symbols, aliases, plain_div)
    return body, frozenset(builder.reads), tuple(builder.refs)


_FOREIGN = re.compile(r"=>|=<|&&|\|\||!(?!=)|(?<![=!<>])=(?!=)|\b(?:AND|OR|NOT|And|Or|Not)\b")
_OURS = {"=>": ">=", "=<": "<=", "&&": "and", "||": "or", "!": "not", "=": "=="}


def _foreign_operator(source: str) -> tuple[int, str, str] | None:
    """The first operator of another language (&&, ||, !, a single =) outside quotes, with ours.
    Only called once an expression has failed to parse."""
    masked = re.sub(r"'[^']*'|\"[^\"]*\"", lambda mt: " " * len(mt.group()), source)
    mt = _FOREIGN.search(masked)
    return None if mt is None else (mt.start(), mt.group(), _OURS.get(mt.group(), mt.group().lower()))


def _checked(source: str, symbols: SymbolTable, aliases: dict[str, str] | None, plain_div: bool):
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
    try:
        tree = compile(source.strip(), "<unknown>", "eval", ast.PyCF_ONLY_AST)  # = ast.parse(..., mode="eval")
    except SyntaxError as exc:
        found = _foreign_operator(source)
        if found is not None:
            col, op, ours = found
            raise ExprError(f"syntax error: '{op}' is not an operator here", col, f"write '{ours}' instead of '{op}'") from None
        raise ExprError(f"syntax error: {exc.msg}", (exc.offset or 1) - 1, "check brackets, quotes and operators") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprError("expression cannot be parsed", 0) from None
    builder = _Builder(symbols, aliases or {}, plain_div)
    body = builder.build(tree.body)
    return body, builder


def _lambda(body: ast.AST, args: ast.arguments | None = None) -> ast.Lambda:
    return _Lambda(args or _arguments(), body)


def _arguments() -> ast.arguments:
    return ast.arguments(posonlyargs=[], args=[_arg("V"), _arg("X")], kwonlyargs=[], kw_defaults=[], defaults=[])


def _unready(values, view):
    raise RuntimeError("expression used before its batch was compiled")


def _unbuilt(values, view):
    raise RuntimeError("expression loaded in check mode (validate): checked but not compiled")


def compile_expr(source: str, symbols: SymbolTable, aliases: dict[str, str] | None = None,
                 batch: "Batch | None" = None) -> Compiled:
    """Compile one expression; raise ExprError with a message and a fix.

    With a batch, checking happens now and code generation later, all at once (faster loads)."""
    body, builder = _checked(source, symbols, aliases, True)
    compiled = Compiled(source, _unready, frozenset(builder.reads), tuple(builder.refs), body)
    if batch is not None:
        batch.add(compiled, body, builder)
        return compiled
    one = Batch()
    one.add(compiled, body, builder)
    one.finish()
    return compiled


# Sharing code between expressions of one shape relies on how CPython compiles constants; it is
# checked on 3.11 to 3.13 (tests/expr/test_compiler.py; later versions compile each expression).
SHARE_SHAPES = (3, 11) <= sys.version_info[:2] < (3, 14)


def _placeholder(cls: type, k: int):
    """A stand-in constant of type `cls` that no expression can hold: numbers beyond MAX_NUMBER
    and slot numbers, texts with a NUL (expressions are printable)."""
    if cls is str:
        return f"\x00{k}"
    return cls(10**15 + k)


class Batch:
    """Many checked expressions turned into functions by one call to compile().

    Expressions of the same shape (the same generated tree but for its non-zero numbers, slot
    numbers and texts) share one compilation: the shape is compiled once with stand-in constants,
    and each expression gets that code with its own constants put in place of the stand-ins
    (code.replace(co_consts=...)): the same instructions the expression's own tree compiles to,
    since the compiler treats any two non-zero constants of a type alike, save folding constant
    operations, which we detect (a stand-in missing from the constants) and compile on their own.

    With codegen=False (check mode: validate) nothing is compiled; every function is left as a
    stub that raises if called, so a scenario loaded that way can be inspected but not played."""

    CHUNK = 400

    def __init__(self, codegen: bool = True):
        self.codegen = codegen
        self.items: list[tuple[Compiled, ast.AST, object]] = []

    def add(self, compiled: Compiled, body: ast.AST, builder: "_Builder | None" = None):
        self.items.append((compiled, body, builder))

    def finish(self):
        items, self.items = self.items, []
        if not self.codegen:
            for c, _, _ in items:
                c.fn = _unbuilt
            return
        groups: dict[tuple, list] = {}
        single = []
        for item in items:
            builder = item[2]
            if builder is None or not SHARE_SHAPES:
                single.append(item)
            else:
                groups.setdefault(tuple(builder.shape), []).append(item)
        units = []  # (body, members); members share the body's code, with their own constants
        for members in groups.values():
            if len(members) == 1:
                single.append(members[0])
            else:
                units.append(members)
        # compile the shared shapes with stand-ins, then every expression on its own shape
        shared = [(members, self._stand_ins(members[0][2].params)) for members in units]
        codes = self._compile([members[0][1] for members in units])
        for (members, saved), _ in zip(shared, codes):
            for node, value in saved:
                node.value = value  # the representative's own constants back in its tree
        retry = []
        for (members, saved), code in zip(shared, codes):
            where = self._where(code, saved)
            if where is None:
                retry.extend(members)
                continue
            consts = list(code.co_consts)
            for c, _, builder in members:
                for i, node in zip(where, builder.params):
                    consts[i] = node.value
                c.fn = types.FunctionType(code.replace(co_consts=tuple(consts)), self.globals)
        for items in (single, retry):
            for (c, _, _), code in zip(items, self._compile([body for _, body, _ in items])):
                c.fn = types.FunctionType(code, self.globals) if code is not None else (lambda V, X: 0)

    @staticmethod
    def _stand_ins(params: list) -> list[tuple[ast.Constant, object]]:
        saved = []
        for k, node in enumerate(params):
            saved.append((node, node.value))
            node.value = _placeholder(node.value.__class__, k)
        return saved

    @staticmethod
    def _where(code, saved) -> list[int] | None:
        """Where each stand-in sits in the code's constants; None if one was folded away."""
        if code is None:
            return None
        index = {}
        for i, v in enumerate(code.co_consts):
            index.setdefault((v.__class__, v), i)
        where = []
        for k, (node, value) in enumerate(saved):
            i = index.get((value.__class__, _placeholder(value.__class__, k)))
            if i is None:
                return None
            where.append(i)
        return where

    @property
    def globals(self) -> dict:
        g = getattr(self, "_globals", None)
        if g is None:
            g = self._globals = dict(_GLOBALS)
        return g

    def _compile(self, bodies: list) -> list:
        """The code object of a lambda over each body (None for one the compiler refuses)."""
        out = []
        for k in range(0, len(bodies), self.CHUNK):
            chunk = bodies[k : k + self.CHUNK]
            args = _arguments()  # shared: compile() only reads the tree
            tree = ast.Expression(body=_Tuple([_lambda(body, args) for body in chunk], _LOAD))
            try:
                code = compile(tree, "<content>", "eval")  # generated trees only: see module docstring
            except (RecursionError, MemoryError, ValueError):
                for body in chunk:  # find the culprit one by one
                    try:
                        out.append(eval(compile(ast.Expression(body=_lambda(body)), "<content>", "eval"), self.globals).__code__)
                    except (RecursionError, MemoryError, ValueError):
                        out.append(None)
                continue
            out.extend(fn.__code__ for fn in eval(code, self.globals))  # one function per lambda, in order
        return out


def constant(value: float) -> Compiled:
    """A compiled expression that always returns `value`."""
    return Compiled(repr(value), lambda V, X, _v=value: _v, frozenset())
