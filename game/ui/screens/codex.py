"""The codex: actors, people, places, terms and the model's assumptions, searchable, with links."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.numbers import exact as score_words  # a rule's own number, as the rule gives it ('Score: 20')
from game.ui.text import LINK, clean, link_words
from game.ui.widgets import KeyBar

ORDER = ["actor", "person", "place", "term", "mechanic", "assumption"]


ENDINGS_ID = "how_games_end"
NUMBERS_ID = "reading_the_numbers"
LIST_MIN, LIST_MAX, TEXT_MIN = 34, 56, 60  # the list's width in columns, and the least the text keeps


def endings_entry(sc):
    """A codex article on how a game ends, made from the scenario's endings (so it cannot drift from
    them): each ending's title, tone, conditions in words and score, in the order they are checked."""
    from game.content.models import CodexEntry

    if not sc.endings:
        return None
    lines = ["After every turn the endings are checked in the order below; the first whose conditions hold "
             "ends the game. Those marked 'at the end' are checked only when the last turn is over. Each "
             "ending scores the game by its own rule, given below: compare two games' scores with their rules in mind."]
    for e in sc.endings:
        m = e.model
        score = e.score if isinstance(e.score, float) else None
        score_text = score_words(score) if score is not None else formula_words(str(m.score), sc)
        explain = clean(m.explain)
        when = " At the end." if m.at_end and not explain.lower().startswith("at the end") else ""
        lines.append(f"- {clean(m.title)} ({m.tone}).{when} {explain or 'No condition stated.'} Score: {score_text}.")
    return CodexEntry(id=ENDINGS_ID, title="How a game ends", category="mechanic", body="\n\n".join(lines))


def _span(lo: float, hi: float) -> str:
    return f"{score_words(lo)} to {score_words(hi)}".replace("-", "−")


def numbers_entry(sc):
    """A codex article on what every number on the screen means, made from the scenario's own descriptions
    of its national numbers, its actors' and its regions' (so it cannot drift from them). Those descriptions
    were shown nowhere in the game: a player saw 'Coalition cohesion 13' or 'Sadrists cohesion ▼ −3' with
    no word of what it measured, nor that below 18 a vote of no confidence may pass at the end of any turn."""
    from game.content.models import CodexEntry

    metrics = [m for m in sc.metrics.values() if not m.hidden]
    if not metrics and not sc.actors and not sc.regions:
        return None
    lines = ["Every number in the game is a judgement on a scale, not a measurement (see the entry 'What this "
             "model assumes'). This entry says what each one stands for. Beside a change, ▲ or ▼ gives its "
             "direction; it is green when the change is good for you, red when it is bad, and plain when that "
             "depends on the game."]
    if metrics:
        lines.append("THE NATIONAL NUMBERS (the national picture, and the capital at the top of the screen)")
        for m in metrics:
            good = {"high": "; high is good", "low": "; low is good"}.get(m.good, "")
            more = f" [[{m.codex}|More]]." if m.codex and m.codex in sc.codex else ""
            lines.append(f"- {clean(m.label)} ({_span(m.min, m.max)}{good}): "
                         f"{clean(m.description).rstrip('.') or 'no description'}.{more}")
    actors = [a for a in sc.actors.values() if not a.player and a.attributes]
    if actors:
        lines.append("EACH ACTOR'S NUMBERS (the Actors tab, a)")
        for a in actors:
            parts = [f"{clean(r.label)} ({_span(r.min, r.max)}): {clean(r.description).rstrip('.')}"
                     if r.description else f"{clean(r.label)} ({_span(r.min, r.max)})"
                     for r in a.attributes.values()]
            name = clean(a.short or a.name)
            full = f" ({clean(a.name)})" if a.short and clean(a.name) != name else ""
            lines.append(f"- {name}{full}. " + "; ".join(parts) + ".")
    regions = list(sc.regions.values())
    if regions:
        lines.append("EACH REGION'S NUMBERS (the map shows violence)")
        seen: dict[str, object] = {}
        for r in regions:
            for key, rng in r.attributes.items():
                seen.setdefault(key, rng)
        for rng in seen.values():
            lines.append(f"- {clean(rng.label)} ({_span(rng.min, rng.max)}): "
                         f"{clean(rng.description).rstrip('.') or 'no description'}.")
    return CodexEntry(id=NUMBERS_ID, title="Reading the numbers", category="term", body="\n\n".join(lines))


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_SIGNS = {"-": " − ", "*": " × ", "/": " ÷ ", "+": " + "}


