"""QA findings of the second UI pass (ui-more): each test plays the real app, and failed before its fix."""

from __future__ import annotations

import shlex

from game.ui.app import CeasefireApp
from game.ui.screens.end import EndScreen

from .helpers import play_to_end, settle, sync


@sync
async def test_the_end_screen_s_debrief_command_can_be_pasted_into_a_shell(mini_path, tmp_path):
    """'`ceasefire debrief /tmp/qa-saves/QA full game.json` writes it too': pasted, the shell ran the
    debrief of a file called 'QA'. The path is quoted as a POSIX shell reads it."""
    saves = tmp_path / "QA saves"
    app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(saves), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        end = await play_to_end(pilot)
        assert isinstance(end, EndScreen)
        text = str(end.query_one("#end").render())
        path = app.last_save
        assert path and " " in path
        line = text.split("`ceasefire debrief ", 1)[1].split("`", 1)[0]
        assert shlex.split(line) == [path]  # one argument, the save itself
        assert f"'{path}'" in text


def budget_and_status(game) -> tuple[str, str]:
    return str(game.query_one("#status").render()), str(game.query_one("#budget").render())


@sync
async def test_the_budget_and_the_status_line_read_the_same_capital_behind_a_card(tmp_path):
    """Turn 1, card 3: the top said 'Capital 17', the orders 'Capital left 12/12' (a choice on a card
    brought capital; a resize redrew the status line alone). Both read the game's capital at all times."""
    from game.numbers import capital
    from game.ui.screens.card import EventCardScreen
    from game.ui.screens.game import GameScreen

    from .helpers import past_briefing

    app = CeasefireApp(scenario="basra_2008", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:  # the card is smaller than the window: the main screen shows
        await past_briefing(pilot)
        game = next(s for s in app.screen_stack if isinstance(s, GameScreen))
        before = app.session.capital
        await pilot.press("3")  # 'Halt the columns…': the coalition's thanks, in capital
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen) and app.session.capital != before
        now = capital(app.session.capital)

        def both_current():
            status, budget = budget_and_status(game)
            assert f"Capital {now} " in status and f"Capital left {now}/{now} " in budget, (status, budget)

        both_current()
        await pilot.resize_terminal(130, 44)
        await settle(pilot)
        both_current()
        await pilot.press("escape")  # and on the main screen itself
        await settle(pilot)
        assert app.screen is game
        both_current()


@sync
async def test_on_a_tall_window_the_order_preview_takes_the_rows_the_list_does_not_need(tmp_path):
    """At 100x70 the orders list had rows to spare below its last order while the preview under it was
    cut off (a fixed share of the screen). The preview now takes every row the list does not fill."""
    from .helpers import answer_cards

    app = CeasefireApp(scenario="basra_2008", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(100, 70)) as pilot:
        game = await answer_cards(pilot)
        await settle(pilot)
        ol, box = game.query_one("#order-list"), game.query_one("#order-preview-box")
        cut = tallest = 0
        for _ in range(10):
            tallest = max(tallest, box.size.height)
            if box.max_scroll_y > 0:  # the preview runs on out of sight: the list has no empty row above it
                assert ol.size.height <= ol.virtual_size.height, (ol.size, ol.virtual_size, box.size)
                cut += 1
            await pilot.press("down")
            await settle(pilot)
        assert cut  # (some order's preview is longer than the room left)
        assert tallest > 25  # more than the two fifths it had (24 rows at 70)


@sync
async def test_tab_from_the_card_s_preview_comes_back_to_its_options(tmp_path):
    """On a card, Tab went to the preview, Tab again to the card's text (which fitted: nothing to scroll),
    and ↓ there did nothing; a third Tab came back. A box Tab stops at is one that scrolls."""
    from game.ui.screens.card import EventCardScreen

    from .helpers import past_briefing

    app = CeasefireApp(scenario="basra_2008", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen)
        options, preview = card.query_one("#card-options"), card.query_one("#card-preview-box")
        assert app.focused is options
        # an option whose preview scrolls (at 80x24 the preview has room for the first option's whole preview
        # since the card's blank lines went to it: test_playtest_80)
        for _ in range(options.option_count):
            if preview.max_scroll_y > 0:
                break
            await pilot.press("down")
            await settle(pilot)
        assert preview.max_scroll_y > 0 and card.query_one("#card-text-box").max_scroll_y == 0
        await pilot.press("tab")
        assert app.focused is preview
        await pilot.press("tab")
        assert app.focused is options
        first = options.highlighted
        await pilot.press("up" if first else "down")
        assert options.highlighted != first


# ---------------------------------------------------------------- small items (6)

