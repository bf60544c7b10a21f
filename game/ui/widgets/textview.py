"""Long text drawn a screenful at a time: hanging indents, and line breaks measured in terminal cells."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


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
