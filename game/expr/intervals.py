"""Interval arithmetic over a checked expression: the range of values it can take while every state name
lies within its declared range. Lint uses it to find conditions that can never hold (or always do)."""

from __future__ import annotations

import ast
import math

INF = math.inf


def _hull(*ivs):
    return (min(i[0] for i in ivs), max(i[1] for i in ivs))


def truth(iv) -> bool | None:
    """True/False when an interval's truth value is certain, else None."""
    lo, hi = iv
    if lo > 0 or hi < 0:
        return True
    if lo == 0 and hi == 0:
        return False
    return None


def _bool(t: bool | None):
    return (1.0, 1.0) if t is True else (0.0, 0.0) if t is False else (0.0, 1.0)


def _mul(a, b):
    prods = [x * y for x in a for y in b]
    if any(p != p for p in prods):
        return (-INF, INF)
    return (min(prods), max(prods))


def _cmp(op, a, b) -> bool | None:
    if isinstance(op, ast.Lt):
        return True if a[1] < b[0] else False if a[0] >= b[1] else None
    if isinstance(op, ast.LtE):
        return True if a[1] <= b[0] else False if a[0] > b[1] else None
    if isinstance(op, ast.Gt):
        return _cmp(ast.Lt(), b, a)
    if isinstance(op, ast.GtE):
        return _cmp(ast.LtE(), b, a)
    if isinstance(op, ast.Eq):
        if a[0] == a[1] == b[0] == b[1]:
            return True
        return False if a[1] < b[0] or b[1] < a[0] else None
    if isinstance(op, ast.NotEq):
        t = _cmp(ast.Eq(), a, b)
        return None if t is None else not t
    return None


