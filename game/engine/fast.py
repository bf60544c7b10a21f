"""The lean fast path: a scenario's per-turn rules turned into straight-line Python functions.

`ceasefire simulate` plays thousands of games without recording changes. For those games the
session runs the functions built here instead of walking the rule tables one by one: the draw
pool, the open orders, the actors' moves, the dynamics, the endings, the reactions, and what
answering each option and giving each order does. They compute exactly what the table-walking
code computes (the same floats, the same draws from the generator, in the same order); tests
compare the two over many seeds.

How the functions are built, and why it is safe: the generated text holds only this module's
own code — identifiers it makes up and integers (slot numbers, turns, delays). Every value taken
from content (numbers, ids, flag names) is bound to one of those identifiers in the functions'
namespace. Content expressions are written out from the expression compiler's checked trees,
which hold only allow-listed operations (their numbers and names become bound identifiers too),
or called through the functions the compiler made. No content text is ever parsed or executed here.
"""

from __future__ import annotations

import ast
from bisect import bisect_right
from typing import Any, Callable

from game.content.runtime import Op, Scenario
from game.expr.functions import HELPERS, PURE_IMPLS

ERRORS = (ArithmeticError, TypeError, ValueError)


# Names a generated function may read from the state, bound once at its start if its body uses them
# (the dicts and lists are changed in place during a turn, never replaced; the turn and the last
# turn's values only change between turns).
_PROLOGUE = {
    "F": "F = X.s.flags",
    "FI": "FI = X.s.fired",
    "CH": "CH = X.s.chosen",
    "T": "T = X.s.taken",
    "TN": "TN = X.s.turn",
    "R": "R = X.s.ready",
    "FR": "FR = X.s.fires",
    "P": "P = X.s.history[-1] if X.s.history else V",  # View.change(slot) = V[slot] - P[slot]
}


_BINOP_TEXT = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Mod: "%"}
_CMP_TEXT = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_UNARY_TEXT = {ast.Not: "not ", ast.USub: "-", ast.UAdd: "+"}
_HELPER_FNS = {**HELPERS, **{"_" + k: v for k, v in PURE_IMPLS.items()}}
_VIEW_METHODS = frozenset({"flag", "flag_age", "fired", "turns_since", "chose", "taken", "prev", "change"})


_NODES = frozenset({ast.Constant, ast.Subscript, ast.BoolOp, ast.UnaryOp, ast.BinOp, ast.Compare, ast.IfExp, ast.Call,
                    ast.Name, ast.Attribute, *_BINOP_TEXT, *_CMP_TEXT, *_UNARY_TEXT, ast.And, ast.Or})


def _base(node) -> type:
    """The ast class of a node (the compiler builds some nodes from subclasses that carry a location)."""
    for t in type(node).__mro__:
        if t in _NODES:
            return t
    return type(node)


def _is_float(node) -> bool:
    """Whether a checked expression tree always gives a float (then float() of it is a no-op and is
    left out). The state's values are floats; anything unsure counts as not float."""
    t = _base(node)
    if t is ast.Constant:
        return node.value.__class__ is float
    if t is ast.Subscript:
        return _base(node.value) is ast.Name and node.value.id == "V"
    if t is ast.BinOp:
        op = _base(node.op)
        if op is ast.Div:
            return True
        return op in (ast.Add, ast.Sub, ast.Mult, ast.Mod) and (_is_float(node.left) or _is_float(node.right))
    if t is ast.UnaryOp:
        return _base(node.op) in (ast.USub, ast.UAdd) and _is_float(node.operand)
    if t is ast.IfExp:
        return _is_float(node.body) and _is_float(node.orelse)
    if t is ast.Call and not node.keywords:
        f = node.func
        if _base(f) is ast.Name:
            if f.id in ("_div", "_mod"):
                return True
            if f.id in ("_min", "_max", "_clamp"):
                return all(_is_float(a) for a in node.args)
            if f.id == "_abs":
                return len(node.args) == 1 and _is_float(node.args[0])
        if _base(f) is ast.Attribute and _base(f.value) is ast.Name and f.value.id == "X":
            return f.attr in ("change", "prev")
    return False


def _uses_cause(ops, lag: int = 0) -> bool:
    """Whether the code for `ops` reads `cause` (a lagged change stores it; a schedule names its source)."""
    for op in ops:
        if op.kind == "schedule" or (lag and op.kind in ("add", "set", "mul")):
            return True
        if op.kind == "roll" and (_uses_cause(op.success, lag) or _uses_cause(op.failure, lag)):
            return True
    return False


class _Unsupported(Exception):
    """A tree this module does not inline; the expression's own function is called instead."""


