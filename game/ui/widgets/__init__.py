"""The interface's widgets and the text they draw, by kind:

    panels.py    the main screen's panels (map, national picture, actors, news)
    preview.py   what an option or an order would do, in the player's words
    boxes.py     scrolling boxes, the card's options, the too-small rule
    pointing.py  lists that show what the option under the mouse would do
    textview.py  long text a screenful at a time
    keybar.py    the keys that work now

The names the screens use are imported here, so that `from game.ui.widgets import X` finds them.
"""

from __future__ import annotations

from game.ui.widgets.panels import (
    actor_name, is_number, low_is_good_note, moved_as_written, moved_since_turn_start, net_change_shown,
    possessive, render_actors, render_map, render_metrics, render_news, short_region, slot_label,
    visible_metrics,
)
from game.ui.widgets.boxes import CardOptions, MoreBox, NeedsRoom, PagesThrough, Panel, ScrollBox, TooSmall
from game.ui.widgets.pointing import PointedOptions
from game.ui.widgets.preview import close_calls, lists_chances, merged, preview_text
from game.ui.widgets.textview import TextView, break_offsets, hanging, hanging_rows, wrap_rows
from game.ui.widgets.keybar import KeyBar

__all__ = [
    "CardOptions", "KeyBar", "MoreBox", "NeedsRoom", "PagesThrough", "Panel", "PointedOptions", "ScrollBox", "TextView",
    "TooSmall", "actor_name", "break_offsets", "close_calls", "hanging", "hanging_rows", "is_number",
    "lists_chances", "low_is_good_note", "merged", "moved_as_written", "moved_since_turn_start",
    "net_change_shown", "possessive", "preview_text", "render_actors", "render_map", "render_metrics",
    "render_news", "short_region", "slot_label", "visible_metrics", "wrap_rows",
]
