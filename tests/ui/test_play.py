"""Pilot tests: a whole game by keys alone, and each screen's main behaviour."""

from __future__ import annotations

import io

import pytest

from game.content import loader
from game.errors import ContentError
from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen
from game.ui.screens.codex import CodexScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.title import NewGameScreen, TitleScreen
from game.ui.widgets import KeyBar

from .helpers import answer_cards, end_turn, open_by_key, past_briefing, play_to_end, settle, sync


@sync
async def test_whole_game_by_keys_from_title(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewGameScreen)
        await pilot.press("enter")  # Start has the focus
        await settle(pilot)
        assert app.session is not None and app.session.st.seed == 1
        end = await play_to_end(pilot)
        assert app.session.ended
        assert app.session.st.ending
        text = str(end.query_one("#end").render())
        assert "Score" in text
        assert app.last_save  # autosaved each turn


@sync
async def test_direct_start_and_orders_budget(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=3, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        capital = app.session.capital
        await pilot.press("space")
        await settle(pilot)
        assert len(game.planned) == 1
        cost = app.session.sc.actions[game.planned[0][0]].model.cost
        assert game.spent() == cost <= capital
        await pilot.press("space")  # the same order again: removed
        await settle(pilot)
        assert game.planned == []
        await pilot.press("space", "down", "space")
        await settle(pilot)
        assert len(game.planned) >= 1
        turn = app.session.turn
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert app.session.turn == turn + 1 or app.session.ended
        assert app.last_report_ms is not None


@sync
async def test_ending_a_turn_without_orders_asks_for_a_second_e(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=3, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        assert app.session.open_orders() and game.planned == []
        turn = app.session.turn
        await pilot.press("e")  # a stray e: warned, the turn goes on
        await settle(pilot)
        assert app.screen is game and app.session.turn == turn
        notes = [n.message for n in app._notifications]
        assert any("No orders planned" in m and "Press e again" in m for m in notes), notes
        await pilot.press("space")  # an order added: the notice, no longer true, goes
        await settle(pilot)
        assert not any("No orders planned" in n.message for n in app._notifications)
        await pilot.press("space")  # and removed: the warning starts over
        await settle(pilot)
        assert not game.empty_turn_warned
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is game and app.session.turn == turn
        await pilot.press("e")  # asked twice: the turn ends with no orders
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert app.session.st.reports[-1].orders == [] and app.session.turn == turn + 1


@sync
async def test_card_unavailable_option_and_peek(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)
        first = app.session.card.id
        await pilot.press("9")  # no such option: nothing happens
        await settle(pilot)
        assert app.session.card.id == first
        await pilot.press("escape")  # look at the map first
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("e")  # cannot end the turn with a card waiting: the card comes back
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)
        await pilot.press("l")  # the card's codex link
        await settle(pilot)
        assert isinstance(app.screen, CodexScreen)
        assert app.screen.current == "south"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)


@sync
async def test_screens_history_help_codex_report(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=2, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await end_turn(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await answer_cards(pilot)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "c")
        await settle(pilot)
        assert isinstance(app.screen, CodexScreen)
        await pilot.press("slash", "m", "i", "l")
        await settle(pilot)
        ids = [app.screen.query_one("#codex-list").get_option_at_index(i).id
               for i in range(app.screen.query_one("#codex-list").option_count)]
        assert "militia" in ids and "south" not in ids
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a", "n", "o")
        await settle(pilot)
        await pilot.press("escape")  # back to the title; the game stays open
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)


