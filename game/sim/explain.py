"""Why an event did or did not fire at a given seed and turn.

`explain(scenario, event_id, seed, turn)` replays the game that `simulate` plays with that seed and
policy (the same session seed, the same policy random stream), stops at the start of the asked turn
just before its briefing is drawn, and reports each gate the engine checks: times fired, the turn
window, the cooldown, scheduling, the `when` condition clause by clause with every variable's value,
and the weight with its share of the draw.
"""

from __future__ import annotations

import ast
import copy
import random
from dataclasses import dataclass, field

from game.content import link, loader
from game.content.runtime import Scenario
from game.engine.session import Session
from game.engine.state import NEVER, View
from game.errors import CeasefireError
from game.expr.compiler import ExprError, compile_expr, suggest
from game.sim.policies import play, make_policy
from game.words import fill, joined, plural, terminal_width


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    checked: bool = True  # False: shown for information, a gate the engine does not apply here ("--")
    failed: str = ""  # how the verdict says it failed (else '<name> failed')

    def to_json(self) -> dict:
        return {"name": self.name, "ok": self.ok, "detail": self.detail, "checked": self.checked}


@dataclass
class Term:
    """A clause or a variable of a condition, with its value at the moment of the draw."""

    source: str
    value: object

    def shown(self) -> str:
        v = self.value
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, float):
            never = v == NEVER and ("turns_since" in self.source or "flag_age" in self.source)
            return f"{round(v, 2):g}" + (" (never)" if never else "")
        return str(v)

    def to_json(self) -> dict:
        return {"source": self.source, "value": self.value}


@dataclass
class Explanation:
    event: str
    title: str
    seed: int
    turn: int
    policy: str
    how: str  # drawn | on_turn | triggered
    fired: bool
    reached: bool
    ended_at: int | None = None
    ending: str | None = None
    checks: list[Check] = field(default_factory=list)
    clauses: list[Term] = field(default_factory=list)
    variables: list[Term] = field(default_factory=list)
    weight: float | None = None
    weight_terms: list[str] = field(default_factory=list)
    pool_total: float | None = None
    draws: str = ""
    fired_turns: list[int] = field(default_factory=list)
    verdict: str = ""

    def to_json(self) -> dict:
        return {
            "event": self.event, "title": self.title, "seed": self.seed, "turn": self.turn, "policy": self.policy,
            "how": self.how, "fired": self.fired, "reached": self.reached, "ended_at": self.ended_at, "ending": self.ending,
            "checks": [c.to_json() for c in self.checks], "clauses": [t.to_json() for t in self.clauses],
            "variables": [t.to_json() for t in self.variables], "weight": self.weight, "weight_terms": self.weight_terms,
            "pool_total": self.pool_total, "draws": self.draws, "verdict": self.verdict,
        }

    def text(self, width: int | None = None) -> str:
        """The explanation for a terminal `width` columns wide (default: the terminal's)."""
        width = width or terminal_width()
        out = [f"{self.event} — \"{self.title}\"", f"seed {self.seed}, turn {self.turn}, policy {self.policy}"]
        if not self.reached:
            out.append(fill(f"the game ended on turn {self.ended_at} ({self.ending}) before turn {self.turn}", width))
            out.append(fill(f"verdict: {self.verdict}", width))
            return "\n".join(out)
        out.append(fill(f"verdict: {self.verdict}", width))
        out.append("")
        out.append("gates, at the start of the turn before the briefing was drawn:")
        for c in self.checks:  # a long detail goes on under itself
            out.append(fill(f"  {'--  ' if not c.checked else 'ok  ' if c.ok else 'FAIL'}  {c.name}: {c.detail}", width, " " * 8))
        if self.clauses:
            out.append("")
            out.append("condition, clause by clause:")
            column = max(len(t.source) for t in self.clauses)
            for t in self.clauses:
                out.append(f"  {t.source.ljust(column)}  → {t.shown()}")
        if self.variables:
            out.append("")
            out.append("values it reads:")
            column = max(len(t.source) for t in self.variables)
            for t in self.variables:
                out.append(f"  {t.source.ljust(column)}  = {t.shown()}")
        if self.weight is not None:
            out.append("")
            line = f"weight: {' × '.join(self.weight_terms) or f'{round(self.weight, 2):g}'}"
            if self.weight_terms and len(self.weight_terms) > 1:
                line += f" = {round(self.weight, 2):g}"
            if self.pool_total:
                line += f"; {self.weight / self.pool_total:.0%} of the eligible weight ({round(self.pool_total, 2):g}) per draw"
            out.append(fill(line, width))
            if self.draws:
                out.append(fill(self.draws, width))
        if self.fired_turns:
            out.append(f"fired on {'turn' if len(self.fired_turns) == 1 else 'turns'} {joined([str(t) for t in self.fired_turns])}")
        return "\n".join(out)