def formula_words(source: str, sc) -> str:
    """A score rule as players read it: state names become their labels and the signs school signs,
    '70 + (Security forces capability + Public confidence) ÷ 10 − Iranian influence ÷ 10'."""
    def name(mt: re.Match) -> str:
        i = sc.index.get(mt.group(0))
        return sc.label_of(sc.slots[i]) if i is not None else mt.group(0)

    floor = re.fullmatch(r"\s*max\(\s*0\s*,(.*)\)\s*", source)
    if floor:  # max(0, x): x, never below 0
        return formula_words(floor.group(1), sc) + ", never below 0"
    text = _NAME.sub(name, source)
    text = re.sub(r"\s*([-*/+])\s*", lambda mt: _SIGNS[mt.group(1)], text)
    text = re.sub(r"\( − ", "(−", re.sub(r"^ − ", "−", text))  # a leading minus is a sign, not a subtraction
    return clean(re.sub(r" {2,}", " ", text).strip())


class CodexScreen(Screen):
    BINDINGS = [
        # c closes it too, as ? closes the help (the app's "c Codex" did nothing here, and the footer offered it)
        Binding("escape,c", "close", "Back"),
        # priority: ahead of the search box, which would type the "/" (no codex entry has one to find)
        Binding("slash", "search", "Search", priority=True),
        # the entry's text scrolls by the page whichever side has the focus (in the list, PgDn moved to
        # another entry: a reader who opened the endings from the end screen lost the page being read)
        Binding("pagedown", "page(1)", "Scroll", key_display="PgUp/PgDn", priority=True),
        Binding("pageup", "page(-1)", "Scroll", show=False, priority=True),
        Binding("tab", "switch", "To the text"),  # the text or the list: the arrows then scroll or choose
        Binding("shift+tab", "switch", "To the text", show=False),
        *[Binding(str(i), f"follow({i})", "", show=False) for i in range(1, 10)],
        Binding("0", "follow(10)", "", show=False),
    ]

    def __init__(self, scenario, entry: str | None = None):
        super().__init__()
        self.sc = scenario
        self.entries = dict(scenario.codex)  # the scenario's codex, and the article made from its endings
        for made in (endings_entry(scenario), numbers_entry(scenario)):
            if made is not None and made.id not in self.entries:
                self.entries[made.id] = made
        self.entry = entry if entry in self.entries else None
        self.current: str | None = None
        self.targets: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="codex-title")
        with Horizontal(id="codex"):
            with Vertical(id="codex-left"):
                yield Input(placeholder="search the codex (/)", id="codex-search")
                yield OptionList(id="codex-list")
            with VerticalScroll(id="codex-body-box"):
                yield Static("", id="codex-body")
        yield KeyBar()

    def on_resize(self, event) -> None:
        """The list takes two fifths of a wide screen (whole titles: 'Dynamic: the coalition's
        contradiction' at 120 columns), never fewer than 34 columns, and never so many that the text has
        fewer than 60 (or more than 56, where titles rarely need more)."""
        w = event.size.width
        for left in self.query("#codex-left"):
            left.styles.width = max(LIST_MIN, min(w * 2 // 5, w - TEXT_MIN, LIST_MAX))

    def heading(self, query: str = "", found: int = 0) -> None:
        name = clean(self.sc.meta.name)
        t = Text("Codex", style="bold")
        if query.strip():
            t.append(f" · {found} of {len(self.entries)} entries contain “{query.strip()}”")
        else:
            t.append(f" · {name} · {len(self.entries)} entries")
        self.query_one("#codex-title", Static).update(t)

    def on_mount(self) -> None:
        self.heading()
        self.fill("")
        first = self.entry or next(iter(self.sorted_ids()), None)
        if first:
            self.show(first)
        if self.entry:
            self.call_after_refresh(self.centre_in_list)
        if self.entry:  # opened on an entry (a link, the end screen's endings): to read it, the keys scroll it
            self.query_one("#codex-body-box", VerticalScroll).focus()
        else:  # to browse: the arrows go through the list
            self.query_one("#codex-list", OptionList).focus()

    def on_descendant_focus(self, event) -> None:
        self.refresh_bindings()  # the key bar's Tab says where it goes from here

    def key_description(self, binding: Binding) -> str | None:
        """Tab's words in the key bar, from where the focus is now (KeyBar asks)."""
        if binding.action == "switch":
            return "To the list" if self.query_one("#codex-body-box").has_focus else "To the text"
        return None

    def action_switch(self) -> None:
        """Tab: from the text to the list, from anywhere else (the list, the search) to the text."""
        box = self.query_one("#codex-body-box", VerticalScroll)
        if box.has_focus:
            self.query_one("#codex-list", OptionList).focus()
        else:
            box.focus()

    def action_page(self, direction: int) -> None:
        box = self.query_one("#codex-body-box", VerticalScroll)
        if direction > 0:
            box.scroll_page_down(animate=False)
        else:
            box.scroll_page_up(animate=False)

    def sorted_ids(self) -> list[str]:
        cx = self.entries
        return sorted(cx, key=lambda i: (ORDER.index(cx[i].category) if cx[i].category in ORDER else 99,
                                         clean(cx[i].title).lower()))

    def ranked(self, query: str) -> list[tuple[int, str]]:
        """The entries that contain `query`, best first, each with its rank: 0 a whole word of the title,
        1 the start of a word in the title, 2 inside a title word, 3 the start of a word in the text, 4
        inside a word of the text ('sending' for 'ending'), 5 the id alone. Within a rank, text matches
        with more word starts come first, then the codex's own order."""
        q = query.strip().lower()
        if not q:
            return []
        whole_word = re.compile(r"(?<!\w)" + re.escape(q) + r"(?!\w)")
        word_start = re.compile(r"(?<!\w)" + re.escape(q))
        out = []
        for n, cid in enumerate(self.sorted_ids()):
            e = self.entries[cid]
            title, body = clean(e.title).lower(), clean(e.body).lower()
            starts = len(word_start.findall(body))
            if q in title:
                rank = 0 if whole_word.search(title) else 1 if word_start.search(title) else 2
            elif starts:
                rank = 3
            elif q in body:
                rank = 4
            elif q in cid:
                rank = 5
            else:
                continue
            out.append((rank, -starts if rank in (3, 4) else 0, n, cid))
        return [(rank, cid) for rank, _, _, cid in sorted(out)]

    def fill(self, query: str) -> list[str]:
        """The whole codex by section; or, for a search, the matches best first: those in a title, then
        those in the text. Returns the matches (none without a search)."""
        ol = self.query_one("#codex-list", OptionList)
        ol.clear_options()
        found = self.ranked(query)
        if query.strip():
            head = None
            for rank, cid in found:
                where = "IN THE TITLE" if rank <= 2 else "IN THE TEXT"
                if where != head:
                    head = where
                    ol.add_option(Option(Text(where, style="bold underline"), disabled=True))
                ol.add_option(Option(Text(clean(self.entries[cid].title)), id=cid))
        else:
            cat = None
            for cid in self.sorted_ids():
                e = self.entries[cid]
                if e.category != cat:
                    cat = e.category
                    ol.add_option(Option(Text(cat.upper(), style="bold underline"), disabled=True))
                ol.add_option(Option(Text(clean(e.title)), id=cid))
        if ol.option_count == 0:
            ol.add_option(Option(Text("Nothing matches.", style="dim"), disabled=True))  # (the text says what)
        self.highlight(self.current)
        return [cid for _, cid in found]

    def highlight(self, cid: str | None) -> None:
        ol = self.query_one("#codex-list", OptionList)
        for i in range(ol.option_count):
            if ol.get_option_at_index(i).id == cid:
                ol.highlighted = i
                return

    def show(self, cid: str) -> None:
        e = self.entries.get(cid)
        if e is None:
            return
        self.current = cid
        self.targets = []
        t = Text(clean(e.title) + "\n", style="bold")
        t.append(e.category + "\n\n", style="dim italic")
        body = clean(e.body)
        pos = 0
        for m in LINK.finditer(body):
            t.append(body[pos:m.start()])
            target = m.group(1).strip()
            t.append_text(self._link(target, link_words(target, m.group(2), self.entries)))
            pos = m.end()
        t.append(body[pos:])
        see = [s for s in e.see if s in self.entries]
        if see:
            t.append("\n\nSee also: ")
            for j, s in enumerate(see):
                if j:
                    t.append(", ")
                t.append_text(self._link(s, clean(self.entries[s].title)))
        if self.targets:
            t.append("\n\nClick a link, or press its number" + (" (0 for 10)" if len(self.targets) >= 10 else "")
                     + ", to follow it.", style="dim")
        self.query_one("#codex-body", Static).update(t)
        self.query_one("#codex-body-box", VerticalScroll).scroll_home(animate=False)  # another entry: from its top
        self.highlight(cid)

    def jump(self, cid: str) -> None:
        """Show an entry reached from outside the list (a link followed), with its line in the list in sight."""
        self.show(cid)
        self.centre_in_list()

    def centre_in_list(self) -> None:
        """The highlighted title a third of the way down the list, with the titles above it in sight: scrolled
        only as far as needed, a title reached by a link sat on the list's last line, as if nothing came after."""
        ol = self.query_one("#codex-list", OptionList)
        if ol.highlighted is None:
            return
        # every title is one line (app.tcss: #codex-list does not wrap), so an option's index is its line
        y = ol.highlighted - ol.scrollable_content_region.height // 3
        ol.scroll_to(y=max(0, min(y, ol.max_scroll_y)), animate=False, immediate=True)

    def _link(self, cid: str, words: str) -> Text:
        if cid not in self.entries:
            return Text(clean(words))
        if cid in self.targets:  # linked again: the same number, so the numbers run 1, 2, 3... over distinct entries
            n = self.targets.index(cid) + 1
        else:
            self.targets.append(cid)
            n = len(self.targets)
        safe = cid.replace("'", "")
        return Text(f"{clean(words)}[{n}]", style=Style(underline=True, bold=True, meta={"@click": f"app.codex('{safe}')"}))

    def show_no_match(self, query: str) -> None:
        """A search that matches nothing says so in the text, instead of leaving there the entry of the
        last search that matched (which read as if it matched this one too)."""
        self.current = None
        self.targets = []  # (the number keys followed the hidden entry's links)
        t = Text(f"No entry matches “{query.strip()}”.\n\n", style="bold")
        t.append("Try another word, or clear the search (ctrl+u in the search box) for the whole codex.", style="dim")
        self.query_one("#codex-body", Static).update(t)
        self.query_one("#codex-body-box", VerticalScroll).scroll_home(animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """The list narrows as a search is typed, and the text shows its best match (or says none does)."""
        if event.value.strip() and not getattr(self, "searching", False):
            self.before_search = self.current  # the entry read before the search: back to it if nothing matches
        self.searching = bool(event.value.strip())
        found = self.fill(event.value)
        self.heading(event.value, len(found))
        if found:
            self.show(found[0])
        elif event.value.strip():
            self.show_no_match(event.value)
        elif self.current is None:  # cleared after a search that matched nothing: the entry read before the search
            back = getattr(self, "before_search", None) or self.entry or next(iter(self.sorted_ids()), None)
            if back:
                self.show(back)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter after a search: to the list, showing the first match unless the entry shown is one."""
        ol = self.query_one("#codex-list", OptionList)
        ol.focus()
        found = [o.id for o in (ol.get_option_at_index(i) for i in range(ol.option_count)) if o.id]
        if found and self.current not in found:
            self.show(found[0])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.highlighted != event.option_index:
            # stale: the highlight has moved on since (keys pressed quickly). Showing this entry would
            # move the highlight back and post another message, and two such would take turns forever.
            return
        if event.option.id and event.option.id != self.current:
            self.show(event.option.id)

    def action_follow(self, n: int) -> None:
        if 1 <= n <= len(self.targets):
            self.jump(self.targets[n - 1])

    def action_search(self) -> None:
        self.query_one("#codex-search", Input).focus()

    def action_close(self) -> None:
        self.app.pop_screen()
