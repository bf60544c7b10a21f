"""Simulation policies: random, greedy, heuristic, historical, single-action spam, replay."""

from __future__ import annotations

import random

from game.content.runtime import Scenario
from game.engine.session import Order, Session
from game.errors import GameError


def _action_info(scenario: Scenario) -> dict[str, tuple[float, bool]]:
    """action id -> (cost, has no targets), once per scenario."""
    info = scenario.__dict__.get("_policy_action_info")
    if info is None:
        info = scenario.__dict__["_policy_action_info"] = {
            aid: (a.model.cost, a.model.targets == []) for aid, a in scenario.actions.items()}
    return info


def affordable(session: Session, picks: list[tuple[str, str | None]], limit: int, open_now: bool = False) -> list[Order]:
    """Take picks in order while the budget and the order cap allow.

    open_now: every pick is known to be available now (from `Session.open_orders`), so only the
    budget left after the earlier picks needs checking."""
    out: list[Order] = []
    if limit <= 0:
        return out
    spent = 0.0
    info = _action_info(session.sc)
    capital = session.capital + 1e-9
    given = set()  # actions in `out`
    for aid, target in picks:
        cost, untargeted = info[aid]
        if untargeted and aid in given:
            continue
        if spent + cost <= capital and (open_now or session.order_availability(aid, target, spent).ok):
            out.append((aid, target))
            if len(out) >= limit:
                break
            given.add(aid)
            spent += cost
    return out


def _below(rng: random.Random, n: int) -> int:
    """rng._randbelow(n) for n >= 1, written out: what rng.choice and rng.randint draw with."""
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return r


def _shuffle(rng: random.Random, x: list) -> None:
    """rng.shuffle(x), written out: the same swaps from the same draws (CPython's Fisher-Yates over
    getrandbits), without a method call per element. Checked against rng.shuffle below."""
    getrandbits = rng.getrandbits
    for i in range(len(x) - 1, 0, -1):
        n = i + 1
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        x[i], x[r] = x[r], x[i]


def _same_as_library() -> bool:
    for seed in range(8):
        for n in (0, 1, 2, 5, 17, 64):
            a, b = list(range(n)), list(range(n))
            r1, r2 = random.Random(seed), random.Random(seed)
            r1.shuffle(a)
            _shuffle(r2, b)
            if a != b or r1.getstate() != r2.getstate():
                return False
            if n and (r1.choice(a) != a[_below(r2, n)] or r1.randint(0, n) != _below(r2, n + 1)
                      or r1.getstate() != r2.getstate()):
                return False
    return True


# should a Python version draw otherwise, games keep to the library's functions
if _same_as_library():
    shuffle, below = _shuffle, _below
else:  # pragma: no cover - not on the Pythons we test
    shuffle, below = (lambda rng, x: rng.shuffle(x)), (lambda rng, n: rng.randrange(n))


class RandomPolicy:
    """Uniform choices; a random number of random affordable orders."""

    name = "random"

    def choose(self, session, event, options, rng):
        return options[below(rng, len(options))].id  # rng.choice(options)

    def orders(self, session, rng):
        avail = session.open_orders()
        shuffle(rng, avail)
        k = below(rng, session.sc.meta.max_orders_per_turn + 1)  # rng.randint(0, max)
        return affordable(session, avail, k, open_now=True)


class SpamPolicy:
    """Orders one action every turn it can (each target in turn); random answers to events."""

    def __init__(self, action: str):
        self.action = action
        self.name = f"spam:{action}"

    def choose(self, session, event, options, rng):
        return rng.choice(options).id

    def orders(self, session, rng):
        action = session.sc.actions[self.action]
        targets = list(action.variants)
        rng.shuffle(targets)
        return affordable(session, [(self.action, t) for t in targets], session.sc.meta.max_orders_per_turn)


class GreedyPolicy:
    """Picks whatever the preview says raises one metric most (greedy-by-metric)."""

    def __init__(self, metric: str):
        self.metric = metric
        self.name = f"greedy:{metric}"

    def _gain(self, preview) -> float:
        return sum((i.delta or 0) * i.chance for i in preview.items if i.target == self.metric)

    def choose(self, session, event, options, rng):
        return max(options, key=lambda o: (self._gain(session.preview_option(event.id, o.id)), rng.random())).id

    def orders(self, session, rng):
        scored = [(self._gain(session.preview_order(a, t)), rng.random(), a, t) for a, t in session.open_orders()]
        scored.sort(reverse=True)
        return affordable(session, [(a, t) for g, _, a, t in scored if g > 0], session.sc.meta.max_orders_per_turn)


class ScriptedPolicy:
    """A policy written in content: weights over actions and options (see policies.toml)."""

    def __init__(self, name: str, action_weights: dict[str, float], option_weights: dict[str, float],
                 orders_per_turn: int = 2, historical_options: bool = False):
        self.name = name
        self.action_weights = action_weights
        self.option_weights = option_weights
        self.orders_per_turn = orders_per_turn
        self.historical_options = historical_options

    def choose(self, session, event, options, rng):
        if self.historical_options:
            for o in options:
                if o.model.historical:
                    return o.id
        weights = [self.option_weights.get(f"{event.id}/{o.id}", self.option_weights.get(o.id, 1.0)) for o in options]
        if sum(weights) <= 0:
            return rng.choice(options).id
        return rng.choices(options, weights=weights)[0].id

    def orders(self, session, rng):
        avail = [(a, t) for a, t in session.open_orders() if self.action_weights.get(a, 0) > 0]
        keyed = sorted(avail, key=lambda p: -self.action_weights[p[0]] * (0.5 + rng.random()))
        return affordable(session, keyed, min(self.orders_per_turn, session.sc.meta.max_orders_per_turn), open_now=True)


