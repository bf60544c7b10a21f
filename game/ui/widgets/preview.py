"""What an option or an order would do, written for the player: changes merged and sized, rolls and their
chances, follow-ups, and why an order is closed."""

from __future__ import annotations

import re
from dataclasses import replace

from rich.measure import Measurement
from rich.text import Text

from game.numbers import MINUS, beside, formats, is_capital, is_zero, nearest, percent
from game.ui.text import clean, size_arrows, trend_style
from game.ui.widgets.panels import actor_name, possessive, slot_label
from game.ui.widgets.textview import hanging, hanging_rows
from game.words import flag_change


def merged(items: list) -> list:
    """Certain changes to the same number, told to the same actor, as one line with their sum ('Public
    confidence +2' twice read as two effects); the rest as they are. (merged_washes says which sums are
    changes that cancel out.)"""
    return merged_washes(items)[0]


def merged_washes(items: list) -> tuple[list, set[int]]:
    """`merged`, and the positions in it of the sums of changes that cancel out (+2 and −2: 'no net change',
    not 'no change now' nor 'already at its maximum', which told of one change that did nothing)."""
    out, at, moved = [], {}, {}
    for it in items:
        key = (it.target, it.actor) if it.delta is not None and it.certain else None
        if key is not None and key in at:
            i = at[key]
            out[i] = replace(out[i], delta=out[i].delta + it.delta)
            moved[i] = moved.get(i, 0) + (abs(it.delta) >= 0.05)
            continue
        if key is not None:
            at[key] = len(out)
            moved[len(out)] = int(abs(it.delta) >= 0.05)
        out.append(it)
    return out, {i for i, n in moved.items() if n > 1 and abs(out[i].delta) < 0.05}


_TERM = re.compile(r"(?<![\w.])((?:target\.)?[A-Za-z_]\w*(?:\.\w+)*)\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)")
_OPS = {">=": lambda a, b: a >= b - 1e-9, "<=": lambda a, b: a <= b + 1e-9,
        ">": lambda a, b: a > b + 1e-9, "<": lambda a, b: a < b - 1e-9}


def close_calls(session, requires: str | None, target: str | None = None) -> str:
    """What to add to an unavailable order's or option's reason when a number its condition compares is
    shown whole on the wrong side of the threshold: ' (Shiite heartland violence is 14.6)' beside 'Needs
    … violence 15 or more', where the Actors tab reads 'Violence 15'. The value is written with
    game.numbers.beside, so it sits on its own side; '' when every number shown is on its true side."""
    if not requires:
        return ""
    sc = session.sc
    notes = []
    for name, op, number in _TERM.findall(str(requires)):
        if name.startswith("target."):
            if not target:
                continue
            name = f"region.{target}.{name[7:]}" if f"region.{target}.{name[7:]}" in sc.index else f"{target}.{name[7:]}"
        if name not in sc.index or is_capital(sc, name):
            continue
        v, n = session.st.values[sc.index[name]], float(number)
        if _OPS[op](v, n) != _OPS[op](nearest(v), n):  # shown whole, it looks on the other side
            note = f"{slot_label(session, name)} is {beside(v, n)}"
            if note not in notes:
                notes.append(note)
    return f" ({'; '.join(notes)})" if notes else ""


def at_limit(session, slot) -> str:
    """Why an effect changes nothing now, said plainly: 'already at its maximum' for a value at the top of
    its range ('US commitment no change now' read as a forecast that the order does nothing to it)."""
    if slot is not None:
        v = session.st.values[session.sc.index[slot.name]]
        if v >= slot.hi - 1e-6:
            return "already at its maximum"
        if v <= slot.lo + 1e-6:
            return "already at its minimum"
    return "no change now"


def roll_heading(note: str, otherwise: bool = False) -> str:
    """'if the line holds: 65% chance now' as the heading of the effects that hang on it: 'If the line holds
    (65% chance now):'. `otherwise`: the note is the roll's other side ('unless the line holds: 35% chance')
    and its 'If' heading is already above it: 'Otherwise (35% chance):'."""
    cond, sep, chance = note.rpartition(": ")
    if not sep:
        cond, chance = note, ""
    head = "Otherwise" if otherwise else cond[:1].upper() + cond[1:]
    return f"{head} ({chance}):" if chance else f"{head}:"