class _Gen:
    """Collects generated lines, the objects they call (globals) and the constants they use."""

    def __init__(self):
        self.globals: dict[str, Any] = {"__builtins__": {}, "float": float, "len": len, "ERR": ERRORS,
                                        "_after": bisect_right}
        self._consts: dict[tuple, str] = {}
        self.lines: list[str] = []
        self._ids: dict[int, str] = {}
        self._n = 0
        self.ops_fns: dict[int, str] = {}  # id(ops) -> generated function name
        self._start = 0  # where the function being written starts (its prologue goes after that line)
        self._uses: set[str] = set()  # prologue names its body reads
        self.max_turn: int | None = None  # the scenario's last turn, if known

    def name(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def obj(self, value: Any) -> str:
        """A global name bound to `value` (functions, events, causes)."""
        key = id(value)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = self.name("_g")
            self.globals[found] = value
        return found

    def const(self, value: Any) -> str:
        """A global name bound to a content value (a number, an id, a flag name)."""
        if value.__class__ is int:
            return str(int(value))
        key = (value.__class__, repr(value) if value.__class__ is float else value)
        found = self._consts.get(key)
        if found is None:
            found = self._consts[key] = self.name("_k")
            self.globals[found] = value
        return found

    def emit(self, indent: int, line: str):
        self.lines.append("    " * indent + line)

    def begin(self, signature: str):
        """Start a function: `def signature:`; end() puts its prologue in."""
        self.emit(0, f"def {signature}:")
        self._start = len(self.lines)
        self._uses = set()

    def end(self):
        """Bind the prologue names the function's body read, at its start."""
        lines = ["    " + line for name, line in _PROLOGUE.items() if name in self._uses]
        self.lines[self._start:self._start] = lines

    def use(self, name: str) -> str:
        self._uses.add(name)
        return name

    # ---------------------------------------------------------------- expressions

    def expr(self, c) -> str:
        """Text that evaluates compiled expression `c` with V and X in scope: its checked tree
        written out (constants bound to names), or a call of its function."""
        tree = getattr(c, "tree", None)
        if tree is not None:
            try:
                return self._render(tree)
            except _Unsupported:
                pass
        return f"{self.obj(c.fn)}(V, X)"

    def _render(self, node) -> str:
        t = _base(node)
        r = self._render
        if t is ast.Constant:
            v = node.value
            if v is True or v is False:
                return "True" if v else "False"
            if v.__class__ is int and 0 <= v <= 1_000_000_000:
                return str(int(v))
            if v.__class__ in (int, float, str):
                return self.const(v)
            raise _Unsupported
        if t is ast.Subscript:
            if _base(node.value) is ast.Name and node.value.id == "V" and _base(node.slice) is ast.Constant \
                    and node.slice.value.__class__ is int:
                return f"V[{int(node.slice.value)}]"
            raise _Unsupported
        if t is ast.BoolOp:
            word = " and " if isinstance(node.op, ast.And) else " or "
            return "(" + word.join(r(v) for v in node.values) + ")"
        if t is ast.UnaryOp:
            recent = self._recent(node.operand) if _base(node.op) is ast.Not else None
            if recent is not None:  # not taken('a', n): it was not ordered in the last n turns
                key, back = recent
                return f"(not _tk[-1] > {self.use('TN')} - {back} if (_tk := {self.use('T')}.get({key})) else True)"
            return f"({_UNARY_TEXT[_base(node.op)]}{r(node.operand)})"
        if t is ast.BinOp:
            return f"({r(node.left)} {_BINOP_TEXT[_base(node.op)]} {r(node.right)})"
        if t is ast.Compare:
            if len(node.ops) == 1 and _base(node.comparators[0]) is ast.Constant:
                op, bound = _base(node.ops[0]), node.comparators[0].value
                recent = self._recent(node.left)
                if recent is not None and bound.__class__ in (int, float) and (
                        (op is ast.Gt and bound == 0) or (op is ast.GtE and bound == 1)):
                    # taken('a', n) > 0: ordered in the last n turns, i.e. its newest turn is that recent
                    key, back = recent
                    return f"(_tk[-1] > {self.use('TN')} - {back} if (_tk := {self.use('T')}.get({key})) else False)"
            parts = [r(node.left)]
            for op, right in zip(node.ops, node.comparators):
                parts += [_CMP_TEXT[_base(op)], r(right)]
            return "(" + " ".join(parts) + ")"
        if t is ast.IfExp:
            return f"({r(node.body)} if {r(node.test)} else {r(node.orelse)})"
        if t is ast.Call and not node.keywords:
            args = ", ".join(r(a) for a in node.args)
            f = node.func
            if _base(f) is ast.Name and f.id in _HELPER_FNS:
                inline = self._inline_helper(f.id, node.args)
                if inline is not None:
                    return inline
                return f"{self.obj(_HELPER_FNS[f.id])}({args})"
            if _base(f) is ast.Attribute and _base(f.value) is ast.Name and f.value.id == "X" and f.attr in _VIEW_METHODS:
                return self._view_call(f.attr, node.args, args)
        raise _Unsupported

    def _literal(self, node) -> str | None:
        """The text of a literal number (plain or negated), else None."""
        t = _base(node)
        if t is ast.UnaryOp and _base(node.op) is ast.USub and _base(node.operand) is ast.Constant:
            v = node.operand.value
        elif t is ast.Constant:
            v = node.value
        else:
            return None
        if v.__class__ not in (int, float):
            return None
        return self._render(node)

    def _inline_helper(self, name: str, args: list) -> str | None:
        """max, min and clamp with literal bounds, written out (the builtins' results exactly: which
        argument is returned when they tie or a value is NaN). _m is read at once, so nesting is safe."""
        r = self._render
        if name in ("_max", "_min") and len(args) == 2:
            a, b = self._literal(args[0]), self._literal(args[1])
            beats = ">" if name == "_max" else "<"  # max(a, b) is a unless b > a; min(a, b) is a unless b < a
            if a is not None and b is None:
                return f"(_m if (_m := {r(args[1])}) {beats} {a} else {a})"
            if b is not None and a is None:
                return f"({b} if {b} {beats} (_m := {r(args[0])}) else _m)"
        if name == "_clamp" and len(args) == 3:
            lo, hi = self._literal(args[1]), self._literal(args[2])
            if lo is not None and hi is not None:  # _clamp: lo if x < lo else hi if x > hi else x
                return f"({lo} if (_m := {r(args[0])}) < {lo} else {hi} if _m > {hi} else _m)"
        return None

    def _recent(self, node) -> tuple[str, int] | None:
        """(key text, n) if `node` is taken('a', n) with a literal n short of the whole game."""
        if _base(node) is not ast.Call or node.keywords or _base(node.func) is not ast.Attribute:
            return None
        f, args = node.func, node.args
        if not (_base(f.value) is ast.Name and f.value.id == "X" and f.attr == "taken" and 1 <= len(args) <= 2):
            return None
        if len(args) == 2 and not (_base(args[1]) is ast.Constant and args[1].value.__class__ in (int, float)
                                   and 1 <= args[1].value <= 1000):
            return None
        back = int(args[1].value) if len(args) == 2 else 1
        if self.max_turn is None or back >= self.max_turn:
            return None
        return self._render(args[0]), back

    def _view_call(self, method: str, nodes: list, args: str) -> str:
        """A call of a View method, written out where it is a lookup (the View's code, inlined)."""
        n = len(nodes)
        if method == "flag" and n == 1:
            return f"({args} in {self.use('F')})"
        if method == "fired" and n == 1:
            return f"{self.use('FI')}.get({args}, 0)"
        if method == "chose" and n == 1:
            return f"({args} in {self.use('CH')})"
        if method == "change" and n == 1 and _base(nodes[0]) is ast.Constant and nodes[0].value.__class__ is int:
            slot = int(nodes[0].value)
            return f"(V[{slot}] - {self.use('P')}[{slot}])"
        if method == "taken" and (n == 1 or (_base(nodes[1]) is ast.Constant and nodes[1].value.__class__ in (int, float)
                                             and abs(nodes[1].value) <= 1000)):
            back = int(nodes[1].value) if n == 2 else 1
            key = self._render(nodes[0])
            if self.max_turn is not None and back >= self.max_turn:  # every turn so far: the count is the length
                return f"len({self.use('T')}.get({key}, ()))"
            # the call only for an action taken at all (_tk is read at once, so nesting is safe)
            # View.taken: an action's turns are in order, so those after turn - n are found by bisection
            return f"(len(_tk) - _after(_tk, {self.use('TN')} - {back}) if (_tk := {self.use('T')}.get({key})) else 0)"
        return f"X.{method}({args})"

    def as_float(self, c) -> str:
        """Text for float(c(V, X)): c's tree written out, without the float() when it is a float anyway."""
        text = self.expr(c)
        tree = getattr(c, "tree", None)
        if tree is not None and not text.endswith("(V, X)") and _is_float(tree):
            return text
        return f"float({text})"

    def number(self, v, target: str, indent: int):
        """Emit `target = value_of(v)`: the engine's value_of, inlined."""
        if v.__class__ is float:
            self.emit(indent, f"{target} = {self.const(v)}")
            return
        self.emit(indent, "try:")
        self.emit(indent + 1, f"{target} = {self.as_float(v)}")
        self.emit(indent, "except ERR:")
        self.emit(indent + 1, f"{target} = 0.0")
        self.emit(indent, f"if {target} != {target}:")
        self.emit(indent + 1, f"{target} = 0.0")
        self.emit(indent, f"elif {target} > 1000000000.0:")
        self.emit(indent + 1, f"{target} = 1000000000.0")
        self.emit(indent, f"elif {target} < -1000000000.0:")
        self.emit(indent + 1, f"{target} = -1000000000.0")

    def guard(self, cond, indent: int) -> int:
        """Emit `if cond:` (false when it raises); returns the body's indent."""
        if cond is None:
            return indent
        self.emit(indent, "try:")
        self.emit(indent + 1, f"_w = {self.expr(cond)}")
        self.emit(indent, "except ERR:")
        self.emit(indent + 1, "_w = False")
        self.emit(indent, "if _w:")
        return indent + 1

    # ---------------------------------------------------------------- effects

    def ops(self, ops: tuple[Op, ...], indent: int, lag: int, sc: Scenario):
        """Emit Applier.apply(ops, cause, lag) for a session that does not record."""
        for op in ops:
            body = self.guard(op.when, indent)
            k = op.kind
            if k in ("add", "set", "mul"):
                if op.value.__class__ is float:
                    amount = self.const(op.value)
                else:
                    self.number(op.value, "_a", body)
                    amount = "_a"
                if lag:
                    why = self.const(op.why) if op.why else "cause.why"
                    self.emit(body, f"st.lagged.append([st.turn + {int(lag)}, {self.const(k)}, {int(op.slot)}, {amount}, cause.cause, "
                                    f"cause.source, {why}, cause.actor])")
                    continue
                # _add, _set and _mul, written out (Applier.set_value without records)
                s = sc.slots[op.slot]
                slot, lo, hi = int(op.slot), self.const(s.lo), self.const(s.hi)
                self.emit(body, f"_o = V[{slot}]")
                self.emit(body, f"_n = {'_o + ' if k == 'add' else '_o * ' if k == 'mul' else ''}{amount}")
                c = op.value
                if k == "add" and c.__class__ is float and abs(c) >= 1e-6 and max(abs(s.lo), abs(s.hi)) <= 1e6:
                    # A literal step within a small range: unclamped, it moves the value by far more than
                    # the 1e-9 below which set_value ignores a change (rounding is under 1e-9 here, since
                    # values stay within their range), so that test is only needed at the bounds.
                    order = ((hi, ">"), (lo, "<")) if c > 0 else ((lo, "<"), (hi, ">"))  # the bound it can cross first
                    for i, (bound, beyond) in enumerate(order):
                        self.emit(body, f"{'if' if i == 0 else 'elif'} _n {beyond} {bound}:")
                        self.emit(body + 1, f"if not -1e-09 < {bound} - _o < 1e-09:")
                        self.emit(body + 2, f"V[{slot}] = {bound}")
                    self.emit(body, "else:")
                    self.emit(body + 1, f"V[{slot}] = _n")
                    continue
                self.emit(body, f"if _n < {lo}:")
                self.emit(body + 1, f"_n = {lo}")
                self.emit(body, f"elif _n > {hi}:")
                self.emit(body + 1, f"_n = {hi}")
                self.emit(body, "if not -1e-09 < _n - _o < 1e-09:")
                self.emit(body + 1, f"V[{slot}] = _n")
            elif k == "flag":
                name = self.const(op.name)
                self.emit(body, f"if {name} not in st.flags:")
                self.emit(body + 1, f"st.flags[{name}] = st.turn")
            elif k == "unflag":
                name = self.const(op.name)
                self.emit(body, f"if {name} in st.flags:")
                self.emit(body + 1, f"del st.flags[{name}]")
            elif k == "roll":
                self.number(op.chance, "_p", body)
                self.emit(body, "if st.rng.random() < _p:")
                self.emit(body + 1, "pass")
                self.ops(op.success, body + 1, lag, sc)
                self.emit(body, "else:")
                self.emit(body + 1, "pass")
                self.ops(op.failure, body + 1, lag, sc)
            elif k == "schedule":
                call = f"sched({self.const(op.name)}, {int(op.delay)}, cause.source)"
                if op.chance.__class__ is float:
                    if op.chance >= 1.0:
                        self.emit(body, call)
                    else:
                        self.emit(body, f"if st.rng.random() < {self.const(op.chance)}:")
                        self.emit(body + 1, call)
                else:
                    self.number(op.chance, "_p", body)
                    self.emit(body, "if _p >= 1.0 or st.rng.random() < _p:")
                    self.emit(body + 1, call)
            elif k == "news":
                self.emit(body, "pass")
            elif k == "end":
                self.emit(body, "if st.forced_ending is None:")
                self.emit(body + 1, f"st.forced_ending = {self.const(op.name)}")
            else:  # pragma: no cover - the loader makes no other kinds
                raise ValueError(f"unknown op kind {k!r}")

    def ops_function(self, ops: tuple[Op, ...], sc: Scenario) -> str:
        """A function f(V, X, st, cause, sched) that applies `ops` (no lag); memoised by identity."""
        found = self.ops_fns.get(id(ops))
        if found is not None:
            return found
        fname = self.name("_ops")
        self.ops_fns[id(ops)] = fname
        self.obj(ops)  # keep the tuple alive (and its id unique) as long as the functions
        self.begin(f"{fname}(V, X, st, cause, sched)")
        self.emit(1, "pass")
        self.ops(ops, 1, 0, sc)
        self.end()
        return fname

    # ---------------------------------------------------------------- build

    def build(self, filename: str) -> dict[str, Any]:
        namespace = dict(self.globals)
        self.source = "\n".join(self.lines) + "\n"
        # the text is this module's own code: made-up identifiers and integers only (see the docstring)
        exec(compile(self.source, filename, "exec"), namespace)
        return namespace


class FastPath:
    """The generated functions of one scenario (built once, shared by its lean sessions)."""

    def __init__(self, sc: Scenario, draw_specs, move_specs, dynamic_specs, order_specs, endings):
        self.sc = sc
        g = self._gen()
        ops_names: dict[int, str] = {}

        def all_ops(ops):
            if id(ops) not in ops_names:
                ops_names[id(ops)] = g.ops_function(ops, sc)

        # the moves' effect lists, called by the generated moves (and, through Applier.fast_ops, by
        # Applier.apply); options, orders and reactions have their effects written into their own functions
        for moves in sc.moves.values():
            for mv in moves:
                all_ops(mv.ops)

        reacts: dict[int, str] = {}
        groups = [sc.state_reactions, *sc.on_action.values(), *sc.on_option.values(), *sc.on_event.values()]
        groups += [v.reactions for action in sc.actions.values() for v in action.variants.values()]
        for rs in groups:
            if rs and id(rs) not in reacts:
                reacts[id(rs)] = self._react_fn(g, rs, sc)
        self._pool_fn(g, draw_specs)
        self._orders_fn(g, order_specs)
        self._moves_fn(g, move_specs, ops_names)
        self._dynamics_fn(g, dynamic_specs, sc)
        self._endings_fn(g, endings)
        open_names = {ev.id: self._open_options_fn(g, ev) for ev in sc.events.values()
                      if any(o.requires is not None for o in ev.options)}
        ns = g.build("<fast path>")
        self.source = g.source  # kept for inspection (tests check it holds no content text)
        self.sources = [g.source]  # this and every option's and order's text, as built
        self.ops: dict[int, Callable] = {key: ns[name] for key, name in ops_names.items()}
        self.reacts: dict[int, Callable] = {key: ns[name] for key, name in reacts.items()}
        self.pool: Callable = ns["pool"]
        self.open_orders: Callable = ns["open_orders"]
        self.moves: Callable = ns["moves"]
        self.dynamics: Callable = ns["dynamics"]
        self.endings: Callable = ns["endings"]
        # event id -> f(V, X) -> the options that can be chosen now (events with a conditional option)
        self.open_options: dict[str, Callable] = {eid: ns[name] for eid, name in open_names.items()}
        self._options: dict[int, tuple] = {}
        self._orders: dict[int, Callable] = {}

    def answer(self, ev, opt, player: str) -> tuple[Callable, str, tuple[str, str]]:
        """(f(V, X, st, sched), "event/option", (event id, option id)) for Session._answer: f runs
        what choosing the option does after the bookkeeping (its effects, its own reactions, the
        scenario's reactions to it, its chains).

        Built the first time the option is chosen, unless prepare() built them all: a scenario has
        hundreds of options and one game meets a few dozen."""
        found = self._options.get(id(opt))
        if found is None:
            g = self._gen()
            self._answer_fn(g, ev, opt, player, "option")
            found = self._options[id(opt)] = (self._built(g, "<fast path: option>")["option"], ev.id + "/" + opt.id, (ev.id, opt.id))
        return found

    def order(self, action, variant, cap_slot: int) -> Callable:
        """f(V, X, st, sched): what Session.end_turn does for one order after the bookkeeping (its
        cost, its effects, its own reactions, the scenario's reactions to the action). Built on
        first use, unless prepare() built them all."""
        found = self._orders.get(id(variant))
        if found is None:
            g = self._gen()
            self._order_fn(g, action, variant, cap_slot, "order")
            found = self._orders[id(variant)] = self._built(g, "<fast path: order>")["order"]
        return found

    def _gen(self) -> _Gen:
        g = _Gen()
        g.max_turn = int(self.sc.meta.turns)
        return g

    def _built(self, g: _Gen, filename: str) -> dict[str, Any]:
        ns = g.build(filename)
        self.sources.append(g.source)
        return ns

    def prepare(self, player: str, cap_slot: int) -> None:
        """Build every option's and order's function now, in one compilation: for a long run of
        games, or before forking workers that would each build them."""
        g = self._gen()
        options, orders = [], []
        for ev in self.sc.events.values():
            for opt in ev.options:
                if id(opt) not in self._options:
                    options.append((ev, opt, self._answer_fn(g, ev, opt, player, g.name("_option"))))
        for action in self.sc.actions.values():
            for variant in action.variants.values():
                if id(variant) not in self._orders:
                    orders.append((variant, self._order_fn(g, action, variant, cap_slot, g.name("_order"))))
        ns = self._built(g, "<fast path: choices>")
        for ev, opt, name in options:
            self._options[id(opt)] = (ns[name], ev.id + "/" + opt.id, (ev.id, opt.id))
        for variant, name in orders:
            self._orders[id(variant)] = ns[name]

    def _answer_fn(self, g: _Gen, ev, opt, player: str, fname: str) -> str:
        from game.engine.effects import Cause

        key = ev.id + "/" + opt.id
        g.obj(opt)  # keep the option alive (and its id unique) as long as the function
        g.begin(f"{fname}(V, X, st, sched)")
        g.emit(1, "target = None")
        g.emit(1, f"cause = {g.obj(Cause('option', key, opt.model.text, player))}")
        g.ops(opt.ops, 1, 0, self.sc)
        self._reactions(g, opt.reactions, self.sc)
        self._reactions(g, self.sc.on_option.get(key, ()), self.sc)
        for ch in opt.chains:
            call = f"sched({g.const(ch.event)}, {int(ch.delay)}, {g.const(key)})"
            if ch.chance >= 1.0:
                g.emit(1, call)
            else:
                g.emit(1, f"if st.rng.random() < {g.const(float(ch.chance))}:")
                g.emit(2, call)
        g.end()
        return fname

    def _order_fn(self, g: _Gen, action, variant, cap_slot: int, fname: str) -> str:
        from game.engine.effects import Cause

        a = action.model
        g.obj(variant)  # keep the variant alive (and its id unique) as long as the function
        g.begin(f"{fname}(V, X, st, sched)")
        g.emit(1, f"target = {g.const(variant.target) if variant.target is not None else 'None'}")
        if a.cost:
            s = self.sc.slots[cap_slot]
            lo, hi = g.const(s.lo), g.const(s.hi)
            g.emit(1, f"_o = V[{int(cap_slot)}]")
            g.emit(1, f"_n = _o - {g.const(a.cost)}")
            g.emit(1, f"if _n < {lo}:")
            g.emit(2, f"_n = {lo}")
            g.emit(1, f"elif _n > {hi}:")
            g.emit(2, f"_n = {hi}")
            g.emit(1, "if not -1e-09 < _n - _o < 1e-09:")
            g.emit(2, f"V[{int(cap_slot)}] = _n")
        g.emit(1, f"cause = {g.obj(Cause('order', action.id, a.label, ''))}")
        g.ops(variant.ops, 1, 0, self.sc)
        self._reactions(g, variant.reactions, self.sc)
        self._reactions(g, self.sc.on_action.get(action.id, ()), self.sc)
        g.end()
        return fname

    @staticmethod
    def _open_options_fn(g: _Gen, ev) -> str:
        """f(V, X) -> [the event's options whose requirement holds now], in order (Session.open_options)."""
        fname = g.name("_open")
        g.begin(f"{fname}(V, X)")
        g.emit(1, "out = []")
        for opt in ev.options:
            if opt.requires is None:
                g.emit(1, f"out.append({g.obj(opt)})")
                continue
            g.emit(1, "try:")
            g.emit(2, f"if {g.expr(opt.requires)}:")
            g.emit(3, f"out.append({g.obj(opt)})")
            g.emit(1, "except ERR:")
            g.emit(2, "pass")
        g.emit(1, "return out")
        g.end()
        return fname

    @staticmethod
    def _endings_fn(g: _Gen, endings):
        """endings(V, X, final) -> the index of the first ending that holds, or -1: Session._close_turn's loop."""
        g.begin("endings(V, X, final)")
        g.emit(1, "pass")
        for i, (e, when, last_turn_only) in enumerate(endings):
            ind = 1
            if last_turn_only:
                g.emit(1, "if final:")
                ind = 2
            if when is None:
                g.emit(ind, f"return {i}")
                continue
            g.emit(ind, "try:")
            g.emit(ind + 1, f"if {g.expr(e.when)}:")
            g.emit(ind + 2, f"return {i}")
            g.emit(ind, "except ERR:")
            g.emit(ind + 1, "pass")
        g.emit(1, "return -1")
        g.end()

    @staticmethod
    def _react_fn(g: _Gen, reactions, sc: Scenario) -> str:
        """f(V, X, st, sched, target): Session._react over one tuple of reactions, unrolled."""
        fname = g.name("_react")
        g.obj(reactions)  # keep the tuple alive (and its id unique) as long as the function
        g.begin(f"{fname}(V, X, st, sched, target)")
        g.emit(1, "pass")
        FastPath._reactions(g, reactions, sc)
        g.end()
        return fname

    @staticmethod
    def _reactions(g: _Gen, reactions, sc: Scenario):
        """The lines of Session._react over `reactions` (V, X, st, sched and target in scope)."""
        from game.engine.effects import Cause

        for r in reactions:
            rid = g.const(r.id)
            ind = 1
            if r.targets:
                g.emit(ind, f"if target in {g.obj(r.targets)}:")
                ind += 1
            if r.max_fires:
                g.emit(ind, f"if {g.use('FR')}.get({rid}, 0) < {int(r.max_fires)}:")
                ind += 1
            if r.cooldown:
                g.emit(ind, f"if {g.use('R')}.get({g.const('reaction:' + r.id)}, 0) <= {g.use('TN')}:")
                ind += 1
            ind = g.guard(r.when, ind)
            if r.chance.__class__ is float:
                if r.chance < 1.0:
                    g.emit(ind, f"if st.rng.random() < {g.const(r.chance)}:")
                    ind += 1
            else:
                g.number(r.chance, "_p", ind)
                g.emit(ind, "if _p >= 1.0 or st.rng.random() < _p:")
                ind += 1
            if _uses_cause(r.ops):
                g.emit(ind, f"cause = {g.obj(Cause('reaction', r.id, r.why, r.actor or ''))}")
            g.ops(r.ops, ind, 0, sc)
            g.emit(ind, f"{g.use('FR')}[{rid}] = {g.use('FR')}.get({rid}, 0) + 1")
            if r.cooldown:
                g.emit(ind, f"{g.use('R')}[{g.const('reaction:' + r.id)}] = {g.use('TN')} + {int(r.cooldown) + 1}")

    @staticmethod
    def _orders_fn(g: _Gen, order_specs):
        """open_orders(V, X, turn, ready, budget) -> [(action id, target)]: Session.open_orders, unrolled."""
        g.begin("open_orders(V, X, turn, ready, budget)")
        g.emit(1, "out = []")
        for action, target, v, key, cost, requires in order_specs:
            ind = 2
            g.emit(1, f"if ready.get({g.const(key)}, 0) <= turn:")
            if cost:
                g.emit(ind, f"if {g.const(cost)} <= budget:")
                ind += 1
            item = f"out.append(({g.const(action.id)}, {g.const(target)}))"
            if requires is None:
                g.emit(ind, item)
                continue
            g.emit(ind, "try:")
            g.emit(ind + 1, f"if {g.expr(v.requires)}:")
            g.emit(ind + 2, item)
            g.emit(ind, "except ERR:")
            g.emit(ind + 1, "pass")
        g.emit(1, "return out")
        g.end()

    @staticmethod
    def _pool_fn(g: _Gen, draw_specs):
        """pool(V, X, turn, fired, last, exclude) -> (events, weights): Session._pool, unrolled."""
        g.begin("pool(V, X, turn, fired, last, exclude)")
        g.emit(1, "evs = []")
        g.emit(1, "ws = []")
        # Conditions and weights are pure (they only read the state), so the checks run cheapest
        # first: the turn window and fire count, the condition, then the cooldown and queue.
        for ev, eid, maxf, lo, hi, cd, when, weight, mods in draw_specs:
            k_eid = g.const(eid)
            tests = []
            if lo > 1:  # turns start at 1
                tests.append(f"turn >= {int(lo)}")
            if hi < 200:  # a scenario has at most 200 turns
                tests.append(f"turn <= {int(hi)}")
            if maxf == 1:  # most events fire once: a retired one costs a lookup, not its condition
                tests.append(f"{k_eid} not in fired")  # (a fired event's count is at least 1)
            elif maxf:
                tests.append(f"fired.get({k_eid}, 0) < {int(maxf)}")
            # one try: a condition, weight or weight mod that fails leaves the event out, as in Session._pool
            if when is not None:
                tests.append(g.expr(ev.when))
            g.emit(1, "try:")
            ind = 2
            if tests:
                g.emit(ind, f"if {' and '.join(tests)}:")
                ind += 1
            if maxf == 1:  # it has not fired, so it has no cooldown running
                g.emit(ind, f"if {k_eid} not in exclude:")
            else:
                g.emit(ind, f"_t = last.get({k_eid})")
                g.emit(ind, f"if (_t is None or turn - _t > {int(cd)}) and {k_eid} not in exclude:")
            ind += 1
            if weight.__class__ is float and not ev.weight_mods:
                if weight > 0:
                    g.emit(ind, f"evs.append({g.obj(ev)})")
                    g.emit(ind, f"ws.append({g.const(weight)})")
                else:
                    g.emit(ind, "pass")
            else:
                g.emit(ind, f"_x = {g.const(weight) if weight.__class__ is float else g.as_float(weight)}")
                for factor, cond in ev.weight_mods:
                    g.emit(ind, f"if {g.expr(cond)}:")
                    g.emit(ind + 1, f"_x *= {g.const(factor)}")
                g.emit(ind, "if _x > 0:")
                g.emit(ind + 1, f"evs.append({g.obj(ev)})")
                g.emit(ind + 1, "ws.append(_x)")
            g.emit(1, "except ERR:")
            g.emit(2, "pass")
        g.emit(1, "return evs, ws")
        g.end()

    @staticmethod
    def _moves_fn(g: _Gen, move_specs, ops_names):
        """moves(V, X, st, sched): Session._moves, unrolled (no records)."""
        g.begin("moves(V, X, st, sched)")
        g.emit(1, "turn = st.turn")
        g.emit(1, "ready = st.ready")
        g.emit(1, "rng = st.rng")
        # Each actor: the weight of each move that can be made now (0.0 if not), then a draw over them in
        # order, with the actor's idle weight as the chance of no move; as Session._moves, without lists.
        for a, (aid, idle, moves) in enumerate(move_specs):
            live = [j for j, (_, _, _, _, weight, _) in enumerate(moves) if not (weight.__class__ is float and weight <= 0)]
            if not live:
                continue
            w = {j: f"_w{a}_{j}" for j in live}
            g.emit(1, f"_tot = {g.const(idle)}")
            g.emit(1, "_any = False")
            g.emit(1, " = ".join(w.values()) + " = 0.0")
            for j in live:
                mv, key, cooldown, when, weight, cause = moves[j]
                ind = 1
                if cooldown:
                    g.emit(ind, f"if ready.get({g.const(key)}, 0) <= turn:")
                    ind += 1
                # one try: a condition or weight that fails leaves the move out, as in Session._moves
                g.emit(ind, "try:")
                b = ind + 1
                if when is not None:
                    g.emit(b, f"if {g.expr(mv.when)}:")
                    b += 1
                if weight.__class__ is float:
                    g.emit(b, f"{w[j]} = {g.const(weight)}")
                    g.emit(b, f"_tot += {w[j]}")
                    g.emit(b, "_any = True")
                else:
                    g.emit(b, f"_x = {g.as_float(weight)}")
                    g.emit(b, "if _x > 0:")
                    g.emit(b + 1, f"{w[j]} = _x")
                    g.emit(b + 1, "_tot += _x")
                    g.emit(b + 1, "_any = True")
                g.emit(ind, "except ERR:")
                g.emit(ind + 1, "pass")
            g.emit(1, "if _any:")
            g.emit(2, "_r = rng.random() * _tot")
            g.emit(2, "while True:  # once: a break ends the draw")
            for j in live:
                mv, key, cooldown, when, weight, cause = moves[j]
                g.emit(3, f"if {w[j]} > 0:")
                g.emit(4, f"_r -= {w[j]}")
                g.emit(4, "if _r < 0:")
                if cooldown:
                    g.emit(5, f"ready[{g.const(key)}] = turn + {int(cooldown) + 1}")
                g.emit(5, f"{ops_names[id(mv.ops)]}(V, X, st, {g.obj(cause)}, sched)")
                g.emit(5, "break")
            g.emit(3, "break  # the idle weight: no move")
        g.end()

    @staticmethod
    def _dynamics_fn(g: _Gen, dynamic_specs, sc: Scenario):
        """dynamics(V, X, st, sched): the dynamics loop of Session._resolve, unrolled (no records)."""
        g.begin("dynamics(V, X, st, sched)")
        g.emit(1, "pass")
        for d, (when, ops, cause, lag) in zip(sc.dynamics, dynamic_specs):
            if _uses_cause(ops, int(lag or 0)):
                g.emit(1, f"cause = {g.obj(cause)}")
            ind = 1
            if when is not None:
                g.emit(1, "try:")
                g.emit(2, f"_d = {g.expr(d.when)}")
                g.emit(1, "except ERR:")
                g.emit(2, "_d = False")
                g.emit(1, "if _d:")
                g.emit(2, "pass")
                ind = 2
            g.ops(ops, ind, int(lag or 0), sc)
        g.end()
