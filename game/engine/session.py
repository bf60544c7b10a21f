"""The one entry point front ends call: a game of a loaded scenario, turn by turn.

A turn: briefing (scheduled events, then a weighted draw) -> the player's choices on the
event cards -> orders within the political-capital budget -> resolution (orders and their
reactions, condition reactions, the actors' own moves, lagged effects and dynamics,
endings) -> a report of every change with its cause. What a choice or an order would do
before it is taken: preview.py, mixed into Session.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from game.content.runtime import RAction, REvent, ROption, RReaction, RVariant, Scenario
from game.engine.effects import Applier, Cause, holds, value_of
from game.engine.fast import FastPath
from game.engine.preview import Previews
from game.engine.report import Change, News, TurnReport
from game.engine.state import RULES, State, View
from game.errors import GameError
from game.words import amount as budget_words

Order = tuple[str, "str | None"]


@dataclass(frozen=True)
class Availability:
    """Whether a choice can be taken now, and if not, why."""

    ok: bool
    reason: str = ""
    kind: str = ""  # what closes it: "wait", "cost" or "condition" (the interface adds "orders"); "" when open


_OK = Availability(True)


class _Tables:
    """What each turn reads, as plain tuples: built once per loaded scenario, shared by its sessions.

    Conditions and weights stay `Compiled` expressions, called as functions: an expression's function is
    made when first called, so that lean games, which run the fast path's own code, never make them."""

    def __init__(self, scenario: Scenario):
        self.player = next((a.id for a in scenario.actors.values() if a.player), "")
        self.on_turn: dict[int, list[REvent]] = {}
        for ev in scenario.events.values():
            if ev.model.on_turn is not None:
                self.on_turn.setdefault(ev.model.on_turn, []).append(ev)
        self.drawable = [ev for ev in scenario.events.values() if not ev.model.triggered_only and ev.model.on_turn is None]
        self.draw_specs = [
            (ev, ev.id, ev.model.max_fires, ev.model.min_turn, ev.model.max_turn, ev.cooldown,
             ev.when, ev.weight, ev.weight_mods)
            for ev in self.drawable
        ]
        self.move_specs = [
            (aid, scenario.actors[aid].idle_weight,
             [(mv, "move:" + mv.id, mv.model.cooldown_turns, mv.when, mv.weight,
               Cause("move", mv.id, mv.model.why, aid)) for mv in moves])
            for aid, moves in scenario.moves.items() if moves
        ]
        self.dynamic_specs = [(d.when, d.ops, Cause("dynamic", d.id, d.model.why), d.model.lag)
                              for d in scenario.dynamics]
        # every (action, target) in menu order: (action, target, variant, "action:<id>", cost, requires or None)
        self.order_specs = [
            (action, target, v, "action:" + action.id, action.model.cost, v.requires)
            for action in scenario.actions.values() for target, v in action.variants.items()
        ]
        # endings by priority: (ending, condition or None, checked only on the last turn)
        self.endings = [(e, e.when, bool(e.model.at_end or e.when is None))
                        for e in scenario.endings]
        self.causes: dict[str, Cause] = {}  # reaction id -> its Cause (immutable in use)
        self.priority = {eid: ev.model.priority for eid, ev in scenario.events.items()}
        # (action id, target) -> (action, variant, "action:<id>", cost, requires or None)
        self.order_index = {(action.id, target): (action, v, key, cost, requires)
                            for action, target, v, key, cost, requires in self.order_specs}
        meta = scenario.meta
        self.draw_rules = (meta.max_events_per_turn, meta.events_per_turn, meta.extra_event_chance)
        self.fast: FastPath | None = None
        self.scenario = scenario

    def fast_path(self) -> FastPath:
        """The generated lean functions (built on first use)."""
        if self.fast is None:
            self.fast = FastPath(self.scenario, self.draw_specs, self.move_specs, self.dynamic_specs, self.order_specs,
                                 self.endings)
        return self.fast


def fast_path(scenario: Scenario, choices: bool = False) -> FastPath:
    """The scenario's generated lean functions, built now if not yet (e.g. before forking workers).
    choices=True also builds every option's and order's function (else each is built when first met)."""
    t = _tables(scenario)
    fast = t.fast_path()
    if choices:
        fast.prepare(t.player, scenario.capital_slot)
    return fast


