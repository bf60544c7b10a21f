"""The panels of the main screen, each rendering part of the session as plain Text; a long-text view; the key bar."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, Static

from game.numbers import MINUS, beside, formats, is_capital, is_zero, nearest, percent, step, whole, whole_signed, whole_step
from game.ui.text import clean, size_arrows, trend, trend_style, violence_band, VIOLENCE_BANDS
from game.words import flag_change


def actor_name(sc, aid: str | None, short: bool = True) -> str:
    if not aid:
        return "The country"
    a = sc.actors.get(aid)
    if a is None:
        return clean(aid)
    return clean(a.short if short else a.name)


def possessive(name: str) -> str:
    """'Sadrists' ', 'Iran's': a name that owns what follows."""
    return name + ("'" if name.endswith("s") else "'s")


def region_violence(session, rid: str) -> float | None:
    i = session.sc.index.get(f"region.{rid}.violence")
    return None if i is None else session.st.values[i]


def short_region(sc, rid: str) -> str:
    """A region's short name: 'Basra' for 'Basra and the south'."""
    return clean(sc.regions[rid].short_name)


def slot_label(session, name: str, fallback: str = "") -> str:
    """A short label for a state number: 'Basra violence', 'Sadrists stance', 'Treasury'."""
    sc = session.sc
    i = sc.index.get(name)
    if i is None:
        return clean(fallback or name)
    return clean(session.fx_label(i))


def render_map(session, width: int = 36) -> Text:
    """The regions placed by their map (row, col), with violence as symbol, number and colour."""
    sc = session.sc
    placed = []
    for rid, r in sc.regions.items():
        row, col = r.map
        v = region_violence(session, rid)
        placed.append((int(row), int(col), rid, r, v))
    rows = sorted({p[0] for p in placed})
    # compress rows: keep order, one blank line for any gap
    line_of: dict[int, int] = {}
    line = 0
    prev = None
    for row in rows:
        if prev is not None:
            line += 2 if row - prev > 1 else 1
        line_of[row] = line
        prev = row
    nlines = (line + 1) if rows else 0
    lines: list[list[tuple[int, Text]]] = [[] for _ in range(nlines)]
    for row, col, rid, r, v in placed:
        if v is None:
            label = Text(f"◆ {short_region(sc, rid)}")
        else:
            sym, _, style = violence_band(v)
            label = Text()
            label.append(sym * 2 + " ", style=style)
            label.append(short_region(sc, rid), style="bold")
            label.append(f" {whole(v)}", style=style)
        lines[line_of[row]].append((col, label))
    out = Text()
    for i, items in enumerate(lines):
        items.sort(key=lambda x: x[0])
        cur = 0
        row_text = Text()
        for col, label in items:
            if width > 0 and col + label.cell_len > width:
                col = max(cur + (1 if cur else 0), width - label.cell_len)
            pad = max(col - cur, 1 if cur else 0)
            row_text.append(" " * pad)
            row_text.append_text(label)
            cur += pad + label.cell_len
        out.append_text(row_text)
        out.append("\n")
    legend = Text("violence ", style="dim")
    lo = 0
    for hi, sym, word, style in VIOLENCE_BANDS:
        legend.append(sym, style=style)
        legend.append(f"{lo} ", style="dim")
        lo = hi
    out.append_text(legend)
    return out


def visible_metrics(sc):
    return [m for m in sc.metrics.values() if not m.hidden and m.id != sc.meta.capital]


def low_is_good_note(sc) -> str:
    """What the ' ↓' after a metric's chart means, to go beside the metrics' heading, or '' when no metric
    shown has one. Alone, the '↓' read as the '↓ more below' of the panels that scroll."""
    return "↓ low is good" if any(m.good == "low" for m in visible_metrics(sc)) else ""


def turn_start(st) -> list[float]:
    """The values at the start of the last turn (the game's start before any turn ended): what the
    changes beside the metrics and the actors' numbers are counted from."""
    return st.history[-2] if len(st.history) >= 2 else st.history[0] if st.history else st.values


def is_number(sc, target: str) -> bool:
    """Whether a change's target is a number (not a card's marker, a flag, a roll or an ending)."""
    return target in sc.index and not target.startswith(("flag:", "event:", "ending:", "roll:"))