@sync
async def test_save_and_load(mini_path, tmp_path):
    app = CeasefireApp(scenario=mini_path, seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("m", "y", "s", "a", "v", "e", "enter")
        await settle(pilot)
        assert (tmp_path / "mysave.json").exists() or list(tmp_path.glob("mysave*"))
        turn = app.session.turn
    app2 = CeasefireApp(saves_dir=str(tmp_path), load=str(next(tmp_path.glob("mysave*"))))
    async with app2.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app2.session is not None and app2.session.turn == turn
        assert isinstance(app2.screen, GameScreen)


@sync
async def test_bad_save_shows_a_dialog(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    app = CeasefireApp(saves_dir=str(tmp_path), load=str(bad))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.session is None
        assert type(app.screen).__name__ == "MessageDialog"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)


@sync
async def test_starts_on_the_test_scenario(mini_path):
    app = CeasefireApp(scenario=mini_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)


@sync
async def test_starts_on_the_campaign():
    try:
        loader.load("basra_2008")
    except ContentError:
        pytest.skip("the campaign does not validate yet")
    app = CeasefireApp(scenario="basra_2008", seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.session is not None and app.session.sc.id == "basra_2008"
        end = await play_to_end(pilot, max_steps=400)
        assert isinstance(end, EndScreen)


@sync
async def test_link_click_opens_codex_and_palette_offers_commands(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        text = app.screen.query_one("#card-text")
        await pilot.click(text, offset=(len("Fighting breaks out in the ") + 2, 0))
        await settle(pilot)
        assert isinstance(app.screen, CodexScreen) and app.screen.current == "south"
        await pilot.press("escape")
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"New game", "Save game", "History", "End turn", "Codex", "Help"} <= set(titles)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"history")
        await settle(pilot, 5)
        await pilot.press("enter")
        await settle(pilot, 5)
        assert isinstance(app.screen, HistoryScreen)


@sync
async def test_no_color_still_plays(mini_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = CeasefireApp(scenario=mini_path, seed=5, direct=True)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await play_to_end(pilot)
        assert app.session.ended


@sync
async def test_content_text_is_not_markup(mini_path):
    from game.ui.text import clean, plain, with_links

    assert clean("a\x1b[31mb\x07c\nd") == "a[31mbc\nd"
    t = with_links("[bold]x[/bold] [[south|the South]] [[nowhere]]", {"south"})
    assert t.plain == "[bold]x[/bold] the South nowhere"
    assert plain("[red]hi[/]").plain == "[red]hi[/]"


@sync
async def test_named_save_asks_before_replacing(mini_path, tmp_path):
    app = CeasefireApp(scenario=mini_path, seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        for _ in range(2):
            await pilot.press("s")
            await settle(pilot)
            await pilot.press("a", "enter")
            await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"
        saved = next(tmp_path.glob("a*.json"))
        before = saved.stat().st_mtime_ns
        await pilot.press("enter")  # Cancel has the focus: Enter alone replaces nothing
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and saved.stat().st_mtime_ns == before
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("a", "enter")
        await settle(pilot)
        await pilot.press("shift+tab", "enter")  # Replace it
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert len(list(tmp_path.glob("a*.json"))) == 1 and saved.stat().st_mtime_ns != before


@sync
async def test_the_suggested_save_name_follows_the_turn_and_an_empty_name_keeps_the_dialog_open(mini_path, tmp_path):
    """Saved once under the suggested 'mini-turn1', the game used to offer 'mini-turn1' on every
    later turn (and name its debrief so); an empty name closed the dialog and saved nothing, silently."""
    from textual.widgets import Input, Label

    app = CeasefireApp(scenario=mini_path, seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.query_one("#save-name", Input).value == "mini-turn1"
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "mini-turn1.json").is_file() and app.named_save is None
        await end_turn(pilot)
        while not isinstance(app.screen, GameScreen):  # the report, then the next turn's cards
            if isinstance(app.screen, EventCardScreen):
                await answer_cards(pilot)
            else:
                await pilot.press("enter")
            await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#save-name", Input).value == "mini-turn2"
        dialog.query_one("#save-name", Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and "Type a name first" in str(dialog.query_one("#save-hint", Label).render())


@sync
async def test_status_line_keeps_the_class_code_at_80_columns(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        await pilot.press("escape")  # the card waits; look at the main screen
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        status = app.screen.query_one("#status").render()
        text = status.plain if hasattr(status, "plain") else str(status)
        code = app.class_code()
        assert code and text.rstrip().endswith(f"code {code}") and len(text.rstrip()) <= 80
        assert "event waiting" in text and "Turn 1" in text
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        wide = str(app.screen.query_one("#status").render())
        assert app.session.sc.meta.name in wide and f"seed {app.session.st.seed}" in wide


@sync
async def test_report_is_read_whole_and_follows_the_width(mini_path):
    import re

    from game.ui.widgets import TextView

    app = CeasefireApp(scenario=mini_path, seed=2, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("space", "e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        view = app.screen.query_one(TextView)

        def net_rows() -> list[str]:
            lines = view.text.plain.split("\n")
            start = next(i for i, line in enumerate(lines) if line.startswith("Net change"))
            end = next(i for i in range(start + 1, len(lines)) if not lines[i].strip())
            return lines[start + 1:end]

        assert "Every change, each number in one place" in view.text.plain and "why" in view.text.plain
        assert any(len(re.findall(r"[+−]\d", row)) == 2 for row in net_rows())  # two columns at 80
        # as the reader sees them: no net-change row wraps (a number alone on the next line, under its name)
        shown = view.lines
        start = next(i for i, line in enumerate(shown) if line.startswith("Net change"))
        block = shown[start + 1:next(i for i in range(start + 1, len(shown)) if not shown[i].strip())]
        assert block and all(len(re.findall(r"[+−±]\d", row)) == 2 for row in block[:-1])
        assert not any(re.fullmatch(r"\s*[+−±][\d.]+", row) for row in block)
        assert all(len(line) <= view.scrollable_content_region.width for line in view.lines)
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        assert all(len(re.findall(r"[+−]\d", row)) <= 1 for row in net_rows())  # one column when narrow
        assert all(len(line) <= view.scrollable_content_region.width for line in view.lines)


@sync
async def test_installed_mods_load_in_the_game_and_the_new_game_dialog_names_them(mini_path, tmp_path, monkeypatch):
    sid = loader.load(mini_path).id
    mod = tmp_path / "mods" / sid / "notice_mod"
    mod.mkdir(parents=True)
    (mod / "notice.toml").write_text('[[event]]\nid = "modtest.notice"\ntitle = "A notice from a mod"\ntext = "Hello."\n'
                                     'debrief = "For the test."\n[[event.option]]\nid = "ok"\ntext = "Read it"\n')
    (tmp_path / "mods" / "loose_mod").mkdir()  # a mod one level too high: not loaded, and the game says so
    (tmp_path / "mods" / "loose_mod" / "x.toml").write_text("")
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "mods"))
    app = CeasefireApp(scenario=mini_path, seed=1)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewGameScreen)
        info = str(app.screen.query_one("#scenario-info").render())
        assert "Mods, in load order: notice_mod" in info
        assert "modtest.notice" in app.get_scenario(mini_path).events
        await settle(pilot)
        shown = [str(t.render()) for t in app.screen.query("Toast")]
        assert any("loose_mod" in m for m in shown), shown
    vanilla = CeasefireApp(scenario=mini_path, seed=1, installed_mods=False)
    assert "modtest.notice" not in vanilla.get_scenario(mini_path).events


@sync
async def test_the_new_game_dialog_fits_80x24_and_explains_the_chosen_difficulty():
    """The campaign's dialog, whole at 80x24: the hint line shows, and the text under the fields
    says what the chosen difficulty means (that one only), changing with the choice."""
    from textual.widgets import Select, Static

    app = CeasefireApp(scenario="basra_2008", seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_by_key(pilot, "n", NewGameScreen)
        box = dialog.query_one("#newgame")
        assert box.region.bottom <= 24 and box.region.height < 24 + 1
        # the keys (Enter starts, Tab moves…) are the dialog's own key bar now, below the box, not a line in it
        from game.ui.widgets import KeyBar

        bar = dialog.query_one(KeyBar)
        assert bar.region.height == 1 and bar.region.bottom == 24 and box.region.bottom <= bar.region.y
        assert "⏎ Start" in bar.render().plain
        info = dialog.query_one("#scenario-info", Static)
        sc = dialog._sc
        normal, hard = sc.meta.difficulty["normal"], sc.meta.difficulty["hard"]
        text = str(info.render())
        assert normal.description[:30] in text and hard.description[:30] not in text
        dialog.query_one("#difficulty", Select).value = "hard"
        await settle(pilot)
        text = str(info.render())
        assert hard.description[:30] in text and normal.description[:30] not in text
        # the list names scenarios by name, then folder; a chosen difficulty survives a change of scenario
        scenarios = dialog.query_one("#scenario", Select)
        assert ("Ceasefire: Basra 2008 (basra_2008)", "basra_2008") in scenarios._options
        scenarios.value = "basra_short"
        await settle(pilot)
        assert "11 turns" in str(info.render())
        assert dialog.query_one("#difficulty", Select).value == "hard"


@pytest.mark.parametrize("width", [50, 76, 120])
def test_help_wraps_to_the_width_with_hanging_indents(width):
    """The rules are paragraphs, not pre-broken lines: nothing runs past the width, and a list item's
    wrapped lines start under its text (the old fixed breaks left words alone at the margin at 80 columns)."""
    from rich.console import Console

    from game.ui.screens.help import help_text

    console = Console(width=width, record=True, color_system=None)
    console.print(help_text())
    lines = console.export_text().splitlines()
    assert all(len(line) <= width for line in lines)
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1. Briefing"))
    end = next(i for i, line in enumerate(lines) if line.lstrip().startswith("2. Orders"))
    indent = lines[start].index("Briefing")
    assert end - start >= 2 and all(line.startswith(" " * indent) and line[indent] != " " for line in lines[start + 1:end])
    assert "number key" in " ".join(line.strip() for line in lines[start:end])


@sync
async def test_codex_links_read_as_words_not_ids():
    """Every link in the campaign's codex shows words: a bare [[id]] shows the entry's name (e.g.
    'Muqtada al-Sadr', not 'muqtada_al_sadr'), or its title; [[id|words]] shows the words."""
    import re

    from game.ui.text import link_words

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    assert link_words("muqtada_al_sadr", None, sc.codex) == "Muqtada al-Sadr"
    assert link_words("surge", None, sc.codex) == "surge"  # 'The surge'
    assert link_words("sadrists", "Sadrists", sc.codex) == "Sadrists"
    assert link_words("nowhere", None, sc.codex) == "nowhere"
    app = CeasefireApp(scenario="basra_2008", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        for cid in sc.codex:
            codex.show(cid)
            text = str(codex.query_one("#codex-body").render())
            shown = re.findall(r"(\S+)\[\d+\]", text)
            assert not [w for w in shown if "_" in w], (cid, shown)
        codex.show("iran")
        text = str(codex.query_one("#codex-body").render())
        assert "Qassem Soleimani[1]" in text and "Supreme Council[2]" in text and "Sadrists[3]" in text


@sync
async def test_codex_list_and_links_by_keys():
    """Arrow keys pressed quickly move the list and the entry shown together (they once chased
    each other for ever), and a link's number follows it."""
    app = CeasefireApp(scenario="basra_2008", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        ids = codex.sorted_ids()
        listed = codex.query_one("#codex-list")
        assert codex.current == ids[0] == listed.get_option_at_index(listed.highlighted).id
        await pilot.press("down", "down")
        await settle(pilot)
        assert codex.current == ids[2] == listed.get_option_at_index(listed.highlighted).id
        first_link = codex.targets[0]
        await pilot.press("1")
        await settle(pilot)
        assert codex.current == first_link == listed.get_option_at_index(listed.highlighted).id


@sync
async def test_codex_numbers_each_linked_entry_once_so_every_link_has_a_key():
    """Iran's entry links 'qom' in its text and again under 'See also': one number for both, so its
    eight distinct links are 1-8 (they ran to 11, and 10 and 11 had no key)."""
    app = CeasefireApp(scenario="basra_2008", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        codex.show("iran")
        await settle(pilot)
        assert len(codex.targets) == len(set(codex.targets)) <= 9
        body = str(codex.query_one("#codex-body").render())
        assert body.count("[") - body.count("[[") == body.count("]") and f"[{len(codex.targets)}]" in body
        assert f"[{len(codex.targets) + 1}]" not in body
        last = codex.targets[-1]
        await pilot.press(str(len(codex.targets)))
        await settle(pilot)
        assert codex.current == last


@sync
async def test_title_continue_names_the_saved_game_and_fits_the_menu(mini_path, tmp_path):
    """Continue reads the newest autosave's header: its scenario and turn, on one line of the menu."""
    app = CeasefireApp(scenario=mini_path, seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.autosave()
        turn = app.session.turn
        await pilot.press("escape")  # the game stays open: Continue names it the same way, on one line
        await settle(pilot)
        while not isinstance(app.screen, TitleScreen):
            await pilot.press("escape")
            await settle(pilot)
        menu = app.screen.query_one("#menu")
        assert str(menu.get_option("continue").prompt).strip() == f"r  Continue (mini, turn {turn})"
        assert menu.max_scroll_y == 0
    assert list(tmp_path.glob("autosave-*.json"))
    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)  # the title reads the saves folder just after its first frame
        menu = app.screen.query_one("#menu")
        line = str(menu.get_option("continue").prompt)
        assert line.strip() == f"r  Continue (mini, turn {turn})"
        assert not menu.get_option("continue").disabled
        assert menu.max_scroll_y == 0  # every item shows: nothing wraps into a scrolled menu


@sync
async def test_tab_keys_switch_the_right_panel_and_stay(mini_path, tmp_path):
    """o, a and n show the orders, the actors and the news, and the panel shown keeps the keys (the
    arrows scroll it); a and n used to flick back to the orders at once."""
    app = CeasefireApp(scenario=mini_path, seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        tabs = game.query_one("#tabs")
        for key, pane, shows in (("a", "actors", "#actor-list"), ("n", "news", "#news-list"), ("o", "orders", "#order-list")):
            await pilot.press(key)
            await settle(pilot)
            assert tabs.active == pane
            assert game.query_one(shows).region.height > 0  # on screen
            assert app.focused is not None and pane in [a.id for a in app.focused.ancestors_with_self]
        await pilot.press("down")  # the orders list has the keys again
        await settle(pilot)
        assert tabs.active == "orders"


@sync
async def test_when_capital_runs_out_the_planned_order_stays_in_sight(tmp_path):
    """Capital spent, the planned order is the only one left to highlight, near the top of a long list:
    the list used to scroll to its end, out of its sight, and Space then dropped it unseen."""
    app = CeasefireApp(scenario="basra_2008", seed=5, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        s = app.session
        s.st.values[s.sc.capital_slot] = 6.5  # one 6-capital order, then nothing else is affordable
        game.build_orders()
        await settle(pilot)
        await pilot.press("home", "space")
        await settle(pilot)
        ol = game.query_one("#order-list")
        assert len(game.planned) == 1
        open_now = [i for i in range(ol.option_count)
                    if ol.get_option_at_index(i).id and ol.get_option_at_index(i).id not in game.closed]
        assert open_now == [ol.highlighted]  # the planned order, the one open: it stays highlighted
        line = ol._index_to_line[ol.highlighted]  # (OptionList's own map of options to lines)
        assert ol.scroll_y <= line < ol.scroll_y + ol.scrollable_content_region.height
        assert ol.max_scroll_y > 0  # the list is longer than its box: the case that hid it


@sync
async def test_orders_that_cannot_be_given_at_the_end_of_the_list_can_still_be_read(tmp_path):
    """End goes to the last order even when it is not open now (the highlight goes onto closed orders, to
    read why: test_ui_polish); the list is at its end and the preview says why that order is closed."""
    from game.ui.screens.game import parse_order_id

    app = CeasefireApp(scenario="basra_2008", seed=5, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        ol = game.query_one("#order-list")
        last, _ = parse_order_id(ol.get_option_at_index(ol.option_count - 1).id)
        app.session.st.ready["action:" + last] = app.session.turn + 3  # the last order: not again for a while
        game.build_orders()
        await settle(pilot)
        closed = ol.get_option_at_index(ol.option_count - 1).id
        assert "not again until turn" in game.closed[closed]
        await pilot.press("end")
        await settle(pilot)
        assert ol.highlighted == ol.option_count - 1
        preview = game.query_one("#order-preview")
        assert any("not again until turn" in "".join(x.text for x in preview.render_line(y)) for y in range(preview.size.height))
        assert ol.max_scroll_y > 0 and ol.scroll_y == ol.max_scroll_y


@sync
async def test_an_order_preview_that_overflows_says_more_below_and_shows_every_effect(tmp_path):
    app = CeasefireApp(scenario="basra_2008", seed=5, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        box, sign = game.query_one("#order-preview-box"), game.query_one("#order-more")
        ol = game.query_one("#order-list")
        for _ in range(ol.option_count):
            if box.max_scroll_y > 0:
                break
            await pilot.press("down")
            await settle(pilot)
        assert box.max_scroll_y > 0, "no order's preview overflows at 80x24"
        assert sign.display and "more below" in str(sign.render())
        assert "more" not in str(game.query_one("#order-preview").render()).split("\n")[-1]  # no '… and 5 more'
        box.scroll_end(animate=False)
        await settle(pilot)
        assert sign.display and "↑ more above" in str(sign.render())  # read to the end: what is left is above


@sync
async def test_the_order_preview_grows_on_a_tall_screen(tmp_path):
    for rows, lines in ((24, 8), (50, 17)):
        app = CeasefireApp(scenario="basra_2008", seed=5, direct=True, saves_dir=str(tmp_path))
        async with app.run_test(size=(100, rows)) as pilot:
            await settle(pilot)
            game = await answer_cards(pilot)
            assert game.query_one("#order-preview-box").styles.max_height.value == lines


@sync
async def test_load_screen_lists_each_save_as_game_summary_and_file(mini_path, tmp_path):
    """Each save reads: scenario, turn and in-game date (named saves by their name), its summary,
    then when it was saved and its file; lines wrap under themselves, not under the list's edge."""
    from rich.console import Console

    from game.ui.screens.dialogs import LoadScreen, save_line

    app = CeasefireApp(scenario=mini_path, seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.autosave()
        from game.ui import saving

        saving.save_named(app.session, "before the vote", str(tmp_path))
        await pilot.press("escape")  # the game menu
        await settle(pilot)
        while not isinstance(app.screen, TitleScreen):
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LoadScreen)
        rows = saving.list_saves(str(tmp_path))
        listed = app.screen.query_one("#saves")
        assert listed.option_count == len(rows) == 2
        assert listed.get_option_at_index(listed.highlighted).id == str(rows[0][0])  # the newest, ready for Enter
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, (LoadScreen, TitleScreen)) and app.session is not None
    console = Console(width=60, record=True, color_system=None)
    for path, header, _ in rows:
        console.print(save_line(path, header))
    text = console.export_text()
    lines = text.splitlines()
    assert lines[0].startswith("mini · turn 1 · 25 Mar 2008")
    assert any("“before the vote”" in ln for ln in lines) and any(ln.endswith("autosave") for ln in lines)
    assert all(ln.startswith("  ") for ln in lines if "saved 20" in ln or ".json" in ln)
    assert all(len(ln) <= 60 for ln in lines)


@sync
async def test_codex_list_keeps_each_entry_on_one_line(tmp_path):
    """At 80 columns the campaign's long titles ('The Supreme Council and the Badr Organization') end
    in an ellipsis instead of wrapping into a line that reads like the next entry."""
    app = CeasefireApp(scenario="basra_2008", saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        ol = app.screen.query_one("#codex-list")
        assert ol.option_count > 40
        assert ol.virtual_size.height == ol.option_count  # a line each
        assert any(len(str(ol.get_option_at_index(i).prompt)) > ol.content_size.width for i in range(ol.option_count))


@sync
async def test_card_key_bar_counts_the_cards_own_options():
    app = CeasefireApp(scenario="basra_2008", seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        seen = set()
        while isinstance(app.screen, EventCardScreen):
            n = len(app.session.card.options)
            bar = app.screen.query_one(KeyBar).render().plain
            assert bar.startswith(f"1-{n} Choose" if n > 1 else "1 Choose"), bar
            seen.add(n)
            await pilot.press("1")
            await settle(pilot)
        assert seen  # the campaign opens on cards


@sync
async def test_help_and_codex_keys_work_on_the_first_card(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)
        assert "? Help" in app.screen.query_one(KeyBar).render().plain
        for key, screen_type in (("question_mark", HelpScreen), ("f1", HelpScreen), ("c", CodexScreen)):
            await open_by_key(pilot, key, screen_type)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, EventCardScreen)


@sync
async def test_every_order_label_is_shown_whole_in_a_scrolling_list_at_80_columns():
    """An OptionList measures its options when they are added; once its scrollbar appears the text is
    two columns narrower. A label that fitted before the scrollbar must still be shown whole."""
    from textual.widgets import OptionList

    app = CeasefireApp(scenario="basra_2008", seed=538014, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        ol = app.screen.query_one("#order-list", OptionList)
        assert ol.virtual_size.height > ol.scrollable_content_region.height  # it scrolls
        for i in range(ol.option_count):
            o = ol.get_option_at_index(i)
            if not o.id or o.disabled:
                continue
            ol.highlighted = i
            await settle(pilot, 2)
            shown = " ".join(" ".join(ol.render_line(y).text.split()) for y in range(ol.scrollable_content_region.height))
            label = app.session.sc.actions[o.id.partition("|")[0]].model.label
            assert label in shown, (label, shown)


def test_without_a_terminal_the_game_stops_with_a_message(monkeypatch, capsys):
    """Input from a pipe: the game stops at once with what to use instead (it used to wait, spinning)."""
    import io

    from game.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["play", "basra_short"]) == 1
    err = capsys.readouterr().err
    assert "needs a terminal" in err and "ceasefire simulate" in err and "Traceback" not in err


@sync
async def test_a_class_code_typed_as_the_seed_shows_its_scenario_and_difficulty():
    from textual.widgets import Select, Static

    from game.classroom.codes import encode

    code = encode("basra_short", 2008, "easy")
    app = CeasefireApp(scenario="basra_2008", seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_by_key(pilot, "n", NewGameScreen)
        assert dialog.query_one("#scenario", Select).value == "basra_2008"
        dialog.query_one("#seed").focus()
        dialog.query_one("#seed").value = ""
        for ch in code.lower():
            await pilot.press(ch if ch != "-" else "minus")
        await settle(pilot)
        assert dialog.query_one("#scenario", Select).value == "basra_short"
        assert dialog.query_one("#difficulty", Select).value == "easy"
        assert "11 turns" in str(dialog.query_one("#scenario-info", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        s = app.session
        assert (s.sc.id, s.st.seed, s.st.difficulty) == ("basra_short", 2008, "easy")


@sync
async def test_the_difficulty_list_names_the_default_and_has_no_blank_line():
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    app = CeasefireApp(scenario="basra_2008", seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_by_key(pilot, "n", NewGameScreen)
        select = dialog.query_one("#difficulty", Select)
        assert select.value == app.get_scenario("basra_2008").meta.default_difficulty
        select.focus()
        await pilot.press("enter")
        await settle(pilot)
        overlay = select.query_one(SelectOverlay)
        shown = [str(overlay.get_option_at_index(i).prompt).strip() for i in range(overlay.option_count)]
        assert shown == ["Easy", "Normal (default)", "Hard"]


@sync
async def test_codex_search_then_enter_shows_the_first_match():
    app = CeasefireApp(scenario="basra_2008", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        first = codex.current
        await pilot.press("slash")
        for ch in "kirkuk":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        listed = codex.query_one("#codex-list")
        matches = [o.id for o in (listed.get_option_at_index(i) for i in range(listed.option_count)) if o.id]
        assert first not in matches and codex.current == matches[0]
        assert listed.has_focus and listed.get_option_at_index(listed.highlighted).id == matches[0]


async def plan_one_order(pilot):
    """Answer this turn's cards, then plan the highlighted order: (the main screen, its planned orders)."""
    await settle(pilot)
    game = await answer_cards(pilot)
    await pilot.press("space")
    await settle(pilot)
    planned = list(game.planned)
    assert len(planned) == 1
    return game, planned


@sync
async def test_planned_orders_survive_the_title_menu_and_continue(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        game, planned = await plan_one_order(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and app.screen.planned == planned
        assert "orders 1/" in str(app.screen.query_one("#budget").render())
        await pilot.press("e")
        await settle(pilot)
        assert app.session.st.reports[-1].orders == [tuple(planned[0])]
        await pilot.press("enter")
        await settle(pilot)
        await answer_cards(pilot)
        assert app.screen.planned == []  # a new turn starts with none


@sync
async def test_a_card_preview_longer_than_its_box_says_how_many_lines_are_hidden():
    from textual.widgets import Static

    for size, cut in (((80, 24), True), ((160, 50), False)):
        app = CeasefireApp(scenario="basra_short", seed=77, direct=True)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await past_briefing(pilot)
            card = app.screen
            assert isinstance(card, EventCardScreen)
            more = card.query_one("#card-more", Static)
            box = card.query_one("#card-preview-box")
            assert more.display is cut and (box.max_scroll_y > 0) is cut
            if cut:
                assert "more below" in str(more.render()) and "Tab" in str(more.render())
                await pilot.press("tab")
                await pilot.press("end")
                await settle(pilot)
                assert box.has_focus and str(more.render()) == "↑ more above · shift+Tab: back"  # read to the end: the rest is above


@sync
async def test_a_new_game_opens_on_the_scenarios_briefing_and_a_loaded_one_does_not(tmp_path):
    from game.ui.screens.dialogs import BriefingScreen
    from game.ui.screens.help import HelpScreen

    app = CeasefireApp(scenario="basra_short", seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        assert isinstance(app.screen, BriefingScreen)
        shown = str(app.screen.query_one("#briefing-body Static").render())
        assert shown.startswith("Prime Minister, today you sent the army and police into Basra")
        from game.ui.widgets import KeyBar

        keys = app.screen.query_one(KeyBar).render().plain  # its own keys, not the game's showing through
        assert "Begin" in keys and "End turn" not in keys, keys
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)
        help_screen = await open_by_key(pilot, "question_mark", HelpScreen)
        from rich.console import Console

        console = Console(width=300, record=True, file=io.StringIO())
        console.print(help_screen.query_one("#help").content)
        rules = console.export_text()
        assert "11 turns of 14 days" in rules and "from \"A state that can stand\" to" in rules
        await pilot.press("escape")
        await settle(pilot)
        await answer_cards(pilot)
        await end_turn(pilot)
        await settle(pilot)
    saves = sorted(tmp_path.glob("autosave-*.json"))
    assert saves
    app = CeasefireApp(load=str(saves[0]), saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        assert not any(isinstance(s, BriefingScreen) for s in app.screen_stack)
        assert app.session is not None and app.session.st.turn == 2


@pytest.mark.parametrize("scenario", ["basra_short", "basra_2008"])
@sync
async def test_the_briefing_covers_the_game_at_80x24_and_is_centred_on_a_large_screen(tmp_path, scenario):
    """At 80x24 a row of the game (a panel's border and its 'more below' hint) showed under the briefing,
    between it and its key bar: on a short screen the briefing now takes every row above the key bar."""
    from game.ui.screens.dialogs import BriefingScreen
    from game.ui.widgets import KeyBar

    app = CeasefireApp(scenario=scenario, seed=4, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        screen = app.screen
        assert isinstance(screen, BriefingScreen)
        box, keys = screen.query_one("#briefing").region, screen.query_one(KeyBar).region
        assert box.y == 0 and box.bottom == keys.y == 23, (box, keys)
        await pilot.resize_terminal(120, 40)
        await settle(pilot, 3)
        box = screen.query_one("#briefing").region
        assert box.y > 0 and box.bottom < 39 and box.width == 90, box  # centred, with the game around it


@sync
async def test_quitting_an_unfinished_game_autosaves_it_with_this_turns_choices(tmp_path):
    """A game quit before its first turn ended used to be lost (the autosave comes at each turn's end)."""
    from game.saves.savefile import read

    app = CeasefireApp(scenario="basra_short", seed=9, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        card = app.session.card.id
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    saves = list(tmp_path.glob("autosave-*.json"))
    assert len(saves) == 1
    saved = read(saves[0])
    assert saved.choices[0]["events"][0][0] == card


@sync
async def test_codex_search_ranks_title_and_word_start_matches_first_and_shows_the_best_while_typing():
    """Help says to search "ending" for "How a game ends": the search listed Qom first ('sending' in its
    text) and Enter opened it. Now a title's whole word comes first, then the text's word starts (more
    of them first), and a match inside a word last; the text shows the best match while typing."""
    app = CeasefireApp(scenario="basra_2008", seed=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        await pilot.press("slash")
        for ch in "ending":
            await pilot.press(ch)
        await settle(pilot)
        listed = codex.query_one("#codex-list")
        options = [listed.get_option_at_index(i) for i in range(listed.option_count)]
        shown = [str(o.prompt) if o.disabled else o.id for o in options]
        assert shown[:3] == ["IN THE TITLE", "proxy_war", "IN THE TEXT"]  # 'Ending: the proxy war'
        assert shown[3] == "how_games_end" and shown[-1] == "qom"
        assert codex.query_one("#codex-search").has_focus  # still typing, and the text follows
        assert codex.current == "proxy_war" and "Ending: the proxy war" in str(codex.query_one("#codex-body").render())
        await pilot.press("enter")
        await settle(pilot)
        assert listed.has_focus and codex.current == "proxy_war"
        await pilot.press("down")
        await settle(pilot)
        assert codex.current == "how_games_end"
        # a title's whole word ('Sadr City'), then a title's word start ('The Sadrist movement...')
        sadr = codex.ranked("sadr")
        assert {cid for _, cid in sadr[:2]} == {"muqtada_al_sadr", "sadr_city"} and sadr[2] == (1, "sadrists")
        await pilot.press("slash", "z")  # the search is selected on focus: 'z' replaces it
        await settle(pilot)
        before = codex.current
        await pilot.press(*"zzz")
        await settle(pilot)
        assert codex.current is None and before is not None  # nothing matches: no stale entry (test_ui_polish)
        assert "Nothing matches." in str(listed.get_option_at_index(0).prompt)


@sync
async def test_codex_list_widens_on_a_wide_screen_and_the_screen_has_a_heading():
    """The list was 34 columns at any size ('Dynamic: the coalition's co…' at 120x40 beside a half-empty
    text): now two fifths of the width, at least 34 columns, and the text keeps 60 or more."""
    for size, width in (((80, 24), 34), ((100, 30), 40), ((120, 40), 48), ((200, 50), 56)):
        app = CeasefireApp(scenario="basra_2008", seed=2)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            codex = await open_by_key(pilot, "c", CodexScreen)
            left, text = codex.query_one("#codex-left"), codex.query_one("#codex-body-box")
            assert left.outer_size.width == width and left.region.y == text.region.y == 1
            assert text.outer_size.width >= 60 or size[0] == 80
            heading = codex.query_one("#codex-title")
            assert heading.region.y == 0 and heading.size.height == 1
            assert str(heading.render()).startswith("Codex · Ceasefire: Basra 2008 · ")
            listed = codex.query_one("#codex-list")
            titles = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
            assert "Dynamic: the coalition's contradiction" in titles
            fits = len("Dynamic: the coalition's contradiction") <= listed.scrollable_content_region.width
            assert fits is (size[0] >= 120)
            await pilot.press("slash", *"ending")
            await settle(pilot)
            assert f"5 of {len(codex.entries)} entries contain “ending”" in str(heading.render())


@sync
async def test_title_centres_the_logo_and_wraps_the_blurb_evenly(mini_path, tmp_path):
    """At 120x40 the logo sat at column 2 under a centred tagline and menu, and the blurb's second line
    was 'wings sit in it.' alone: the logo is centred, and the blurb's lines are of even length."""
    from textual.geometry import Region

    for size in ((80, 24), (120, 40), (160, 50), (60, 20)):
        app = CeasefireApp(scenario=mini_path, seed=1, saves_dir=str(tmp_path))
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, TitleScreen)
            logo = screen.query_one("#logo-small" if size[0] < 72 else "#logo")
            menu = screen.query_one("#menu")
            if size[0] >= 72:
                assert abs(logo.region.x * 2 + logo.region.width - size[0]) <= 1  # centred, as the menu is
            assert abs(menu.region.x * 2 + menu.region.width - size[0]) <= 1
            blurb = screen.query_one("#blurb")
            strips = blurb.render_lines(Region(0, 0, *blurb.outer_size))
            lines = [s.text.strip() for s in strips if s.text.strip()]
            from game.ui.screens.title import BLURB

            assert " ".join(lines) == BLURB
            assert len(lines) == {60: 3, 80: 2, 120: 2, 160: 1}[size[0]]
            assert min(map(len, lines)) >= max(map(len, lines)) * 0.75, lines
            assert abs(blurb.region.x * 2 + blurb.region.width - size[0]) <= 1


@sync
async def test_help_keys_stay_in_their_column_and_home_shows_the_title():
    """'Enter / Escape / Space' filled the key column and ran into its description ('Space continue'):
    every key now fits its column whole, every description starts two cells after it. Home jumps back to
    the title at once (Textual's one-second glide showed the lines under it)."""
    from textual.geometry import Region

    from game.ui.screens.help import KEYS

    for size in ((80, 24), (120, 40)):
        app = CeasefireApp(scenario="basra_2008", seed=1)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            help_screen = await open_by_key(pilot, "question_mark", HelpScreen)
            box, text = help_screen.query_one("#help-box"), help_screen.query_one("#help")
            lines = [s.text.rstrip() for s in text.render_lines(Region(0, 0, *text.outer_size))]
            report = lines.index("Report")
            assert lines[report + 1] == "  Enter/Esc/Space   continue"  # (the key had wrapped: 'Space' below)
            for _, keys in KEYS:  # each key row: the key alone in its column, its description at column 20
                for key, what in keys:
                    row = next(line for line in lines if line[20:].startswith(what.split()[0]) and line[2:].startswith(key.split()[0]))
                    assert row[18:20] == "  " and row[20] != " ", row
            await pilot.press("end")
            await settle(pilot)
            assert box.scroll_y == box.max_scroll_y > 0
            box.action_scroll_home()
            assert box.scroll_y == 0  # at once, not after a second's animation
            await pilot.press("end", "home")
            await settle(pilot)
            assert box.scroll_y == 0 and text.region.y == box.region.y
            assert lines[0] == "Ceasefire: how to play"


@sync
async def test_history_charts_span_their_own_values(mini_path):
    """Each chart spanned its number's whole range, so 45 → 55 drew as one unbroken row of the same
    block: now it runs from its lowest value (the lowest block) to its highest (the highest drawn), as the
    bracket beside it says, and only values that do not change draw flat."""
    from textual.widgets import Label

    from game.numbers import capital
    from game.ui.screens.history import RangeChart, chart, values_text
    from game.ui.text import as_written

    assert chart([45, 50, 55], 6) == "▁▁▄▄▇▇" and chart([30, 30], 4) == "▄▄▄▄"
    # a change of a point or two on a −100..100 stance is a small step (a tenth of the range spans the height)
    assert chart([0, -1], 4)[0] in "▄▅" and chart([0, -20], 4) == "▇▇▁▁"
    # whole numbers, as the panels write them (a fraction of a point draws flat beside them); capital to a tenth
    assert values_text([55, 55.3]) == "  55 →   55  (no change)" and chart([55, 55.3], 4) == "▄▄▄▄"
    assert values_text([10, 19, 12]) == "  10 →   12  (10 to 19)"
    assert values_text([12, 24.26, 19], capital) == "  12 →   19  (12 to 24.2)"
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(2):
            await answer_cards(pilot)
            await pilot.press("space")
            await end_turn(pilot)
            await pilot.press("enter")
            await settle(pilot)
        await answer_cards(pilot)
        history = await open_by_key(pilot, "h", HistoryScreen)
        rows = list(history.query(".history-row"))
        assert rows and str(history.query_one("#history-title").render()).startswith("History of turns 0–2")
        changed = 0
        for row in rows:
            graph = row.query_one(RangeChart)
            drawn = str(graph.render())
            values = str(row.query(Label).last().render())
            least, most = min(graph.values), max(graph.values)
            if values.endswith("(no change)"):  # never moved as written: first and last read the same
                first, last = values.split("(")[0].split("→")
                assert first.strip() == last.strip(), values
                low, high = least, most
            else:
                written = values.rsplit("(", 1)[1].rstrip(")").split(" to ")
                assert written[0] != written[1], values  # not '(65 to 65)'
                low, high = (float(x.replace("−", "-")) for x in written)
            assert abs(low - least) <= 0.5 and abs(high - most) <= 0.5, values  # the bracket: lowest to highest
            if most == least:
                assert set(drawn.rstrip()) == {"▄"}
            else:
                changed += 1
                drawn = drawn.rstrip()  # (the width's last columns, fewer than a turn's, stay blank)
                n, w = len(graph.values), len(drawn)
                column_values = [graph.values[c // (w // n)] for c in range(w)]  # each turn as wide as the others
                low_drawn = {b for b, v in zip(drawn, column_values) if v == least}
                high_drawn = {b for b, v in zip(drawn, column_values) if v == most}
                assert len(low_drawn) == len(high_drawn) == 1 and max(low_drawn) < min(high_drawn), (values, drawn)
                written = [as_written(v, graph.num) for v in graph.values]
                if max(written) - min(written) > 7:  # more than 7 points apart as written: the full height
                    assert low_drawn == {"▁"} and high_drawn == {"▇"}, (values, drawn)
        assert changed >= 3


@sync
async def test_each_orders_preview_opens_at_its_top():
    """The preview kept the scroll of the order read before, so the next order opened part-way down,
    its cost and first lines out of sight."""
    from textual.containers import VerticalScroll

    app = CeasefireApp(scenario="basra_2008", seed=7, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await answer_cards(pilot)
        box = screen.query_one("#order-preview-box", VerticalScroll)
        for _ in range(12):  # an order whose preview is longer than its box
            if box.max_scroll_y > 0:
                break
            await pilot.press("down")
            await settle(pilot)
        assert box.max_scroll_y > 0
        box.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        assert box.scroll_y > 0
        await pilot.press("down")
        await settle(pilot)
        assert box.scroll_y == 0


@sync
async def test_orders_planned_when_the_player_quits_are_still_planned_when_the_game_is_loaded(mini_path, tmp_path):
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        game, planned = await plan_one_order(pilot)
        turn = app.session.turn
        await pilot.press("ctrl+q")  # quit: the unfinished game is autosaved first
        await settle(pilot)
    saved = list(tmp_path.glob("autosave-*.json"))
    assert len(saved) == 1
    app2 = CeasefireApp(saves_dir=str(tmp_path), load=str(saved[0]))
    async with app2.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app2.session.turn == turn and isinstance(app2.screen, GameScreen)
        assert app2.screen.planned == planned
        assert "orders 1/" in str(app2.screen.query_one("#budget").render())


@sync
async def test_down_at_the_last_open_order_stays_there_and_never_wraps_to_drop_another(tmp_path):
    """With the turn's orders all planned, every other order is closed and skipped: Down on the last
    planned order wrapped to the first, and Space there dropped an order unseen (QA, stop 18)."""
    app = CeasefireApp(scenario="basra_2008", seed=5, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        s = app.session
        s.st.values[s.sc.capital_slot] = 40  # room for a full turn of orders
        game.build_orders()
        await settle(pilot)
        ol = game.query_one("#order-list")
        while len(game.planned) < s.sc.meta.max_orders_per_turn:
            await pilot.press("space", "down")
            await settle(pilot)
        planned = list(game.planned)
        await pilot.press("end")
        await settle(pilot)
        last = ol.highlighted
        for _ in range(3):
            await pilot.press("down")
            await settle(pilot)
        assert ol.highlighted == last  # not wrapped round to the first planned order
        first = next(i for i in range(ol.option_count) if not ol.get_option_at_index(i).disabled)
        await pilot.press("home")
        await settle(pilot)
        assert ol.highlighted == first
        await pilot.press("up")
        await settle(pilot)
        assert ol.highlighted == first  # nor from the first to the last
        assert game.planned == planned


@sync
async def test_the_no_orders_notice_on_the_last_turn_says_nothing_carries_over(mini_path):
    app = CeasefireApp(scenario=mini_path, seed=3, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.session
        while s.turn < s.sc.meta.turns:  # on through the engine to the last turn
            while s.card is not None:
                s.choose(s.open_options(s.card)[0].id)
            s.end_turn([])
        assert not s.ended
        game = await answer_cards(pilot)
        assert s.open_orders() and game.planned == []
        await pilot.press("e")
        await settle(pilot)
        notes = [n.message for n in app._notifications if "No orders planned" in n.message]
        assert notes and "the last turn: none carries over" in notes[0] and "carries over, up to" not in notes[0], notes


@sync
async def test_l_is_offered_only_on_a_card_with_codex_links(tmp_path):
    """'l Codex links' was in the key bar of every card; on one with no links ('Mortars on the palace') it opened
    an unrelated codex entry. Now the key bar offers it only where the card links entries, and only there it works."""
    app = CeasefireApp(scenario="basra_2008", seed=5, direct=True, saves_dir=str(tmp_path))
    met = {True: 0, False: 0}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        await past_briefing(pilot)
        first = True
        while isinstance(app.screen, EventCardScreen):
            card = app.screen
            linked = bool(card.card_links())
            met[linked] += 1
            assert ("Codex links" in card.query_one(KeyBar).render().plain) == linked, card.event_id
            await pilot.press("l")
            await settle(pilot)
            if linked:
                assert isinstance(app.screen, CodexScreen) and app.screen.current == card.card_links()[0]
                await pilot.press("escape")
                await settle(pilot)
            assert app.screen is card  # (no codex opened on a card without links)
            await pilot.press("2" if first else "1")  # 'Fly to Basra' brings 'Mortars on the palace', which links none
            await settle(pilot)
            first = False
    assert met[True] and met[False], met
