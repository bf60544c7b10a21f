"""Fixes from a teacher's review of a classroom run, each checked on the real app as a player meets it."""

from __future__ import annotations

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen

from .helpers import past_briefing, settle, sync


def lines_of(widget) -> list[str]:
    """What `widget` shows, line by line."""
    return ["".join(s.text for s in widget.render_line(y)).rstrip() for y in range(widget.size.height)]


@sync
async def test_an_invented_event_says_so_on_its_card_and_a_historical_one_does_not():
    """The debrief alone said an event was invented: the card says it too, on its quiet first line (so no
    option is pushed down at 80x24); a historical card shows nothing extra."""
    app = CeasefireApp(scenario="basra_2008", seed=2, direct=True)  # turn 1: the Basra offensive, then police cells
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        seen = {True: 0, False: 0}
        while isinstance(app.screen, EventCardScreen) and not all(seen.values()):
            card = app.screen
            ev = app.session.card.model
            title = card.query_one("#card-title")
            shown = lines_of(title)
            assert len(shown) == 2, shown  # the turn line and the title: the marker takes no line of its own
            assert ("invented for the game" in shown[0]) == ev.invented, (ev.title, shown)
            assert "invented" not in shown[1].lower() or "invented" in ev.title.lower()
            ol = card.query_one("#card-options")
            assert ol.region.bottom <= card.query_one("#card").region.bottom  # the options are on the screen
            seen[ev.invented] += 1
            await pilot.press("1")
            await settle(pilot)
        assert seen[True] and seen[False], seen
