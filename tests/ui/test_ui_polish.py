"""Small interface fixes, each checked on the real app the way a player meets it."""

from __future__ import annotations

from textual.widgets import Input

from game.ui.app import CeasefireApp
from game.ui.screens.codex import CodexScreen

from .helpers import answer_cards, heartland_just_quiet, open_by_key, past_briefing, settle, sync


@sync
async def test_slash_in_the_codex_focuses_the_search_and_never_types_into_it(mini_path):
    """'/' goes to the search box; pressed again there it typed a '/' into the query (and the search
    then found nothing)."""
    app = CeasefireApp(scenario=mini_path, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        search = codex.query_one("#codex-search", Input)
        assert not search.has_focus
        await pilot.press("slash")
        await settle(pilot)
        assert search.has_focus and search.value == ""
        await pilot.press("r", "a", "i", "d")
        await settle(pilot)
        assert search.value == "raid"
        found = codex.current
        await pilot.press("slash")
        await settle(pilot)
        assert search.has_focus
        assert search.value == "raid"
        assert codex.current == found
        assert "/" not in str(codex.query_one("#codex-title").render())


def _luminance(color) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.triplet
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg, bg) -> float:
    """WCAG contrast ratio of two rich colours (1 to 21)."""
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


async def type_line(pilot, line: str) -> None:
    for ch in line:
        await pilot.press("space" if ch == " " else ch)
    await pilot.press("enter")
    await settle(pilot)


def drawn(widget, words: str) -> list:
    """The drawn segments (text, rich style) of the line of `widget` that shows `words`."""
    for y in range(widget.size.height):
        segments = [(s.text, s.style) for s in widget.render_line(y) if s.text.strip()]
        if words in "".join(text for text, _ in segments):
            return segments
    raise AssertionError(f"{words!r} is not drawn")


@sync
async def test_an_unavailable_options_reason_is_readable_and_still_greyed(mini_path, tmp_path):
    """The reason under a disabled card option was Textual's disabled grey dimmed again by the terminal
    (about 1.5:1 on the card): now it is drawn without dim at a contrast of at least 4.5:1 (WCAG AA), and
    still greyer than an option that can be chosen."""
    from game.ui.screens.card import EventCardScreen

    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, dev=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("colon")  # the developer console: an empty treasury, then a card that needs money
        await settle(pilot)
        await type_line(pilot, "set treasury 0")
        await type_line(pilot, "fire mini.first_week")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)
        options = app.screen.query_one("#card-options")
        assert options.get_option_at_index(0).disabled and not options.get_option_at_index(1).disabled
        options.highlighted = None  # both options drawn in their own colours, neither under the cursor
        await settle(pilot)
        reason = [style for text, style in drawn(options, "unavailable: Not enough money.")]
        label = [style for text, style in drawn(options, "Send reinforcements") if "Send" in text]
        usable = [style for text, style in drawn(options, "Pull back") if "Pull" in text]
        for style in reason + label:
            assert not style.dim
            assert contrast(style.color, style.bgcolor) >= 4.5
        assert contrast(reason[0].color, reason[0].bgcolor) < contrast(usable[0].color, usable[0].bgcolor)
        assert reason[0].italic


@sync
async def test_an_order_not_open_now_shows_a_readable_reason(mini_path, tmp_path):
    """The orders list greys orders that cannot be given the same way: the reason readable (4.5:1)."""
    from game.ui.screens.game import parse_order_id

    app = CeasefireApp(scenario=mini_path, seed=3, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        s = app.session
        s.st.values[s.sc.index["treasury"]] = 0  # 'Fund services' needs money
        game.build_orders()
        await settle(pilot)
        ol = game.query_one("#order-list")
        closed = [ol.get_option_at_index(i) for i in range(ol.option_count)]
        closed = [o for o in closed if o.id and o.id in game.closed]
        assert closed, "the test scenario has an order not open at this seed"
        aid, target = parse_order_id(closed[0].id)
        reason = s.order_availability(aid, target, game.spent()).reason
        ol.highlighted = None
        await settle(pilot)
        ol.scroll_to(y=ol._index_to_line[ol.get_option_index(closed[0].id)], animate=False, immediate=True)
        await settle(pilot)
        styles = [style for text, style in drawn(ol, reason[:20])]
        assert styles and all(not s.dim and contrast(s.color, s.bgcolor) >= 4.5 for s in styles)


def lines_of(widget) -> list[str]:
    """What `widget` shows, line by line."""
    return ["".join(s.text for s in widget.render_line(y)).rstrip() for y in range(widget.size.height)]


@sync
async def test_an_effect_from_an_actors_reaction_says_so_in_words(mini_path):
    """A preview ended effects with a bare '[Militia]' that no screen explained: it names whose reaction
    brings the effect about, in the aside that gives its chance, and still fits 80 columns."""
    from game.ui.screens.card import EventCardScreen

    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)
        preview = app.screen.query_one("#card-preview")
        shown = lines_of(preview)
        text = "\n".join(shown)
        assert "[Militia]" not in text
        assert any(ln.strip().startswith("• Militia stance") and ln.endswith("(Militia's reaction)") for ln in shown)
        assert all(len(ln) <= preview.size.width for ln in shown)
        # a reaction that may not come: one aside for both
        from rich.console import Console

        from game.ui.widgets import preview_text

        s = app.session
        console = Console(width=76, record=True, color_system=None)
        console.print(preview_text(s, s.preview_option("mini.envoy", "refuse")))
        assert "Patron patience ▼▼▼ −10  (Patron's reaction, 50% chance)" in console.export_text()