# ---------------------------------------------------------------- condition breakdown


def _leaves(node: ast.AST) -> list[ast.AST]:
    """The clauses of a condition: the operands of and/or, recursively."""
    if isinstance(node, ast.BoolOp):
        out = []
        for v in node.values:
            out += _leaves(v)
        return out
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and isinstance(node.operand, ast.BoolOp):
        return _leaves(node.operand)
    return [node]


def _variables(node: ast.AST) -> list[ast.AST]:
    """State names and function calls a clause reads, outermost first, without repeats."""
    found: list[ast.AST] = []

    def visit(n):
        if isinstance(n, ast.Call):
            found.append(n)
            for a in n.args:
                if not isinstance(a, ast.Constant):
                    visit(a)
            return
        if isinstance(n, (ast.Name, ast.Attribute)):
            found.append(n)
            return
        for child in ast.iter_child_nodes(n):
            visit(child)

    visit(node)
    return found


class _Evaluator:
    def __init__(self, sc: Scenario, values, view):
        ids = {"event": set(sc.events), "action": set(sc.actions),
               "option": {eid: {o.id for o in ev.options} for eid, ev in sc.events.items()}}
        self.symbols = link._Symbols(sc.slots, ids)
        self.values = values
        self.view = view

    def value(self, source: str):
        try:
            c = compile_expr(source, self.symbols)
        except ExprError as exc:
            return f"(cannot evaluate: {exc.message})"
        try:
            v = c(self.values, self.view)
        except (ArithmeticError, TypeError, ValueError) as exc:
            return f"(error: {exc})"
        if isinstance(v, bool):
            return v
        if isinstance(v, (int, float)):
            return float(v)
        return v

    def breakdown(self, source: str) -> tuple[list[Term], list[Term]]:
        text = source.strip()
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError:
            return [], []
        clauses: list[Term] = []
        variables: list[Term] = []
        seen = set()
        leaves = _leaves(tree.body)
        if len(leaves) > 1 or not isinstance(tree.body, (ast.Name, ast.Attribute, ast.Call)):
            for leaf in leaves:
                seg = ast.get_source_segment(text, leaf) or ""
                clauses.append(Term(seg, _truthy(self.value(seg))))
        for node in _variables(tree.body):
            seg = ast.get_source_segment(text, node) or ""
            if seg in seen or seg in ("true", "false", "True", "False"):
                continue
            seen.add(seg)
            variables.append(Term(seg, self.value(seg)))
        return clauses, variables