def moved_as_written(sc, changes) -> set[str]:
    """The numbers (slot names) that some change of `changes` moved as written: its value written before
    differs from its value written after (game.numbers.step: 49.4 → 49.6 is '49' → '50'). A change too small
    to alter the written value (49.2 → 49.4) moves nothing a player can see, and the report's ledger leaves
    it out ('too small to show')."""
    return {c.target for c in changes if is_number(sc, c.target) and not is_zero(step(sc, c.target)(c.before, c.after))}


def net_change_shown(sc, name: str, before: float, after: float, moved: set[str]) -> str:
    """The one rule for a number's net change over a stretch of changes, as the turn report's net changes
    and the national picture both write it: the difference of the values as written ('+3', '−1.5'); '±0'
    for a number that some change moved as written (`moved`, from moved_as_written) and that came back to
    where it was written; '' for a number that nothing moved as written. (The panel used the raw change and
    the report the written one: 'US commitment 65 ±0' on the main screen for a drift of 0.3 the report did
    not name at all.)"""
    shown = step(sc, name)(before, after)
    if is_zero(shown) and name not in moved:
        return ""
    return shown


def moved_since_turn_start(sc, st) -> set[str]:
    """The numbers (slot names) that some change moved as written since the start of the last turn
    (turn_start): in the last turn's report and this turn's changes so far. A number can move and come back:
    '±0' beside it then says so, where a number nothing moved has no change beside it (both read '±0', as if
    nothing had happened to a number a card had just raised by 3 and an order lowered by 3)."""
    reports = st.reports[-1:] if len(st.history) >= 2 else []
    if st.current is not None:
        reports = [*reports, st.current]
    return moved_as_written(sc, [c for r in reports for c in r.changes])


def render_metrics(session, total: int = 36) -> Text:
    """One line a metric: label, value, change since the start of the last turn (what that turn did,
    and this turn's choices so far; '±0' for one that moved and came back, nothing for one that did not
    move), a sparkline of recent turns on their own span (see text.own_span): the values at the end of the
    last turns, then the value now if this turn's choices moved it."""
    sc, st = session.sc, session.st
    moved = moved_since_turn_start(sc, st)
    out = Text()
    ms = visible_metrics(sc)
    longest = max((len(clean(m.label)) for m in ms), default=10)
    # value "60 " and change "−11 " or "±0 " (whole numbers, so the columns keep still), then the chart
    width = max(4, min(16, total - 12 - min(longest, 20) - 2))
    lw = max(8, min(longest, total - 12 - width - 2))
    # the value now is a point of every chart once this turn's choices moved any of them: the charts are
    # as long as each other (those this turn left alone were a point short: 'Treasury ▄' beside '▃▆')
    start = turn_start(st)
    now = not st.history or any(abs(st.values[sc.index[m.id]] - st.history[-1][sc.index[m.id]]) > 1e-9 for m in ms)
    for m in ms:
        i = sc.index[m.id]
        v = st.values[i]
        hist = [row[i] for row in st.history]
        before = start[i]
        d = v - before
        # the difference of the values as written, by the turn report's rule ('' when nothing moved it as
        # written: the column keeps its room)
        shown = net_change_shown(sc, m.id, before, v, moved)
        points = hist + [v] if now else hist
        out.append(clean(m.label)[:lw].ljust(lw) + " ")
        out.append(f"{whole(v):>4} ", style="bold")
        out.append(f"{shown:>5} ", style="" if is_zero(shown) else trend_style(d, m.good))
        chart = trend(points, width)
        if m.good == "low":  # right after its chart: after the chart's room, early in a game at 120x40 the '↓'
            # stood alone in the middle of the panel, 14 cells from the two points it belongs to
            out.append(chart.rstrip(), style="cyan")
            out.append(" ↓", style="dim")
        else:
            out.append(chart, style="cyan")
        out.append("\n")
    out.rstrip()
    return out


def _pack(out: Text, items: list[Text], width: int, first: int, indent: str = "  ", sep: str = " · ") -> None:
    """Append `items` joined by `sep`, wrapping between items only (never inside "Cohesion 67"): the
    first line has `first` cells used already, the lines after it start with `indent`."""
    used = first
    for j, item in enumerate(items):
        n = item.cell_len
        if j and used + len(sep) + n > width:
            out.append("\n" + indent)
            used = len(indent)
        elif j:
            out.append(sep, style="dim")
            used += len(sep)
        out.append_text(item)
        used += n