@sync
async def test_the_highlighted_order_shows_whole_at_the_foot_of_the_list(tmp_path):
    """The list's height changes after it scrolls to a newly highlighted order: here the preview's
    'more below' line, gone once the player has read the preview to its end, comes back for the next
    order. An order of two lines highlighted at the list's foot then lost its second line, '(North)',
    below the edge."""
    from textual.widgets import OptionList

    app = CeasefireApp(scenario="basra_2008", seed=1, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        ol = game.query_one("#order-list", OptionList)
        await pilot.press("down", "down", "down")  # the fourth order, 'Launch an Iraqi-led operation (Basra)'
        await settle(pilot)
        await pilot.press("tab", "end")  # read its preview to the end, as "↓ more below" invites
        await settle(pilot)
        assert str(game.query_one("#order-more").render()) == "↑ more above · shift+Tab: back"
        await pilot.press("shift+tab", "down")  # back to the list, and on to the next order
        await settle(pilot)
        assert ol.get_option_at_index(ol.highlighted).id == "offensive_us|north"
        assert game.query_one("#order-more").display  # its preview says "more below": the list is a line shorter
        shown = lines_of(ol)
        at = max(i for i, ln in enumerate(shown) if "Operation with US air support" in ln)
        assert at + 1 < len(shown) and "(North)" in shown[at + 1]
        line = ol._index_to_line[ol.highlighted]  # (OptionList's own map of options to lines)
        assert ol.scroll_y <= line and line + 2 <= ol.scroll_y + ol.scrollable_content_region.height


@sync
async def test_one_save_shows_one_toast_naming_where_it_went(mini_path, short_dir):
    """Saving (s, then Enter for the suggested name) says so once, with the file's name and folder. (F5 is not a
    save key in this game: it reloads the content in developer mode, with one toast of its own.)"""
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(short_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        app.clear_notifications()
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        toasts = list(app._notifications)
        saved = list(short_dir.glob("*.json"))
        assert len(saved) == 1 and len(toasts) == 1
        said = toasts[0].message.splitlines()  # the name on a line of its own, then its folder
        assert said[1] == saved[0].name and "".join(said[2:]) == f"in {short_dir}/", said
        await pilot.press("f5")  # not developer mode: nothing happens, no toast
        await settle(pilot)
        assert len(app._notifications) == 1


@sync
async def test_the_map_is_shown_whole_at_80x24_so_it_needs_no_focus():
    """The map panel only informs (no region to pick, nothing to scroll): at 80x24 every region and the
    legend are on screen, which is why Tab does not stop on it."""
    app = CeasefireApp(scenario="basra_2008", seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        panel = game.query_one("#map")
        shown = "\n".join(lines_of(panel))
        for rid in app.session.sc.regions:
            assert app.session.sc.regions[rid].short_name in shown
        assert "violence" in shown  # the legend, its last line
        assert panel.region.bottom <= game.query_one("#metrics").region.y  # not covered by the next panel
        assert not panel.can_focus


@sync
async def test_a_codex_search_that_matches_nothing_says_so_and_clearing_it_brings_the_list_back():
    """A search matching nothing kept showing the entry of the last search that did ('raid' then 'raidz':
    the raid's entry stayed, as if it matched), and its link numbers still followed links."""
    app = CeasefireApp(scenario="basra_2008", seed=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        body, listed = codex.query_one("#codex-body"), codex.query_one("#codex-list")
        before = codex.current
        read = str(body.render()).splitlines()[0]
        await pilot.press("slash", *"sadr")
        await settle(pilot)
        matched = codex.current
        assert matched is not None and codex.targets
        title = str(body.render()).splitlines()[0]
        await pilot.press(*"xq")
        await settle(pilot)
        text = str(body.render())
        assert "No entry matches “sadrxq”" in text and title not in text
        assert codex.current is None and codex.targets == []
        assert "0 of" in str(codex.query_one("#codex-title").render())
        await pilot.press("enter", "1")  # to the list; a link number follows nothing now
        await settle(pilot)
        assert codex.current is None
        await pilot.press("slash", "ctrl+u")  # the search cleared: the whole list, and the entry read before it
        await settle(pilot)
        assert codex.query_one("#codex-search", Input).value == ""
        assert listed.option_count > 20
        assert before != matched and codex.current == before and str(body.render()).splitlines()[0] == read
        assert listed.get_option_at_index(listed.highlighted).id == before


@sync
async def test_an_order_not_open_now_can_be_highlighted_to_read_why_and_its_preview_but_not_given(tmp_path):
    """The orders not open now were disabled options: the arrows skipped them, so their preview (and the
    whole of why they are closed: the condition, the capital) could not be read. Now the highlight goes onto
    them; Space there plans nothing and says why."""
    from textual.widgets import OptionList

    app = CeasefireApp(scenario="basra_short", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        ol = game.query_one("#order-list", OptionList)
        for _ in range(4):  # spend the capital: the orders it no longer pays for close
            if len(game.closed) > 3:
                break
            await pilot.press("space", "down")
            await settle(pilot)
        assert game.closed, "no order is closed"
        planned = list(app.planned_orders())
        ids = [ol.get_option_at_index(i).id for i in range(ol.option_count)]
        target = next(i for i, oid in enumerate(ids) if oid in game.closed)
        for _ in range(ol.option_count):
            if ol.highlighted == target:
                break
            await pilot.press("down" if ol.highlighted < target else "up")
            await settle(pilot, 1)
        assert ol.highlighted == target, "the arrows never reach the closed order"
        preview = " ".join(" ".join(lines_of(game.query_one("#order-preview"))).split())
        why = game.closed[ids[target]]
        assert preview.startswith("Not open now: " + why), preview
        assert "Cost " in preview and "If it were open" in preview
        await pilot.press("space")
        await settle(pilot)
        assert app.planned_orders() == planned  # nothing planned, nothing dropped
        assert ol.highlighted == target
        assert any("cannot be ordered now" in n.message for n in app._notifications)


@sync
async def test_c_closes_the_codex_as_it_opened_it_and_the_footer_no_longer_offers_it_there(mini_path):
    """On the codex the footer offered 'c Codex', which did nothing there; now c closes it (as ? closes the
    help), and typed into the search box it is a letter."""
    from game.ui.screens.title import TitleScreen
    from game.ui.widgets import KeyBar

    app = CeasefireApp(scenario=mini_path, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        footer = str(codex.query_one(KeyBar).render())
        assert "c Codex" not in footer and "esc Back" in footer, footer
        await pilot.press("slash", "c")
        await settle(pilot)
        assert app.screen is codex and codex.query_one("#codex-search", Input).value == "c"
        await pilot.press("tab", "c")  # from the search to the text: there c closes the codex
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)


@sync
async def test_a_closed_orders_preview_names_its_unmet_condition_too_when_the_capital_is_what_closes_it(tmp_path):
    """With the capital spent every closed order read 'costs 6 capital; 1 left', its own condition unseen
    (the engine gives the first reason only): the preview now adds what else it needs, with the number
    shown whole on the wrong side of its threshold, as the list does."""
    from textual.widgets import OptionList

    app = CeasefireApp(scenario="basra_2008", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(100, 40)) as pilot:
        game = await heartland_just_quiet(pilot, capital=1.0)
        ol = game.query_one("#order-list", OptionList)
        preview = game.query_one("#order-preview")
        met = 0
        for i in range(ol.option_count):
            oid = ol.get_option_at_index(i).id
            if not oid or not oid.endswith("|heartland") or not game.closed[oid].startswith("costs "):
                continue
            ol.highlighted = i
            await settle(pilot)
            text = " ".join(" ".join(lines_of(preview)).split())
            also = game.also_needs(*oid.split("|"), game.closed[oid])
            if also:
                assert f"It also needs: {also}" in text and "(Shiite heartland violence is 14.6)" in text, text
                met += 1
            else:
                assert "It also needs" not in text
        assert met >= 1


@sync
async def test_the_new_game_footer_says_what_enter_and_escape_do_while_the_scenario_list_is_open(tmp_path):
    """With the scenario list open the bar said '⏎ Start … esc Back esc Dismiss menu': Enter picks a scenario
    there and Escape closes the list. It now gives the list's own keys, and the dialog's once it is closed."""
    from textual.widgets import Select

    from game.ui.screens.title import NewGameScreen
    from game.ui.widgets import KeyBar

    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        dialog = await open_by_key(pilot, "n", NewGameScreen)
        bar = dialog.query_one(KeyBar)
        assert "⏎ Start" in str(bar.render()) and "esc Back" in str(bar.render())
        await pilot.press("tab", "enter")  # to the scenario list, and open it
        await settle(pilot)
        assert dialog.query_one("#scenario", Select).expanded
        shown = str(bar.render())
        assert "esc Dismiss menu" in shown and "esc Back" not in shown and "⏎ Start" not in shown, shown
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog and not dialog.query_one("#scenario", Select).expanded
        shown = str(bar.render())
        # the list closed but focused: Enter opens it again, and the bar says so (test_first_player)
        assert "⏎ Open list" in shown and "esc Back" in shown and "Dismiss" not in shown, shown


@sync
async def test_each_dialog_has_its_own_footer_not_the_keys_of_the_screen_below(tmp_path):
    """Under the save, load, replace and console dialogs the footer of the screen below showed through
    ('n New game r Continue…' under Load, 'e End turn…' under Save): keys that do nothing there. Each
    dialog now has its own: what Enter and Escape do in it."""
    from game.ui.screens.console import ConsoleScreen
    from game.ui.screens.dialogs import ConfirmDialog, LoadScreen, MessageDialog, SaveNameDialog
    from game.ui.widgets import KeyBar

    def bar(app) -> str:
        return str(app.screen.query_one(KeyBar).render())

    app = CeasefireApp(scenario="basra_short", seed=3, saves_dir=str(tmp_path), direct=True, dev=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await open_by_key(pilot, "s", SaveNameDialog)
        assert bar(app).split() == ["⏎", "Save", "esc", "Cancel"], bar(app)
        await pilot.press("enter")
        await settle(pilot)
        await open_by_key(pilot, "s", SaveNameDialog)
        await pilot.press("enter")  # the same name again: replace it?
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "⏎ Choose" in bar(app) and "esc Cancel" in bar(app) and "End turn" not in bar(app), bar(app)
        await pilot.press("escape")
        await settle(pilot)
        await open_by_key(pilot, "colon", ConsoleScreen)
        assert bar(app).strip() == "esc Close"
        await pilot.press("escape", "escape")  # the console, then the game: to the title
        await settle(pilot)
        await pilot.pause(0.3)
        load = await open_by_key(pilot, "l", LoadScreen)
        assert "⏎ Load" in bar(app) and "esc Back" in bar(app) and "New game" not in bar(app), bar(app)
        await pilot.press("down", "up")
        highlighted = load.query_one("#saves").highlighted
        assert highlighted is not None
        app.show_message("A title", "A message")
        await settle(pilot)
        assert isinstance(app.screen, MessageDialog) and bar(app).strip() == "esc Close"


@sync
async def test_with_the_orders_a_turn_all_planned_every_other_order_says_that_is_why_it_is_closed(tmp_path):
    """With four orders planned and 1 capital left, an order the capital would not cover read 'costs 6
    capital; 1 left' while one within it read 'at most 4 orders a turn': the reason that closes them all
    is the orders a turn, and the preview still gives the cost, what is left, and any unmet condition."""
    from textual.widgets import OptionList

    app = CeasefireApp(scenario="basra_2008", seed=1, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(100, 40)) as pilot:
        game = await answer_cards(pilot)
        sc, st = app.session.sc, app.session.st
        cap = sc.meta.max_orders_per_turn
        ol = game.query_one("#order-list", OptionList)
        ol.focus()
        cheap = sorted((sc.actions[aid].model.cost, i) for i in range(ol.option_count)
                       if (oid := ol.get_option_at_index(i).id) and oid not in game.closed
                       for aid in [oid.split("|")[0]])
        st.values[sc.capital_slot] = 1.0 + sum(c for c, _ in cheap[:cap])  # the cheapest orders, and 1 left
        game.refresh_all()
        await settle(pilot)
        for _, i in cheap[:cap]:
            ol.highlighted = i
            await pilot.press("space")
            await settle(pilot)
        assert len(game.planned) == cap
        reasons = {oid: why for oid, why in game.closed.items()}
        dear = [oid for oid in reasons if sc.actions[oid.split("|")[0]].model.cost > 1]
        assert dear and all(reasons[oid] == f"at most {cap} orders a turn" for oid in reasons), reasons
        ol.highlighted = next(i for i in range(ol.option_count) if ol.get_option_at_index(i).id == dear[0])
        await settle(pilot)
        text = " ".join(" ".join(lines_of(game.query_one("#order-preview"))).split())
        cost = sc.actions[dear[0].split("|")[0]].model.cost
        assert f"Not open now: at most {cap} orders a turn" in text and f"Cost {cost} capital (1 left)" in text, text
