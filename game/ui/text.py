"""Plain-text helpers for the interface: cleaning content strings, links, bars and trends.

Every string that comes from content is shown through these helpers as `rich.text.Text`,
never parsed as markup, with control characters stripped.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

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


def num(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def signed(x: float) -> str:
    if abs(x) < 0.05:
        return "±0"
    return ("+" if x > 0 else "−") + num(abs(x))


def signed_tenth(x: float) -> str:
    """A change in a column of changes: always one decimal, so the points line up ('+14.0', '−6.3')."""
    r = round(x, 1)
    if r == 0:
        return "±0.0"
    return ("+" if r > 0 else "−") + f"{abs(r):.1f}"


def whole(x: float) -> str:
    """A state value as the panels show it: a whole number, with a true minus sign ('−12', never '-0')."""
    r = round(x)
    return f"−{-r}" if r < 0 else str(r)


def signed_whole(x: float) -> str:
    """A change as the panels show it: '+6', '−3'; one that rounds to nothing but is not nothing: '+0.4'."""
    if abs(x) < 0.5:
        return signed(x)
    return ("+" if x > 0 else "−") + str(round(abs(x)))


def size_arrows(delta: float, span: float = 100.0) -> str:
    """Direction and rough size: ▲ small, ▲▲ medium, ▲▲▲ large (relative to the range)."""
    if abs(delta) < 1e-9:
        return "="
    rel = abs(delta) / (span or 100.0) * 100.0
    n = 1 if rel < 4 else 2 if rel < 10 else 3
    return ("▲" if delta > 0 else "▼") * n


def spark(values: list[float], lo: float, hi: float, width: int = 8) -> str:
    """A small sparkline of the last `width` values, scaled to the slot's range."""
    vals = values[-width:]
    span = (hi - lo) or 1.0
    out = []
    for v in vals:
        f = (v - lo) / span
        out.append(BLOCKS[max(1, min(8, int(round(f * 8))))])
    return "".join(out).rjust(width)


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
    v = round(v)
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
