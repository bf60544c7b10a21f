"""The command palette as a player meets it (ctrl+p, type, Enter), and the orders' preview."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from game.ui.app import CeasefireApp
from game.ui.screens.end import EndScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.title import TitleScreen

from .helpers import answer_cards, end_turn, play_to_end, settle, sync


async def palette(pilot, query: str) -> dict[str, str]:
    """Open the palette, type `query`; the commands it offers, title → help text (the palette stays open)."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(pilot, 8)
    offered = {}
    for option in pilot.app.screen.query_one(CommandList).options:
        hit = option.hit
        offered[hit.text] = str(hit.help or "")
    return offered


async def choose(pilot, query: str) -> None:
    """Open the palette, type `query` and press Enter on the first command offered."""
    offered = await palette(pilot, query)
    assert offered, f"nothing offered for {query!r}"
    await pilot.press("enter")
    await settle(pilot, 5)


@sync
async def test_palette_reopens_the_last_turns_report_from_the_game(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        # no turn ended yet: no report to offer
        assert "Turn report" not in await palette(pilot, "report")
        await pilot.press("escape")
        await settle(pilot)
        await end_turn(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")
        await settle(pilot)
        game = await answer_cards(pilot)
        offered = await palette(pilot, "turn rep")
        assert "Turn report" in offered and "(r)" in offered["Turn report"], offered
        await pilot.press("escape")
        await settle(pilot)
        await choose(pilot, "turn report")
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.report is app.session.st.reports[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is game


@sync
async def test_palette_continue_is_not_offered_in_the_game_and_says_where_it_goes_from_the_title(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        assert "Continue" not in await palette(pilot, "continue")  # the player is in the game already
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # the main screen's Menu: the title, the game left open
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        offered = await palette(pilot, "continue")
        assert offered.get("Continue") == f"Back to your game (mini, turn {app.session.turn})", offered
        await pilot.press("escape")
        await settle(pilot)
        await choose(pilot, "continue")
        assert isinstance(app.screen, GameScreen)


@sync
async def test_palette_offers_the_report_on_the_end_screen(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        end = await play_to_end(pilot)
        assert isinstance(end, EndScreen)
        offered = await palette(pilot, "report")
        assert "Turn report" in offered
        await pilot.press("escape")
        await settle(pilot)
        await choose(pilot, "turn report")
        assert isinstance(app.screen, ReportScreen) and app.screen.report is app.session.st.reports[-1]


@sync
async def test_the_orders_pane_keeps_its_text_off_the_border_at_80x24():
    """The order preview (and its 'more below' sign, and the budget line above the orders) began in the column
    next to the map's border, where the orders list keeps one blank column."""
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        await settle(pilot, 5)
        orders = game.query_one("#order-list")
        left = orders.region.x  # the pane's first column, next to the map's border
        assert orders.content_region.x == left + 1  # the orders keep one blank column
        for wid in ("#order-preview", "#budget", "#order-more"):
            widget = game.query_one(wid)
            assert widget.display and widget.region.x == left, wid
            assert widget.content_region.x == left + 1, (wid, widget.region, widget.content_region)
            assert widget.render_line(0).text[:1].strip(), wid  # (its text begins at that column)


def preview_words(game) -> str:
    box = game.query_one("#order-preview")
    return " ".join(" ".join(box.render_line(y).text.split()) for y in range(box.size.height))


@sync
async def test_the_preview_says_when_an_order_planned_first_can_change_its_chances():
    """Planned after an operation in the North, an operation in Baghdad is carried out second: its reactions
    read the flag the first sets on victory, so the report's outcome can differ from the preview's. The preview
    says so, naming the first; the first's own preview does not."""
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        await settle(pilot, 5)
        ol = game.query_one("#order-list")
        first = ol.get_option_at_index(ol.highlighted).id
        assert first == "offensive|north", first
        assert "Chances as things stand now" not in preview_words(game)
        await pilot.press("space")  # planned
        await settle(pilot)
        assert ("offensive", "north") in app.planned_orders()
        assert "Chances as things stand now" not in preview_words(game)  # (nothing comes before it)
        await pilot.press("down")
        await settle(pilot, 5)
        assert ol.get_option_at_index(ol.highlighted).id == "offensive|baghdad"
        words = preview_words(game)
        assert ("Chances as things stand now: Launch an Iraqi-led operation (North), carried out first, can "
                "change them.") in words, words
        await pilot.press("up", "space")  # the North operation taken back: nothing comes before Baghdad now
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot, 5)
        assert not app.planned_orders()
        assert "Chances as things stand now" not in preview_words(game)


@sync
async def test_the_chances_note_comes_only_over_a_preview_that_lists_chances():
    """An address to the nation planned after the North operation: the operation's flag decides which of the
    address's changes come, so the preview says the earlier order can change it; but every change it lists is
    certain, and 'Chances as things stand now' pointed at chances that were not there."""
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        await settle(pilot, 5)
        ol = game.query_one("#order-list")
        assert ol.get_option_at_index(ol.highlighted).id == "offensive|north"
        await pilot.press("space")  # planned first
        await settle(pilot)
        for _ in range(ol.option_count):
            if ol.get_option_at_index(ol.highlighted).id == "address_nation|":
                break
            await pilot.press("down")
        await settle(pilot, 5)
        assert ol.get_option_at_index(ol.highlighted).id == "address_nation|"
        words = preview_words(game)
        assert "?" not in words and "chance" not in words.lower(), words  # certain changes only
        assert ("As things stand now: Launch an Iraqi-led operation (North), carried out first, can change what "
                "it does.") in words, words


@sync
async def test_an_operations_preview_gives_its_reactions_under_won_and_lost():
    """The reactions to a Basra operation hang on its battle (they read the flag it sets when it is won): the
    preview gave Washington's displeasure at a defeat as certain, and none of a victory's blows to the
    militias. Now each comes under the outcome it follows, as the report will have it."""
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        await settle(pilot, 5)
        ol = game.query_one("#order-list")
        for _ in range(8):
            if ol.get_option_at_index(ol.highlighted).id == "offensive|basra":
                break
            await pilot.press("down")
            await settle(pilot)
        assert ol.get_option_at_index(ol.highlighted).id == "offensive|basra"
        box = game.query_one("#order-preview")
        lines = [box.render_line(y).text.rstrip() for y in range(box.size.height)]
        text = "\n".join(lines)
        heads = [i for i, line in enumerate(lines) if line.lstrip().startswith(("? If ", "? Otherwise"))]
        assert len(heads) == 2, text
        won, lost = "\n".join(lines[heads[0]:heads[1]]), "\n".join(lines[heads[1]:])
        assert "· Sadrists strength ▼▼ −5" in won and "· United States patience ▲ +3" in won, text
        assert "· United States patience ▼ −3" in lost, text
        assert "• United States patience" not in text, text  # not as certain


@sync
async def test_the_actors_and_news_tabs_keep_their_text_off_the_border_too():
    """The Actors and News tabs began their lines ('Sadrists  ceasefire', 'T4  Into Hayyaniya') in the column
    next to the map's border, as the order preview did."""
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        left = game.query_one("#order-list").region.x
        for key, wid, first in (("a", "#actor-list", "Sadrists"), ("n", "#news-list", "T1")):
            await pilot.press(key)
            await settle(pilot, 5)
            widget = game.query_one(wid)
            assert widget.region.x == left and widget.content_region.x == left + 1, (wid, widget.content_region)
            assert widget.render_line(0).text.startswith(first), (wid, widget.render_line(0).text)
        # the actors' lines fit the narrower text: none wider than it
        await pilot.press("a")
        await settle(pilot, 5)
        actors = game.query_one("#actor-list")
        assert max(len(actors.render_line(y).text.rstrip()) for y in range(actors.size.height)) <= actors.content_region.width


@sync
async def test_palette_offers_continue_only_with_a_game_to_resume(mini_path, tmp_path):
    """At a game's end (and on a title with no unfinished save) the palette offered 'Continue: Resume the newest
    saved game', which could only answer that there was nothing to continue; the title greys that line."""
    saves = str(tmp_path / "saves")
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await end_turn(pilot)  # a turn played: an autosave of a game in progress
        await pilot.press("enter")
        await settle(pilot)
        await play_to_end(pilot)
        assert isinstance(app.screen, EndScreen)
        assert "Continue" not in await palette(pilot, "continue")
    app = CeasefireApp(scenario=mini_path, saves_dir=saves)  # the next run, on the title
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        assert "Continue" not in await palette(pilot, "continue")
    # a game left unfinished: the palette offers it, by its scenario and turn
    app = CeasefireApp(scenario=mini_path, seed=2, direct=True, saves_dir=saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await end_turn(pilot)
        await pilot.press("enter")
        await settle(pilot)
        turn = app.session.turn
        app.autosave()
    app = CeasefireApp(scenario=mini_path, saves_dir=saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        offered = await palette(pilot, "continue")
        assert offered.get("Continue") == f"Resume the newest saved game (mini, turn {turn})", offered
        await pilot.press("enter")
        await settle(pilot, 5)
        assert app.session is not None and app.session.turn == turn and not app.session.ended


@sync
async def test_help_says_orders_are_carried_out_in_turn_and_the_preview_tells_when_that_matters():
    from game.ui.screens.help import HelpScreen

    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("question_mark")
        await settle(pilot, 5)
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help")
        words = " ".join(" ".join(box.render_line(y).text.split()) for y in range(box.size.height))
        assert ("Orders are carried out in the order you gave them: when an earlier one can change a later one's "
                "chances, the later one's preview says so.") in words, words


@sync
async def test_a_changes_arrows_and_number_stay_on_one_line_in_the_narrow_order_pane():
    """At 80x24 the order pane is 38 columns wide: the police purge's '• Security forces infiltration ▼▼▼'
    filled a line and its '−10' went to the next."""
    import re

    app = CeasefireApp(scenario="basra_2008", seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        await settle(pilot, 5)
        ol = game.query_one("#order-list")
        for _ in range(ol.option_count):
            if ol.get_option_at_index(ol.highlighted).id == "purge_police|":
                break
            await pilot.press("down")
        await settle(pilot, 5)
        assert ol.get_option_at_index(ol.highlighted).id == "purge_police|"
        box = game.query_one("#order-preview")
        lines = [box.render_line(y).text.rstrip() for y in range(box.size.height)]
        at = next(i for i, line in enumerate(lines) if "Security forces infiltration" in line)
        assert re.search(r"▼▼▼ −\d+$", " ".join(lines[at:at + 2])), lines  # (a long line: it wraps)
        assert any(re.search(r"▼▼▼ −\d+$", line) for line in lines[at:at + 2]), lines  # the two on one line
        for line in lines:
            assert not re.search(r"[▲▼]$", line), lines  # no arrow at a line's end, its number on the next
            assert not re.match(r"\s*[−+]\d+\b", line), lines
