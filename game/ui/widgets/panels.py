"""The main screen's panels as plain Text: the map, the national picture, the actors and the news."""

from __future__ import annotations

from rich.text import Text

from game.engine.dangers import near as near_an_ending
from game.numbers import is_zero, step, whole, whole_signed, whole_step
from game.ui.text import clean, trend, trend_style, violence_band, VIOLENCE_BANDS
from game.ui.widgets.textview import hanging_rows


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
    # '!' after a number near a level that ends the game, or past one where each turn may end it (the turn
    # report says which): a student saw 'Coalition cohesion 13' with no word that the government could fall
    near = {n.slot for n in near_an_ending(sc, st.values)} if st.phase != "ended" else set()
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
        if i in near:
            out.append(f"{whole(v):>4}", style="bold")
            out.append("!", style="bold red")
        else:
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