def _tables(scenario: Scenario) -> _Tables:
    t = scenario.__dict__.get("_engine_tables")
    if t is None:
        t = scenario.__dict__["_engine_tables"] = _Tables(scenario)
    return t


class Session(Previews):
    """A game in progress. Front ends read `state` and call the methods below."""

    def __init__(self, scenario: Scenario, state: State, record: bool = True):
        self.sc = scenario
        self.st = state
        self.view = View(state)
        self.fx = Applier(scenario, state, self.view, self._schedule)
        self.fx.recording = record  # False: no change records or news (lean simulation; same outcome)
        t = _tables(scenario)
        self.player = t.player
        self._on_turn = t.on_turn
        self._drawable = t.drawable
        self._draw_specs = t.draw_specs
        self._move_specs = t.move_specs
        self._dynamic_specs = t.dynamic_specs
        self._order_specs = t.order_specs
        self._causes = t.causes
        self._endings = t.endings
        self._draw_rules = t.draw_rules
        self._priority = t.priority
        self._order_index = t.order_index
        # lean games run the generated fast path (game/engine/fast.py): same results, no records
        self._fast = None if record else t.fast_path()
        self._front: int | None = None  # while a choice is applied: where the next card it brings this turn goes
        if self._fast is not None:
            self.fx.fast_ops = self._fast.ops

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def new(cls, scenario: Scenario, seed: int | None = None, difficulty: str | None = None,
            record: bool = True, rules: int = RULES) -> "Session":
        """Start a game at turn 1, its first briefing drawn. `rules` (game.engine.state.RULES) is this
        engine's; a replay passes its save's, so that the choices recorded replay as they were made."""
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        difficulty = difficulty or scenario.meta.default_difficulty
        if difficulty is not None and difficulty not in scenario.meta.difficulty:
            choices = ", ".join(scenario.meta.difficulty) or "none"
            raise GameError(f"no difficulty '{difficulty}' in scenario '{scenario.id}' (choose from: {choices})")
        values = scenario.start_values(difficulty)
        values[scenario.turn_slot] = 1.0
        st = State(scenario.id, int(seed), difficulty, values, rng=random.Random(int(seed)), rules=rules)
        for fl in scenario.initial_flags:
            st.flags[fl] = 0
        if difficulty:
            for fl in scenario.meta.difficulty[difficulty].flags:
                st.flags[fl] = 0
        st.history = [list(values)]
        session = cls(scenario, st, record)
        session._begin_turn()
        return session

    def close(self) -> None:
        """Done with this game: break the one reference cycle (session -> effects -> the session's
        scheduler), so that its memory is freed at once rather than by the cyclic garbage collector.
        The state can still be read; the game cannot go on."""
        self.fx.scheduler = None

    @property
    def ended(self) -> bool:
        return self.st.phase == "ended"

    @property
    def turn(self) -> int:
        return self.st.turn

    @property
    def capital(self) -> float:
        return self.st.values[self.sc.capital_slot]

    def value(self, name: str) -> float:
        return self.st.values[self.sc.index[name]]

    def date(self, turn: int | None = None):
        """The in-game date of `turn` (this turn's by default)."""
        return self.sc.turn_date(self.st.turn if turn is None else turn)

    # ------------------------------------------------------------ briefing

    def _eligible(self, ev: REvent, drawn: bool) -> bool:
        st, m = self.st, ev.model
        fired = st.fired.get(ev.id, 0)
        if m.max_fires and fired >= m.max_fires:
            return False
        if drawn:
            if not m.min_turn <= st.turn <= m.max_turn:
                return False
            last = st.last_fired.get(ev.id)
            if last is not None and st.turn - last <= ev.cooldown:
                return False
        return holds(ev.when, st.values, self.view)

    def _weight(self, ev: REvent) -> float:
        w = value_of(ev.weight, self.st.values, self.view)
        for factor, cond in ev.weight_mods:
            if holds(cond, self.st.values, self.view):
                w *= factor
        return w if w > 0 else 0.0

    def _pool(self, exclude: list[str]) -> tuple[list[REvent], list[float]]:
        """(events, their weights) of every event that can be drawn now: _eligible and _weight, inlined."""
        st = self.st
        V, X, turn, fired, last = st.values, self.view, st.turn, st.fired, st.last_fired
        if self._fast is not None and not self.fx.recording:
            return self._fast.pool(V, X, turn, fired, last, exclude)
        evs, ws = [], []
        for ev, eid, maxf, lo, hi, cd, when, weight, mods in self._draw_specs:
            if turn < lo or turn > hi or (maxf and fired.get(eid, 0) >= maxf):
                continue
            t = last.get(eid)
            if (t is not None and turn - t <= cd) or eid in exclude:
                continue
            try:
                if when is not None and not when(V, X):
                    continue
                w = weight if weight.__class__ is float else float(weight.fn(V, X))
                for factor, cond in mods:
                    if cond(V, X):
                        w *= factor
            except (ArithmeticError, TypeError, ValueError):
                continue
            if w > 0:
                evs.append(ev)
                ws.append(w)
        return evs, ws

    def event_weight(self, event_id: str) -> float:
        """The event's draw weight now, its weight mods applied."""
        return self._weight(self.sc.events[event_id])

    def event_eligible(self, event_id: str) -> bool:
        """Whether the event could be drawn now (turn window, max fires, cooldown, condition)."""
        ev = self.sc.events[event_id]
        return not ev.model.triggered_only and self._eligible(ev, True)

    def _begin_turn(self):
        st, sc = self.st, self.sc
        st.phase = "briefing"
        st.current = TurnReport(st.turn)
        st.choices.append({"events": [], "orders": []})
        cap, draws, extra = self._draw_rules
        queue: list[str] = []
        # fixed historical beats (on_turn) first, then follow-ups by priority, then the draw
        for ev in self._on_turn.get(st.turn, ()):
            if ev.id not in queue and len(queue) < cap and self._eligible(ev, False):
                queue.append(ev.id)
        due = [x for x in st.scheduled if x[0] <= st.turn] if st.scheduled else None
        if due:
            st.scheduled = [x for x in st.scheduled if x[0] > st.turn]
            due.sort(key=lambda x: -x[2])  # stable: same priority keeps schedule order
            for _, eid, _, _ in due:
                ev = sc.events[eid]
                if eid not in queue and len(queue) < cap and self._eligible(ev, False):
                    queue.append(eid)
        if extra > 0 and st.rng.random() < extra:
            draws += 1
        if draws and len(queue) < cap:  # (the pool only reads the state: no need to make it for a full queue)
            evs, ws = self._pool(queue)  # weights > 0, none already queued
            for _ in range(draws):
                if not evs or len(queue) >= cap:
                    break
                r = st.rng.random() * sum(ws)
                for j, w in enumerate(ws):
                    r -= w
                    if r < 0:
                        break
                queue.append(evs[j].id)
                del evs[j], ws[j]  # drawn: not again this turn
        st.queue = []
        if st.rules >= 3:
            st.coming = queue  # dealt one by one, as each comes up
        else:  # (rules 1 and 2: all dealt now)
            for eid in queue:
                self._fire(eid)
        if not st.queue:
            self.deal_next()

    def deal_next(self) -> None:
        """With no card waiting: deal the next of this turn's cards still to come (rule 3), or, with none
        left, go on to the orders. A card is dealt when it comes up, so its reactions happen after the
        answers before it; one those answers made moot (its condition no longer holds, or it has come as
        often as it may) is set aside unseen, as one that no longer held when the turn began would be."""
        st = self.st
        coming = st.coming
        while coming:
            eid = coming.pop(0)
            if self._eligible(self.sc.events[eid], False):
                self._fire(eid)
                return
            st.current.set_aside.append(eid)  # (the turn report says so)
        st.phase = "orders"

    def _fire(self, eid: str, front: bool = False):
        """Put the event's card in this turn's queue (at its end, or with `front` ahead of the cards waiting)
        and fire its reactions. The cards one choice brings (a chain or schedule of delay 0) go ahead of those
        waiting in the order they are written, each after the one before it (each used to go first, so
        two came in reverse order)."""
        st = self.st
        if front:
            at = self._front
            if at is None or st.rules < 2:  # (rule 1, a game saved before: each went first)
                st.queue.insert(0, eid)
            else:
                st.queue.insert(at, eid)
                self._front = at + 1
        else:
            st.queue.append(eid)
        st.fired[eid] = st.fired.get(eid, 0) + 1
        st.last_fired[eid] = st.turn
        if self.fx.recording:
            ev = self.sc.events[eid]
            st.news.append(News(st.turn, ev.model.news or ev.model.title, "event"))
            self.fx.record(Change(st.turn, "event:" + eid, ev.model.title, 0, 1, "event", eid, "the event occurred", ""))
        reactions = self.sc.on_event.get(eid)
        if reactions:
            self._react(reactions)

    def _schedule(self, event: str, delay: int, source: str):
        st = self.st
        if delay == 0 and st.phase == "briefing" and len(st.queue) + len(st.coming) < self.sc.meta.max_events_per_turn:
            if self._eligible(self.sc.events[event], False):
                if st.rules >= 3:  # next to come, after those this choice brought before it; dealt when it does
                    at = self._front
                    st.coming.insert(at or 0, event)
                    if at is not None:
                        self._front = at + 1
                else:
                    self._fire(event, front=True)
            return
        st.scheduled.append([st.turn + max(1, delay), event, self._priority[event], source])

    @property
    def card(self) -> REvent | None:
        """The event card waiting for a choice, if any."""
        return self.sc.events[self.st.queue[0]] if self.st.queue and self.st.phase == "briefing" else None

    def answered_before(self, event_id: str) -> list[int]:
        """The earlier turns on which this event's card was answered (an event can recur: a card
        shows it came before, so the same text does not read as a repeat by mistake)."""
        return [t for t, turn in enumerate(self.st.choices, start=1)
                if t < self.st.turn and any(e == event_id for e, _ in turn["events"])]

    def shown_options(self, event: REvent) -> list[ROption]:
        """The event's options in the order its card shows them: as written, or, with the scenario's
        shuffle_options, in an order made from the game's seed and the event's id by hashing (the same
        in every game of one world; the game's generator is not touched, so play is unchanged)."""
        if not self.sc.meta.shuffle_options or len(event.options) < 2:
            return list(event.options)
        seed = self.st.seed

        def rank(o: ROption) -> bytes:
            return hashlib.blake2b(f"{seed}/{event.id}/{o.id}".encode(), digest_size=8).digest()

        return sorted(event.options, key=rank)

    def open_options(self, event: REvent) -> list[ROption]:
        """The event's options that can be chosen now, in order (those option_availability marks ok)."""
        if self._fast is not None:
            fn = self._fast.open_options.get(event.id)
            return fn(self.st.values, self.view) if fn is not None else list(event.options)
        V, X = self.st.values, self.view
        return [o for o in event.options if o.requires is None or holds(o.requires, V, X)]

    def option_availability(self, option: ROption) -> Availability:
        if holds(option.requires, self.st.values, self.view):
            return _OK
        return Availability(False, option.model.requires_text or f"requires {option.model.requires}", "condition")

    def choose(self, option_id: str) -> None:
        """Answer the current event card."""
        st = self.st
        if not st.queue or st.phase != "briefing":
            raise GameError("no event is waiting for a choice")
        ev = self.sc.events[st.queue[0]]
        for opt in ev.options:
            if opt.id == option_id:
                break
        else:
            raise GameError(f"event '{ev.id}' has no option '{option_id}' (options: {', '.join(o.id for o in ev.options)})")
        if opt.requires is not None:
            avail = self.option_availability(opt)
            if not avail.ok:
                raise GameError(f"option '{option_id}' is not available: {avail.reason}")
        self._answer(ev, opt)

    def _answer(self, ev: REvent, opt: ROption) -> None:
        """choose() once the option is known to be the current card's and available."""
        self._front = 0  # the cards this choice brings this turn come first, in written order (see _fire)
        try:
            self._apply_answer(ev, opt)
        finally:
            self._front = None

    def _apply_answer(self, ev: REvent, opt: ROption) -> None:
        st = self.st
        if self._fast is not None:  # a lean game: the generated function does the rest
            found = self._fast._options.get(id(opt))  # FastPath.answer's cache, looked up here
            fn, key, pair = found if found is not None else self._fast.answer(ev, opt, self.player)
            st.queue.pop(0)
            st.chosen[key] = st.chosen.get(key, 0) + 1
            st.current.events.append(pair)
            st.choices[-1]["events"].append(list(pair))
            fn(st.values, self.view, st, self._schedule)
            if st.forced_ending:
                self._close_turn()
            elif not st.queue:
                self.deal_next()
            return
        st.queue.pop(0)
        key = ev.id + "/" + opt.id
        st.chosen[key] = st.chosen.get(key, 0) + 1
        st.current.events.append((ev.id, opt.id))
        st.choices[-1]["events"].append([ev.id, opt.id])
        if opt.model.news and self.fx.recording:
            st.news.append(News(st.turn, opt.model.news, "option"))
        cause = self._causes.get(key)
        if cause is None:
            cause = self._causes[key] = Cause("option", key, opt.model.text, self.player)
        self.fx.apply(opt.ops, cause)
        if opt.reactions:
            self._react(opt.reactions)
        reactions = self.sc.on_option.get(key)
        if reactions:
            self._react(reactions)
        for ch in opt.chains:
            if ch.chance >= 1.0 or st.rng.random() < ch.chance:
                self._schedule(ch.event, ch.delay, key)
        if st.forced_ending:
            self._close_turn()
        elif not st.queue:
            self.deal_next()

    # ------------------------------------------------------------ reactions

    def _react(self, reactions: tuple[RReaction, ...], target: str | None = None):
        st = self.st
        if self._fast is not None and not self.fx.recording:
            fn = self._fast.reacts.get(id(reactions))
            if fn is not None:
                fn(st.values, self.view, st, self._schedule, target)
                return
        region = self.sc.regions[target].short_name if target else ""
        for r in reactions:
            if r.targets and target not in r.targets:
                continue
            if r.max_fires and st.fires.get(r.id, 0) >= r.max_fires:
                continue
            if r.cooldown and st.ready.get("reaction:" + r.id, 0) > st.turn:
                continue
            if r.when is not None and not holds(r.when, st.values, self.view):
                continue
            p = r.chance if r.chance.__class__ is float else value_of(r.chance, st.values, self.view)
            if p < 1.0 and st.rng.random() >= p:
                continue
            cause = self._causes.get(("reaction", r.id, region))
            if cause is None:
                cause = self._causes[("reaction", r.id, region)] = Cause("reaction", r.id, r.why, r.actor or "", region)
            self.fx.apply(r.ops, cause)
            st.fires[r.id] = st.fires.get(r.id, 0) + 1
            if r.cooldown:
                st.ready["reaction:" + r.id] = st.turn + r.cooldown + 1

    # ------------------------------------------------------------ orders

    def _variant(self, action_id: str, target: str | None) -> tuple[RAction, RVariant]:
        action = self.sc.actions.get(action_id)
        if action is None:
            raise GameError(f"no action '{action_id}'")
        variant = action.variants.get(target)
        if variant is None:
            if target is None:
                raise GameError(f"action '{action_id}' needs a target: {', '.join(str(t) for t in action.variants)}")
            raise GameError(f"action '{action_id}' cannot target '{target}'")
        return action, variant

    def order_availability(self, action_id: str, target: str | None = None, spent: float = 0.0) -> Availability:
        action, variant = self._variant(action_id, target)
        return self._available(action, variant, spent)

    def _available(self, action: RAction, variant: RVariant, spent: float) -> Availability:
        st = self.st
        ready = st.ready.get("action:" + action.id) if st.ready else None
        if ready is not None and ready > st.turn:
            return Availability(False, f"not again until turn {ready}" if ready <= self.sc.meta.turns else "not again this game",
                                "wait")
        cost = action.model.cost
        if cost and cost > st.values[self.sc.capital_slot] - spent + 1e-9:
            return Availability(False, f"costs {budget_words(cost)} capital; {budget_words(self.capital - spent)} left", "cost")
        if variant.requires is not None and not holds(variant.requires, st.values, self.view):
            return Availability(False, action.model.requires_text or f"requires {action.model.requires}", "condition")
        return _OK

    def orders_available(self) -> list[tuple[RAction, str | None, Availability]]:
        """Every (action, target) with whether it can be ordered now."""
        return [(action, target, self.order_availability(action.id, target)) for action, target, *_ in self._order_specs]

    def open_orders(self) -> list[tuple[str, str | None]]:
        """(action id, target) of every order that can be given now, in menu order: the ones
        `orders_available` marks ok, computed without building reasons (for simulation policies)."""
        st = self.st
        V, X, turn, ready = st.values, self.view, st.turn, st.ready
        budget = V[self.sc.capital_slot] + 1e-9
        if self._fast is not None:
            return self._fast.open_orders(V, X, turn, ready, budget)
        out = []
        for action, target, _, key, cost, requires in self._order_specs:
            if ready:
                r = ready.get(key)
                if r is not None and r > turn:
                    continue
            if cost and cost > budget:
                continue
            if requires is not None:
                try:
                    if not requires(V, X):
                        continue
                except (ArithmeticError, TypeError, ValueError):
                    continue
            out.append((action.id, target))
        return out

    def check_orders(self, orders: list[Order]) -> list[tuple[RAction, RVariant]]:
        if len(orders) > self.sc.meta.max_orders_per_turn:
            raise GameError(f"at most {self.sc.meta.max_orders_per_turn} orders a turn")
        st = self.st
        V, X, ready, turn = st.values, self.view, st.ready, st.turn
        capital = V[self.sc.capital_slot]
        seen = set()
        spent = 0.0
        out = []
        for aid, target in orders:
            # the checks of _available, straight from the order table; anything amiss goes the long
            # way below, which says what is wrong
            spec = self._order_index.get((aid, target))
            if spec is not None and (aid, target) not in seen:
                action, variant, key, cost, requires = spec
                r = ready.get(key)
                if (r is None or r <= turn) and not (cost and cost > capital - spent + 1e-9):
                    try:
                        ok = requires is None or requires(V, X)
                    except (ArithmeticError, TypeError, ValueError):
                        ok = False
                    if ok:
                        seen.add((aid, target))
                        spent += cost
                        out.append((action, variant))
                        continue
            if (aid, target) in seen:
                raise GameError(f"order '{aid}' is given twice")
            seen.add((aid, target))
            action, variant = self._variant(aid, target)
            avail = self._available(action, variant, spent)
            if not avail.ok:
                raise GameError(f"cannot order '{aid}'{' in ' + target if target else ''}: {avail.reason}")
            spent += action.model.cost
            out.append((action, variant))
        return out

    def end_turn(self, orders: list[Order] = ()) -> TurnReport:
        """Carry out the orders and resolve the turn; returns its report."""
        st = self.st
        if st.phase == "ended":
            raise GameError("the game is over")
        if st.phase != "orders":
            raise GameError("answer the event cards first")
        checked = self.check_orders(list(orders))
        cap = self.sc.capital_slot
        if self._fast is not None:  # a lean game: a generated function per order does the rest
            built, order, turn = self._fast._orders, self._fast.order, st.turn
            for action, variant in checked:
                key = action.id
                st.current.orders.append((key, variant.target))
                st.choices[-1]["orders"].append([key, variant.target])
                st.taken.setdefault(key, []).append(turn)
                if action.model.cooldown_turns:
                    st.ready["action:" + key] = turn + action.model.cooldown_turns + 1
                (built.get(id(variant)) or order(action, variant, cap))(st.values, self.view, st, self._schedule)
            self._resolve()
            return st.reports[-1]
        for action, variant in checked:
            a = action.model
            key = action.id
            st.current.orders.append((key, variant.target))
            st.choices[-1]["orders"].append([key, variant.target])
            st.taken.setdefault(key, []).append(st.turn)
            if a.cooldown_turns:
                st.ready["action:" + key] = st.turn + a.cooldown_turns + 1
            causes = self._causes.get((key, variant.target))
            if causes is None:
                region = self.sc.regions[variant.target].short_name if variant.target else ""
                where = f" ({region})" if region else ""
                causes = self._causes[(key, variant.target)] = (
                    Cause("order", key, f"the cost of '{a.label}'", self.player, region),
                    Cause("order", key, a.label + where, self.player, region), (a.news or a.label) + where)
            if a.cost:
                self.fx.set_value(cap, st.values[cap] - a.cost, causes[0], None)
            if self.fx.recording:
                st.news.append(News(st.turn, causes[2], "order"))
            self.fx.apply(variant.ops, causes[1])
            if variant.reactions:
                self._react(variant.reactions, variant.target)
            reactions = self.sc.on_action.get(key)
            if reactions:
                self._react(reactions, variant.target)
        self._resolve()
        return st.reports[-1]

    # ------------------------------------------------------------ resolution

    def _resolve(self):
        st, sc = self.st, self.sc
        if not st.forced_ending:
            self._react(sc.state_reactions)
        if not st.forced_ending:
            self._moves()
        if not st.forced_ending:
            due = [x for x in st.lagged if x[0] <= st.turn]
            if due:
                st.lagged = [x for x in st.lagged if x[0] > st.turn]
                for _, kind, slot, amount, cause, source, why, actor in due:
                    self.fx.numeric(kind, slot, amount, None if self._fast else Cause(cause, source, why, actor), None)
            V, X, apply = st.values, self.view, self.fx.apply
            if self._fast is not None and not self.fx.recording:
                self._fast.dynamics(V, X, st, self._schedule)
                self._close_turn()
                return
            for when, ops, cause, lag in self._dynamic_specs:
                try:
                    if when is not None and not when(V, X):
                        continue
                except (ArithmeticError, TypeError, ValueError):
                    continue
                apply(ops, cause, lag)
        self._close_turn()

    def _moves(self):
        st = self.st
        if self._fast is not None and not self.fx.recording:
            self._fast.moves(st.values, self.view, st, self._schedule)
            return
        V, X, turn, ready, rng = st.values, self.view, st.turn, st.ready, st.rng
        for aid, idle, moves in self._move_specs:
            pool = []
            total = idle
            for spec in moves:
                mv, key, cooldown, when, weight, _ = spec
                if cooldown and ready.get(key, 0) > turn:
                    continue
                try:
                    if when is not None and not when(V, X):
                        continue
                    w = weight if weight.__class__ is float else float(weight.fn(V, X))
                except (ArithmeticError, TypeError, ValueError):
                    continue
                if w > 0:
                    pool.append((spec, w))
                    total += w
            if not pool:
                continue
            r = rng.random() * total
            chosen = None
            for spec, w in pool:
                r -= w
                if r < 0:
                    chosen = spec
                    break
            if chosen is None:
                continue
            mv, key, cooldown, _, _, cause = chosen
            if self.fx.recording:
                st.current.moves.append((aid, mv.id, mv.model.label))
                if mv.model.news:
                    st.news.append(News(turn, mv.model.news, "move"))
            if cooldown:
                ready[key] = turn + cooldown + 1
            self.fx.apply(mv.ops, cause)

    def _close_turn(self):
        st, sc = self.st, self.sc
        final = st.turn >= sc.meta.turns
        ending = None
        if st.forced_ending:
            ending = next(e for e in sc.endings if e.id == st.forced_ending)
        elif self._fast is not None:
            i = self._fast.endings(st.values, self.view, final)
            ending = self._endings[i][0] if i >= 0 else None
        else:
            V, X = st.values, self.view
            for e, when, last_turn_only in self._endings:
                if last_turn_only and not final:
                    continue
                if when is None:
                    ending = e
                    break
                try:
                    if when(V, X):
                        ending = e
                        break
                except (ArithmeticError, TypeError, ValueError):
                    pass
        st.queue = []
        st.coming = []  # (a forced ending: the cards still to come are not dealt)
        st.history.append(list(st.values))
        if ending is not None:
            st.ending = ending.id
            st.score = round(value_of(ending.score, st.values, self.view), 1)
            st.phase = "ended"
            st.news.append(News(st.turn, ending.model.title, "ending"))
            self.fx.record(Change(st.turn, "ending:" + ending.id, ending.model.title, 0, 1, "ending", ending.id,
                                  ending.model.explain or "its conditions held", ""))
        st.reports.append(st.current)
        if ending is None and final:
            # no ending matched on the last turn: close with the lowest-priority ending
            fallback = sc.endings[-1]
            st.ending, st.phase = fallback.id, "ended"
            st.score = round(value_of(fallback.score, st.values, self.view), 1)
        if st.phase == "ended":
            st.current = None
            return
        st.turn += 1
        st.values[sc.turn_slot] = float(st.turn)
        self._begin_turn()

    def fx_label(self, slot: int) -> str:
        """The display label of a state slot, e.g. 'Sadrists stance'."""
        return self.fx.labels[slot]

    # ------------------------------------------------------------ replay

    def apply_choices(self, turn_choices: dict, end: bool = True) -> None:
        """Replay one turn's recorded choices (events answered, then orders).

        With end=False the turn is left open after its cards (a save made before its orders)."""
        for eid, opt in turn_choices.get("events", []):
            if self.card is None or self.card.id != eid:
                raise GameError(f"replay diverged at turn {self.turn}: expected event '{eid}', "
                                f"found '{self.card.id if self.card else 'none'}'")
            self.choose(opt)
        if end and not self.ended and self.st.phase == "orders":
            self.end_turn([(a, t) for a, t in turn_choices.get("orders", [])])