@sync
async def test_the_national_picture_s_charts_are_as_long_as_each_other_and_start_in_one_column(tmp_path):
    """Turn 1 after a card: 'Coalition cohesion 58 +3  ▃▆' above 'Treasury 60 ±0  ▄' (a point short: the
    value now was drawn only where the card moved it); and the charts were padded on the left, so the gap
    after the change shrank as turns went by ('+3 ▁▁▁' from about turn 13)."""
    from .helpers import answer_cards

    app = CeasefireApp(scenario="basra_2008", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        game = await answer_cards(pilot)
        await settle(pilot)
        lines = str(game.query_one("#metrics").render()).split("\n")
        rows = [line for line in lines if any(ch in line for ch in "▁▂▃▄▅▆▇█")]
        assert len(rows) >= 5, lines
        charts = [[k for k, ch in enumerate(line) if ch in "▁▂▃▄▅▆▇█"] for line in rows]
        assert len({len(c) for c in charts}) == 1, rows  # as many points each
        assert len({c[0] for c in charts}) == 1, rows  # from one column
        assert all(line[c[0] - 2:c[0]] == "  " or line[c[0] - 1] == " " for line, c in zip(rows, charts))
        # (a number nothing moved has no change beside it: its column is blank)
        changed = [(line, c) for line, c in zip(rows, charts) if line[c[0] - 2] != " "]
        assert changed, rows
        first = {c[0] - next(k for k in range(c[0] - 1, 0, -1) if line[k] not in " ") for line, c in changed}
        assert first == {2}, rows  # one space after the change ('+3 ▃▆'), whatever the turn


@sync
async def test_the_new_game_dialog_has_its_own_keys_and_one_parenthesis(tmp_path):
    """Under the dialog the footer showed the title screen's keys ('n New game r Continue…'); Start had
    the focus, so Enter at once started the campaign, unsaid but for a hint line; and the classroom
    scenario read 'Ceasefire: the Basra crisis (classroom) (basra_short)'."""
    from textual.widgets import Button, Select

    from game.ui.screens.title import NewGameScreen
    from game.ui.widgets import KeyBar

    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewGameScreen)
        bars = list(dialog.query(KeyBar))
        assert bars, "the dialog has no key bar of its own"
        bar = bars[0].render().plain
        assert "Start" in bar and "Back" in bar and "New seed" in bar and "New game" not in bar, bar
        assert isinstance(app.focused, Button) and app.focused.id == "start"  # Enter starts: said in the bar
        names = [str(prompt) for prompt, _ in dialog.query_one("#scenario", Select)._options]
        short = next(n for n in names if "basra_short" in n)
        assert short.count("(") == 1 and short.endswith(", basra_short)"), short
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None  # (it does start)


