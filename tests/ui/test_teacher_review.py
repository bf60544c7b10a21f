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


@sync
async def test_the_new_game_seed_field_says_it_takes_a_class_code():
    """The Seed field took a class code, but said so only in a placeholder hidden under the seed it always
    holds: a hint beside it says so, on one line at 80x24, and the dialog still fits (Start on screen).
    Emptied, the field's own placeholder says it too; a class code typed there starts that world."""
    from textual.widgets import Button, Input

    from game.classroom.codes import encode
    from game.ui.screens.title import NewGameScreen

    app = CeasefireApp(scenario="basra_2008", seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewGameScreen)
        hint = [ln.strip() for ln in lines_of(dialog.query_one("#seed-hint")) if ln.strip()]
        assert hint == ["a number, or your teacher's class code"]
        seed = dialog.query_one("#seed", Input)
        assert dialog.query_one("#seed-hint").region.y == seed.region.y  # beside the field, not a line below it
        assert dialog.query_one("#start", Button).region.bottom <= 23  # the dialog still fits above the key bar
        seed.value = ""
        await settle(pilot)
        assert "code" in "".join(lines_of(seed))  # the placeholder, now that the field is empty
        code = encode("basra_short", 4242, None)
        seed.value = code
        seed.focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None and app.session.sc.id == "basra_short" and app.session.st.seed == 4242
