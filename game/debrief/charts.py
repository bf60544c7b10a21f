"""Charts written by hand: inline SVG line and bar charts, and text sparklines."""

from __future__ import annotations

from html import escape
from typing import Callable

from game.numbers import whole

# Okabe-Ito: distinguishable with colour-blindness; dashes tell lines apart in black-and-white print. There
# are more dash patterns than colours, so that a scenario's dozen actors each get a pattern of their own.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#A08C00"]  # Okabe-Ito yellow darkened: #F0E442 was too pale on white
DASHES = ["", "6 3", "2 2", "8 3 2 3", "1 3", "10 4", "4 4", "3 1", "12 3 2 3 2 3", "2 6", "14 3 5 3", "6 2 1 2 1 2"]


def style(k: int) -> tuple[str, str]:
    """The colour and dash pattern of line style `k`. A chart's line keeps the style of what it draws (an
    actor, a region: its place in the scenario's own order), not of its place in that chart, so an actor
    is drawn alike in every chart of a debrief, a comparison or a class report, on screen and in black and
    white. Styles 0..11 differ in their dash; 0..23 in colour and dash together."""
    return COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)]
BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def sparkline(values: list[float], lo: float | None = None, hi: float | None = None) -> str:
    """'▁▂▄▆█' — one block per value, scaled between lo and hi."""
    if not values:
        return ""
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    span = hi - lo
    if span <= 0:
        return BLOCKS[len(BLOCKS) // 2] * len(values)
    out = []
    for v in values:
        k = int(round((min(hi, max(lo, v)) - lo) / span * (len(BLOCKS) - 1)))
        out.append(BLOCKS[k])
    return "".join(out)


# advance widths (thousandths of the font size) of Arial Bold, and Helvetica Bold and Liberation Sans Bold
# that share its metrics: the font of a chart's title (.chart .ct), to tell whether a title fits its chart
_BOLD = dict(zip("abcdefghijklmnopqrstuvwxyz", (556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
                                               611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500)))
_BOLD.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
                                               722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611)))
_BOLD.update({c: 556 for c in "0123456789"})
_BOLD.update({" ": 278, ":": 333, ";": 333, ",": 278, ".": 278, "(": 333, ")": 333, "-": 333, "'": 238, "\u2019": 278,
              "/": 278, "&": 722, "\u2013": 556, "\u2014": 1000})
TITLE_SIZE = 13  # px, as .chart .ct sets it


def title_width(text: str, size: float = TITLE_SIZE) -> float:
    """How wide a chart's title is drawn, in px (a letter not in the table counts as a wide one)."""
    return sum(_BOLD.get(c, 833) for c in text) * size / 1000


def title_lines(title: str, room: float) -> list[str]:
    """A chart's title in lines that fit `room` px: one line when it fits, else broken after its colon
    ('Violence by region:' / 'North (Mosul, Kirkuk)'), else at the last space that lets the first line fit."""
    if title_width(title) <= room or " " not in title:
        return [title]
    head, colon, rest = title.partition(": ")
    if colon and title_width(head + ":") <= room:
        return [head + ":", *title_lines(rest, room)]
    words = title.split(" ")
    for k in range(len(words) - 1, 0, -1):
        first = " ".join(words[:k])
        if title_width(first) <= room:
            return [first, *title_lines(" ".join(words[k:]), room)]
    return [words[0], *title_lines(" ".join(words[1:]), room)]


def _title(title: str, x: float, room: float) -> tuple[str, int]:
    """The title's <text> (a line of its own for each part that fits), and how many lines it took."""
    lines = title_lines(title, room)
    if len(lines) == 1:
        return f'<text x="{x}" y="16" class="ct">{escape(title)}</text>', 1
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else 15}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text x="{x}" y="16" class="ct">{spans}</text>', len(lines)


