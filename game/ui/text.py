"""Plain-text helpers for the interface: cleaning content strings, links, bars and trends (numbers: game.numbers).

Every string that comes from content is shown through these helpers as `rich.text.Text`,
never parsed as markup, with control characters stripped.
"""

from __future__ import annotations

import math
import shlex

from rich.style import Style
from rich.text import Text

from game.numbers import MINUS, nearest, whole
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


STEPS = len(BLOCKS) - 1  # the heights a sparkline draws (▁ to █)


def spark(values: list[float], lo: float, hi: float, width: int = 8) -> str:
    """A small sparkline of the last `width` values, scaled to lo..hi (the lowest block at lo, the highest at
    hi; a value halfway between two heights takes the upper one)."""
    vals = values[-width:]
    span = (hi - lo) or 1.0
    out = []
    for v in vals:
        level = math.floor((v - lo) / span * STEPS + 0.5 + 1e-9)
        out.append(BLOCKS[max(1, min(STEPS, level))])
    return "".join(out).rjust(width)


def as_written(v: float, num=whole) -> float:
    """`v` as the panels write it (`num`: whole, or political capital's tenth; see game.numbers), back as a
    number: a chart draws the numbers beside it, so '55 → 55' never sits by a step."""
    return float(num(v).replace(MINUS, "-"))


def own_span(values: list[float], spare: float = 0.0) -> tuple[float, float]:
    """The span a sparkline of `values` is drawn on, so that its steps are the moves the numbers make:
    - values that keep within STEPS − 1 points (7) of each other: a span of STEPS points centred on them,
      so that each point is one height: a move of one point is a step of one block, of three three
      blocks, and values that do not change draw a flat line at half height (a drift of a point or two
      once drew flat on a span of a tenth of the number's range, 0..100 or −100..100);
    - values further apart: their own lowest to highest (45 → 55 climbs from the bottom block to the
      top, where on the whole 0..100 range it was one flat row), `spare` of it added, half at each end."""
    if not values:
        return 0.0, float(STEPS)
    least, most = min(values), max(values)
    middle = (least + most) / 2
    if most - least <= STEPS - 1 + 1e-9:
        return middle - STEPS / 2, middle + STEPS / 2
    span = (most - least) * (1 + spare)
    return middle - span / 2, middle + span / 2


def trend(values: list[float], width: int = 4) -> str:
    """The sparkline of a panel: the last `width` values, as whole numbers, on their own span (see own_span)."""
    recent = [as_written(v) for v in values[-width:]]
    bottom, top = own_span(recent)
    # from the left, in a column of its own: padded on the left while the game was young, its gap from the
    # change beside it shrank as turns went by ('+3   ▃▆', then '+3 ▁▁▁▁')
    return spark(recent, bottom, top, len(recent)).ljust(width)


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


def command(*args: str) -> str:
    """A `ceasefire` command line as the UI shows it, each argument quoted for a POSIX shell (a path with
    spaces, or quotes, can be copied and pasted as it stands)."""
    return " ".join(["ceasefire", *(shlex.quote(str(a)) for a in args)])


CONTINUE_ENDED = "Continue (your last game ended)"  # the title's Continue line, greyed, after a game's end (fits the menu)
# the title's Continue line in a served game (`ceasefire serve`) with no game open: a class's games all save into
# one folder, and its newest game in progress may be another pair's; Continue opens the list of saves instead
CONTINUE_CHOOSE = "Continue (choose your game)"