@sync
async def test_continue_says_the_last_game_has_ended(mini_path, tmp_path):
    """The title said 'Continue (no saved game)' right after a game ended (it was saved, and is over)."""
    from textual.widgets import OptionList

    from game.ui.screens.title import TitleScreen

    app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await play_to_end(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        menu = app.screen.query_one("#menu", OptionList)
        line = str(menu.get_option("continue").prompt)
        assert "your last game ended" in line and "no saved game" not in line, line
        assert menu.get_option("continue").disabled
        assert len(line) <= menu.scrollable_content_region.width, (line, menu.scrollable_content_region)  # not cut with '…'


@sync
async def test_continue_says_the_last_game_ended_after_a_restart_too(mini_path, tmp_path):
    """The next run found only the finished game's saves and said 'Continue (no saved game)' again."""
    from textual.widgets import OptionList

    from game.ui.screens.title import TitleScreen

    first = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await play_to_end(pilot)
    assert list(tmp_path.glob("*.json"))  # the finished game is saved
    again = CeasefireApp(scenario=mini_path, saves_dir=str(tmp_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, TitleScreen)
        menu = again.screen.query_one("#menu", OptionList)
        line = str(menu.get_option("continue").prompt)
        assert "your last game ended" in line and "no saved game" not in line, line
        assert menu.get_option("continue").disabled
    (tmp_path / "empty").mkdir()
    fresh = CeasefireApp(scenario=mini_path, saves_dir=str(tmp_path / "empty"))
    async with fresh.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "no saved game" in str(fresh.screen.query_one("#menu", OptionList).get_option("continue").prompt)


def test_a_preview_of_a_value_at_its_maximum_says_so():
    """'US commitment no change now' read as if the order did nothing to it; it is at its maximum."""
    from game.content import loader
    from game.engine.session import Session
    import io

    from rich.console import Console

    from game.ui.widgets import preview_text

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    s = Session.new(sc, seed=1)
    while s.card is not None:
        s.choose(next(o.id for o in s.shown_options(s.card) if s.option_availability(o).ok))
    i = sc.index["us_commitment"]
    s.st.values[i] = sc.slots[i].hi
    seen = 0
    for action, target, av in s.orders_available():
        if not av.ok:
            continue
        p = s.preview_order(action.id, target)
        if any(it.target == "us_commitment" and it.delta is not None and abs(it.delta) < 0.05 for it in p.items):
            console = Console(width=200, record=True, file=io.StringIO())
            console.print(preview_text(s, p, limit=40))
            text = console.export_text()
            assert "US commitment already at its maximum" in text and "no change now" not in text, text
            seen += 1
    assert seen, "no order raises US commitment"


@sync
async def test_an_unavailable_option_pressed_again_and_again_shows_one_toast(mini_path, tmp_path):
    from .helpers import answer_cards
    from .test_ui_polish import type_line
    from game.ui.screens.card import EventCardScreen

    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, dev=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("colon")  # an empty treasury, then a card whose first option needs money
        await settle(pilot)
        await type_line(pilot, "set treasury 0")
        await type_line(pilot, "fire mini.first_week")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)
        app.clear_notifications()
        for _ in range(4):
            await pilot.press("1")
            await settle(pilot)
        toasts = [n for n in app._notifications if "not available" in n.message]
        assert len(toasts) == 1, [n.message for n in app._notifications]


@sync
async def test_the_named_save_replaced_by_the_finished_game_says_so(mini_path, tmp_path):
    """A game saved under a name, played to its end: the save of that name now holds the finished game.
    The notice said 'saved under your name', not that it replaced the unfinished game there."""
    from .helpers import answer_cards, save_as

    app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await save_as(pilot, "amal-and-ben")
        assert (tmp_path / "amal-and-ben.json").exists()
        app.clear_notifications()
        await play_to_end(pilot)
        said = [n.message for n in app._notifications if "amal-and-ben" in n.message]
        assert said and "replaced the unfinished" in said[-1], said


@sync
async def test_an_order_s_threshold_and_a_value_shown_on_its_other_side_are_reconciled(tmp_path):
    """The Actors tab read 'Shiite heartland Violence 15' (it was 14.6) while both heartland operations
    were greyed out: 'Needs a region with fighting or weak control (violence 15 or more…)'. The reason now
    gives the value as it is, on its own side of the threshold."""
    from .helpers import heartland_just_quiet

    app = CeasefireApp(scenario="basra_2008", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(100, 40)) as pilot:
        game = await heartland_just_quiet(pilot)
        sc, st = app.session.sc, app.session.st
        assert "Violence 15" in str(game.query_one("#actor-list").render())  # shown whole, as every value
        ol = game.query_one("#order-list")

        def text(option) -> str:  # an order's line: its box and cost, then its label and why it is greyed
            if not hasattr(option.prompt, "columns"):  # a category's heading
                return str(option.prompt)
            return " ".join(str(column._cells[0]) for column in option.prompt.columns)

        greyed = [text(ol.get_option_at_index(i)) for i in range(ol.option_count)
                  if ol.get_option_at_index(i).id in game.closed and "(Shiite heartland)" in text(ol.get_option_at_index(i))]
        needs = greyed  # ('…already quiet and under control.' and '…(violence 15 or more, …)')
        assert len(needs) >= 2 and any("violence 15 or more" in p for p in needs), greyed
        assert all("(Shiite heartland violence is 14.6)" in " ".join(p.split()) for p in needs), needs
        # a value shown on its true side adds nothing
        st.values[sc.index["region.heartland.violence"]] = 12.0
        game.refresh_all()
        await settle(pilot)
        assert not any(" is 1" in text(ol.get_option_at_index(i)) for i in range(1, ol.option_count))


async def _before_and_after_a_short_game(tmp_path, capsys, probe) -> tuple[str, str]:
    """probe(saves folder) with no saves, then once a game of the short scenario is saved."""
    from game.cli import main

    (tmp_path / "none").mkdir()
    before = await probe(tmp_path / "none")
    assert main(["simulate", "--scenario", "basra_short", "--games", "1", "--seed", "3",
                 "--save", str(tmp_path / "short.json")]) == 0
    capsys.readouterr()
    return before, await probe(tmp_path)


@sync
async def test_the_new_game_dialog_offers_the_scenario_last_played(tmp_path, capsys):
    """A class's machine that plays the short scenario had to choose it again in every run: the dialog
    offered the campaign. It now offers the scenario of the newest save (and the campaign with none)."""
    from textual.widgets import Select

    from game.ui.screens.title import NewGameScreen

    async def offered(saves) -> str:
        app = CeasefireApp(saves_dir=str(saves))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, NewGameScreen)
            return app.screen.query_one("#scenario", Select).value

    assert await _before_and_after_a_short_game(tmp_path, capsys, offered) == ("basra_2008", "basra_short")


@sync
async def test_play_with_a_seed_and_no_scenario_plays_the_one_its_help_names(tmp_path, capsys):
    """`ceasefire play --seed 42` starts the scenario of the newest save (a class machine keeps its choice),
    not always the campaign: its --help said '(default: basra_2008)' and a player who had last played the
    short scenario got eleven turns, not twenty-four."""
    from game.cli import build_parser

    play = build_parser()._subparsers._group_actions[0].choices["play"]
    said = " ".join(play.format_help().split())
    assert "--scenario SCENARIO scenario id or folder (default: the scenario of the newest save, else basra_2008)" in said

    async def started(saves) -> str:
        app = CeasefireApp(seed=42, saves_dir=str(saves), direct=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            return app.session.sc.id

    assert await _before_and_after_a_short_game(tmp_path, capsys, started) == ("basra_2008", "basra_short")
