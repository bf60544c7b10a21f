"""Boxes the screens are built of: scrolling boxes that say there is more, the card's options, and the
rule that a screen too small for its content says so instead of drawing it cut."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from game.ui.widgets.pointing import PointedOptions


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


class CardOptions(PointedOptions):
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
