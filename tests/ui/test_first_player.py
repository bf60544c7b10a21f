"""A first-time player's findings (two short games at 80x24, a campaign at 120x40): each checked on the
real app with real content, and each failed before its fix."""

from __future__ import annotations

from textual.widgets import OptionList

from game.ui.app import CeasefireApp

from .helpers import past_briefing, settle, sync


# ---------------------------------------------------------------- 1. a card's options all in sight at 80x24


@sync
async def test_a_cards_options_are_all_in_sight_at_80x24_when_the_card_before_had_a_scrollbar(tmp_path):
    """On turn 1 of the short scenario (seed 961267, choices 1, 2, 2) the card 'Disband the militias or sit
    out the elections' showed its three options in four lines: its last option read 'Sign the statement and
    say it publicly: disarm or stay off the' and 'ballot' was out of sight under a scrollbar. The list had
    measured its options without the scrollbar's two columns, which then took them and wrapped one more."""
    app = CeasefireApp(scenario="basra_short", seed=961267, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        for key in "122":
            await pilot.press(key)
            await settle(pilot)
        assert app.session.card.id == "coalition.disarm_or_barred"
        ol = app.screen.query_one("#card-options", OptionList)
        assert ol.max_scroll_y == 0, (ol.size, ol.virtual_size)
        assert ol.size.height == ol.virtual_size.height == 5


@sync
async def test_every_card_of_the_short_scenario_is_as_tall_as_its_options_at_80x24(tmp_path):
    """Each card of the classroom scenario, shown at 80x24 after a card with a scrollbar: its options list is
    exactly as tall as its options wrapped (no line out of sight, no empty line under them)."""
    app = CeasefireApp(scenario="basra_short", seed=961267, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        card = app.screen
        bad = []
        for eid in sorted(app.session.sc.events):
            app.session.st.queue.insert(0, eid)
            card.show_card()
            await settle(pilot)
            ol = card.query_one("#card-options", OptionList)
            if ol.virtual_size.height <= 7 and (ol.max_scroll_y or ol.size.height != ol.virtual_size.height):
                bad.append((eid, ol.size.height, ol.virtual_size.height))
            app.session.st.queue.remove(eid)
        assert not bad, bad


# ---------------------------------------------------------------- 2. the orders list, once the turn is full


def prompt_text(option, width: int = 60) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, file=open("/dev/null", "w"))
    console.print(option.prompt)
    return console.export_text()


@sync
async def test_orders_closed_by_the_turns_limit_or_the_capital_do_not_each_repeat_why(tmp_path):
    """With four orders planned every other order read 'at most 4 orders a turn' on a line of its own
    (with the capital spent, 'costs 3 capital; 0.6 left'), twenty times over: the list doubled in length and
    the orders planned went out of sight. The budget line says both; the preview still says why."""
    from .test_ui_polish import lines_of

    app = CeasefireApp(scenario="basra_2008", seed=4242, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        from .helpers import answer_cards

        game = await answer_cards(pilot)
        sc, st = app.session.sc, app.session.st
        cap = sc.meta.max_orders_per_turn
        ol = game.query_one("#order-list", OptionList)
        ol.focus()
        st.values[sc.capital_slot] = 100.0
        game.refresh_all()
        await settle(pilot)
        opened = [i for i in range(ol.option_count) if (oid := ol.get_option_at_index(i).id) and oid not in game.closed]
        for i in opened[:cap]:
            ol.highlighted = i
            await pilot.press("space")
            await settle(pilot)
        assert len(game.planned) == cap
        full = [i for i in range(ol.option_count) if game.closed.get(ol.get_option_at_index(i).id or "", "").startswith("at most")]
        assert full
        said = [prompt_text(ol.get_option_at_index(i)) for i in full]
        assert not any("orders a turn" in t for t in said), said[0]
        ol.highlighted = full[0]
        await settle(pilot)
        text = " ".join(" ".join(lines_of(game.query_one("#order-preview"))).split())
        assert f"Not open now: at most {cap} orders a turn" in text, text
        # and with the capital spent instead: no 'costs N capital; M left' under each order
        game.planned.clear()
        st.values[sc.capital_slot] = 0.5
        game.refresh_all()
        await settle(pilot)
        dear = [i for i in range(ol.option_count) if game.closed.get(ol.get_option_at_index(i).id or "", "").startswith("costs ")]
        assert dear
        assert not any("capital;" in prompt_text(ol.get_option_at_index(i)) for i in dear)


# ---------------------------------------------------------------- 3. the toast of an order not open now


@sync
async def test_the_toast_of_an_order_the_treasury_cannot_pay_for_ends_with_one_full_stop(tmp_path):
    """Space on 'Fund services' with the treasury at 3 said 'Fund services (Basra) cannot be ordered
    now: The treasury cannot pay for it (needs 8)..' with two full stops."""
    from .helpers import answer_cards

    app = CeasefireApp(scenario="basra_short", seed=961267, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        game = await answer_cards(pilot)
        sc, st = app.session.sc, app.session.st
        st.values[sc.index["treasury"]] = 3.0
        game.refresh_all()
        await settle(pilot)
        ol = game.query_one("#order-list", OptionList)
        ol.focus()
        i = next(i for i in range(ol.option_count) if (ol.get_option_at_index(i).id or "").startswith("services|"))
        assert "cannot pay" in game.closed[ol.get_option_at_index(i).id]
        ol.highlighted = i
        app.clear_notifications()
        await pilot.press("space")
        await settle(pilot)
        said = [n.message for n in app._notifications if "cannot be ordered now" in n.message]
        assert said and said[0].endswith("(needs 8).") and not said[0].endswith(".."), said


# ---------------------------------------------------------------- 4. the new-game dialog's Enter


@sync
async def test_the_new_game_bar_says_enter_opens_a_list_while_a_list_has_the_focus(tmp_path):
    """After choosing the short scenario in the list, the bar said '⏎ Start', but Enter opened the list
    again (twice, for a first-time player who wanted to start). On a list the bar now says '⏎ Open list',
    which is what Enter does; on the seed or the Start button, '⏎ Start', and Enter starts."""
    from textual.widgets import Button, Select

    from game.ui.screens.title import NewGameScreen
    from game.ui.widgets import KeyBar

    from .helpers import open_by_key

    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        dialog = await open_by_key(pilot, "n", NewGameScreen)
        bar = dialog.query_one(KeyBar)
        await pilot.press("tab", "enter", "down", "enter")  # the scenario list: the next scenario chosen
        await settle(pilot)
        select = dialog.query_one("#scenario", Select)
        assert dialog.focused is select and not select.expanded
        assert "⏎ Open list" in str(bar.render()) and "⏎ Start" not in str(bar.render()), str(bar.render())
        await pilot.press("enter")
        await settle(pilot)
        assert select.expanded  # what the bar said
        await pilot.press("escape", "tab")  # to the seed
        await settle(pilot)
        assert "⏎ Start" in str(bar.render()), str(bar.render())
        await pilot.press("tab", "tab")  # difficulty, then Start
        await settle(pilot)
        assert isinstance(dialog.focused, Button) and "⏎ Start" in str(bar.render())


# ---------------------------------------------------------------- 5. effects that hang on one roll


@sync
async def test_a_preview_says_a_shared_roll_once_above_the_effects_that_hang_on_it(tmp_path):
    """'The offensive stalls', option 'Ask the Americans and British for air strikes': each of three effects
    ended with '(if the line holds: 65% chance now)' and two more with '(unless the line holds: 35%
    chance)', the same words five times in a preview of five rows at 80x24. Now each roll is said once, as
    a heading, its effects under it; effects that hang on nothing keep their own lines."""
    from .test_ui_polish import lines_of

    app = CeasefireApp(scenario="basra_short", seed=961267, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        await pilot.press("1")  # fly to Basra: 'The offensive stalls' comes next
        await settle(pilot)
        assert app.session.card.id == "basra.first_week"
        ol = app.screen.query_one("#card-options", OptionList)
        ol.highlighted = next(i for i in range(ol.option_count) if ol.get_option_at_index(i).id == "air_support")
        await settle(pilot)
        text = lines_of(app.screen.query_one("#card-preview"))
        joined = "\n".join(text)
        assert joined.count("the line holds") == 1, joined  # its other side reads 'Otherwise'
        assert "? If the line holds (65% chance now):" in text, joined
        assert "? Otherwise (35% chance):" in text, joined
        at = text.index("? If the line holds (65% chance now):")
        assert text[at + 1].startswith("  · Basra violence ▼▼ −6"), joined
        assert any(line.startswith("• United States patience ▼ −3  (United States' reaction)") for line in text), joined


# ---------------------------------------------------------------- 6. card wording


async def show(pilot, event_id: str, option_id: str | None = None) -> tuple[str, str]:
    """The card `event_id` shown now (its text, and the preview of `option_id` or of the first option)."""
    from .test_ui_polish import lines_of

    app = pilot.app
    app.session.st.queue.insert(0, event_id)
    card = app.screen
    card.show_card()
    await settle(pilot)
    if option_id is not None:
        ol = card.query_one("#card-options", OptionList)
        ol.highlighted = next(i for i in range(ol.option_count) if ol.get_option_at_index(i).id == option_id)
        await settle(pilot)
    text = " ".join(" ".join(lines_of(card.query_one("#card-text"))).split())
    preview = " ".join(" ".join(lines_of(card.query_one("#card-preview"))).split())
    app.session.st.queue.remove(event_id)
    return text, preview


@sync
async def test_card_wording_found_in_play(tmp_path):
    """Leaving the Karbala pilgrimage to the local police read '(unless nothing goes wrong: 40% chance)';
    the British offer of mentors came in late July 'after the first weeks of fighting'; the Karbala card's
    'and the freeze followed' named no one; the candidate who came to Baghdad was not named."""
    app = CeasefireApp(scenario="basra_2008", seed=4242, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_briefing(pilot)
        text, preview = await show(pilot, "sadr.karbala_pilgrimage", "minimal")
        assert "nothing goes wrong" not in preview and "Otherwise (40% chance)" in preview, preview
        assert "Muqtada al-Sadr froze his militia's operations" in text, text
        text, _ = await show(pilot, "basra.british_mentors")
        assert "first weeks" not in text and "Now that Iraqi brigades have fought for the city" in text, text
        text, _ = await show(pilot, "us.candidate_visit")
        assert text.startswith("Senator Barack Obama, the Democratic candidate, arrives"), text


@sync
async def test_the_report_says_an_operation_with_us_support_costs_baghdad_the_treasury_money(tmp_path):
    """The turn report gave the treasury's −3 for an operation with US air support the reason 'Air strikes
    and advisors cost Washington money, risk and political patience': the money is Baghdad's."""
    from game.ui.screens.report import ReportScreen

    from .helpers import answer_cards, end_turn

    app = CeasefireApp(scenario="basra_2008", seed=4242, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        game = await answer_cards(pilot)
        game.toggle("offensive_us|basra")
        await settle(pilot)
        await end_turn(pilot)
        assert isinstance(app.screen, ReportScreen)
        text = " ".join(" ".join(app.screen.query_one("#report").lines).split())
        assert "Treasury −3" in text and "The operation costs Baghdad money" in text, text[:2000]
        assert "cost Washington money" not in text


@sync
async def test_the_actors_tab_gives_each_regions_violence_band_in_words(tmp_path):
    """The Actors tab's regions read 'North  Violence 7 · · Control 68': the calm band's symbol '·' beside
    the separator '·'. The band is now a word: 'Violence 7 (calm) · Control 68'."""
    from .helpers import answer_cards

    app = CeasefireApp(scenario="basra_2008", seed=4242, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        game = await answer_cards(pilot)
        sc, st = app.session.sc, app.session.st
        st.values[sc.index["region.north.violence"]] = 7.0
        game.refresh_all()
        await pilot.press("a")
        await settle(pilot)
        shown = str(game.query_one("#actor-list").render())
        assert "Violence 7 (calm) · Control" in shown and "· ·" not in shown, shown


@sync
async def test_the_american_candidates_are_named_on_every_campaign_card(tmp_path):
    """The campaign cards said 'one candidate … the other' and 'the candidate who promised a timetable has
    won', while the next card of the same story named Barack Obama: each now names them as the record does."""
    app = CeasefireApp(scenario="basra_2008", seed=4242, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_briefing(pilot)
        text, _ = await show(pilot, "us.campaign_debate")
        assert "Barack Obama promises" in text and "John McCain says" in text, text
        text, _ = await show(pilot, "us.election_result")
        assert "Barack Obama, who promised a timetable, has won" in text, text


@sync
async def test_a_number_past_the_last_option_says_which_keys_answer_the_card(mini_path, tmp_path):
    """'5' on a card of three options did nothing and said nothing; a player took the game for stuck."""
    from game.ui.screens.card import EventCardScreen

    app = CeasefireApp(scenario=mini_path, seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen)
        n = card.query_one("#card-options", OptionList).option_count
        assert n < 9
        await pilot.press(str(n + 1))
        await settle(pilot)
        assert app.screen is card and app.session.card.id == card.event_id  # nothing chosen
        said = [m.message for m in app._notifications]
        assert said and said[-1] == f"This card has {n} options: press 1 to {n}.", said
