"""The panels of the main screen, each rendering part of the session as plain Text."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.ui.text import clean, num, signed, size_arrows, spark, trend_style, violence_band, VIOLENCE_BANDS


def actor_name(sc, aid: str | None, short: bool = True) -> str:
    if not aid:
        return "The country"
    a = sc.actors.get(aid)
    if a is None:
        return clean(aid)
    return clean(a.short if short else a.name)


def region_violence(session, rid: str) -> float | None:
    i = session.sc.index.get(f"region.{rid}.violence")
    return None if i is None else session.st.values[i]


def short_region(name: str) -> str:
    """'North (Mosul, Kirkuk)' -> 'North'; 'Basra and the south' -> 'Basra'."""
    n = clean(name).split(" (")[0]
    return n.split(" and ")[0].strip() or clean(name)


def slot_label(session, name: str, fallback: str = "") -> str:
    """A short label for a state number: 'Basra violence', 'Sadrists stance', 'Treasury'."""
    sc = session.sc
    i = sc.index.get(name)
    if i is None:
        return clean(fallback or name)
    slot = sc.slots[i]
    if slot.kind == "region" and slot.owner in sc.regions:
        reg = sc.regions[slot.owner]
        rng = reg.attributes.get(slot.attr)
        return f"{short_region(reg.name)} {clean((rng.label if rng and rng.label else slot.attr)).lower()}"
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
            label = Text(f"◆ {short_region(r.name)}")
        else:
            sym, _, style = violence_band(v)
            label = Text()
            label.append(sym * 2 + " ", style=style)
            label.append(short_region(r.name), style="bold")
            label.append(f" {num(v)}", style=style)
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


def render_metrics(session, total: int = 36) -> Text:
    """One line a metric: label, value, change since last turn, a sparkline of recent turns."""
    sc, st = session.sc, session.st
    out = Text()
    ms = visible_metrics(sc)
    longest = max((len(clean(m.label)) for m in ms), default=10)
    width = max(4, min(16, total - 11 - min(longest, 20) - 2))
    lw = max(8, min(longest, total - 11 - width - 2))
    for m in ms:
        i = sc.index[m.id]
        v = st.values[i]
        hist = [row[i] for row in st.history]
        before = hist[-2] if len(hist) >= 2 else hist[0] if hist else v
        d = v - before
        out.append(clean(m.label)[:lw].ljust(lw) + " ")
        out.append(f"{num(v):>4} ", style="bold")
        out.append(f"{signed(d):>4} ", style=trend_style(d, m.good))
        out.append(spark(hist, m.min, m.max, width), style="cyan")
        if m.good == "low":
            out.append(" ↓", style="dim")
        out.append("\n")
    out.rstrip()
    return out


def render_actors(session) -> Text:
    sc, st = session.sc, session.st
    out = Text()
    for aid, a in sc.actors.items():
        if a.player:
            continue
        out.append(clean(a.short), style="bold")
        tags = [f.split(".", 1)[1].replace("_", " ") for f in sorted(st.flags) if f.startswith(aid + ".")]
        if a.patron:
            tags.append("patron: " + actor_name(sc, a.patron))
        if tags:
            out.append("  " + " · ".join(clean(t) for t in tags), style="italic")
        parts = []
        for attr, rng in a.attributes.items():
            i = sc.index.get(f"{aid}.{attr}")
            if i is None:
                continue
            v = st.values[i]
            label = clean(rng.label or attr)
            if attr == "stance":
                style = "green" if v > 20 else "red" if v < -20 else "yellow"
                parts.append((f"{label} ", f"{'+' if v > 0 else ''}{num(v)}", style))
            else:
                parts.append((f"{label} ", num(v), ""))
        if parts:
            out.append("\n  ")
            for j, (label, value, style) in enumerate(parts):
                if j:
                    out.append(" · ", style="dim")
                out.append(label)
                out.append(value, style=style or "bold")
        out.append("\n")
    if sc.regions:
        out.append("\nRegions\n", style="bold underline")
        for rid, r in sc.regions.items():
            out.append(clean(r.name)[:14].ljust(14), style="bold")
            for attr, rng in r.attributes.items():
                v = st.values[sc.index[f"region.{rid}.{attr}"]]
                label = clean(rng.label or attr)
                if attr == "violence":
                    sym, word, style = violence_band(v)
                    out.append(f" {label} ")
                    out.append(f"{num(v)} {sym}", style=style)
                else:
                    out.append(f" {label} {num(v)}")
            out.append("\n")
    out.rstrip()
    return out


def render_news(session, limit: int = 40) -> Text:
    out = Text()
    for n in reversed(session.st.news[-limit:]):
        out.append(f"T{n.turn:<3}", style="dim")
        out.append(clean(n.text))
        out.append("\n")
    out.rstrip()
    return out or Text("No news yet.", style="dim")


def preview_text(session, preview, limit: int = 14) -> Text:
    """What an option or order will likely do: direction, rough size, chance, who and why."""
    sc = session.sc
    out = Text()
    items = preview.items
    if not items:
        return Text("No direct effects.", style="dim")
    for it in items[:limit]:
        uncertain = it.chance < 0.999 or bool(it.note and it.note.startswith("if "))
        mark = "?" if uncertain else "•"
        out.append(f"{mark} ")
        if it.delta is None:
            label = clean(it.label)
            if it.target.startswith("flag:"):
                flag = it.target[5:]
                owner, _, rest = flag.partition(".")
                words = (rest or owner).replace("_", " ")
                who = actor_name(sc, owner) + ": " if rest and owner in sc.actors else ""
                label = ("sets " if label.startswith("sets") else "clears ") + f"‘{who}{words}’"
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
            out.append(f"{size_arrows(it.delta, span)} {signed(it.delta)}", style=trend_style(it.delta, good) or "bold")
        if uncertain:
            note = clean(it.note) if it.note else f"{it.chance:.0%} chance"
            if it.note and it.chance < 0.999 and f"{it.chance:.0%}" not in note:
                note += f", {it.chance:.0%} overall"
            out.append(f"  ({note})", style="italic")
        if it.actor and it.actor != session.player:
            out.append(f"  [{actor_name(sc, it.actor)}]", style="dim")
        out.append("\n")
    if len(items) > limit:
        out.append(f"… and {len(items) - limit} more\n", style="dim")
    out.rstrip()
    return out


class Panel(Static):
    """A bordered panel whose text the game screen refreshes."""

    def __init__(self, title: str, **kw):
        super().__init__("", **kw)
        self.border_title = title
