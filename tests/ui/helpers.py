"""Playing through the UI by keys alone."""

from __future__ import annotations

import asyncio
import functools
import inspect

from game.ui.screens.card import EventCardScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.report import ReportScreen


async def settle(pilot, n: int = 3):
    for _ in range(n):
        await pilot.pause()


async def past_briefing(pilot):
    """A new game opens on the scenario's briefing: Enter begins (the first card comes next)."""
    from game.ui.screens.dialogs import BriefingScreen

    for _ in range(10):
        if isinstance(pilot.app.screen, BriefingScreen):
            await pilot.press("enter")
            await settle(pilot)
            return
        if pilot.app.session is not None and not isinstance(pilot.app.screen, GameScreen):
            return
        await settle(pilot, 1)


async def answer_card(pilot):
    """Press the number of the first available option."""
    await past_briefing(pilot)
    app = pilot.app
    card = app.session.card
    index = next(i for i, o in enumerate(app.session.shown_options(card)) if app.session.option_availability(o).ok)
    await pilot.press(str(index + 1))
    await settle(pilot)


async def answer_cards(pilot) -> GameScreen:
    """Answer every card waiting (first available option each); returns the main screen under them."""
    await past_briefing(pilot)
    while isinstance(pilot.app.screen, EventCardScreen):
        await answer_card(pilot)
    assert isinstance(pilot.app.screen, GameScreen)
    return pilot.app.screen


async def heartland_just_quiet(pilot, capital: float | None = None) -> GameScreen:
    """The campaign's main screen after the first cards, the Shiite heartland's violence set to 14.6 (shown
    whole as 15, on the other side of the operations' 'violence 15 or more') and its control to 70, so that
    both heartland operations are closed by their condition; and the capital set to `capital` if given."""
    game = await answer_cards(pilot)
    sc, st = pilot.app.session.sc, pilot.app.session.st
    st.values[sc.index["region.heartland.violence"]] = 14.6
    st.values[sc.index["region.heartland.control"]] = 70.0
    if capital is not None:
        st.values[sc.capital_slot] = capital
    game.refresh_all()
    await settle(pilot)
    return game


async def save_as(pilot, name: str) -> None:
    """Press s and save the game under `name`, as players type their names."""
    from textual.widgets import Input

    await pilot.press("s")
    await settle(pilot)
    pilot.app.screen.query_one(Input).value = name
    await pilot.press("enter")
    await settle(pilot)


async def open_by_key(pilot, key: str, screen_type: type):
    """Press `key` and return the screen it opens, checked to be a `screen_type`."""
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)
    return pilot.app.screen


async def end_turn(pilot):
    """Press e on the main screen; with no orders planned the first press only warns, so press again."""
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    if isinstance(screen, GameScreen) and screen.empty_turn_warned:
        await pilot.press("e")
        await settle(pilot)


async def play_to_end(pilot, orders: bool = True, max_steps: int = 200):
    """Answer cards, give the first available order, end turns, read reports, until the end screen."""
    app = pilot.app
    for _ in range(max_steps):
        screen = app.screen
        if isinstance(screen, EndScreen):
            return screen
        if isinstance(screen, EventCardScreen):
            await answer_card(pilot)
        elif isinstance(screen, ReportScreen):
            await pilot.press("enter")
            await settle(pilot)
        elif isinstance(screen, GameScreen):
            if orders:
                await pilot.press("space")  # the highlighted (first available) order
            await end_turn(pilot)
        else:
            await pilot.press("escape")
            await settle(pilot)
    raise AssertionError(f"the game did not end; stuck on {type(app.screen).__name__}")


async def type_ahead(pilot, *keys: str, settle_after: int = 10) -> None:
    """Keys typed faster than the game reads them: all sent before any is handled (pilot.press waits for each
    key's effects before it sends the next), as a player's hammered keys arrive from the terminal together."""
    from textual import events

    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app.post_message(event)  # (as the terminal driver posts it)
    await settle(pilot, settle_after)


def sync(fn):
    """Run an async test without an async pytest plugin (keeps pytest's fixtures working)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    wrapper.__signature__ = inspect.signature(fn)
    return wrapper


async def drawn_card(pilot) -> EventCardScreen:
    """The card on top, once it is drawn (its answering keys' delay counts from then)."""
    for _ in range(50):
        card = pilot.app.screen
        if isinstance(card, EventCardScreen) and card.drawn_at is not None:
            return card
        await pilot.pause()
    raise AssertionError(f"no card drawn; on {type(pilot.app.screen).__name__}")


async def first_card(pilot) -> EventCardScreen:
    """A new game started: past its briefing, the first card, once it is drawn."""
    await settle(pilot)
    await past_briefing(pilot)
    return await drawn_card(pilot)
