"""Plain-text helpers for the interface: cleaning content strings, links, bars and trends (numbers: game.numbers).

Every string that comes from content is shown through these helpers as `rich.text.Text`,
never parsed as markup, with control characters stripped.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from game.numbers import nearest
from game.words import LINK, clean, day, link_words  # noqa: F401 (the interface's names for them)

BLOCKS = " ▁▂▃▄▅▆▇█"


def plain(s: object, style: str | Style = "") -> Text:
    """A Text holding the cleaned string as is (no markup)."""
    return Text(clean(s), style=style)


def links(s: str) -> list[tuple[str, str]]:
    """The [[id|words]] links of a text: (id, words)."""
    return [(m.group(1).strip(), (m.group(2) or m.group(1)).strip()) for m in LINK.finditer(clean(s))]


def strip_links(s: str) -> str:
    return LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), clean(s))


def with_links(s: str, known=frozenset(), style: str = "") -> Text:
    """Text with [[links]] shown as underlined words that open the codex when clicked. `known`: the
    codex ids, or the codex itself (then a bare [[id]] shows the entry's name)."""
    s = clean(s)
    out = Text(style=style)
    pos = 0
    for m in LINK.finditer(s):
        out.append(s[pos:m.start()])
        cid = m.group(1).strip()
        words = link_words(cid, m.group(2), known)
        if cid in known:
            safe = cid.replace("'", "")
            out.append(words, Style(underline=True, bold=True, meta={"@click": f"app.codex('{safe}')"}))
        else:
            out.append(words)
        pos = m.end()
    out.append(s[pos:])
    return out


def size_arrows(delta: float, span: float = 100.0) -> str:
    """Direction and rough size: ▲ small, ▲▲ medium, ▲▲▲ large (relative to the range)."""
    if abs(delta) < 1e-9:
        return "="
    rel = abs(delta) / (span or 100.0) * 100.0
    n = 1 if rel < 4 else 2 if rel < 10 else 3
    return ("▲" if delta > 0 else "▼") * n


def spark(values: list[float], lo: float, hi: float, width: int = 8) -> str:
    """A small sparkline of the last `width` values, scaled to lo..hi (the lowest block at lo, the highest at hi)."""
    vals = values[-width:]
    span = (hi - lo) or 1.0
    out = []
    for v in vals:
        f = (v - lo) / span
        out.append(BLOCKS[max(1, min(8, int(round(f * 8))))])
    return "".join(out).rjust(width)


def own_span(values: list[float], lo: float, hi: float, least_share: float = 0.1) -> tuple[float, float]:
    """The span a sparkline of `values` is drawn on: their own lowest to highest, so that the shape of
    recent moves shows (45 -> 55 climbs from the bottom block to the top, where on the whole 0..100 range
    it was one flat row); but at least `least_share` of the number's whole range lo..hi, centred on the
    values, so that a drift of a point or two draws as the small step it is, not floor to ceiling. Values
    that do not change draw a flat line at half height."""
    if not values:
        return lo, hi
    least, most = min(values), max(values)
    span = max(most - least, (hi - lo) * least_share) or 1.0
    middle = (least + most) / 2
    return middle - span / 2, middle + span / 2


def trend(values: list[float], lo: float, hi: float, width: int = 4) -> str:
    """The sparkline of a panel: the last `width` values on their own span (see own_span)."""
    recent = values[-width:]
    bottom, top = own_span(recent, lo, hi)
    return spark(recent, bottom, top, width)


VIOLENCE_BANDS = [  # (upper bound, symbol, word, style)
    (20, "·", "calm", "green"),
    (40, "░", "low", "bright_green"),
    (60, "▒", "tense", "yellow"),
    (80, "▓", "high", "dark_orange"),
    (1000, "█", "severe", "red"),
]


def violence_band(v: float) -> tuple[str, str, str]:
    """(symbol, word, style) of the whole number shown beside it: 59.6 shows as '60', so it draws as 60
    does, as the legend says ('▓60'), not as the 59.6 it is."""
    v = nearest(v)
    for hi, sym, word, style in VIOLENCE_BANDS:
        if v < hi:
            return sym, word, style
    return VIOLENCE_BANDS[-1][1:]


def trend_style(delta: float, good: str) -> str:
    if abs(delta) < 0.05 or good == "neutral":
        return ""
    better = delta > 0 if good == "high" else delta < 0
    return "green" if better else "red"


def tone_style(tone: str) -> str:
    return {"best": "bold green", "good": "green", "mixed": "yellow", "bad": "red", "worst": "bold red"}.get(tone, "")