def roll_of(note: str) -> tuple[str, str] | None:
    """('if' or 'unless', what the roll is) of a roll's note ('unless the line holds: 35% chance'), else None."""
    word, _, rest = note.partition(" ")
    if word not in ("if", "unless"):
        return None
    return word, rest.rpartition(": ")[0] or rest


def is_uncertain(item) -> bool:
    """Whether a preview's line hangs on a chance or a condition (drawn with '?' and its chance or its 'if')."""
    return item.chance < 0.999 or bool(item.note and item.note.startswith(("if ", "unless ")))


def lists_chances(preview, limit: int = 14) -> bool:
    """Whether preview_text (with the same `limit`) lists a chance or a condition."""
    return any(is_uncertain(it) for it in merged(preview.items)[:limit])


NBSP = "\u00a0"  # joins what must not be wrapped apart: a change's arrows and its number ('▼▼▼ −10')
_GLUE = "\ue000"  # stands for a NBSP while a text is wrapped (one cell, not a space to Rich)


class KeepTogether:
    """A Text wrapped as Rich wraps it, but never at a no-break space (NBSP): Rich breaks a line at any
    whitespace, NBSP too, and the narrow order pane at 80 columns put '• Security forces infiltration ▼▼▼' on
    one line and its '−10' on the next."""

    def __init__(self, text: Text):
        self.text = text

    def _glued(self) -> Text:
        glued = self.text.copy()
        glued.plain = self.text.plain.replace(NBSP, _GLUE)  # (as long: its styles stay where they were)
        return glued

    def __rich_console__(self, console, options):
        lines = self._glued().wrap(console, options.max_width, justify=self.text.justify or options.justify,
                                   overflow=self.text.overflow or options.overflow, no_wrap=options.no_wrap or False)
        for line in lines:
            line.plain = line.plain.replace(_GLUE, " ")
        yield from Text("\n").join(lines).render(console, end=self.text.end)

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement.get(console, options, self._glued())


def kept_together(text: Text):
    """`text`, wrapped only at its breaking spaces (KeepTogether) when it has no-break ones."""
    return KeepTogether(text) if NBSP in text.plain else text


def follow_up_when(turns: int) -> str:
    """When a follow-up card comes, `turns` from now: 'later this turn', 'next turn', 'in 2 turns'."""
    return "later this turn" if turns <= 0 else "next turn" if turns == 1 else f"in {turns} turns"


