"""An order's preview is worked out on the state as it is now; an order planned before it is carried out first
and can change what the preview read. Session.preview_moved_by names those orders, from the rules alone."""

from __future__ import annotations

import itertools

from game.engine.session import Session
from tests.engine.helpers import answer_all


def _items(s: Session, order) -> list[tuple]:
    """What a preview says of each effect but its size (an amount moves at the end of its range, held there:
    what is said to move is which effects come, when, and how likely)."""
    return [(i.label, i.target, round(i.chance, 9), i.note, i.actor) for i in s.preview_order(*order).items]


def _orders(s: Session) -> list[tuple[str, str | None]]:
    return [(a.id, t) for a, t, _ in s.orders_available()]


def test_an_operation_planned_first_moves_the_next_ones_figures_and_talks_do_not(campaign):
    s = Session.new(campaign, seed=11)
    answer_all(s)
    north, baghdad = ("offensive", "north"), ("offensive", "baghdad")
    # the first operation sets or clears the flag that the second's reactions read, and counts as taken
    assert s.preview_moved_by(*baghdad, [north]) == [north]
    assert s.preview_moved_by(*north, []) == []
    assert s.preview_moved_by(*north, [north]) == []  # (itself, as planned: no order moves its own preview)
    # an order that writes nothing a preview reads is not named
    movers = {o for o in _orders(s) for p in _orders(s) if s.preview_moved_by(*p, [o])}
    quiet = [o for o in _orders(s) if not s.preview_moved_by(*baghdad, [o])]
    assert quiet and movers, (quiet, movers)


def test_an_order_not_named_leaves_the_preview_as_it_was_whatever_it_does(campaign):
    """Soundness: for every pair of orders (A, B) where A is not said to move B's preview, B's preview (its
    effects, their conditions and chances) is the same whatever A could write: each value A can change set to its ends and its middle, each flag it can
    set or clear turned over, its action counted as taken. (A false 'not moved' would fail here.)"""
    s = Session.new(campaign, seed=11)
    answer_all(s)
    orders = _orders(s)
    checked = 0
    for a, b in itertools.permutations(orders, 2):
        if s.preview_moved_by(*b, [a]):
            continue
        before = _items(s, b)
        for w in s._order_writes(*a):
            saved = (list(s.st.values), dict(s.st.flags), {k: list(v) for k, v in s.st.taken.items()})
            try:
                if isinstance(w, int):
                    slot = campaign.slots[w]
                    for x in (slot.lo, slot.hi, (slot.lo + slot.hi) / 2):
                        s.st.values[w] = x
                        assert _items(s, b) == before, (a, b, slot.name, x)
                elif w[0] == "flag":
                    if w[1] in s.st.flags:
                        del s.st.flags[w[1]]
                    else:
                        s.st.flags[w[1]] = s.turn
                    assert _items(s, b) == before, (a, b, w)
                elif w[0] == "action":
                    s.st.taken.setdefault(w[1], []).append(s.turn)
                    assert _items(s, b) == before, (a, b, w)
            finally:
                s.st.values[:] = saved[0]
                s.st.flags.clear(); s.st.flags.update(saved[1])
                s.st.taken.clear(); s.st.taken.update(saved[2])
            checked += 1
    assert checked > 100


def test_the_preview_of_a_moved_order_does_change_when_the_earlier_one_is_carried_out(campaign):
    """Not a false alarm: a Basra operation's preview after the first one won (its flag set, its action taken)
    is not the one worked out before it."""
    s = Session.new(campaign, seed=11)
    answer_all(s)
    second = ("offensive_us", "basra")
    before = _items(s, second)
    s.st.flags["actions.op_won"] = s.turn
    s.st.taken.setdefault("offensive", []).append(s.turn)
    assert _items(s, second) != before
    assert s.preview_moved_by(*second, [("offensive", "north")]) == [("offensive", "north")]


def _misread(s: Session, order, preview, report) -> list[str]:
    """What the order's reactions did in the turn's report that its preview did not say would come on that
    outcome of its roll: a reaction's change missing from the preview, or said under the other outcome (or as
    certain, when it hung on the roll). Empty when the preview told it right."""
    ids = {r.id for r in s._order_reactions(order[0], s._variant(*order)[1], order[1])}
    won = next(c.after == 1.0 for c in report.changes if c.target.startswith("roll:") and c.cause == "order")
    wrong = []
    for c in report.changes:
        if c.cause != "reaction" or c.source not in ids:
            continue
        said = [i for i in preview.items if i.target == c.target and i.why == c.why]
        ok = [i for i in said if i.note == "" or i.note.startswith("if " if won else "unless ")]
        if not ok:
            wrong.append(f"{'won' if won else 'lost'}: {c.label} {c.after - c.before:+g} ({c.source}) said as "
                         f"{[i.note or 'certain' for i in said] or 'nothing'}")
    # and nothing said as certain that the report, on this outcome, did not do
    done = {(c.target, c.why) for c in report.changes if c.cause == "reaction" and c.source in ids}
    for i in preview.items:
        if i.actor != s.player and i.chance >= 0.999 and not i.note and (i.target, i.why) not in done:
            wrong.append(f"{'won' if won else 'lost'}: {i.label} said certain, not done")
    return wrong


def test_an_operations_reactions_are_previewed_on_each_outcome_of_its_battle(campaign):
    """A Basra operation's reactions read the flag its own battle sets: won, the Mehdi Army and the port's
    gangs lose fighters and Washington is pleased; lost, Washington is not. The preview worked them out on the
    state before the battle, so it left out the first and gave the last as certain. With own_outcomes each
    comes under its outcome, and each game's report agrees with it, won or lost."""
    outcomes, old_wrong = set(), 0
    order = ("offensive", "basra")
    for seed in range(1, 13):
        s = Session.new(campaign, seed=seed)
        answer_all(s)
        if s.order_availability(*order).ok is False:
            continue
        state = (list(s.st.values), dict(s.st.flags), {k: list(v) for k, v in s.st.taken.items()}, s.st.rng.getstate())
        new, old = s.preview_order(*order, own_outcomes=True), s.preview_order(*order)
        # the preview puts the state back as it found it, and draws no die
        assert state == (s.st.values, s.st.flags, s.st.taken, s.st.rng.getstate())
        report = s.end_turn([order])
        assert _misread(s, order, new, report) == [], seed
        old_wrong += bool(_misread(s, order, old, report))
        outcomes.add(next(c.after for c in report.changes if c.target.startswith("roll:") and c.cause == "order"))
    assert outcomes == {0.0, 1.0}  # both outcomes met
    assert old_wrong  # (the plain preview misread them)
