"""Previews: what a card's option or an order would do, read off the game as it stands and put back as it
was (no die drawn). Mixed into Session, whose state (st, sc, view, player ...) these methods read."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from game.content.runtime import RAction, RReaction, RVariant
from game.engine.effects import holds, value_of
from game.engine.report import Preview, PreviewItem

if TYPE_CHECKING:
    from game.engine.session import Order


class Previews:
    """The preview methods of Session (see session.py)."""

    def preview_option(self, event_id: str, option_id: str) -> Preview:
        ev = self.sc.events[event_id]
        opt = next(o for o in ev.options if o.id == option_id)
        p = Preview()
        self._preview_ops(opt.ops, self.player, 1.0, "", opt.model.text, p.items)
        for r in opt.reactions + self.sc.on_option.get(f"{event_id}/{option_id}", ()):
            self._preview_reaction(r, p.items)
        for ch in opt.chains:
            if not self._comes_in_time(ch.delay):
                continue
            p.items.append(PreviewItem(f"leads to: {self.sc.events[ch.event].model.title}", "event:" + ch.event,
                                       None, ch.chance, "a follow-up", "", turns=self._follow_up_in(ch.delay)))
        return p

    def _follow_up_in(self, delay: int) -> int:
        """In how many turns an event scheduled now with this delay comes, as _schedule places it: 0 (later
        this turn) for a delay of 0 while the cards are answered and the turn has room for one more card
        (the card being answered leaves the queue first), else `delay`, and never less than the next turn."""
        st = self.st
        waiting = (len(st.queue) - 1 if st.queue else 0) + len(st.coming)
        if delay == 0 and st.phase == "briefing" and waiting < self.sc.meta.max_events_per_turn:
            return 0
        return max(1, delay)

    def _comes_in_time(self, delay: int) -> bool:
        """Whether an event scheduled now with this delay comes before the game's last turn is over
        (as _schedule places it): a preview does not promise a follow-up that cannot come."""
        return self.st.turn + self._follow_up_in(delay) <= self.sc.meta.turns

    def preview_order(self, action_id: str, target: str | None = None, own_outcomes: bool = False) -> Preview:
        """What an order will likely do. Its reactions are read on the state as it is now; with `own_outcomes`,
        on the state as the order itself leaves it (its cost paid, itself counted as taken, its own effects
        done), on each outcome of its own roll when a reaction reads what that roll decides: an operation's
        reactions to a victory were left out and those to a defeat shown as certain ('United States patience
        −3'), when both hang on the battle. (Off by default: the simulator's policies read the plain preview.)"""
        action, variant = self._variant(action_id, target)
        p = Preview(cost=action.model.cost)
        self._preview_ops(variant.ops, self.player, 1.0, "", action.model.label, p.items)
        reactions = self._order_reactions(action_id, variant, target)
        if own_outcomes:
            self._preview_reactions_after(action, variant, reactions, p.items)
            return p
        for r in reactions:
            self._preview_reaction(r, p.items)
        return p

    def _preview_reactions_after(self, action: RAction, variant: RVariant, reactions: list[RReaction], out: list):
        """Each reaction previewed on the state the order leaves: on both outcomes of its own roll when the
        reaction reads what the roll writes (then each outcome's lines carry the roll's own 'if …'/'unless …'
        note, as the roll's effects do, and its chance), else once. The state is put back as it was; no die
        is drawn."""
        st, X = self.st, self.view
        reads: set = set()
        for r in reactions:
            _expr_reads(r.when, reads)
            _expr_reads(r.chance, reads)
            _ops_reads(r.ops, reads)
        rolls = []
        for op in variant.ops:
            if op.kind == "roll":
                writes: set = set()
                _ops_writes(op.success + op.failure, writes)
                if writes & reads:
                    rolls.append(op)
        roll = rolls[0] if len(rolls) == 1 else None  # (two rolls deciding reactions: none in the content)
        outcomes: list[tuple[bool | None, float, str]] = [(None, 1.0, "")]
        if roll is not None:
            p = value_of(roll.chance, st.values, X)
            label = roll.name or "the gamble pays off"
            now = "" if isinstance(roll.chance, float) else " now"
            outcomes = [(True, p, f"if {label}: {p:.0%} chance{now}"), (False, 1 - p, f"unless {label}: {1 - p:.0%} chance")]
        values, flags, taken = list(st.values), dict(st.flags), st.taken.get(action.id)
        try:
            for r in reactions:
                seen = []
                for won, q, note in outcomes:
                    self._suppose(action, variant, roll, won, values, flags, taken)
                    items: list = []
                    if q > 0:
                        self._preview_reaction(r, items, q, note)
                    seen.append(items)
                if len(seen) == 2 and _same_items(seen[0], seen[1], outcomes):
                    seen = [[replace(i, chance=i.chance / outcomes[0][1], note="") for i in seen[0]]]
                for items in seen:
                    out.extend(items)
        finally:
            st.values[:] = values
            st.flags.clear()
            st.flags.update(flags)
            if taken is None:
                st.taken.pop(action.id, None)
            else:
                st.taken[action.id] = taken

    def _suppose(self, action: RAction, variant: RVariant, roll, won, values: list, flags: dict, taken) -> None:
        """The state as carrying out the order would leave it before its reactions (end_turn's order), the
        roll `roll` going as `won` says (any other roll of its: as it succeeds), from the state `values`,
        `flags`, `taken` it had."""
        st = self.st
        st.values[:] = values
        st.flags.clear()
        st.flags.update(flags)
        st.taken[action.id] = list(taken or ()) + [st.turn]
        cap = self.sc.capital_slot
        if action.model.cost:
            st.values[cap] = values[cap] - action.model.cost
        self._suppose_ops(variant.ops, roll, won)

    def _suppose_ops(self, ops, roll, won) -> None:
        st, X = self.st, self.view
        V = st.values
        for op in ops:
            if op.when is not None and not holds(op.when, V, X):
                continue
            k = op.kind
            if k in ("add", "set", "mul"):
                amount = value_of(op.value, V, X)
                new = V[op.slot] + amount if k == "add" else amount if k == "set" else V[op.slot] * amount
                slot = self.sc.slots[op.slot]
                V[op.slot] = min(slot.hi, max(slot.lo, new))
            elif k == "flag":
                st.flags[op.name] = st.turn
            elif k == "unflag":
                st.flags.pop(op.name, None)
            elif k == "roll":
                self._suppose_ops(op.success if (op is not roll or won) else op.failure, roll, won)

    def preview_moved_by(self, action_id: str, target: str | None, before: list[Order]) -> list[Order]:
        """The orders of `before` (planned ahead of this one: carried out first, in that order) that can change
        what `preview_order` worked out on the state as it is now: which of its effects come (their
        conditions) and how likely (its reactions' and its rolls' chances), and amounts it reads from the state. Found from the rules, by what
        each earlier order can write (values, flags, its capital, that it was taken, the cooldown of a
        reaction it shares) against what this order's preview reads; the earlier orders are not played, so
        no die of the game is drawn (nor is their outcome told before the turn ends)."""
        reads = self._order_reads(action_id, target)
        return [o for o in before if o != (action_id, target) and self._order_writes(*o) & reads]

    def _order_reactions(self, action_id: str, variant: RVariant, target: str | None) -> list[RReaction]:
        """The reactions an order (its variant for `target`) can set off: its own, and the rules answering
        it (for its region)."""
        return [r for r in variant.reactions + self.sc.on_action.get(action_id, ())
                if not r.targets or target in r.targets]

    def _order_reads(self, action_id: str, target: str | None) -> set:
        """What the preview of an order reads of the state: slot numbers and (kind, name) references."""
        _, variant = self._variant(action_id, target)
        out: set = set()
        _ops_reads(variant.ops, out)
        for r in self._order_reactions(action_id, variant, target):
            for expr in (r.when, r.chance):
                _expr_reads(expr, out)
            _ops_reads(r.ops, out)
            if r.cooldown or r.max_fires:  # an earlier order firing the same reaction can use it up
                out.add(("reaction", r.id))
        return out

    def _order_writes(self, action_id: str, target: str | None) -> set:
        """What carrying out an order can change: slot numbers and (kind, name) references."""
        action, variant = self._variant(action_id, target)
        out: set = {("action", action_id)}
        if action.model.cost:
            out.add(self.sc.capital_slot)
        _ops_writes(variant.ops, out)
        for r in self._order_reactions(action_id, variant, target):
            _ops_writes(r.ops, out)
            if r.cooldown or r.max_fires:
                out.add(("reaction", r.id))
        return out

    def _preview_reaction(self, r: RReaction, out: list, scale: float = 1.0, note: str = ""):
        if not holds(r.when, self.st.values, self.view):
            return
        chance = value_of(r.chance, self.st.values, self.view)
        self._preview_ops(r.ops, r.actor or "", chance * scale, note, r.why, out)

    def _preview_ops(self, ops, actor: str, chance: float, note: str, why: str, out: list):
        values = self.st.values
        for op in ops:
            if op.when is not None and not holds(op.when, values, self.view):
                continue
            w = op.why or why
            if op.kind in ("add", "set", "mul"):
                s = self.sc.slots[op.slot]
                amount = value_of(op.value, values, self.view)
                cur = values[op.slot]
                new = cur + amount if op.kind == "add" else amount if op.kind == "set" else cur * amount
                new = min(s.hi, max(s.lo, new))
                # whose doing it is: the rule's actor, never the owner of the value it changes (a reaction
                # with no actor that lowers the militia's strength is not the militia's reaction)
                out.append(PreviewItem(self.fx_label(op.slot), s.name, new - cur, chance, w, actor, note))
            elif op.kind in ("flag", "unflag"):
                out.append(PreviewItem(("sets " if op.kind == "flag" else "clears ") + op.name, "flag:" + op.name,
                                       None, chance, w, actor, note))
            elif op.kind == "roll":
                p = value_of(op.chance, values, self.view)
                # a roll's label says what success is ("the troops hold"): "if the troops hold: 60% chance"
                label = op.name or "the gamble pays off"
                # a chance worked out from the state can move before the order is carried out (an earlier
                # order or reaction changes what it reads): 'now' says so, so the report's figure is no surprise
                now = "" if isinstance(op.chance, float) else " now"
                self._preview_ops(op.success, actor, chance * p, f"if {label}: {p:.0%} chance{now}", w, out)
                # 'unless the troops hold', not 'if not': a preview lists the failure's lines apart from the
                # success's, and a player met "(if not: 20% chance, 18% overall)" with no word of what 'not' was
                self._preview_ops(op.failure, actor, chance * (1 - p), f"unless {label}: {1 - p:.0%} chance", w, out)
            elif op.kind == "schedule":
                if not self._comes_in_time(op.delay):
                    continue
                title = self.sc.events[op.name].model.title
                ch = op.chance if isinstance(op.chance, float) else value_of(op.chance, values, self.view)
                out.append(PreviewItem(f"leads to: {title}", "event:" + op.name, None, chance * ch, w, actor, note,
                                       turns=self._follow_up_in(op.delay)))
            elif op.kind == "end":
                title = next(e.model.title for e in self.sc.endings if e.id == op.name)
                out.append(PreviewItem(f"ends the game: {title}", "ending:" + op.name, None, chance, w, actor, note))


def _expr_reads(expr, out: set) -> None:
    """The slots and references an expression (or a plain number: none) reads, into `out`."""
    if expr is None or isinstance(expr, float):
        return
    out.update(getattr(expr, "reads", ()))
    out.update(getattr(expr, "refs", ()))


def _ops_reads(ops, out: set) -> None:
    for op in ops:
        for expr in (op.when, op.value, op.chance):
            _expr_reads(expr, out)
        if op.kind == "roll":
            _ops_reads(op.success, out)
            _ops_reads(op.failure, out)


def _ops_writes(ops, out: set) -> None:
    for op in ops:
        if op.kind in ("add", "set", "mul"):
            out.add(op.slot)
        elif op.kind in ("flag", "unflag"):
            out.add(("flag", op.name))
        elif op.kind == "roll":
            _ops_writes(op.success, out)
            _ops_writes(op.failure, out)


def _same_items(a: list, b: list, outcomes) -> bool:
    """Whether a reaction previews alike on both outcomes of a roll (its lines the same but for the outcome's
    share of the chance and its note): then it is said once, as before."""
    if len(a) != len(b):
        return False
    (_, pa, _), (_, pb, _) = outcomes
    for x, y in zip(a, b):
        if (x.label, x.target, x.delta, x.why, x.actor) != (y.label, y.target, y.delta, y.why, y.actor):
            return False
        if pa <= 0 or pb <= 0 or abs(x.chance / pa - y.chance / pb) > 1e-9:
            return False
    return True