def preview_text(session, preview, limit: int = 14):
    """What an option or order will likely do: direction, rough size, chance, who and why."""
    sc = session.sc
    items, washes = merged_washes(preview.items)
    if not items:
        return Text("No direct effects.", style="dim")
    # a line per effect, its mark in a column of its own: a long line wraps under its words
    lines = []  # (mark, the effect, the condition it shares with others or None)
    for n, it in enumerate(items[:limit]):
        uncertain = is_uncertain(it)
        mark = "?" if uncertain else "•"
        out = Text()
        if it.delta is None:
            label = clean(it.label)
            if it.target.startswith("flag:"):  # 'now: offensive begun' (the engine's label: 'sets basra.offensive_begun')
                on = label.startswith("sets")
                # a status it has now, set again: "still: ..." (a clear of one it has not keeps "no longer": an
                # order planned before this one may bring it, and "still not: the last operation held its
                # ground" read oddly under an operation's failure)
                already = on and it.target[5:] in session.st.flags
                label = clean(flag_change(sc.flag_label(it.target[5:]), on, already))
            out.append(label)
        else:
            slot = sc.slots[sc.index[it.target]] if it.target in sc.index else None
            span = (slot.hi - slot.lo) if slot else 100.0
            good = "high"
            if slot is not None and slot.kind == "metric":
                good = sc.metrics[slot.name].good
            elif slot is not None and slot.attr in ("violence", "infiltration"):
                good = "low"
            elif slot is not None and slot.attr == "strength" and slot.owner in sc.actors:
                good = "neutral"
            out.append(slot_label(session, it.target, it.label) + " ")
            shown = formats(sc, it.target)[1](it.delta)
            if n in washes:  # +3 and −3 from two of its effects
                out.append("no net change", style="dim")
            elif abs(it.delta) < 0.05:  # e.g. already at the end of its range: "= ±0" said nothing
                out.append(at_limit(session, slot), style="dim")
            elif is_zero(shown):  # a fraction of a point: no arrow beside a ±0 (which would contradict it)
                out.append(shown, style="bold")
                out.append(f" (slightly {'up' if it.delta > 0 else 'down'})", style="dim")
            else:
                # the arrows go by the number written beside them: a +3.999999999999993 (62.6 + 4 - 62.6) read
                # '▲ +4' two lines above another number's '▲▲ +4' on the same 0..100 range
                try:
                    written = float(shown.replace(MINUS, "-"))
                except ValueError:
                    written = it.delta
                out.append(f"{size_arrows(written, span)}{NBSP}{shown}", style=trend_style(it.delta, good) or "bold")
        # who brings it about and how likely, in one aside: "(Sadrists' reaction, 50% chance)" (a bare
        # "[Sadrists]" after the number left players guessing what the brackets meant)
        notes = []
        if it.turns is not None and it.target.startswith("event:"):  # a follow-up card: when it comes
            notes.append(follow_up_when(it.turns))
        if it.actor and it.actor != session.player:
            notes.append(possessive(actor_name(sc, it.actor)) + " reaction")
        cond = None
        if uncertain:
            note = clean(it.note) if it.note else f"{percent(it.chance)} chance"
            if it.note and it.chance < 0.999 and percent(it.chance) not in note:
                note += f", {percent(it.chance)} overall"
            if note.startswith(("if ", "unless ")):
                cond = note
            notes.append(note)
        lines.append((f"{mark} ", out, notes, cond))
    # Effects that hang on the same roll come under one line that says it once ('? If the launch areas are
    # cleared (68% chance now):'), not each with '(if the launch areas are cleared: 68% chance now)' after
    # it: three or four such lines filled a preview's few rows at 80x24 with the same words
    shared = {}
    for _, _, _, cond in lines:
        if cond is not None:
            shared[cond] = shared.get(cond, 0) + 1
    # the other side of a roll whose 'If …' is said above it reads 'Otherwise (35% chance)': 'Unless the
    # freeze holds (43% chance)' under 'If the freeze holds (57% chance now)' read as if the freeze had 43%
    said_if: set[str] = set()

    def otherwise(cond: str) -> bool:
        roll = roll_of(cond)
        return roll is not None and roll[0] == "unless" and roll[1] in said_if

    def said(cond: str) -> None:
        roll = roll_of(cond)
        if roll is not None and roll[0] == "if":
            said_if.add(roll[1])

    rows, done = [], set()
    for mark, out, notes, cond in lines:
        if cond is not None and shared[cond] > 1:
            if cond in done:
                continue
            done.add(cond)
            rows.append(("? ", Text(roll_heading(cond, otherwise(cond)), style="italic")))
            said(cond)
            for _, o, n, c in lines:
                if c == cond:
                    rest = [x for x in n if x != cond]
                    if rest:
                        o = o.copy()
                        o.append(f"  ({', '.join(rest)})", style="italic")
                    rows.append(("", hanging(Text("· "), kept_together(o))))
            continue
        if cond is not None:
            if otherwise(cond):  # '(otherwise: 28% chance)' under 'If the cell is broken (72% chance now):'
                notes = [("otherwise: " + cond.rpartition(": ")[2]) if n == cond else n for n in notes]
            said(cond)
        if notes:
            out.append(f"  ({', '.join(notes)})", style="italic")
        rows.append((mark, kept_together(out)))
    if len(items) > limit:
        rows.append(("", Text(f"… and {len(items) - limit} more", style="dim")))
    return hanging_rows(rows)