class ReplayPolicy:
    """Replays a recorded list of choices (from a save); falls back to the first option."""

    def __init__(self, choices: list[dict]):
        self.name = "replay"
        self.choices = choices

    def _turn(self, session) -> dict:
        i = session.turn - 1
        return self.choices[i] if i < len(self.choices) else {"events": [], "orders": []}

    def choose(self, session, event, options, rng):
        for eid, opt in self._turn(session).get("events", []):
            if eid == event.id and any(o.id == opt for o in options):
                return opt
        return options[0].id

    def orders(self, session, rng):
        return [(a, t) for a, t in self._turn(session).get("orders", [])]


def policy_names(scenario: Scenario) -> list[str]:
    names = ["random", "historical"] + sorted(getattr(scenario, "policy_specs", {}) or {})
    names += [f"greedy:{m}" for m in scenario.metrics] + [f"spam:{a}" for a in scenario.actions]
    return list(dict.fromkeys(names))


POLICY_FORMS = "random, historical, greedy:<metric>, spam:<action>, replay:<save>"


def _did_you_mean(word: str, ids, prefix: str) -> str:
    from game.expr.compiler import suggest

    hint = suggest(word, ids) if word else None
    return f"; did you mean '{prefix}{hint}'?" if hint else ";"


def _policy_problem(name: str, scenario: Scenario) -> str:
    """Why `name` names no policy of the scenario, and what to give instead (one line)."""
    head, colon, rest = name.partition(":")
    if colon and head == "spam":
        actions = ", ".join(scenario.actions)
        if not rest:
            return f"policy 'spam:' names no action: give spam:ACTION (actions: {actions})"
        return (f"unknown action '{rest}' in policy '{name}'" + _did_you_mean(rest, list(scenario.actions), "spam:")
                + f" actions: {actions}")
    if colon and head == "greedy":
        metrics = ", ".join(scenario.metrics)
        values = [k for k in scenario.index if k != "turn"]
        example = next((k for k in values if k not in scenario.metrics), "")
        also = f"; any value of the state works too, e.g. greedy:{example}" if example else ""
        if not rest:
            return f"policy 'greedy:' names no metric: give greedy:METRIC (metrics: {metrics}{also})"
        return (f"unknown metric '{rest}' in policy '{name}'" + _did_you_mean(rest, values, "greedy:")
                + f" metrics: {metrics}{also}")
    own = [k for k in sorted(getattr(scenario, "policies", None) or ()) if k not in ("random", "historical")]
    from game.expr.compiler import suggest

    hint = suggest(name, policy_names(scenario))
    return (f"unknown policy '{name}'" + (f"; did you mean '{hint}'?" if hint else "")
            + f" (choose from: {POLICY_FORMS}" + "".join(", " + k for k in own) + ")")


def _replay_choices(name: str) -> list[dict]:
    """The choices of the save a replay:SAVE policy names (a path, or a name in the saves folder)."""
    from game.errors import SaveError
    from game.saves.savefile import find, read

    given = name[len("replay:"):]
    if not given:
        raise GameError("policy 'replay:' names no save: give replay:SAVE (a save file, or a name `ceasefire saves` lists)")
    path = find(given)
    if not path.exists():
        raise GameError(f"no save '{given}' for policy '{name}', here or in the saves folder: give a save file, "
                        "or a name `ceasefire saves` lists")
    try:
        return read(path).choices
    except SaveError as exc:
        raise SaveError(f"policy '{name}': {exc}") from None


def make_policy(name: str, scenario: Scenario):
    """Build a policy by name; raise GameError saying what is wrong with the name and what to give."""
    if name == "random":
        return RandomPolicy()
    if name.startswith("spam:") and name[5:] in scenario.actions:
        return SpamPolicy(name[5:])
    if name.startswith("greedy:") and name[7:] in scenario.index:
        return GreedyPolicy(name[7:])
    scripted = (getattr(scenario, "policies", {}) or {}).get(name)
    if scripted is not None:
        return scripted
    if name.startswith("replay:"):
        return ReplayPolicy(_replay_choices(name))
    if name == "historical":
        return ScriptedPolicy("historical", {a: 1.0 for a in scenario.actions}, {}, 2, historical_options=True)
    raise GameError(_policy_problem(name, scenario))


def play(session: Session, policy, rng: random.Random, max_turns: int = 1000, until=None) -> Session:
    """Play a session to its end with a policy (or, given `until`, stop once a turn's cards are
    answered and until(session) holds)."""
    st, events = session.st, session.sc.events
    for _ in range(max_turns):
        if st.phase == "ended":
            break
        while st.queue and st.phase == "briefing":  # session.card, inlined
            ev = events[st.queue[0]]
            opts = session.open_options(ev)
            picked = policy.choose(session, ev, opts, rng)
            for opt in opts:
                if opt.id == picked:  # the card's own option, available: answer it as choose() would
                    session._answer(ev, opt)
                    break
            else:
                session.choose(picked)  # not among them: choose() says why
            if st.phase == "ended":
                return session
        if until is not None and until(session):
            break
        try:
            session.end_turn(policy.orders(session, rng))
        except GameError:
            session.end_turn([])
    return session
