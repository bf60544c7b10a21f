"""With a mouse, pointing at a card's option or at an order shows what it would do; a click chooses it. Before,
a player with only a mouse saw the highlighted option's preview alone: a card's other options were answered
unread, and an order had to be planned and taken back to read its own. The keys' highlight does not follow
the mouse, so Enter or Space still acts on the option the keys chose."""

from __future__ import annotations

from game.ui.app import CeasefireApp
from game.ui.screens.game import GameScreen

from .helpers import answer_cards, first_card, settle, sync


def preview_words(screen, box: str = "#order-preview") -> str:
    """The words of a preview box as drawn, spaces made single."""
    drawn = screen.query_one(box)
    return " ".join(" ".join(drawn.render_line(y).text.split()) for y in range(drawn.size.height))


def row_of(screen, ol, index: int) -> tuple[int, int]:
    """Where option `index` of the list is drawn on the screen (its first row)."""
    r = ol.content_region
    for y in range(r.y, r.y + r.height):
        if screen.get_style_at(r.x + 2, y).meta.get("option") == index:
            return r.x + 2, y
    raise AssertionError(f"option {index} is not drawn")


async def point_at(pilot, x: int, y: int) -> None:
    await pilot.hover(None, offset=(x, y))
    await settle(pilot)


async def orders_of_a_new_game(pilot):
    """The main screen of a classroom game past its cards, its orders list, and an open order other than the
    highlighted one."""
    await settle(pilot)
    game = await answer_cards(pilot)
    await settle(pilot, 5)
    assert isinstance(game, GameScreen)
    ol = game.query_one("#order-list")
    orders = [i for i in range(ol.option_count) if ol.get_option_at_index(i).id and not ol.get_option_at_index(i).disabled]
    return game, ol, next(i for i in orders if i != ol.highlighted)


@sync
async def test_pointing_at_an_order_shows_its_preview_and_space_still_plans_the_highlighted_one():
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        game, ol, other = await orders_of_a_new_game(pilot)
        sc = app.session.sc
        highlighted = ol.get_option_at_index(ol.highlighted).id
        oid = ol.get_option_at_index(other).id
        aid, _, target = oid.partition("|")
        label = sc.actions[aid].model.label
        before = preview_words(game)

        x, y = row_of(game, ol, other)
        await point_at(pilot, x, y)
        words = preview_words(game)
        assert words != before
        assert words.startswith(label), words  # named: the highlight is on another order
        assert "a click plans it" in words
        description = " ".join(sc.actions[aid].model.description.split())
        assert description[:30] in words, words  # its own preview
        assert ol.get_option_at_index(ol.highlighted).id == highlighted  # the keys' highlight did not move
        assert app.planned_orders() == []  # pointing plans nothing

        await pilot.press("space")  # Space plans the highlighted order, not the one under the mouse
        await settle(pilot)
        assert [f"{a}|{t or ''}" for a, t in app.planned_orders()] == [highlighted]

        await pilot.hover("#status")  # the mouse leaves the orders: the highlighted order's preview again
        await settle(pilot)
        assert not preview_words(game).startswith(label)
        assert "a click" not in preview_words(game)


@sync
async def test_a_click_plans_the_order_pointed_at_and_a_second_takes_it_back():
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        game, ol, other = await orders_of_a_new_game(pilot)
        oid = ol.get_option_at_index(other).id
        x, y = row_of(game, ol, other)
        await pilot.click(None, offset=(x, y))
        await settle(pilot)
        assert [f"{a}|{t or ''}" for a, t in app.planned_orders()] == [oid]
        assert ol.get_option_at_index(ol.highlighted).id == oid  # the click moved the highlight there
        assert "a click" not in preview_words(game)  # pointed and highlighted are one: no name line
        await pilot.click(None, offset=row_of(game, ol, ol.highlighted))
        await settle(pilot)
        assert app.planned_orders() == []


@sync
async def test_pointing_at_a_cards_option_shows_what_it_would_do_without_choosing_it():
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await first_card(pilot)
        await settle(pilot)
        ol = card.query_one("#card-options")
        assert ol.highlighted == 0 and preview_words(card, "#card-preview").startswith("If you choose 1:")
        second = next(i for i in range(1, ol.option_count) if not ol.get_option_at_index(i).disabled)
        shown = card.event_id
        await point_at(pilot, *row_of(card, ol, second))
        words = preview_words(card, "#card-preview")
        assert words.startswith(f"If you choose {second + 1}:"), words
        session = app.session
        expected = session.preview_option(shown, ol.get_option_at_index(second).id)
        assert expected.items, "the option has something to preview"
        assert ol.highlighted == 0  # the keys' highlight stays on the first option
        assert app.session.card is not None and app.session.card.id == shown  # nothing chosen
        await pilot.hover("#card-preview")  # off the options: the highlighted option's preview again
        await settle(pilot)
        assert preview_words(card, "#card-preview").startswith("If you choose 1:")