def render_actors(session, width: int = 38) -> Text:
    """Each actor: its name and status, then its numbers, each with its change since the start of the last
    turn when it moved ('Stance −65 (−9)', as the national numbers show theirs); a line breaks between items,
    not inside one."""
    sc, st = session.sc, session.st
    before = turn_start(st)
    width = max(20, width)
    out = Text()
    for aid, a in sc.actors.items():
        if a.player:
            continue
        name = clean(a.short)
        out.append(name, style="bold")
        tags = [sc.flag_status(f) for f in sorted(st.flags) if f.startswith(aid + ".")]
        if a.patron:
            tags.append("patron: " + actor_name(sc, a.patron))
        if tags:
            out.append("  ")
            _pack(out, [Text(clean(t), style="italic") for t in tags], width, len(name) + 2)
        parts = []
        for attr, rng in a.attributes.items():
            i = sc.index.get(f"{aid}.{attr}")
            if i is None:
                continue
            v = st.values[i]
            item = Text(clean(rng.label or attr) + " ")
            if attr == "stance":
                style = "green" if v > 20 else "red" if v < -20 else "yellow"
                item.append(whole_signed(v), style=style)
            else:
                item.append(whole(v), style="bold")
            moved = whole_step(before[i], v)
            if not is_zero(moved):  # a warmer stance is better for the government; other numbers have no side
                item.append(f" ({moved})", style=trend_style(v - before[i], "high") if attr == "stance" else "dim")
            parts.append(item)
        if parts:
            out.append("\n  ")
            _pack(out, parts, width, 2)
        out.append("\n")
    if sc.regions:
        out.append("\nRegions\n", style="bold underline")
        names = {rid: short_region(sc, rid) for rid in sc.regions}
        col = min(max(len(n) for n in names.values()) + 1, width // 2)  # the numbers in a column of their own
        for rid, r in sc.regions.items():
            name = names[rid]
            out.append(name, style="bold")
            items = []
            for attr, rng in r.attributes.items():
                v = st.values[sc.index[f"region.{rid}.{attr}"]]
                item = Text(clean(rng.label or attr) + " ")
                if attr == "violence":
                    sym, word, style = violence_band(v)
                    # its band in words: the calm band's symbol '·' beside the items' separator read
                    # 'Violence 7 · · Control 68'; in a panel too narrow for the words, as the map's legend
                    # writes it ('·7', '▒40')
                    said = f"{whole(v)} ({word})"
                    if col + item.cell_len + len(said) > width:
                        said = f"{sym}{whole(v)}"
                    item.append(said, style=style)
                else:
                    item.append(whole(v))
                items.append(item)
            if items:
                if len(name) < col:
                    out.append(" " * (col - len(name)))
                    _pack(out, items, width, col, indent=" " * col)
                else:  # a name too long for the column: its numbers go under it
                    out.append("\n" + " " * col)
                    _pack(out, items, width, col, indent=" " * col)
            out.append("\n")
    out.rstrip()
    return out


def unread_news(session, waiting) -> set[int]:
    """The indexes in the news of what cards not yet shown would give away: the headline each such card
    put in the news when it fired, and its actors' reactions told just after it. `waiting`: the ids of
    this turn's cards the player has not seen."""
    st, sc = session.st, session.sc
    left: dict[str, int] = {}
    for eid in waiting:
        ev = sc.events.get(eid)
        if ev is not None:
            words = ev.model.news or ev.model.title
            left[words] = left.get(words, 0) + 1
    hidden: set[int] = set()
    if not left:
        return hidden
    hiding = False
    for i in range(len(st.news)):
        n = st.news[i]
        if n.turn != st.turn:
            continue
        if n.kind == "event" and left.get(n.text, 0) > 0:
            left[n.text] -= 1
            hidden.add(i)
            hiding = True
        elif hiding and n.kind == "reaction":
            hidden.add(i)
        else:
            hiding = False
    return hidden


def render_news(session, limit: int = 40, waiting=()):
    """The newest news first, a line each: the turn, then the headline (wrapping under itself). The news
    of the cards in `waiting` (this turn's, not shown yet) is left out until they are: it would give
    them away; a line says how many are still to come."""
    hidden = unread_news(session, waiting)
    news = [n for i, n in enumerate(session.st.news) if i not in hidden][-limit:]
    rows = []
    if waiting:
        more = len(waiting)
        rows.append((Text(f"T{session.st.turn:<3}", style="dim"),
                     Text(f"{more} more event {'card' if more == 1 else 'cards'} to come (b)", style="dim italic")))
    if not news and not rows:
        return Text("No news yet.", style="dim")
    rows.extend((Text(f"T{n.turn:<3}", style="dim"), Text(clean(n.text))) for n in reversed(news))
    return hanging_rows(rows)


def more_text(box) -> str:
    """What a scrolling box's sign says of the lines it does not show: which way they lie ('' when it shows
    them all). At the top, the way to read on too, unless the box has the keys already."""
    above = int(round(box.scroll_y)) > 0
    below = int(round(box.max_scroll_y - box.scroll_y)) > 0
    # with the keys, the way back to the list too: Tab goes on to the next box, and a player met no word of shift+Tab
    back = " · shift+Tab: back" if box.has_focus else ""
    if above and below:
        return "↑↓ more" + back if back else "↑↓ more above and below"
    if above:
        return "↑ more above" + back
    if below:
        return "↓ more below" + back if back else "↓ more below: Tab, then ↓ to read it"
    return ""


class CardOptions(OptionList):
    """A card's options, as tall as they are wrapped. Textual measures an OptionList's auto height at its
    whole width but draws the options beside the scrollbar's column: an option that just fitted the
    measure wrapped once drawn, the list came out a line short, a scrollbar came in, and the last option's
    last words were out of sight ('...disarm or stay off the' without 'ballot', at 80x24). The stylesheet
    keeps the scrollbar's column (scrollbar-gutter: stable, no horizontal bar), and the options are
    measured at the width they are drawn at."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return super().get_content_height(container, viewport, width - self.styles.scrollbar_size_vertical)

    # A click answers a card as its number key does, so it waits as the key waits (EventCardScreen.early_key):
    # a double click on one card's option, the next card drawn in the same list between the two, answered the
    # next card unseen. The screen says whether a press came too early (`early_click`); the press's own time
    # counts (the click is made only when the button is released, later)
    _pressed_at: float | None = None

    def on_mouse_down(self, event) -> None:
        self._pressed_at = event.time

    async def _on_click(self, event) -> None:
        pressed, self._pressed_at = self._pressed_at, None
        early = getattr(self.screen, "early_click", None)
        if early is not None and early(event.time if pressed is None else min(pressed, event.time)):
            event.prevent_default()  # OptionList's own handler (highlight and select the option) does not run
            event.stop()
            return
        index = event.style.meta.get("option")
        if index is not None and self.get_option_at_index(index).disabled:
            # a greyed option: OptionList ignores the click; say so as its number key does ('Option 2 is not
            # available now'), where a click did nothing at all
            pick = getattr(self.screen, "action_pick", None)
            if pick is not None:
                pick(index)


class ScrollBox(VerticalScroll):
    """A scrolling box that Tab stops at only while it has lines out of sight (there is something for ↓ to
    do): a card's text that fits took a Tab of its own, so Tab from the preview went to it, not back to
    the options, and ↓ there did nothing."""

    def allow_focus(self) -> bool:
        return self.can_focus and (self.max_scroll_y > 0 or self.has_focus)


class MoreBox(ScrollBox):
    """A scrolling box with a sign: a one-line Static elsewhere on its screen (`sign`, its id) that is shown
    while the box has lines out of sight, and says which way ('↓ more below', '↑↓ more above and below',
    '↑ more above'). The box marks it whenever what it shows can change: its content's height or its own
    (the sign's line takes one from it), its scroll and its focus. (The screens once marked it after a new
    preview, before its height was known; the sign was then missing on some, and it said 'more below'
    wherever the preview was scrolled to.)"""

    def __init__(self, *children, sign: str, **kwargs):
        super().__init__(*children, **kwargs)
        self.sign_id = sign

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", lambda _: self.mark(), init=False)
        self.watch(self, "has_focus", lambda _: self.mark(), init=False)
        # the content's height, set in a layout before the box's own height is: marked after it
        self.watch(self, "virtual_size", lambda _: self.call_after_refresh(self.mark), init=False)

    def on_resize(self) -> None:
        self.mark()

    def mark(self) -> None:
        if not self.is_attached:
            return
        for sign in self.screen.query(f"#{self.sign_id}"):
            words = more_text(self)
            sign.update(Text(words, style="dim italic"))
            sign.display = bool(words)  # (its line changes the box's height: the box's resize marks it again)


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


MIN_WIDTH, MIN_HEIGHT = 80, 24  # the least the game's screens are laid out for (see NeedsRoom)


class TooSmall(Static):
    """What a screen that needs 80×24 shows in a smaller window, instead of its cut and wrapped panels
    (the stylesheet shows it, and hides the screen's widgets of class needs-room, on a screen with the
    class -too-small)."""


def fit_to_window(screen, size) -> bool:
    """Mark `screen` too small for `size` (or not) and word its TooSmall message; True if too small. A
    screen calls it on each resize; its key checks may then refuse what acts on things out of sight."""
    small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
    if small:
        for w in screen.query(TooSmall):
            w.update(Text.assemble(
                (f"Ceasefire needs a window of at least {MIN_WIDTH}×{MIN_HEIGHT};\nthis one is {size.width}×{size.height}.", "bold"),
                "\n\nEnlarge the window (or make the font smaller).",
                ("\nThe game goes on where it was as soon as it fits.", "dim")))
    if screen.has_class("-too-small") != small:
        if small:  # the focused widget is hidden with the rest: it has the focus back when the window grows
            screen._focus_before_small = screen.focused
        screen.set_class(small, "-too-small")
        back = getattr(screen, "_focus_before_small", None)
        if not small and back is not None and back.is_attached:
            screen.call_after_refresh(back.focus)
        screen.refresh_bindings()
    return small


class NeedsRoom:
    """Mixed into a screen laid out for MIN_WIDTH×MIN_HEIGHT (its compose yields a TooSmall, and gives the
    widgets to hide in a smaller window the class needs-room): below that size the screen shows the message
    instead, and as it was (its focus, what was typed) once the window is large enough. Kept right on each
    resize, and when the screen comes back to the top (a screen under a full one gets no resize). Its
    check_action may refuse, while self.has_class("-too-small"), what would act unseen."""

    def on_resize(self, event) -> None:
        fit_to_window(self, event.size)

    def on_screen_resume(self) -> None:
        fit_to_window(self, self.app.size)


class PagesThrough:
    """Mixed into a screen of one long scrolling view (the query SCROLLER finds it): PgUp/PgDn page it, and
    while it holds more than a screenful the key bar says so, as the codex's does ('PgUp/PgDn Scroll'). The
    report and the history said nothing of it: at 80x24 the report's bar read '⏎ Continue', and its last two
    thirds, and the history's violence charts, sat below the window unannounced. Add PAGE_BINDINGS to the
    screen's BINDINGS."""

    SCROLLER = ""
    PAGE_BINDINGS = [
        Binding("pagedown", "page(1)", "Scroll", key_display="PgUp/PgDn", priority=True),
        Binding("pageup", "page(-1)", "Scroll", show=False, priority=True),
    ]

    def _scroller(self):
        found = self.query(self.SCROLLER)
        return found.first() if found else None

    def action_page(self, direction: int) -> None:
        view = self._scroller()
        if view is not None:
            (view.scroll_page_down if direction > 0 else view.scroll_page_up)(animate=False)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "page":  # shown (and taken) only while there is somewhere to scroll to
            view = self._scroller()
            return view is not None and view.max_scroll_y > 0
        return True

    def pages_changed(self) -> None:
        """The view's length or the window's size changed: say 'Scroll' or not, once laid out again."""
        self.call_after_refresh(self.refresh_bindings)

    def on_resize(self, event) -> None:
        self.pages_changed()

    def on_screen_resume(self) -> None:
        self.pages_changed()


class Panel(Static):
    """A bordered panel whose text the game screen refreshes."""

    def __init__(self, title: str, **kw):
        super().__init__("", **kw)
        self.border_title = title


# ---------------------------------------------------------------- long text, drawn a screenful at a time

def hanging_rows(rows, key_style: str = "", key_width: int | None = None, gap: int = 0) -> Table:
    """Rows of (key, text): the keys in a column of their own, each text wrapping under itself (a
    hanging indent), `gap` spaces between the two."""
    grid = Table.grid(padding=(0, gap))
    grid.add_column(no_wrap=True, style=key_style, min_width=key_width)
    grid.add_column(ratio=1)
    for key, text in rows:
        grid.add_row(key, text)
    return grid


def hanging(prefix: Text, body: Text) -> Table:
    """`prefix` then `body`, with body's wrapped lines starting under its first (a list item whose
    number or check box stays alone in its column)."""
    return hanging_rows([(prefix, body)])


def hanging_indent(line: str) -> int:
    """Where a wrapped line's continuation starts: two cells in from the line's own indent (under the words
    after a bullet mark), none for a line that starts at the margin."""
    indent = len(line) - len(line.lstrip(" "))
    return min(indent + 2, 12) if indent else 0


_NOT_NARROW = re.compile(r"[^\u0020-\u02ff]")  # below U+0300 every printable character is one cell wide


def _cell_extras(plain: str) -> list[tuple[int, int]]:
    """(index, cells - 1) of each character that is not one cell wide."""
    extra = [(m.start(), get_character_cell_size(m.group()) - 1) for m in _NOT_NARROW.finditer(plain)]
    return [(i, e) for i, e in extra if e]


def break_offsets(plain: str, width: int, hang: int = 0) -> list[int]:
    """Offsets where one line of text breaks to fit `width` cells, the lines after the first being `hang`
    cells narrower. Greedy, at spaces; a word longer than a line is cut."""
    extra = _cell_extras(plain)
    if extra:
        return _break_cells(plain, width, hang, extra)
    n = len(plain)  # one cell a character: plain string arithmetic
    offsets: list[int] = []
    start, room = 0, width
    while n - start > room:
        limit = start + room
        p = plain.rfind(" ", start, limit + 1)  # plain[start:p] fits
        if p > start and not plain[start:p].isspace():
            nxt = p
            while nxt < n and plain[nxt] == " ":
                nxt += 1
            if nxt >= n:
                break  # only spaces are left
            start = nxt
        elif plain[start:limit].isspace():  # nothing but spaces up to the margin
            nxt = limit
            while nxt < n and plain[nxt] == " ":
                nxt += 1
            if nxt >= n:
                break
            start = nxt
        else:
            start = limit  # a word wider than a line: cut it
        offsets.append(start)
        room = max(1, width - hang)
    return offsets


def _break_cells(plain: str, width: int, hang: int, extra: list[tuple[int, int]]) -> list[int]:
    """break_offsets for text with wide or zero-width characters: word by word, counting cells."""
    starts = [i for i, _ in extra]
    totals = list(accumulate(e for _, e in extra))

    def cell(i: int) -> int:  # the cells of plain[:i]
        k = bisect_left(starts, i)
        return i + (totals[k - 1] if k else 0)

    offsets: list[int] = []
    start, room, has_word = 0, width, False
    for m in re.finditer(r"\S+", plain):
        ws, we = m.span()
        if cell(we) - cell(start) <= room:
            has_word = True
            continue
        if has_word:  # the word starts the next line
            offsets.append(ws)
            start, room = ws, max(1, width - hang)
            if cell(we) - cell(start) <= room:
                continue
        while cell(we) - cell(start) > room:  # a word wider than a line: cut it
            cut = start + 1
            while cut < we and cell(cut + 1) - cell(start) <= room:
                cut += 1
            offsets.append(cut)
            start, room = cut, max(1, width - hang)
        has_word = True
    return offsets


def wrap_rows(plain: str, width: int) -> list[tuple[int, int, int]]:
    """The rows of `plain` wrapped to `width` cells with hanging indents: (start, end, indent) each,
    trailing spaces left out."""
    rows: list[tuple[int, int, int]] = []
    pos = 0
    for line in plain.split("\n"):
        end = pos + len(line)
        hang = hanging_indent(line)
        cuts = [pos + o for o in break_offsets(line, width, hang)] if width > 0 else []
        bounds = [pos, *cuts, end]
        for k in range(len(bounds) - 1):
            a, b = bounds[k], bounds[k + 1]
            while b > a and plain[b - 1] == " ":
                b -= 1
            rows.append((a, b, hang if k else 0))
        pos = end + 1
    return rows


class TextView(ScrollView, can_focus=True):
    """A long Text shown a screenful at a time: wrapped (as plain text) once per width, and each row turned
    into styled cells only when it comes into view.

    A Static in a scrolling container styles, wraps and draws every line of its text at once; for a turn
    report of a hundred-odd lines that was most of the time from the end-turn key to the report on screen."""

    DEFAULT_CSS = """
    TextView { height: 1fr; scrollbar-gutter: stable; overflow-x: hidden; }
    """

    def __init__(self, text: Text | None = None, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._text = text if text is not None else Text()
        self._rows: list[tuple[int, int, int]] = []
        self._strips: dict[int, Strip] = {}
        self._styles: dict[object, object] = {}
        self._wrapped_at = -1

    @property
    def text(self) -> Text:
        return self._text

    @property
    def lines(self) -> list[str]:
        """The wrapped rows as plain strings (what a reader sees, scrolling down)."""
        self._reflow()
        plain = self._text.plain
        return [" " * pad + plain[a:b] for a, b, pad in self._rows]

    def render(self) -> Text:
        return self._text

    def update(self, text: Text, home: bool = True) -> None:
        """Show another text, from its top unless `home` is False."""
        self._text = text
        self._wrapped_at = -1
        self._reflow()
        if home:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _reflow(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_at:
            return
        self._rows = wrap_rows(self._text.plain, width)
        self._strips.clear()
        self._wrapped_at = width
        self.virtual_size = Size(width, len(self._rows))

    def on_resize(self) -> None:
        self._reflow()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def get_selection(self, selection) -> tuple[str, str] | None:
        """The selected text (mouse selection and copy work as in a Static)."""
        return selection.extract("\n".join(self.lines)), "\n"

    def selection_updated(self, selection) -> None:
        self._strips.clear()
        self.refresh()

    def _style(self, style):
        """A span's style as Content wants it (as Content.from_rich_text converts it), cached."""
        got = self._styles.get(style)
        if got is None:
            from textual.style import Style

            rich = self.app.console.get_style(style) if isinstance(style, str) else style
            got = self._styles[style] = Style.from_rich_style(rich, self.app.ansi_theme)
        return got

    def _row(self, i: int):
        """Row i as a Content: its slice of the text with the spans that cover it, after its indent."""
        from textual.content import Content, Span

        a, b, pad = self._rows[i]
        spans = []
        if self._text.style:
            spans.append(Span(pad, pad + b - a, self._style(self._text.style)))
        for s0, s1, style in self._text.spans:
            lo, hi = max(s0, a), min(s1, b)
            if lo < hi:
                spans.append(Span(pad + lo - a, pad + hi - a, self._style(style)))
        return Content(" " * pad + self._text.plain[a:b], spans)

    def render_line(self, y: int) -> Strip:
        self._reflow()
        width = self.scrollable_content_region.width
        i = self.scroll_offset.y + y
        style = self.visual_style
        if i >= len(self._rows):
            return Strip.blank(width, style.rich_style)
        strip = self._strips.get(i)
        if strip is None:
            row = self._row(i)
            selection = self.text_selection
            if selection is not None and (span := selection.get_span(i)) is not None:
                from textual.style import Style

                start, end = span
                picked = Style.from_styles(self.screen.get_component_styles("screen--selection"))
                row = row.stylize(picked, start, len(row) if end == -1 else end)
            strip = Strip(row.render_segments(style), row.cell_length).extend_cell_length(width, style.rich_style)
            strip = strip.apply_offsets(0, i)  # where each cell is in the text, for the mouse selection
            self._strips[i] = strip
        return strip.crop(0, width)


# ---------------------------------------------------------------- the keys that work now, in one widget

class KeyBar(Widget):
    """The footer: the keys that work now, drawn as one line.

    Looks and clicks like Textual's compact Footer, but redraws one line when the bindings change
    instead of composing a widget for each key (which cost tens of milliseconds on every screen switch)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover", "keybar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 1fr;
        color: $footer-foreground; background: $footer-background;
        text-wrap: nowrap; text-overflow: clip;
        .keybar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .keybar--description { color: $footer-description-foreground; background: $footer-description-background; }
        .keybar--hover { color: $footer-key-foreground; background: $block-hover-background; }
        .keybar--palette { color: $foreground 20%; }
    }
    """

    def __init__(self, **kw):
        super().__init__(**kw)
        self._spans: list[tuple[int, int, str, bool]] = []  # (x0, x1, key, enabled)
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()

    def _items(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str] | None]:
        """(key, shown key, description, enabled) of each action shown, as the Footer groups them; and the
        command palette's (key, shown key, description) if it can be opened."""
        app = self.app
        screen = self.screen
        active = screen.active_bindings
        # a screen may show a key its own way now (the card: "1-3" for three options)
        own = getattr(screen, "key_display", None)
        # and describe it as things stand now (the codex's Tab: "To the list" or "To the text")
        said = getattr(screen, "key_description", None)
        seen: dict[str, tuple[str, str, str, bool]] = {}
        if getattr(screen, "KEYBAR_OWN_KEYS", False):
            # the screen's own keys, even one a focused widget takes over for itself: the new-game dialog's
            # Enter starts, though the Start button (which has the focus) hides its own Enter binding
            for binding in type(screen).BINDINGS:  # (in the order the screen gives them)
                if isinstance(binding, Binding):
                    taken = active.get(binding.key)
                    if taken is not None and taken.node is not screen and (
                            taken.binding.show or type(taken.node).__name__ == "SelectOverlay"):
                        # a focused widget's own use of the key is what the key does: in the open scenario
                        # list (a Select's overlay) Enter picks a scenario and Escape closes the list (the bar
                        # said "⏎ Start" and "esc Back" beside the list's own "esc Dismiss menu")
                        continue
                    if binding.show and binding.action not in seen:
                        shown = (own(binding) if own else None) or app.get_key_display(binding)
                        on = "." in binding.action or screen.check_action(binding.action, ()) is not False
                        description = (said(binding) if said else None) or binding.description
                        seen[binding.action] = (binding.key, shown, description, on)
        for _node, binding, enabled, _tip in active.values():
            if binding.show and binding.action not in seen:
                shown = (own(binding) if own else None) or app.get_key_display(binding)
                description = (said(binding) if said else None) or binding.description
                seen[binding.action] = (binding.key, shown, description, enabled)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and (p := active.get(app.COMMAND_PALETTE_BINDING)) is not None:
            palette = (p.binding.key, app.get_key_display(p.binding), p.binding.description)
        return list(seen.values()), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        desc_style = self.get_component_rich_style("keybar--description")
        hover_style = self.get_component_rich_style("keybar--hover")
        items, palette = self._items()
        width = self.size.width

        def build(short: dict) -> list[tuple[Text, str, bool]]:
            out = []
            for key, shown, description, enabled in items:
                item = Text()
                item.append(shown, style=key_style)
                description = short.get(key, description)
                if description:
                    item.append(" " + description, style=desc_style)
                if not enabled:
                    item.stylize("dim")
                out.append((item, key, enabled))
            return out

        def length(parts) -> int:
            return sum(item.cell_len + 1 for item, _, _ in parts) - 1  # (no space after the last)

        parts = build({})
        # Short of room, a screen's shorter words for some keys come in first ('n New' for 'n New game'), so
        # that every key shows: the end screen's bar ran past 80 columns and cut 'c Codex'
        short = getattr(self.screen, "KEYBAR_SHORT", None)
        if short and length(parts) > width:
            parts = build(short)
        tail = None
        if palette is not None:
            key, shown, description = palette
            tail = Text("▏", style=self.get_component_rich_style("keybar--palette"))
            tail.append(shown, style=key_style)
            tail.append(" " + description + " ", style=desc_style)
        keys_len = length(parts)
        if tail is not None and keys_len + 1 + tail.cell_len > width:
            tail = None  # short of room, the game's own keys come first
        # Short of room, a screen's spare keys give way first (in the order it gives them), rather than
        # whichever keys come last: with --dev at 80 columns the developer's F5 and ':' came last and were
        # cut, while 'w Save now' (ctrl+s and s save too) kept its place. Only as many as the room needs.
        for spare in getattr(self.screen, "KEYBAR_SPARE", ()):
            if keys_len <= width:
                break
            for i, (item, key, _enabled) in enumerate(parts):
                if key == spare:
                    keys_len -= item.cell_len + 1
                    del parts[i]
                    break
        room = width - (tail.cell_len if tail is not None else 0)
        out = Text(no_wrap=True, end="")
        spans: list[tuple[int, int, str, bool]] = []
        for item, key, enabled in parts:
            if out.cell_len + item.cell_len > room:
                break  # whole keys only
            if self._hover == len(spans):
                item.stylize(hover_style)
            spans.append((out.cell_len, out.cell_len + item.cell_len, key, enabled))
            out.append_text(item)
            out.append(" ")
        if tail is not None:
            out.append(" " * max(0, room - out.cell_len))
            spans.append((room + 1, width, palette[0], True))
            out.append_text(tail)
        self._spans = spans
        return out

    def _at(self, x: int) -> int | None:
        for i, (a, b, _key, _enabled) in enumerate(self._spans):
            if a <= x < b:
                return i
        return None

    def on_mouse_move(self, event) -> None:
        i = self._at(event.x)
        if i != self._hover:
            self._hover = i
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event) -> None:
        i = self._at(event.x)
        if i is None:
            return
        _a, _b, key, enabled = self._spans[i]
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
