"""Event cards: the text, the options (number keys or mouse) and what each option would do."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import events
from textual._time import get_time
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.errors import GameError
from game.ui.text import clean, day, links, with_links
from game.ui.widgets import CardOptions, close_calls, KeyBar, MoreBox, NeedsRoom, ScrollBox, TooSmall, hanging, preview_text
from game.words import joined


INVENTED = "invented for the game"  # the marker of an event with `invented = true` (the debrief says it too)


def card_count(app, session, answered: int, total: int) -> str:
    """'card 2 of 3', and when a choice brought more cards this turn, says so where the total grows:
    'card 2 of 4 (your choice added 2)', then 'card 3 of 4 (2 added this turn)' (the total used to
    jump from 3 to 5 between two cards, unexplained). Where it shrinks, a card to come was set aside, the
    choice having made it moot: 'card 3 of 3 (your choice set aside 1)'. The app keeps the count the turn
    began with; call it for every card shown, the turn's only card too (else a turn of one card, its choice
    adding two, began its count at three and said nothing of them)."""
    seen = getattr(app, "_card_count", None)
    if seen is None or seen[0] is not session or seen[1] != session.turn:
        seen = (session, session.turn, total, total)  # (game, turn, total at first, total shown last)
    _, _, first, last = seen
    app._card_count = (session, session.turn, first, total)
    out = f"card {answered + 1} of {total}"
    if total > last:
        return out + f" (your choice added {total - last})"
    if total < last:
        return out + f" (your choice set aside {last - total})"
    if total > first:
        return out + f" ({total - first} added this turn)"
    if total < first:
        return out + f" ({first - total} set aside this turn)"
    return out


def shown_cards(app, session) -> set[str]:
    """The ids of the cards shown so far this turn (the app keeps them, for the news panel)."""
    seen = getattr(app, "_shown_cards", None)
    if seen is None or seen[0] is not session or seen[1] != session.turn:
        seen = app._shown_cards = (session, session.turn, set())
    return seen[2]


class EventCardScreen(NeedsRoom, ModalScreen[None]):
    """Shows each waiting card in turn; closes when the briefing is answered."""

    BINDINGS = [
        Binding("1", "pick(0)", "Choose"),  # shown as "1-N" for a card of N options (key_display)
        *[Binding(str(i), f"pick({i - 1})", f"Option {i}", show=False) for i in range(2, 10)],
        Binding("enter", "pick_highlighted", "Choose", show=False),
        Binding("l", "open_link", "Codex links"),
        Binding("escape", "peek", "Look at the map"),
        # a modal screen hides the app's own keys: the card offers help and the codex itself
        Binding("question_mark,f1", "app.help", "Help"),
        Binding("c", "app.codex", "Codex"),
        # as on the main screen: a save while a card waits. The footer shows w, the key that works everywhere
        # (a browser under `ceasefire serve` keeps ctrl+s for its own "Save page"; the docs say w)
        Binding("w", "app.quick_save", "Save now"),
        Binding("ctrl+s", "app.quick_save", "Save now", show=False),
        Binding("s", "app.save", "Save", show=False),  # under a name, as on the main screen
        Binding("f5", "app.dev_reload", "Reload"),  # developer mode only (the app's check_action)
        Binding("colon", "app.dev_console", "Console"),
        Binding("ctrl+q", "app.quit", "Quit", show=False),
    ]
    # short of room (at 80 columns with --dev, for F5 and ':'), w leaves the footer first: ctrl+s still saves
    KEYBAR_SPARE = ("w",)
    # Type-ahead: a player hammering keys on the map or the report must not answer a card unseen. Keys pressed
    # before a card is drawn are dropped (ctrl+q excepted); for ANSWER_DELAY seconds after, the keys that answer
    # it (an option's number, Enter on an option) or close it (Escape: the second of two quick Escapes on the
    # report) are dropped too, while ↑↓, help, the codex, a save and ctrl+q work at once. Each card of a turn
    # starts its own delay. A click on an option waits as its number does (early_click). (The interface tests
    # set it to 0: tests/ui/conftest.py.)
    ANSWER_DELAY = 0.35
    ANSWER_KEYS = frozenset({*(str(i) for i in range(1, 10)), "enter", "escape"})
    ALWAYS_KEYS = frozenset({"ctrl+q"})
    drawn_at: float | None = None  # when the card now shown was first drawn (Textual's clock, as a key's time)

    @property
    def session(self):
        return self.app.session

    def key_display(self, binding: Binding) -> str | None:
        """The key bar's "1-3" for a card of three options (KeyBar asks)."""
        if binding.action == "pick(0)":
            n = self.query_one("#card-options", OptionList).option_count
            return f"1-{n}" if n > 1 else "1"
        return None

    def compose(self) -> ComposeResult:
        with Vertical(id="card", classes="needs-room"):
            yield Static("", id="card-title")
            with ScrollBox(id="card-text-box"):
                yield Static("", id="card-text")
            yield CardOptions(id="card-options")
            with MoreBox(id="card-preview-box", sign="card-more"):
                yield Static("", id="card-preview")
            yield Static("", id="card-more")
        yield TooSmall()
        yield KeyBar()

    def on_resize(self, event) -> None:
        # on a short screen the card fills it and the preview takes what is left (else the card ran past
        # the screen's foot, its last lines unseen); a tall one has room for the preview's own height
        self.set_class(event.size.height < 34, "-short")  # (below 80x24: a message instead of a cut card: NeedsRoom)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("pick", "pick_highlighted") and self.has_class("-too-small"):
            return False  # the options are out of sight: none is chosen unseen
        if action == "open_link" and not self.card_links():
            return False  # a card with no links: 'l' had opened whatever codex entry came first (c opens the codex)
        return True

    def on_mount(self) -> None:
        self.show_card()

    def show_card(self) -> None:
        s = self.session
        ev = s.card
        if ev is None:
            self.dismiss(None)
            return
        self.event_id = ev.id
        shown_cards(self.app, s).add(ev.id)
        title = Text()
        title.append(f"Turn {s.turn} · {day(s.date())}", style="dim")
        answered = len(s.st.current.events) if s.st.current is not None else 0
        total = answered + len(s.st.queue) + len(s.st.coming)  # this turn's cards: those answered, this one and those to come
        count = card_count(self.app, s, answered, total)  # counted on a turn of one card too: a choice may add more
        if total > 1:
            title.append(f" · {count}", style="dim")
        head = self.query_one("#card-title", Static)
        room = head.content_size.width or self.app.size.width - 6
        late = ev.model.invented and title.cell_len + 3 + len(INVENTED) > room
        if ev.model.invented and not late:  # on the card's quiet first line: no line taken from the options
            title.append(" · ", style="dim")
            title.append(INVENTED, style="dim italic")
        title.append("\n")
        title.append(clean(ev.model.title), style="bold")
        if late:  # a long count on the first line: after the title instead of wrapping onto a line of its own
            title.append(f" ({INVENTED})", style="dim italic")
        self.query_one("#card-title", Static).update(title)
        body = Text()
        before = s.answered_before(ev.id)
        if before:  # the same card again: say so, and when it came, before its text
            body.append(f"Again: this came up before, on turn{'s' if len(before) > 1 else ''} {joined(before)}.\n",
                        style="dim italic")
        body.append_text(with_links(ev.model.text, s.sc.codex))
        if self.card_links():
            # a click opens an entry too: the line spoke only of the key, and a mouse user had no word of it
            body.append("\n(click an underlined name for its codex entry, or press l)", style="dim")
        self.query_one("#card-text", Static).update(body)
        ol = self.query_one("#card-options", OptionList)
        ol.clear_options()
        first = None
        for i, opt in enumerate(s.shown_options(ev)):
            av = s.option_availability(opt)
            if av.ok:
                t = Text(clean(opt.model.text))
                if first is None:
                    first = i
            else:
                # greyed by the stylesheet's muted colour, not "dim": on top of the disabled colour the
                # terminal's dim left the reason too faint to read
                t = Text(clean(opt.model.text))
                t.append(f"\nunavailable: {clean(av.reason)}{close_calls(s, opt.model.requires)}", style="italic")
            # a long option wraps under its text, not under its number
            ol.add_option(Option(hanging(Text(f"{i + 1}. ", style="bold"), t), id=opt.id, disabled=not av.ok))
        ol.highlighted = first
        ol.focus()
        self.refresh_bindings()  # the key bar's "1-N"
        self.show_preview()
        self.drawn_at = None  # a new card: keys wait until it is drawn (after this refresh)
        self.call_after_refresh(self._drawn)

    def _drawn(self) -> None:
        self.drawn_at = get_time()

    def early_key(self, event: events.Key) -> bool:
        """Whether a key came too early for this card: before it was drawn, or an answering key within
        ANSWER_DELAY of that (see ANSWER_KEYS). The app drops such a key (CeasefireApp.on_event): a key
        hammered on the report went to the report's own widget, then bubbled up to the app with the card
        drawn over it meanwhile, and the card's bindings answered it."""
        if event.key in self.ALWAYS_KEYS:
            return False
        if self.drawn_at is None or event.time < self.drawn_at:
            return True
        return event.key in self.ANSWER_KEYS and event.time < self.drawn_at + self.ANSWER_DELAY

    def early_click(self, pressed: float) -> bool:
        """Whether a click pressed at `pressed` (Textual's clock) came too early to answer this card: before it
        was drawn or within ANSWER_DELAY of that, as an answering key (CardOptions drops such a click)."""
        return self.drawn_at is None or pressed < self.drawn_at + self.ANSWER_DELAY

    def card_links(self) -> list[str]:
        s = self.session
        ev = s.sc.events.get(getattr(self, "event_id", ""), None)
        if ev is None:
            return []
        return [cid for cid, _ in links(ev.model.text) if cid in s.sc.codex]

    def show_preview(self) -> None:
        s = self.session
        ol = self.query_one("#card-options", CardOptions)
        box = self.query_one("#card-preview", Static)
        hi, _ = ol.previewed()  # the highlighted option, or the one under the mouse
        if hi is None:
            box.update(Text("No option is available.", style="dim"))
            return
        opt = ol.get_option_at_index(hi)
        box.update(Group(Text(f"If you choose {hi + 1}:", style="bold"), preview_text(s, s.preview_option(self.event_id, opt.id))))
        self.query_one("#card-preview-box", MoreBox).scroll_home(animate=False)  # (its sign follows: MoreBox)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_preview()

    def on_pointed_options_pointed(self, event: CardOptions.Pointed) -> None:
        self.show_preview()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.has_class("-too-small"):  # (Enter on the hidden list)
            self.choose(event.option.id)

    def action_pick(self, index: int) -> None:
        ol = self.query_one("#card-options", OptionList)
        if index >= ol.option_count:  # '5' on a card of three: say which keys answer it (it did nothing)
            n = ol.option_count
            self.app.notify_once("card-unavailable", f"This card has {n} options: press {'1' if n == 1 else f'1 to {n}'}.",
                                 severity="warning")
            return
        opt = ol.get_option_at_index(index)
        if opt.disabled:
            ol.highlighted = ol.highlighted  # keep; tell why
            # one toast, whichever option and however often it is pressed (they stacked over the options)
            self.app.notify_once("card-unavailable", f"Option {index + 1} is not available now.", severity="warning")
            return
        self.choose(opt.id)

    def action_pick_highlighted(self) -> None:
        ol = self.query_one("#card-options", OptionList)
        if ol.highlighted is not None:
            self.action_pick(ol.highlighted)

    def choose(self, option_id: str) -> None:
        s = self.session
        try:
            s.choose(option_id)
        except GameError as exc:
            self.app.show_message("Cannot choose that", str(exc))
            return
        if s.ended or s.card is None:
            self.dismiss(None)
        else:
            self.refresh_below()
            self.show_card()

    def refresh_below(self) -> None:
        """Redraw the main screen under the card (on a window larger than the card it shows around it):
        a choice that brought capital left it at the old figure until the card closed."""
        from game.ui.screens.game import GameScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, GameScreen) and screen.is_mounted:
                screen.refresh_all()

    def action_open_link(self) -> None:
        ids = self.card_links()
        if ids:
            self.app.action_codex(ids[0])

    def action_peek(self) -> None:
        self.dismiss(None)