class Intervals:
    """Evaluates a checked expression (the compiler's generated tree) over value ranges."""

    def __init__(self, ranges: dict[int, tuple[float, float]]):
        self.ranges = ranges

    def slot(self, node) -> int | None:
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "V":
            return node.slice.value
        return None

    def eval(self, node, env) -> tuple[float, float]:
        if isinstance(node, ast.Constant):
            v = float(node.value)
            return (v, v)
        s = self.slot(node)
        if s is not None:
            return env.get(s, self.ranges.get(s, (-INF, INF)))
        if isinstance(node, ast.BoolOp):
            # `and`/`or` return one of their operands, so the value is a hull of the operands' values
            ivs = [self.eval(v, env) for v in node.values]
            ts = [truth(iv) for iv in ivs]
            if isinstance(node.op, ast.And):
                # narrowing by the simple clauses proves falsity only; truth is judged on the unnarrowed ranges
                env2 = self.narrow(env, node.values)
                if env2 is None or False in [truth(self.eval(v, env2)) for v in node.values]:
                    return (0.0, 0.0)
                if all(t is True for t in ts):
                    return ivs[-1]
                return _hull(*ivs, (0.0, 0.0))
            if all(t is False for t in ts):
                return (0.0, 0.0)
            if True in ts:
                first = ts.index(True)
                cand = [iv for iv, t in zip(ivs[:first + 1], ts) if t is not False]
                return _hull(*cand)
            return _hull(*ivs, (0.0, 0.0))
        if isinstance(node, ast.UnaryOp):
            a = self.eval(node.operand, env)
            if isinstance(node.op, ast.Not):
                t = truth(a)
                return _bool(None if t is None else not t)
            if isinstance(node.op, ast.USub):
                return (-a[1], -a[0])
            return a
        if isinstance(node, ast.BinOp):
            a, b = self.eval(node.left, env), self.eval(node.right, env)
            if isinstance(node.op, ast.Add):
                return (a[0] + b[0], a[1] + b[1])
            if isinstance(node.op, ast.Sub):
                return (a[0] - b[1], a[1] - b[0])
            if isinstance(node.op, ast.Mult):
                return _mul(a, b)
            return (-INF, INF)
        if isinstance(node, ast.Compare):
            left = self.eval(node.left, env)
            ts = []
            for op, comp in zip(node.ops, node.comparators):
                right = self.eval(comp, env)
                ts.append(_cmp(op, left, right))
                left = right
            return _bool(False if False in ts else True if all(t is True for t in ts) else None)
        if isinstance(node, ast.IfExp):
            t = truth(self.eval(node.test, env))
            if t is True:
                return self.eval(node.body, env)
            if t is False:
                return self.eval(node.orelse, env)
            return _hull(self.eval(node.body, env), self.eval(node.orelse, env))
        if isinstance(node, ast.Call):
            return self.call(node, env)
        return (-INF, INF)

    def call(self, node: ast.Call, env):
        f = node.func
        if isinstance(f, ast.Name):
            args = [self.eval(a, env) for a in node.args]
            name = f.id
            if name == "_div":
                a, b = args
                if b[0] == b[1] == 0 or a[0] == a[1] == 0:
                    return (0.0, 0.0)
                if b[0] > 0 or b[1] < 0:
                    return _mul(a, (1 / b[1], 1 / b[0]))
                return (-INF, INF)
            if name == "_mod":
                b = args[1]
                return (min(0.0, b[0]), max(0.0, b[1]))
            if name == "_min":
                return (min(args[0][0], args[1][0]), min(args[0][1], args[1][1]))
            if name == "_max":
                return (max(args[0][0], args[1][0]), max(args[0][1], args[1][1]))
            if name == "_abs":
                lo, hi = args[0]
                if lo >= 0:
                    return (lo, hi)
                if hi <= 0:
                    return (-hi, -lo)
                return (0.0, max(-lo, hi))
            if name == "_clamp":
                x, lo, hi = args
                return (max(lo[0], min(x[0], hi[1])), min(hi[1], max(x[1], lo[0])))
            if name == "_round":
                return (math.floor(args[0][0]) if args[0][0] > -INF else -INF, math.ceil(args[0][1]) if args[0][1] < INF else INF)
            return (-INF, INF)
        if isinstance(f, ast.Attribute):
            name = f.attr
            if name in ("flag", "chose"):
                return (0.0, 1.0)
            if name in ("flag_age", "turns_since"):
                return (0.0, 999.0)
            if name in ("fired", "taken"):
                return (0.0, INF)
            if name in ("prev", "change") and node.args and isinstance(node.args[0], ast.Constant):
                lo, hi = self.ranges.get(node.args[0].value, (-INF, INF))
                return (lo, hi) if name == "prev" else (lo - hi, hi - lo)
        return (-INF, INF)

    def narrow(self, env, conjuncts):
        """Tighten slot ranges from conjuncts like `x > 5`; None when they cannot all hold."""
        env = dict(env)
        for c in conjuncts:
            if not (isinstance(c, ast.Compare) and len(c.ops) == 1):
                continue
            op, left, right = c.ops[0], c.left, c.comparators[0]
            s = self.slot(left)
            if s is None:
                s, left, right = self.slot(right), right, left
                flip = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}
                if type(op) in flip:
                    op = flip[type(op)]()
            if s is None:
                continue
            lo, hi = env.get(s, self.ranges.get(s, (-INF, INF)))
            clo, chi = self.eval(right, env)
            if isinstance(op, ast.Lt):
                if lo >= chi:
                    return None
                hi = min(hi, chi)
            elif isinstance(op, ast.LtE):
                if lo > chi:
                    return None
                hi = min(hi, chi)
            elif isinstance(op, ast.Gt):
                if hi <= clo:
                    return None
                lo = max(lo, clo)
            elif isinstance(op, ast.GtE):
                if hi < clo:
                    return None
                lo = max(lo, clo)
            elif isinstance(op, ast.Eq):
                if chi < lo or clo > hi:
                    return None
                lo, hi = max(lo, clo), min(hi, chi)
            env[s] = (lo, hi)
        return env