def _ticks(lo: float, hi: float) -> list[float]:
    span = hi - lo
    if span <= 0:
        return [lo]
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if span / s <= 5)
    first = (lo // step) * step
    out, t = [], first
    while t <= hi + 1e-9:
        if t >= lo - 1e-9:
            out.append(t)
        t += step
    return out


def line_chart(title: str, series: list[tuple[str, list[float]]], lo: float, hi: float, *,
               width: int = 520, height: int = 220, x_label: str = "turn", band: list[tuple[float, float]] | None = None,
               chart_id: str = "", value: Callable[[float], str] = whole, styles: list[int] | None = None) -> str:
    """An SVG line chart: x = turn (0 = the start), y from lo to hi, a legend, a title for screen readers.
    `value` writes a value of the series as the game does (game.numbers: whole, or political capital to a
    tenth rounded down) in each line's tooltip; the axis is marked in whole numbers with a true minus.
    `styles`: each series' line style (`style`), so that one actor or region is drawn alike in every chart;
    by default the series' places in this chart."""
    left, right, top, bottom = 40, 12, 26, 40
    heading, title_rows = _title(title, left, width - left - 2)  # a long title takes a second line, not the edge
    top += 15 * (title_rows - 1)
    height += 15 * (title_rows - 1)
    n = max((len(v) for _, v in series), default=0)
    legend_rows = (len(series) + 2) // 3 if len(series) > 1 else 0
    height += legend_rows * 16
    pw, ph = width - left - right, height - top - bottom - legend_rows * 16
    span = (hi - lo) or 1.0

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph - (min(hi, max(lo, v)) - lo) / span * ph

    ident = escape(chart_id or title.lower().replace(" ", "-"), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-{ident}" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-labelledby="t-{ident}">',
             f'<title id="t-{ident}">{escape(title)}</title>', heading]
    for t in _ticks(lo, hi):
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(t):.1f}" y2="{y(t):.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 5}" y="{y(t) + 4:.1f}" class="tick" text-anchor="end">{whole(t)}</text>')
    step = max(1, (n - 1) // 12) if n > 1 else 1
    for i in range(0, n, step):
        parts.append(f'<text x="{x(i):.1f}" y="{top + ph + 15}" class="tick" text-anchor="middle">{i}</text>')
    parts.append(f'<text x="{left + pw / 2:.1f}" y="{top + ph + 30}" class="tick" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" class="frame"/>')
    if band and len(band) > 1:
        up = " ".join(f"{x(i):.1f},{y(b[1]):.1f}" for i, b in enumerate(band))
        down = " ".join(f"{x(i):.1f},{y(b[0]):.1f}" for i, b in reversed(list(enumerate(band))))
        parts.append(f'<polygon points="{up} {down}" class="band" fill="{COLOURS[0]}" fill-opacity="0.15"/>')
    for k, (label, values) in enumerate(series):
        colour, dash = style(styles[k] if styles is not None and k < len(styles) else k)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(values) == 1:
            parts.append(f'<circle cx="{x(0):.1f}" cy="{y(values[0]):.1f}" r="3" fill="{colour}"/>')
        else:
            pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}>'
                         f'<title>{escape(label)}: {" → ".join(value(v) for v in values)}</title></polyline>')
        if len(series) > 1:
            row, col = divmod(k, 3)
            lx, ly = left + col * (pw / 3), top + ph + 46 + row * 16
            parts.append(f'<line x1="{lx:.1f}" x2="{lx + 22:.1f}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" '
                         f'stroke-width="2"{dash_attr}/>')
            parts.append(f'<text x="{lx + 27:.1f}" y="{ly}" class="legend">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, bars: list[tuple[str, float, str]], *, width: int = 520, chart_id: str = "") -> str:
    """Horizontal bars: (label, value, colour); the value is written at the bar's end."""
    left, right, top, row = 190, 50, 26, 24
    height = top + row * max(1, len(bars)) + 8
    pw = width - left - right
    peak = max((v for _, v, _ in bars), default=0) or 1
    ident = escape(chart_id or title.lower().replace(" ", "-"), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-{ident}" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-labelledby="t-{ident}">',
             f'<title id="t-{ident}">{escape(title)}</title>',
             f'<text x="0" y="16" class="ct">{escape(title)}</text>']
    for i, (label, value, colour) in enumerate(bars):
        yy = top + i * row
        w = pw * value / peak
        parts.append(f'<text x="{left - 6}" y="{yy + 15}" class="legend" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{yy + 3}" width="{w:.1f}" height="{row - 8}" fill="{colour}" '
                     f'stroke="#333" stroke-width="0.5"/>')
        parts.append(f'<text x="{left + w + 5:.1f}" y="{yy + 15}" class="legend">{whole(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


TONE_COLOURS = {"best": "#009E73", "good": "#56B4E9", "mixed": "#E69F00", "bad": "#D55E00", "worst": "#7F1D1D"}