def _truthy(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return v != 0
    return v


# ---------------------------------------------------------------- the replay


def _replay_to(sc: Scenario, seed: int, turn: int, policy_name, difficulty: str | None):
    """Play the game simulate plays with this seed; return (pre-draw state of `turn` or None, final session).
    `policy_name` is a policy name, or a policy object (e.g. a save's ReplayPolicy)."""
    holder: dict = {}

    class Probe(Session):
        def _begin_turn(self):
            if self.st.turn == turn and "state" not in holder:
                holder["state"] = copy.deepcopy(self.st)
            super()._begin_turn()

    policy = make_policy(policy_name, sc) if isinstance(policy_name, str) else policy_name
    session = Probe.new(sc, seed=seed, difficulty=difficulty)
    rng = random.Random(seed ^ 0x5EED)  # as game.sim.runner.run_one
    play(session, policy, rng, until=lambda _: "state" in holder)  # stopped once the asked turn began
    return holder.get("state"), session


def explain(sc: Scenario, event_id: str, seed: int, turn: int, policy="random",
            difficulty: str | None = None) -> Explanation:
    """Explain one event at one turn of the game played with `seed` and `policy` (a name or a policy object)."""
    ev = sc.events.get(event_id)
    if ev is None:
        hint = suggest(event_id, sc.events)
        raise CeasefireError(f"no event '{event_id}' in scenario '{sc.id}'" + (f"; did you mean '{hint}'?" if hint else ""))
    if turn < 1:
        raise CeasefireError("--turn must be 1 or more")
    m = ev.model
    how = "triggered" if m.triggered_only else "on_turn" if m.on_turn is not None else "drawn"
    pre, final = _replay_to(sc, seed, turn, policy, difficulty)
    name = policy if isinstance(policy, str) else getattr(policy, "name", "custom")
    ex = Explanation(event_id, m.title, seed, turn, name, how, fired=False, reached=pre is not None)
    if pre is None:
        ex.ended_at, ex.ending = final.st.turn, final.st.ending
        ex.verdict = "not reached: ask about an earlier turn"
        return ex
    post = final.st
    ex.fired = post.last_fired.get(event_id) == turn
    probe = Session(sc, pre)  # the pre-draw state, read with the engine's own rules
    view = View(pre)
    values = pre.values
    fired_before = pre.fired.get(event_id, 0)
    ex.checks.append(Check("times fired", not (m.max_fires and fired_before >= m.max_fires),
                           f"{fired_before} before this turn; max_fires {m.max_fires or 'no limit'}",
                           failed=f"it had already fired {plural(fired_before, 'time')} (max_fires {m.max_fires})"))
    if how == "drawn":
        ex.checks.append(Check("turn window", m.min_turn <= turn <= m.max_turn, f"turn {turn} in {m.min_turn}..{m.max_turn}",
                               failed=f"turn {turn} is outside its turns {m.min_turn}..{m.max_turn}"))
        last = pre.last_fired.get(event_id)
        if last is None:
            ex.checks.append(Check("cooldown", True, "never fired before"))
        else:
            ex.checks.append(Check("cooldown", turn - last > ev.cooldown,
                                   f"last fired on turn {last}; cooldown {plural(ev.cooldown, 'turn')}, so drawable from turn {last + ev.cooldown + 1}",
                                   failed=f"cooldown until turn {last + ev.cooldown + 1}"))
    elif how == "on_turn":
        ex.checks.append(Check("on_turn", m.on_turn == turn, f"scheduled for turn {m.on_turn}"))
    else:
        due = [x for x in pre.scheduled if x[1] == event_id]
        now = [x for x in due if x[0] <= turn]
        detail = ("scheduled by " + ", ".join(f"{x[3]} (due turn {x[0]})" for x in now)) if now else \
            ("scheduled for later: " + ", ".join(f"turn {x[0]}" for x in due) if due else
             "nothing had scheduled it by the start of this turn (a delay-0 chain during the briefing can still fire it)")
        if not now and ex.fired:
            now, detail = [True], "a delay-0 chain or schedule effect fired it during this turn's briefing"
        ex.checks.append(Check("scheduled", bool(now), detail, failed=detail if due else "nothing scheduled it"))
    if how != "drawn" and (m.min_turn > 1 or m.max_turn < sc.meta.turns):
        # min_turn/max_turn limit only the draw: a chained or on_turn event comes whatever its window
        inside = m.min_turn <= turn <= m.max_turn
        ex.checks.append(Check("turn window", True, f"not checked: {m.min_turn}..{m.max_turn} limits only the draw, and "
                                                    f"this event is {'fixed on its turn' if how == 'on_turn' else 'brought by a chain or schedule effect'}"
                                                    + ("" if inside else f" (turn {turn} is outside it)"), checked=False))
    ev_ok = ev.when is None or bool(_safe(ev.when, values, view))
    ex.checks.append(Check("when", ev_ok, "no condition" if m.when is None else f"{m.when!r} is {'true' if ev_ok else 'false'}"))
    evaluator = _Evaluator(sc, values, view)
    if m.when:
        ex.clauses, ex.variables = evaluator.breakdown(m.when)
    if how == "drawn":
        w = probe._weight(ev)
        base = evaluator.value(m.weight) if isinstance(m.weight, str) else float(m.weight)
        terms = [f"{round(base, 2):g}" if isinstance(base, float) else str(base)]
        for wm in m.weight_mods:
            on = bool(evaluator.value(wm.when))
            if on:
                terms.append(f"{wm.factor:g} (while {wm.when})")
        ex.weight, ex.weight_terms = w, terms
        pool = [(e, probe._weight(e)) for e in probe._drawable if probe._eligible(e, True)]
        if any(e.id == event_id for e, x in pool if x > 0):
            ex.pool_total = sum(x for _, x in pool if x > 0)
        n = sc.meta.events_per_turn
        ex.draws = f"draws this turn: {n}" + (f" (+1 with chance {sc.meta.extra_event_chance:g})" if sc.meta.extra_event_chance else "") + \
            f"; {sum(1 for _, x in pool if x > 0)} event(s) eligible"
    reports = list(post.reports) + ([post.current] if post.current is not None else [])
    ex.fired_turns = sorted({r.turn for r in reports if any(c.source == event_id and c.cause == "event" for c in r.changes)})
    gates_ok = all(c.ok for c in ex.checks)
    if ex.fired:
        ex.verdict = "it fired this turn"
    elif any(event_id in r.set_aside for r in reports if r.turn == turn):  # (the turn's report names them)
        ex.verdict = ("it came up this turn but was set aside unseen: an answer before it made it moot (its condition "
                      "no longer held, or it had fired as often as it may)")
    elif not gates_ok:
        failed = [c.failed or c.name + " failed" for c in ex.checks if not c.ok]
        ex.verdict = "it could not fire: " + ", ".join(failed)
    elif how == "drawn" and ex.weight is not None and ex.weight <= 0:
        ex.verdict = "it could not be drawn: its weight was 0"
    elif how == "drawn":
        ex.verdict = "it was eligible but another event won the draw (or the briefing was full)"
    else:
        ex.verdict = "it was due but did not fire (the briefing was full, or its condition changed during the briefing)"
    return ex


def _safe(compiled, values, view):
    try:
        return compiled(values, view)
    except (ArithmeticError, TypeError, ValueError):
        return False


def explain_save(path, event_id: str, turn: int) -> Explanation:
    """Explain an event at a turn of a saved game: its recorded choices are replayed from its seed."""
    from game.saves.savefile import read, source_of
    from game.sim.policies import ReplayPolicy

    sf = read(path)
    edits = sf.dev_edits
    if edits and turn > edits[0][0]:  # (a turn's briefing comes before any change made during it)
        first, what = edits[0]
        raise CeasefireError(
            f"{path}: developer mode changed this game on turn {first} ({what}), so its seed and choices cannot "
            f"reproduce turn {turn}; explain turns 1 to {first} of this save, or a game played without --dev")
    sc = loader.load(*source_of(sf, path))
    ex = explain(sc, event_id, sf.seed, turn, ReplayPolicy(sf.choices), sf.difficulty)
    ex.policy = f"the choices recorded in {path}"
    if turn > sf.turn:
        ex.verdict += f" (note: the save stops at turn {sf.turn}; later turns were played with first options and no orders)"
    return ex


def cli_explain(args) -> int:
    """`ceasefire explain EVENT (--seed N [--game I] | --save FILE) --turn T [--scenario S] [--mod DIR]... [--json]`."""
    import json

    from game.sim.runner import game_seed

    if getattr(args, "save", None):
        ex = explain_save(args.save, args.event, args.turn)
    else:
        if args.seed is None:
            raise CeasefireError("give --seed N (a game's seed, or simulate's --seed with --game I) or --save FILE")
        sc = loader.load(args.scenario or "basra_2008", args.mod)
        seed = args.seed if args.game is None else game_seed(args.seed, args.game)
        ex = explain(sc, args.event, seed, args.turn, args.policy, args.difficulty)
    if args.json:
        print(json.dumps(ex.to_json(), indent=2))
    else:
        print(ex.text())
    return 0
