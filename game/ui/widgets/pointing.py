"""Lists whose options can be read before they are clicked: the option under the mouse is told to the
screen, which shows what that option would do (a card's option, an order).

A click on an option chooses it, as its key does. Before, a player with only a mouse saw the preview of the
highlighted option alone: a card's other options were answered unread, and an order had to be planned and
taken back to read what it would do. The keys' highlight does not follow the mouse, so Enter or Space still
acts on the option the keys chose, whatever the mouse rests on."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import OptionList


class PointedOptions(OptionList):
    """An OptionList that posts `Pointed` when the mouse comes onto an option that can be chosen, or leaves."""

    class Pointed(Message):
        """The mouse is on option `index` of `options` (None: on none that can be chosen)."""

        def __init__(self, options: "PointedOptions", index: int | None) -> None:
            super().__init__()
            self.options = options
            self.index = index

    pointed: int | None = None  # the option under the mouse

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.style.meta.get("option")
        if index is not None and (index >= self.option_count or self.get_option_at_index(index).disabled):
            index = None  # a heading, or an option that cannot be chosen now: the highlighted one's preview stays
        self._point(index)

    def on_leave(self, event: events.Leave) -> None:
        self._point(None)

    def _point(self, index: int | None) -> None:
        if index != self.pointed:
            self.pointed = index
            self.post_message(self.Pointed(self, index))

    def previewed(self) -> tuple[int | None, bool]:
        """The option whose preview to show, and whether it is the one under the mouse rather than the
        highlighted one."""
        pointed = self.pointed
        if pointed is not None and pointed != self.highlighted and pointed < self.option_count:
            return pointed, True
        return self.highlighted, False
